import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { accountAliases, ALIAS_NAMESPACE } from './account-alias-record.js';
import { accountAliasMember } from './alias-member.js';

/** Deletes the account's alias by its name: another account's alias is as unknown as a free one. */
export const deleteAccountAlias = defineOperation({
  name: 'DeleteAccountAlias',
  action: 'iam:DeleteAccountAlias',
  readOnly: false,
  input: shape.struct({ AccountAlias: accountAliasMember() }),
  authorization: { resource: () => '*' },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const record = await accountAliases.get(tx, ALIAS_NAMESPACE, input.AccountAlias);
      if (record?.ownerId !== ctx.caller.accountId || record.name !== input.AccountAlias) {
        throw new AwsError('NoSuchEntity', `The account alias ${input.AccountAlias} cannot be found.`);
      }
      await accountAliases.delete(tx, ALIAS_NAMESPACE, record.name);
    });
    return undefined;
  },
});
