import { AwsError } from '../../../errors/aws-error.js';
import { matchTotp } from './totp.js';
import type { Principal } from '../../../model/principal.js';
import type { OperationContext } from '../../operation.js';
import { openSeed } from './device-seed.js';

/** AWS's texts for STS calls that carry SerialNumber/TokenCode (GetSessionToken, AssumeRole). */
export const MFA_INVALID_CODE = 'MultiFactorAuthentication failed with invalid MFA one time pass code.';
export const MFA_UNKNOWN_DEVICE =
  'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.';
export const MFA_INCOMPLETE = 'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.';

/**
 * Checks SerialNumber + TokenCode for an STS call: the device must be a virtual MFA device enabled
 * for the calling IAM user (for a session, the user at the start of its chain), and the code must
 * be its TOTP for the previous, current or next 30-second step — and newer than any code it
 * accepted before, so a code seen once (or an older one) never works again. The accepted step is
 * recorded in the same transaction, so two nodes cannot both accept one code.
 */
export async function verifyMfaCode(ctx: OperationContext, caller: Principal, serialNumber: string, tokenCode: string): Promise<void> {
  const userId = caller.type === 'User' ? caller.userId : caller.session?.originUserId;
  const device = await ctx.store.mfaDevices.get(serialNumber);
  if (!device || userId === undefined || device.accountId !== caller.accountId || device.userId !== userId) {
    throw new AwsError('AccessDenied', MFA_UNKNOWN_DEVICE);
  }
  const key = openSeed(ctx.secrets, device.serialNumber, device.seedSealed);
  const step = matchTotp(key, tokenCode, ctx.now);
  if (step === undefined) throw new AwsError('AccessDenied', MFA_INVALID_CODE);
  await ctx.store.transaction(async (tx) => {
    const current = await tx.mfaDevices.get(serialNumber);
    if (!current || current.userId !== userId) throw new AwsError('AccessDenied', MFA_UNKNOWN_DEVICE);
    if (current.lastUsedStep !== undefined && step <= current.lastUsedStep) throw new AwsError('AccessDenied', MFA_INVALID_CODE);
    await tx.mfaDevices.update({ ...current, lastUsedStep: step });
  });
}

/** SerialNumber and TokenCode come together or not at all. */
export function mfaRequested(serialNumber: string | undefined, tokenCode: string | undefined): boolean {
  if (serialNumber === undefined && tokenCode === undefined) return false;
  if (serialNumber === undefined || tokenCode === undefined) throw new AwsError('AccessDenied', MFA_INCOMPLETE);
  return true;
}
