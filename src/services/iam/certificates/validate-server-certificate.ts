import { AwsError } from '../../../errors/aws-error.js';
import { chainBreak, notAfter, notBefore, parseCertificates, parsePrivateKey } from './pem-certificates.js';

/**
 * UploadServerCertificate's checks, in AWS's order: the body parses, the key parses and matches
 * it, the chain parses and links up. Returns the certificate's expiration (epoch ms). The texts
 * of the body and chain errors are AWS's; the others are keysmith's (docs/iam/certificates-and-keys.md).
 */
export function validateServerCertificate(input: { body: string; privateKey: string; chain?: string | undefined; now: number }): number {
  const body = parseCertificates(input.body)?.[0];
  if (!body) throw new AwsError('MalformedCertificate', 'Unable to parse certificate. Please ensure the certificate is in PEM format.');
  const expiration = notAfter(body);
  if (expiration < input.now || notBefore(body) > input.now) {
    throw new AwsError('MalformedCertificate', 'Unable to validate certificate. The certificate is expired or not yet valid.');
  }
  const key = parsePrivateKey(input.privateKey);
  if (!key) throw new AwsError('MalformedCertificate', 'Unable to parse private key. Please ensure the private key is in PEM format.');
  if (!body.checkPrivateKey(key))
    throw new AwsError('KeyPairMismatch', 'The private key does not match the public key of the certificate.');
  if (input.chain !== undefined) {
    const chain = parseCertificates(input.chain);
    if (!chain) {
      throw new AwsError(
        'MalformedCertificate',
        'Unable to parse certificate chain. Please ensure the certificate chain is in PEM format.',
      );
    }
    const broken = chainBreak(body, chain);
    if (broken !== undefined) {
      throw new AwsError(
        'MalformedCertificate',
        'Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, ' +
          `followed by any intermediaries in order. The index within the chain of the invalid certificate is: ${broken}`,
      );
    }
  }
  return expiration;
}
