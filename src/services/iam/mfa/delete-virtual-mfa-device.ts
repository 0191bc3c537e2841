import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { mfaMember } from './mfa-members.js';
import { noSuchDevice } from './no-such-device.js';

/** A device still assigned to a user must be deactivated first (DeleteConflict). */
export const deleteVirtualMfaDevice = defineOperation({
  name: 'DeleteVirtualMFADevice',
  action: 'iam:DeleteVirtualMFADevice',
  readOnly: false,
  input: shape.struct({ SerialNumber: mfaMember.serialNumber() }),
  authorization: { resource: (input) => input.SerialNumber },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const device = await tx.mfaDevices.get(input.SerialNumber);
      if (!device || device.accountId !== ctx.caller.accountId) throw noSuchDevice(input.SerialNumber);
      if (device.userId !== undefined) {
        throw new AwsError('DeleteConflict', 'MFA Device is in use and must be deactivated before it can be deleted.');
      }
      await tx.mfaDevices.delete(device.accountId, device.serialNumber);
    });
    return undefined;
  },
});
