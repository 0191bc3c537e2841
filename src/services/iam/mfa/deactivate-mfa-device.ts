import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { impliedUserName, requireUser } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { userResource } from '../shared/resources.js';
import { mfaMember } from './mfa-members.js';
import { noSuchDevice } from './no-such-device.js';

/**
 * Unassigns a device from a user; the virtual device itself remains (DeleteVirtualMFADevice
 * removes it). Without UserName the calling user is meant; the root user has no devices here.
 */
export const deactivateMfaDevice = defineOperation({
  name: 'DeactivateMFADevice',
  action: 'iam:DeactivateMFADevice',
  readOnly: false,
  input: shape.struct({ UserName: member.optionalEntityName(128), SerialNumber: mfaMember.serialNumber() }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: 'none',
  async handler(input, ctx) {
    const userName = impliedUserName(ctx, input.UserName);
    await ctx.store.transaction(async (tx) => {
      if (userName === null) throw noSuchDevice(input.SerialNumber);
      const user = await requireUser({ ...ctx, store: tx }, userName);
      const device = await tx.mfaDevices.get(input.SerialNumber);
      if (!device || device.accountId !== ctx.caller.accountId || device.userId !== user.userId) throw noSuchDevice(input.SerialNumber);
      const { userId: _userId, enableDate: _enableDate, ...unassigned } = device;
      await tx.mfaDevices.update(unassigned);
    });
    return undefined;
  },
});
