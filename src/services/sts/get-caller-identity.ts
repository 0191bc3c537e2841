import { shape } from '../../model/shapes.js';
import { defineOperation } from '../operation.js';

/** Always allowed, even with an explicit deny (AWS: no permission is required). */
export const getCallerIdentity = defineOperation({
  name: 'GetCallerIdentity',
  action: 'sts:GetCallerIdentity',
  readOnly: true,
  authorization: 'none',
  output: shape.struct({ UserId: shape.string(), Account: shape.string(), Arn: shape.string() }),
  input: shape.struct({}),
  async handler(_input, ctx) {
    return { UserId: ctx.caller.userId, Account: ctx.caller.accountId, Arn: ctx.caller.arn };
  },
});
