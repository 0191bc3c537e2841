import { AwsError } from '../../../errors/aws-error.js';
import { isoSeconds } from '../../../kernel/iso-time.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { organizationsAccessReports } from './access-report-record.js';

const text = shape.string();

/**
 * A job of GenerateOrganizationsAccessReport: FAILED, with the error Organizations gives an
 * account that belongs to no organization (AWSOrganizationsNotInUseException, "Your account is
 * not a member of an organization."). Another account's job, or an unknown id: NoSuchEntity.
 */
export const getOrganizationsAccessReport = defineOperation({
  name: 'GetOrganizationsAccessReport',
  action: 'iam:GetOrganizationsAccessReport',
  readOnly: true,
  input: shape.struct({
    JobId: shape.string({ required: true, min: 36, max: 36 }),
    MaxItems: member.maxItems(),
    Marker: member.marker(),
    SortKey: shape.string({
      enum: [
        'SERVICE_NAMESPACE_ASCENDING',
        'SERVICE_NAMESPACE_DESCENDING',
        'LAST_AUTHENTICATED_TIME_ASCENDING',
        'LAST_AUTHENTICATED_TIME_DESCENDING',
      ],
    }),
  }),
  authorization: { resource: () => '*' },
  output: shape.struct({
    JobStatus: text,
    JobCreationDate: text,
    JobCompletionDate: text,
    NumberOfServicesAccessible: shape.integer(),
    NumberOfServicesNotAccessed: shape.integer(),
    AccessDetails: shape.list(
      shape.struct({
        ServiceName: text,
        ServiceNamespace: text,
        Region: text,
        EntityPath: text,
        LastAuthenticatedTime: text,
        TotalAuthenticatedEntities: shape.integer(),
      }),
    ),
    IsTruncated: shape.boolean(),
    Marker: text,
    ErrorDetails: shape.struct({ Message: text, Code: text }),
  }),
  async handler(input, ctx) {
    const job = await organizationsAccessReports.get(ctx.store, ctx.caller.accountId, input.JobId);
    if (!job) throw new AwsError('NoSuchEntity', `The job with ID ${input.JobId} cannot be found.`);
    return {
      JobStatus: 'FAILED',
      JobCreationDate: isoSeconds(job.createDate),
      JobCompletionDate: isoSeconds(job.createDate),
      IsTruncated: false,
      ErrorDetails: { Message: 'Your account is not a member of an organization.', Code: 'AWSOrganizationsNotInUseException' },
    };
  },
});
