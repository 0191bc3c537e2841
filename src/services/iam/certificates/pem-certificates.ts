import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';

/**
 * X.509 parsing for uploaded certificates (node:crypto does the DER work). A PEM text may hold
 * several `CERTIFICATE` blocks (a chain); text around the blocks is ignored, as OpenSSL does.
 */
const BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The certificates of a PEM text, in order; undefined when a block does not parse or there is none. */
export function parseCertificates(pem: string): X509Certificate[] | undefined {
  const blocks = pem.match(BLOCK);
  if (!blocks) return undefined;
  try {
    return blocks.map((b) => new X509Certificate(b));
  } catch {
    return undefined;
  }
}

/** A PEM private key (PKCS#1, PKCS#8, SEC1), or undefined when it does not parse or is encrypted. */
export function parsePrivateKey(pem: string): KeyObject | undefined {
  try {
    return createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    return undefined;
  }
}

/** Epoch ms of a certificate's notAfter / notBefore. */
export const notAfter = (cert: X509Certificate): number => Date.parse(cert.validTo);
export const notBefore = (cert: X509Certificate): number => Date.parse(cert.validFrom);

/** Whether `issuer` issued and signed `cert`. */
export function issuedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/**
 * Where a chain breaks, AWS's way: -1 when its first certificate did not sign the body, else the
 * index of the first certificate its successor did not sign; undefined when the chain holds.
 */
export function chainBreak(body: X509Certificate, chain: readonly X509Certificate[]): number | undefined {
  const first = chain[0];
  if (first === undefined) return undefined;
  if (!issuedBy(body, first)) return -1;
  for (let i = 0; i + 1 < chain.length; i++) if (!issuedBy(chain[i]!, chain[i + 1]!)) return i;
  return undefined;
}
