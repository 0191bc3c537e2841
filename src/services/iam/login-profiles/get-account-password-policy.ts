import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { accountPasswordPolicy } from './password-policy-record.js';
import { authorizeSelfService } from './self-service.js';

const flag = shape.boolean();

/**
 * The policy as AWS shows it: ExpirePasswords derived from MaxPasswordAge; the members
 * UpdateAccountPasswordPolicy left out (MaxPasswordAge, PasswordReusePrevention, HardExpiry)
 * absent. Authorized here: AllowUsersToChangePassword grants it to every IAM user.
 */
export const getAccountPasswordPolicy = defineOperation({
  name: 'GetAccountPasswordPolicy',
  action: 'iam:GetAccountPasswordPolicy',
  readOnly: true,
  input: shape.struct({}),
  authorization: 'self',
  output: shape.struct({
    PasswordPolicy: shape.struct({
      MinimumPasswordLength: shape.integer(),
      RequireSymbols: flag,
      RequireNumbers: flag,
      RequireUppercaseCharacters: flag,
      RequireLowercaseCharacters: flag,
      AllowUsersToChangePassword: flag,
      ExpirePasswords: flag,
      MaxPasswordAge: shape.integer(),
      PasswordReusePrevention: shape.integer(),
      HardExpiry: flag,
    }),
  }),
  async handler(_input, ctx) {
    await authorizeSelfService(ctx, 'iam:GetAccountPasswordPolicy', '*');
    const accountId = ctx.caller.accountId;
    const p = await accountPasswordPolicy(ctx.store, accountId);
    if (!p) throw new AwsError('NoSuchEntity', `The Password Policy with domain name ${accountId} cannot be found.`);
    return {
      PasswordPolicy: {
        MinimumPasswordLength: p.minimumPasswordLength,
        RequireSymbols: p.requireSymbols,
        RequireNumbers: p.requireNumbers,
        RequireUppercaseCharacters: p.requireUppercaseCharacters,
        RequireLowercaseCharacters: p.requireLowercaseCharacters,
        AllowUsersToChangePassword: p.allowUsersToChangePassword,
        ExpirePasswords: (p.maxPasswordAge ?? 0) > 0,
        MaxPasswordAge: p.maxPasswordAge,
        PasswordReusePrevention: p.passwordReusePrevention,
        HardExpiry: p.hardExpiry,
      },
    };
  },
});
