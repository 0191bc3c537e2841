import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { paging } from '../shared/members.js';
import { pageOutput, tagListOutput } from '../shared/output-shapes.js';
import { paginateArray } from '../shared/pagination.js';
import { oidcMember } from './oidc-members.js';
import { requireOidcProvider } from './oidc-records.js';

/** Tags in the order they were added; `Tags` and `IsTruncated` always present. */
export const listOpenIDConnectProviderTags = defineOperation({
  name: 'ListOpenIDConnectProviderTags',
  action: 'iam:ListOpenIDConnectProviderTags',
  readOnly: true,
  input: shape.struct({ OpenIDConnectProviderArn: oidcMember.arn(), ...paging }),
  authorization: { resource: (input) => input.OpenIDConnectProviderArn },
  output: shape.struct({ Tags: tagListOutput, ...pageOutput }),
  async handler(input, ctx) {
    const record = await requireOidcProvider(ctx, input.OpenIDConnectProviderArn);
    const page = paginateArray(record.value.tags, input);
    return { Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
