import { AwsError } from '../../../errors/aws-error.js';
import { iamArn } from '../../../model/arns.js';
import { QUOTAS } from '../../../model/rules.js';
import { newId } from '../../../model/unique-ids.js';
import { shape } from '../../../model/shapes.js';
import { DuplicateError } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { instanceProfileOutput } from '../shared/role-policy-output-shapes.js';
import { checkNoDuplicates } from '../shared/tags.js';
import { instanceProfiles, type InstanceProfileRecord } from './instance-profile-record.js';
import { instanceProfileView } from './instance-profile-view.js';

/** Names are unique per account ignoring case (the store's DuplicateError); the quota is per account. */
export const createInstanceProfile = defineOperation({
  name: 'CreateInstanceProfile',
  action: 'iam:CreateInstanceProfile',
  readOnly: false,
  input: shape.struct({ InstanceProfileName: member.entityName(128), Path: member.path(), Tags: member.tags() }),
  authorization: {
    resource: (input, ctx) => iamArn(ctx.caller.accountId, 'instance-profile', input.Path ?? '/', input.InstanceProfileName),
  },
  output: shape.struct({ InstanceProfile: instanceProfileOutput }),
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    const tags = (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value }));
    checkNoDuplicates(tags, 'sensitive');
    const record: InstanceProfileRecord = {
      accountId,
      name: input.InstanceProfileName,
      path: input.Path ?? '/',
      createDate: ctx.now,
      value: { instanceProfileId: newId('AIPA', accountId, ctx.random), tags },
    };
    try {
      await ctx.store.transaction(async (tx) => {
        if ((await instanceProfiles.count(tx, accountId)) >= QUOTAS.InstanceProfilesQuota) {
          throw new AwsError('LimitExceeded', `Cannot exceed quota for InstanceProfilesPerAccount: ${QUOTAS.InstanceProfilesQuota}`);
        }
        await instanceProfiles.create(tx, record);
      });
    } catch (e) {
      if (e instanceof DuplicateError)
        throw new AwsError('EntityAlreadyExists', `Instance Profile ${input.InstanceProfileName} already exists.`);
      throw e;
    }
    return { InstanceProfile: instanceProfileView(record, undefined, { withTags: true }) };
  },
});
