import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { paging } from '../shared/members.js';
import { pageOutput } from '../shared/output-shapes.js';
import { paginateArray } from '../shared/pagination.js';
import { aliasesOf } from './account-alias-record.js';

/** At most one alias, but the call pages like every IAM list (Marker, MaxItems, IsTruncated). */
export const listAccountAliases = defineOperation({
  name: 'ListAccountAliases',
  action: 'iam:ListAccountAliases',
  readOnly: true,
  input: shape.struct({ ...paging }),
  authorization: { resource: () => '*' },
  output: shape.struct({ AccountAliases: shape.list(shape.string()), ...pageOutput }),
  async handler(input, ctx) {
    const page = paginateArray(await aliasesOf(ctx.store, ctx.caller.accountId), input);
    return { AccountAliases: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
