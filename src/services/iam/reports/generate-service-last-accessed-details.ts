import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { accessHistory } from './access-history.js';
import { entitiesOf, policiesOf, resolveSubject } from './advisor-entities.js';
import { buildReport, serviceLastAccessedJobs } from './advisor-job.js';
import { advisorMember } from './advisor-members.js';
import { newJobId } from './job-id.js';

/**
 * Starts a service-last-accessed report for a user, group, role or managed policy. keysmith builds
 * it at once (the job is COMPLETED when Get first sees it) from the entity's permissions policies
 * and its own audit log; the requested resource is what is authorized.
 */
export const generateServiceLastAccessedDetails = defineOperation({
  name: 'GenerateServiceLastAccessedDetails',
  action: 'iam:GenerateServiceLastAccessedDetails',
  readOnly: false,
  mutatesIam: false,
  input: shape.struct({ Arn: member.arn(), Granularity: advisorMember.granularity() }),
  authorization: { resource: (input) => input.Arn },
  output: shape.struct({ JobId: shape.string() }),
  async handler(input, ctx) {
    const subject = await resolveSubject(ctx, input.Arn, true);
    const accountId = ctx.caller.accountId;
    const entities = await entitiesOf(ctx.store, accountId, subject);
    const history = await accessHistory(ctx.store, accountId, new Set(entities.map((e) => e.arn)), ctx.now);
    const granularity = input.Granularity === 'ACTION_LEVEL' ? 'ACTION_LEVEL' : 'SERVICE_LEVEL';
    const report = buildReport(await policiesOf(ctx.store, subject), entities, history, granularity);
    const jobId = newJobId(ctx.random);
    await serviceLastAccessedJobs.create(ctx.store, {
      accountId,
      name: jobId,
      path: '/',
      createDate: ctx.now,
      value: { arn: input.Arn, granularity, creationDate: ctx.now, completionDate: ctx.now, ...report },
    });
    return { JobId: jobId };
  },
});
