import type { SecretBox } from '../../../tokens/secret-box.js';
import { base32Decode } from './totp.js';

/**
 * A virtual MFA device's TOTP seed is stored sealed with the at-rest key, bound to the device's
 * serial number (the associated data), so a sealed seed copied to another device row won't open.
 */
const associatedData = (serialNumber: string) => `mfa-seed:${serialNumber}`;

export function sealSeed(secrets: SecretBox, serialNumber: string, base32Seed: string): string {
  return secrets.seal(base32Seed, associatedData(serialNumber));
}

/** The HMAC key: the seed's bytes, as an authenticator app decodes the base32 text. */
export function openSeed(secrets: SecretBox, serialNumber: string, sealed: string): Uint8Array {
  return base32Decode(secrets.open(sealed, associatedData(serialNumber)));
}
