import { isoSeconds } from '../../../kernel/iso-time.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { paging } from '../shared/members.js';
import { pageOutput } from '../shared/output-shapes.js';
import { paginateArray } from '../shared/pagination.js';
import { noSuchJob } from './advisor-errors.js';
import { serviceLastAccessedJobs } from './advisor-job.js';
import { advisorMember } from './advisor-members.js';
import { errorDetailsOutput, serviceLastAccessedOutput, serviceView } from './advisor-output.js';

/** A report's services, sorted by namespace (AWS's default order), Marker/MaxItems paged. */
export const getServiceLastAccessedDetails = defineOperation({
  name: 'GetServiceLastAccessedDetails',
  action: 'iam:GetServiceLastAccessedDetails',
  readOnly: true,
  input: shape.struct({ JobId: advisorMember.jobId(), ...paging }),
  authorization: { resource: () => '*' },
  output: shape.struct({
    JobStatus: shape.string(),
    JobType: shape.string(),
    JobCreationDate: shape.string(),
    ServicesLastAccessed: shape.list(serviceLastAccessedOutput),
    JobCompletionDate: shape.string(),
    ...pageOutput,
    Error: errorDetailsOutput,
  }),
  async handler(input, ctx) {
    const job = await serviceLastAccessedJobs.get(ctx.store, ctx.caller.accountId, input.JobId);
    if (!job) throw noSuchJob(input.JobId);
    const page = paginateArray(job.value.services, input);
    return {
      JobStatus: 'COMPLETED',
      JobType: job.value.granularity,
      JobCreationDate: isoSeconds(job.value.creationDate),
      ServicesLastAccessed: page.items.map(serviceView),
      JobCompletionDate: isoSeconds(job.value.completionDate),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
