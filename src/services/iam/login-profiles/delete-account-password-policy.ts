import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { PASSWORD_POLICY_NAME, passwordPolicies } from './password-policy-record.js';

/** Back to AWS's default password rules (password-rules.ts); the same NoSuchEntity text as Get when there is none. */
export const deleteAccountPasswordPolicy = defineOperation({
  name: 'DeleteAccountPasswordPolicy',
  action: 'iam:DeleteAccountPasswordPolicy',
  readOnly: false,
  input: shape.struct({}),
  authorization: { resource: () => '*' },
  output: 'none',
  async handler(_input, ctx) {
    const accountId = ctx.caller.accountId;
    if (!(await passwordPolicies.delete(ctx.store, accountId, PASSWORD_POLICY_NAME))) {
      throw new AwsError('NoSuchEntity', `The Password Policy with domain name ${accountId} cannot be found.`);
    }
    return undefined;
  },
});
