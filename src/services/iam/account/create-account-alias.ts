import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { DuplicateError } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { accountAliases, ALIAS_NAMESPACE } from './account-alias-record.js';
import { accountAliasMember } from './alias-member.js';

const taken = (alias: string) => new AwsError('EntityAlreadyExists', `The account alias ${alias} already exists.`);

/**
 * An account has one alias; creating another replaces it (observed on AWS: replacement, not
 * rejection). A name any account holds — this one included — is EntityAlreadyExists.
 */
export const createAccountAlias = defineOperation({
  name: 'CreateAccountAlias',
  action: 'iam:CreateAccountAlias',
  readOnly: false,
  input: shape.struct({ AccountAlias: accountAliasMember() }),
  authorization: { resource: () => '*' },
  output: 'none',
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    try {
      await ctx.store.transaction(async (tx) => {
        if (await accountAliases.get(tx, ALIAS_NAMESPACE, input.AccountAlias)) throw taken(input.AccountAlias);
        for (const old of await accountAliases.listForOwner(tx, accountId)) {
          if (old.accountId === ALIAS_NAMESPACE) await accountAliases.delete(tx, ALIAS_NAMESPACE, old.name);
        }
        await accountAliases.create(tx, {
          accountId: ALIAS_NAMESPACE,
          name: input.AccountAlias,
          path: '/',
          ownerId: accountId,
          createDate: ctx.now,
          value: {},
        });
      });
    } catch (e) {
      // Another account took the name between the check and the write.
      if (e instanceof DuplicateError) throw taken(input.AccountAlias);
      throw e;
    }
    return undefined;
  },
});
