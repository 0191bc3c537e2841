import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member, paging } from '../shared/members.js';
import { listOptions, pageResult } from '../shared/pagination.js';
import { userView } from '../shared/views.js';
import { storePage } from '../groups/store-page.js';
import { userOutput, pageOutput } from '../shared/output-shapes.js';
import { passwordLastUsedByUser } from '../login-profiles/password-last-used.js';

/** PasswordLastUsed shows for users whose console password signed in (as GetUser). */
export const listUsers = defineOperation({
  name: 'ListUsers',
  action: 'iam:ListUsers',
  readOnly: true,
  input: shape.struct({ PathPrefix: member.pathPrefix(), ...paging }),
  authorization: { resource: (input, ctx) => `arn:aws:iam::${ctx.caller.accountId}:user${input.PathPrefix ?? '/'}` },
  output: shape.struct({ Users: shape.list(userOutput), ...pageOutput }),
  async handler(input, ctx) {
    const page = await storePage(() => ctx.store.users.list(ctx.caller.accountId, listOptions(input)));
    const lastUsed = page.items.length > 0 ? await passwordLastUsedByUser(ctx.store, ctx.caller.accountId) : new Map<string, number>();
    return { Users: page.items.map((u) => userView(u, { passwordLastUsed: lastUsed.get(u.userId) })), ...pageResult(page) };
  },
});
