import { isoSeconds } from '../../../kernel/iso-time.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { tagListOutput } from '../shared/output-shapes.js';
import { oidcMember } from './oidc-members.js';
import { requireOidcProvider } from './oidc-records.js';

const list = shape.list(shape.string());

/** `Url` comes back without `https://` (scripts build `${host}:aud` keys from it); `Tags` always. */
export const getOpenIDConnectProvider = defineOperation({
  name: 'GetOpenIDConnectProvider',
  action: 'iam:GetOpenIDConnectProvider',
  readOnly: true,
  input: shape.struct({ OpenIDConnectProviderArn: oidcMember.arn() }),
  authorization: { resource: (input) => input.OpenIDConnectProviderArn },
  output: shape.struct({ Url: shape.string(), ClientIDList: list, ThumbprintList: list, CreateDate: shape.string(), Tags: tagListOutput }),
  async handler(input, ctx) {
    const { name, createDate, value } = await requireOidcProvider(ctx, input.OpenIDConnectProviderArn);
    return {
      Url: name,
      ClientIDList: value.clientIds,
      ThumbprintList: value.thumbprints,
      CreateDate: isoSeconds(createDate),
      Tags: value.tags.map((t) => ({ Key: t.Key, Value: t.Value })),
    };
  },
});
