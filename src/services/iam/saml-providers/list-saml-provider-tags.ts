import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member, paging } from '../shared/members.js';
import { pageOutput, tagListOutput } from '../shared/output-shapes.js';
import { paginateArray } from '../shared/pagination.js';
import { requireSamlProvider } from './saml-records.js';

/** Tags in the order they were added; `Tags` and `IsTruncated` always present. */
export const listSAMLProviderTags = defineOperation({
  name: 'ListSAMLProviderTags',
  action: 'iam:ListSAMLProviderTags',
  readOnly: true,
  input: shape.struct({ SAMLProviderArn: member.arn(), ...paging }),
  authorization: { resource: (input) => input.SAMLProviderArn },
  output: shape.struct({ Tags: tagListOutput, ...pageOutput }),
  async handler(input, ctx) {
    const record = await requireSamlProvider(ctx, input.SAMLProviderArn);
    const page = paginateArray(record.value.tags, input);
    return { Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
