import { createHash, type X509Certificate } from 'node:crypto';

/**
 * A signing certificate's id: 28 characters of [A-Z2-7] (AWS's examples are 28 uppercase
 * alphanumerics), from the SHA-256 of the certificate's DER. The same certificate therefore has
 * the same id, so uploading it again anywhere in the account is caught as a duplicate by the
 * record's name (AWS: DuplicateCertificate, "associated with an IAM user in the account").
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function signingCertificateId(cert: X509Certificate): string {
  const digest = createHash('sha256').update(cert.raw).digest();
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of digest) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < 28) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}
