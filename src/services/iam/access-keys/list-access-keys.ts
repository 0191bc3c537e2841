import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member, paging } from '../shared/members.js';
import { paginateArray } from '../shared/pagination.js';
import { userResource } from '../shared/resources.js';
import { accessKeyMetadataView, keyOwner } from './key-owner.js';
import { accessKeyMetadataOutput, pageOutput } from '../shared/output-shapes.js';

/** Keys in creation order; secrets are never listed. */
export const listAccessKeys = defineOperation({
  name: 'ListAccessKeys',
  action: 'iam:ListAccessKeys',
  readOnly: true,
  input: shape.struct({ UserName: member.optionalEntityName(128), ...paging }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: shape.struct({ AccessKeyMetadata: shape.list(accessKeyMetadataOutput), ...pageOutput }),
  async handler(input, ctx) {
    const owner = await keyOwner(ctx, ctx.store, input.UserName);
    const page = paginateArray(await ctx.store.accessKeys.listForOwner(ctx.caller.accountId, owner), input);
    return { AccessKeyMetadata: page.items.map(accessKeyMetadataView), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
