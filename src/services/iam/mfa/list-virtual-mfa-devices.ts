import type { User } from '../../../model/entities.js';
import { shape } from '../../../model/shapes.js';
import type { MfaAssignment } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { storePage } from '../groups/store-page.js';
import { paging } from '../shared/members.js';
import { pageResult } from '../shared/pagination.js';
import { mfaMember } from './mfa-members.js';
import { virtualMfaDeviceView } from './mfa-views.js';
import { virtualMfaDeviceOutput, pageOutput } from '../shared/output-shapes.js';

/** Every virtual MFA device of the account, or only the assigned / unassigned ones. */
export const listVirtualMfaDevices = defineOperation({
  name: 'ListVirtualMFADevices',
  action: 'iam:ListVirtualMFADevices',
  readOnly: true,
  input: shape.struct({ AssignmentStatus: mfaMember.assignmentStatus(), ...paging }),
  authorization: { resource: () => '*' },
  output: shape.struct({ VirtualMFADevices: shape.list(virtualMfaDeviceOutput), ...pageOutput }),
  async handler(input, ctx) {
    const assignment = (input.AssignmentStatus ?? 'Any') as MfaAssignment;
    const page = await storePage(() =>
      ctx.store.mfaDevices.list(ctx.caller.accountId, { after: input.Marker, limit: input.MaxItems ?? 100, assignment }),
    );
    const users = new Map<string, User | undefined>();
    for (const d of page.items) {
      if (d.userId !== undefined && !users.has(d.userId)) users.set(d.userId, await ctx.store.users.getById(d.userId));
    }
    return {
      VirtualMFADevices: page.items.map((d) => virtualMfaDeviceView(d, d.userId === undefined ? undefined : users.get(d.userId))),
      ...pageResult(page),
    };
  },
});
