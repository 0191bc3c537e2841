import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { userResource } from '../shared/resources.js';
import { openSeed } from './device-seed.js';
import { mfaMember } from './mfa-members.js';
import { noSuchDevice } from './no-such-device.js';
import { matchConsecutiveTotp } from './totp.js';

/**
 * How far a device's clock may have drifted for a resync: 20 steps (10 minutes) either way. A
 * resync exists for devices whose codes no longer fall in the ±1 step a sign-in accepts, so it
 * must look further; AWS does not publish its window (docs/iam/reports.md).
 */
export const RESYNC_WINDOW_STEPS = 20;

/**
 * Resynchronizes a user's enabled virtual MFA device with two consecutive codes. The second
 * code's step becomes the device's last accepted step, so neither code (nor an older one) is
 * accepted again, by STS or by another resync.
 */
export const resyncMfaDevice = defineOperation({
  name: 'ResyncMFADevice',
  action: 'iam:ResyncMFADevice',
  readOnly: false,
  input: shape.struct({
    UserName: member.entityName(128),
    SerialNumber: mfaMember.serialNumber(),
    AuthenticationCode1: mfaMember.authenticationCode(),
    AuthenticationCode2: mfaMember.authenticationCode(),
  }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const user = await requireUser({ ...ctx, store: tx }, input.UserName);
      const device = await tx.mfaDevices.get(input.SerialNumber);
      if (!device || device.accountId !== ctx.caller.accountId || device.userId !== user.userId) throw noSuchDevice(input.SerialNumber);
      const key = openSeed(ctx.secrets, device.serialNumber, device.seedSealed);
      const step = matchConsecutiveTotp(key, input.AuthenticationCode1, input.AuthenticationCode2, ctx.now, RESYNC_WINDOW_STEPS);
      if (step === undefined || (device.lastUsedStep !== undefined && step <= device.lastUsedStep)) {
        throw new AwsError('InvalidAuthenticationCode', 'Authentication code for device is not valid.');
      }
      await tx.mfaDevices.update({ ...device, lastUsedStep: step });
    });
    return undefined;
  },
});
