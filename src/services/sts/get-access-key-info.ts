import { AwsError } from '../../errors/aws-error.js';
import { accountOfId } from '../../model/unique-ids.js';
import { shape } from '../../model/shapes.js';
import { defineOperation } from '../operation.js';

/**
 * STS GetAccessKeyInfo (reference §2.3.11): the account that owns an access key id, computed from
 * the id itself, so it answers alike for active, inactive, deleted and temporary keys and reveals
 * nothing about their state. Needs sts:GetAccessKeyInfo. Long-term keys keysmith stores under an
 * id that does not encode an account (an operator-chosen admin key) are answered from the store.
 */
export const getAccessKeyInfo = defineOperation({
  name: 'GetAccessKeyInfo',
  action: 'sts:GetAccessKeyInfo',
  readOnly: true,
  input: shape.struct({
    AccessKeyId: shape.string({ required: true, min: 16, max: 128, pattern: /^\w*$/, patternText: '[\\w]*' }),
  }),
  authorization: { resource: () => '*' },
  output: shape.struct({ Account: shape.string() }),
  async handler(input, ctx) {
    const stored = await ctx.store.accessKeys.get(input.AccessKeyId);
    const account = stored?.accountId ?? accountOfId(input.AccessKeyId);
    if (account === undefined) throw new AwsError('InvalidParameterValue', `The access key ID ${input.AccessKeyId} is not valid.`);
    return { Account: account };
  },
});
