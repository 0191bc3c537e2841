import { AwsError } from '../../../errors/aws-error.js';
import { isoSeconds } from '../../../kernel/iso-time.js';
import { rootArn } from '../../../model/arns.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation, type OperationContext } from '../../operation.js';
import { accessKeyIdMember } from './access-key-id.js';
import { userResource } from '../shared/resources.js';
import { accessKeyLastUsedOutput } from '../shared/output-shapes.js';

/** The key's owner ARN, or undefined when the key is not one of this account's. */
async function ownerArn(ctx: OperationContext, accessKeyId: string): Promise<string | undefined> {
  const key = await ctx.store.accessKeys.get(accessKeyId);
  if (!key || key.accountId !== ctx.caller.accountId) return undefined;
  return key.userName === null ? rootArn(key.accountId) : userResource(ctx, key.userName);
}

/**
 * Never-used keys answer "N/A" for region and service (reference §4.5). A key that does not exist
 * (or belongs to another account) is not NoSuchEntity but AWS's AccessDenied, worded without the
 * colon after "perform".
 */
export const getAccessKeyLastUsed = defineOperation({
  name: 'GetAccessKeyLastUsed',
  action: 'iam:GetAccessKeyLastUsed',
  readOnly: true,
  input: shape.struct({ AccessKeyId: accessKeyIdMember() }),
  authorization: { resource: async (input, ctx) => (await ownerArn(ctx, input.AccessKeyId)) ?? '*' },
  output: shape.struct({ UserName: shape.string(), AccessKeyLastUsed: accessKeyLastUsedOutput }),
  async handler(input, ctx) {
    const key = await ctx.store.accessKeys.get(input.AccessKeyId);
    if (!key || key.accountId !== ctx.caller.accountId) {
      throw new AwsError(
        'AccessDenied',
        `User: ${ctx.caller.arn} is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key ${input.AccessKeyId}`,
      );
    }
    return {
      UserName: key.userName ?? undefined,
      AccessKeyLastUsed: {
        LastUsedDate: key.lastUsedDate === undefined ? undefined : isoSeconds(key.lastUsedDate),
        ServiceName: key.lastUsedService ?? 'N/A',
        Region: key.lastUsedRegion ?? 'N/A',
      },
    };
  },
});
