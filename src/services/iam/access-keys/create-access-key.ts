import { AwsError } from '../../../errors/aws-error.js';
import { isoSeconds } from '../../../kernel/iso-time.js';
import { QUOTAS } from '../../../model/rules.js';
import { newId, newSecretAccessKey } from '../../../model/unique-ids.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { userResource } from '../shared/resources.js';
import { keyOwner } from './key-owner.js';
import { accessKeyOutput } from '../shared/output-shapes.js';

/**
 * A new Active key. The secret is sealed at rest (bound to the key id) and shown only in this
 * reply. Inactive keys count toward the quota of 2, as on AWS. Count and insert share a
 * transaction so two concurrent calls cannot both take the last slot.
 */
export const createAccessKey = defineOperation({
  name: 'CreateAccessKey',
  action: 'iam:CreateAccessKey',
  readOnly: false,
  input: shape.struct({ UserName: member.optionalEntityName(128) }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: shape.struct({ AccessKey: accessKeyOutput }),
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    const accessKeyId = newId('AKIA', accountId, ctx.random);
    const secret = newSecretAccessKey(ctx.random);
    const key = await ctx.store.transaction(async (tx) => {
      const owner = await keyOwner(ctx, tx, input.UserName);
      if ((await tx.accessKeys.listForOwner(accountId, owner)).length >= QUOTAS.AccessKeysPerUserQuota) {
        throw new AwsError('LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${QUOTAS.AccessKeysPerUserQuota}`);
      }
      const created = {
        accessKeyId,
        accountId,
        userName: owner,
        status: 'Active' as const,
        secretSealed: ctx.secrets.seal(secret, accessKeyId),
        createDate: ctx.now,
      };
      await tx.accessKeys.create(created);
      return created;
    });
    return {
      AccessKey: {
        UserName: key.userName ?? undefined,
        AccessKeyId: key.accessKeyId,
        Status: key.status,
        SecretAccessKey: secret,
        CreateDate: isoSeconds(key.createDate),
      },
    };
  },
});
