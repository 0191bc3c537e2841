import { AwsError } from '../../../errors/aws-error.js';
import { matchConsecutiveTotp } from './totp.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { member } from '../shared/members.js';
import { userResource } from '../shared/resources.js';
import { openSeed } from './device-seed.js';
import { mfaMember } from './mfa-members.js';
import { noSuchDevice } from './no-such-device.js';

/** AWS lets a user hold up to 8 MFA devices. */
export const MFA_DEVICES_PER_USER = 8;

/**
 * Assigns a virtual MFA device to a user, proving possession with two consecutive codes: the
 * second must be the code of the previous, current or next 30-second step, the first the code of
 * the step before it. The second code's step is remembered so neither code works again later.
 */
export const enableMfaDevice = defineOperation({
  name: 'EnableMFADevice',
  action: 'iam:EnableMFADevice',
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
      if (!device || device.accountId !== ctx.caller.accountId) throw noSuchDevice(input.SerialNumber);
      if (device.userId !== undefined) throw new AwsError('EntityAlreadyExists', 'MFA Device is already in use.');
      if ((await tx.mfaDevices.listForUser(user.userId)).length >= MFA_DEVICES_PER_USER) {
        throw new AwsError('LimitExceeded', `Cannot exceed quota for MFADevicesPerUser: ${MFA_DEVICES_PER_USER}`);
      }
      const key = openSeed(ctx.secrets, device.serialNumber, device.seedSealed);
      const second = matchConsecutiveTotp(key, input.AuthenticationCode1, input.AuthenticationCode2, ctx.now);
      if (second === undefined) {
        throw new AwsError('InvalidAuthenticationCode', 'Authentication code for device is not valid.');
      }
      await tx.mfaDevices.update({ ...device, userId: user.userId, enableDate: ctx.now, lastUsedStep: second });
    });
    return undefined;
  },
});
