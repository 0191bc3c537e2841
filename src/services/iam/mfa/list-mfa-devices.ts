import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { impliedUserName, requireUser } from '../shared/lookups.js';
import { member, paging } from '../shared/members.js';
import { paginateArray } from '../shared/pagination.js';
import { userResource } from '../shared/resources.js';
import { mfaDeviceView } from './mfa-views.js';
import { mfaDeviceOutput, pageOutput } from '../shared/output-shapes.js';

/** The MFA devices enabled for a user (the caller when UserName is omitted), oldest first. */
export const listMfaDevices = defineOperation({
  name: 'ListMFADevices',
  action: 'iam:ListMFADevices',
  readOnly: true,
  input: shape.struct({ UserName: member.optionalEntityName(128), ...paging }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: shape.struct({ MFADevices: shape.list(mfaDeviceOutput), ...pageOutput }),
  async handler(input, ctx) {
    const userName = impliedUserName(ctx, input.UserName);
    // The root user's MFA is managed outside IAM's API; keysmith keeps none.
    if (userName === null) return { MFADevices: [], IsTruncated: false };
    const user = await requireUser(ctx, userName);
    const page = paginateArray(await ctx.store.mfaDevices.listForUser(user.userId), input);
    return { MFADevices: page.items.map((d) => mfaDeviceView(d, user)), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
