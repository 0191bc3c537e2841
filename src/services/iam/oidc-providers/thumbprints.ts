import { AwsError } from '../../../errors/aws-error.js';
import { OIDC_QUOTAS } from './oidc-quotas.js';

/**
 * A thumbprint list's rules beyond the model's (each exactly 40 characters): at most five, with
 * AWS's own wording ("fewer than 5", though five are accepted; recorded), and each the hex SHA-1
 * of a certificate, so hex digits only (AWS's documented form; its text for a non-hex one is not
 * on record, so keysmith's is its own). Kept as given.
 */
export function checkThumbprints(thumbprints: readonly string[]): void {
  if (thumbprints.length > OIDC_QUOTAS.thumbprintsPerProvider) {
    throw new AwsError('InvalidInput', 'Thumbprint list must contain fewer than 5 entries.');
  }
  for (const t of thumbprints) {
    if (!/^[0-9A-Fa-f]{40}$/.test(t))
      throw new AwsError('InvalidInput', `Thumbprint ${t} is not a 40-character hexadecimal SHA-1 fingerprint.`);
  }
}
