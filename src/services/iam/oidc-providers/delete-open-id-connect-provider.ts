import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { oidcMember } from './oidc-members.js';
import { findOidcProvider, oidcProviders } from './oidc-records.js';

/**
 * The API reference calls this idempotent, but AWS answers a missing provider with NoSuchEntity,
 * worded unlike Get's (recorded, reference §4.9); keysmith answers as AWS does.
 */
export const deleteOpenIDConnectProvider = defineOperation({
  name: 'DeleteOpenIDConnectProvider',
  action: 'iam:DeleteOpenIDConnectProvider',
  readOnly: false,
  input: shape.struct({ OpenIDConnectProviderArn: oidcMember.arn() }),
  authorization: { resource: (input) => input.OpenIDConnectProviderArn },
  output: 'none',
  async handler(input, ctx) {
    const arn = input.OpenIDConnectProviderArn;
    const record = await findOidcProvider(ctx.store, ctx.caller.accountId, arn);
    if (!record || !(await oidcProviders.delete(ctx.store, record.accountId, record.name))) {
      throw new AwsError('NoSuchEntity', `OpenId connect Provider ${arn} cannot be found.`);
    }
    return undefined;
  },
});
