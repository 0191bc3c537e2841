import { isoSeconds } from '../../../kernel/iso-time.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { impliedUserName, requireUser } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { userResource } from '../shared/resources.js';
import { mfaMember } from './mfa-members.js';
import { noSuchDevice } from './no-such-device.js';

const text = shape.string();

/**
 * One MFA device of a user (the caller when UserName is omitted), authorized on the user as AWS's
 * table says. AWS documents the operation for FIDO security keys; keysmith's devices are virtual
 * (TOTP) ones, which AWS certifies nothing for, so Certifications is left out (docs/iam/reports.md).
 * A device that is not enabled for that user does not exist for it.
 */
export const getMfaDevice = defineOperation({
  name: 'GetMFADevice',
  action: 'iam:GetMFADevice',
  readOnly: true,
  input: shape.struct({ SerialNumber: mfaMember.serialNumber(), UserName: member.optionalEntityName(64) }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: shape.struct({ UserName: text, SerialNumber: text, EnableDate: text, Certifications: shape.map(text) }),
  async handler(input, ctx) {
    const userName = impliedUserName(ctx, input.UserName);
    if (userName === null) throw noSuchDevice(input.SerialNumber);
    const user = await requireUser(ctx, userName);
    const device = await ctx.store.mfaDevices.get(input.SerialNumber);
    if (!device || device.accountId !== ctx.caller.accountId || device.userId !== user.userId) throw noSuchDevice(input.SerialNumber);
    return { UserName: user.userName, SerialNumber: device.serialNumber, EnableDate: isoSeconds(device.enableDate ?? device.createDate) };
  },
});
