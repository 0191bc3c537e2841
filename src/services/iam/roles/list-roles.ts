import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member, paging } from '../shared/members.js';
import { listOptions, pageResult } from '../shared/pagination.js';
import { roleView } from '../shared/views.js';
import { pageOutput, roleOutput } from '../shared/role-policy-output-shapes.js';

/** AWS authorizes ListRoles against `arn:aws:iam::ACCT:role/` plus the path prefix (its AccessDenied texts show it). */
export const listRoles = defineOperation({
  name: 'ListRoles',
  action: 'iam:ListRoles',
  readOnly: true,
  input: shape.struct({ PathPrefix: member.pathPrefix(), ...paging }),
  authorization: { resource: (input, ctx) => `arn:aws:iam::${ctx.caller.accountId}:role${input.PathPrefix ?? '/'}` },
  output: shape.struct({ Roles: shape.list(roleOutput), ...pageOutput }),
  async handler(input, ctx) {
    // A foreign marker makes the store throw InvalidMarkerError, which the pipeline answers as 'Invalid Marker.'.
    const page = await ctx.store.roles.list(ctx.caller.accountId, listOptions(input));
    return { Roles: page.items.map((r) => roleView(r, 'list')), ...pageResult(page) };
  },
});
