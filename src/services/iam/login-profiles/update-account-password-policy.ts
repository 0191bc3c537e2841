import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { PASSWORD_POLICY_NAME, passwordPolicies, type PasswordPolicyValue } from './password-policy-record.js';

/**
 * Replaces the whole policy (AWS: no partial updates; an omitted member reverts to its default).
 * The defaults are the API's (MinimumPasswordLength 6, every requirement off, no expiry, no
 * reuse prevention), not the console's "IAM default" of 8.
 */
export const updateAccountPasswordPolicy = defineOperation({
  name: 'UpdateAccountPasswordPolicy',
  action: 'iam:UpdateAccountPasswordPolicy',
  readOnly: false,
  input: shape.struct({
    MinimumPasswordLength: shape.integer({ min: 6, max: 128 }),
    RequireSymbols: shape.boolean(),
    RequireNumbers: shape.boolean(),
    RequireUppercaseCharacters: shape.boolean(),
    RequireLowercaseCharacters: shape.boolean(),
    AllowUsersToChangePassword: shape.boolean(),
    MaxPasswordAge: shape.integer({ min: 1, max: 1095 }),
    PasswordReusePrevention: shape.integer({ min: 1, max: 24 }),
    HardExpiry: shape.boolean(),
  }),
  authorization: { resource: () => '*' },
  output: 'none',
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    const value: PasswordPolicyValue = {
      minimumPasswordLength: input.MinimumPasswordLength ?? 6,
      requireSymbols: input.RequireSymbols ?? false,
      requireNumbers: input.RequireNumbers ?? false,
      requireUppercaseCharacters: input.RequireUppercaseCharacters ?? false,
      requireLowercaseCharacters: input.RequireLowercaseCharacters ?? false,
      allowUsersToChangePassword: input.AllowUsersToChangePassword ?? false,
    };
    if (input.MaxPasswordAge !== undefined) value.maxPasswordAge = input.MaxPasswordAge;
    if (input.PasswordReusePrevention !== undefined) value.passwordReusePrevention = input.PasswordReusePrevention;
    if (input.HardExpiry !== undefined) value.hardExpiry = input.HardExpiry;
    const record = { accountId, name: PASSWORD_POLICY_NAME, path: '/', ownerId: accountId, createDate: ctx.now, value };
    await ctx.store.transaction(async (tx) => {
      if (!(await passwordPolicies.update(tx, record))) await passwordPolicies.create(tx, record);
    });
    return undefined;
  },
});
