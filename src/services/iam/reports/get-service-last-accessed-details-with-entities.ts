import { isoSeconds } from '../../../kernel/iso-time.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { paging } from '../shared/members.js';
import { pageOutput } from '../shared/output-shapes.js';
import { paginateArray } from '../shared/pagination.js';
import { noSuchJob } from './advisor-errors.js';
import { serviceLastAccessedJobs } from './advisor-job.js';
import { advisorMember } from './advisor-members.js';
import { errorDetailsOutput } from './advisor-output.js';

const text = shape.string();
const entityInfoOutput = shape.struct({ Arn: text, Name: text, Type: text, Id: text, Path: text });

/**
 * The users and roles of a report that could use the service: newest access first, then those
 * that never used it (in name order). A namespace the report does not list (the policies allow
 * no action of it) has no entities (docs/iam/reports.md).
 */
export const getServiceLastAccessedDetailsWithEntities = defineOperation({
  name: 'GetServiceLastAccessedDetailsWithEntities',
  action: 'iam:GetServiceLastAccessedDetailsWithEntities',
  readOnly: true,
  input: shape.struct({ JobId: advisorMember.jobId(), ServiceNamespace: advisorMember.serviceNamespace(), ...paging }),
  authorization: { resource: () => '*' },
  output: shape.struct({
    JobStatus: text,
    JobCreationDate: text,
    JobCompletionDate: text,
    EntityDetailsList: shape.list(shape.struct({ EntityInfo: entityInfoOutput, LastAuthenticated: text })),
    ...pageOutput,
    Error: errorDetailsOutput,
  }),
  async handler(input, ctx) {
    const job = await serviceLastAccessedJobs.get(ctx.store, ctx.caller.accountId, input.JobId);
    if (!job) throw noSuchJob(input.JobId);
    const namespace = input.ServiceNamespace.toLowerCase();
    const listed = job.value.services.some((s) => s.namespace === namespace);
    const entities = listed ? [...job.value.entities] : [];
    const last = (e: (typeof entities)[number]) => e.lastByService[namespace] ?? -1;
    entities.sort((a, b) => last(b) - last(a) || a.name.localeCompare(b.name));
    const page = paginateArray(entities, input);
    return {
      JobStatus: 'COMPLETED',
      JobCreationDate: isoSeconds(job.value.creationDate),
      JobCompletionDate: isoSeconds(job.value.completionDate),
      EntityDetailsList: page.items.map((e) => ({
        EntityInfo: { Arn: e.arn, Name: e.name, Type: e.type, Id: e.id, Path: e.path },
        LastAuthenticated: last(e) >= 0 ? isoSeconds(last(e)) : undefined,
      })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
