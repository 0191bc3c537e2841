import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { oidcMember } from './oidc-members.js';
import { oidcProviders, requireOidcProvider } from './oidc-records.js';
import { checkThumbprints } from './thumbprints.js';

/** Replaces the whole list (never merges, API reference); an empty list is accepted. */
export const updateOpenIDConnectProviderThumbprint = defineOperation({
  name: 'UpdateOpenIDConnectProviderThumbprint',
  action: 'iam:UpdateOpenIDConnectProviderThumbprint',
  readOnly: false,
  input: shape.struct({
    OpenIDConnectProviderArn: oidcMember.arn(),
    ThumbprintList: { ...oidcMember.thumbprintList(), required: true as const },
  }),
  authorization: { resource: (input) => input.OpenIDConnectProviderArn },
  output: 'none',
  async handler(input, ctx) {
    checkThumbprints(input.ThumbprintList);
    await ctx.store.transaction(async (tx) => {
      const record = await requireOidcProvider({ ...ctx, store: tx }, input.OpenIDConnectProviderArn);
      await oidcProviders.update(tx, { ...record, value: { ...record.value, thumbprints: [...input.ThumbprintList] } });
    });
    return undefined;
  },
});
