import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { randomUuid } from '../account-settings/settings-records.js';
import { organizationsAccessReports } from './access-report-record.js';

/**
 * Starts a service-last-accessed job for an Organizations entity (the model lists no error but
 * the concurrency limit): the entity path and policy id are checked against the model's
 * patterns, the job is recorded, and GetOrganizationsAccessReport reports it FAILED, as the job
 * of an account outside any organization ends (docs/iam/settings-organizations-delegation.md).
 */
export const generateOrganizationsAccessReport = defineOperation({
  name: 'GenerateOrganizationsAccessReport',
  action: 'iam:GenerateOrganizationsAccessReport',
  readOnly: true,
  // The job is state of the account's own, not IAM policy or identity state.
  mutatesIam: false,
  input: shape.struct({
    EntityPath: shape.string({
      required: true,
      min: 19,
      max: 427,
      pattern: /^o-[0-9a-z]{10,32}\/r-[0-9a-z]{4,32}[0-9a-z-/]*/,
      patternText: '^o-[0-9a-z]{10,32}\\/r-[0-9a-z]{4,32}[0-9a-z-\\/]*',
    }),
    OrganizationsPolicyId: shape.string({ pattern: /^p-[0-9a-zA-Z_]{8,128}$/, patternText: '^p-[0-9a-zA-Z_]{8,128}$' }),
  }),
  authorization: { resource: (input, ctx) => `arn:aws:iam::${ctx.caller.accountId}:access-report/${input.EntityPath}` },
  output: shape.struct({ JobId: shape.string() }),
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    const jobId = randomUuid(ctx.random);
    await organizationsAccessReports.create(ctx.store, {
      accountId,
      name: jobId,
      path: '/',
      ownerId: accountId,
      createDate: ctx.now,
      value: {
        entityPath: input.EntityPath,
        ...(input.OrganizationsPolicyId !== undefined ? { organizationsPolicyId: input.OrganizationsPolicyId } : {}),
      },
    });
    return { JobId: jobId };
  },
});
