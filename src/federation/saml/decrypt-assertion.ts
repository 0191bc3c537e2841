import { constants, createDecipheriv, privateDecrypt } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { childElements, SAML_NS, textOf } from './parse-response.js';
import { invalidSaml } from './saml-errors.js';

const XENC11 = 'http://www.w3.org/2009/xmlenc11#';
const DECRYPT_FAILED = 'Invalid SAML response: the encrypted assertion could not be decrypted with the provider’s private keys';

/** Content encryption XML Encryption names, as node:crypto ciphers. */
const DATA_CIPHERS: Readonly<Record<string, { cipher: string; keyLength: number; gcm: boolean }>> = {
  'http://www.w3.org/2001/04/xmlenc#aes128-cbc': { cipher: 'aes-128-cbc', keyLength: 16, gcm: false },
  'http://www.w3.org/2001/04/xmlenc#aes192-cbc': { cipher: 'aes-192-cbc', keyLength: 24, gcm: false },
  'http://www.w3.org/2001/04/xmlenc#aes256-cbc': { cipher: 'aes-256-cbc', keyLength: 32, gcm: false },
  [`${XENC11}aes128-gcm`]: { cipher: 'aes-128-gcm', keyLength: 16, gcm: true },
  [`${XENC11}aes192-gcm`]: { cipher: 'aes-192-gcm', keyLength: 24, gcm: true },
  [`${XENC11}aes256-gcm`]: { cipher: 'aes-256-gcm', keyLength: 32, gcm: true },
};

/** Key transport: RSA-OAEP only (RSA PKCS#1 v1.5 is refused: a padding oracle). */
const KEY_TRANSPORT = new Set(['http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p', `${XENC11}rsa-oaep`]);
const OAEP_DIGESTS: Readonly<Record<string, string>> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};

/**
 * An EncryptedAssertion → the Assertion's XML text, with the provider's private keys (AWS's
 * "SAML encryption": the IdP encrypts to the public key of a private key added to the provider).
 * The EncryptedKey sits in EncryptedData's KeyInfo or beside EncryptedData. The text is
 * untrusted until a signature over it (its own, or the Response's over the EncryptedAssertion)
 * holds: CBC carries no integrity of its own.
 */
export function decryptAssertion(encrypted: Element, privateKeys: readonly string[]): string {
  const data = childElements(encrypted, SAML_NS.xenc, 'EncryptedData')[0];
  if (!data) throw invalidSaml(DECRYPT_FAILED, 'no EncryptedData');
  const algorithm = childElements(data, SAML_NS.xenc, 'EncryptionMethod')[0]?.getAttribute('Algorithm') ?? '';
  const cipher = DATA_CIPHERS[algorithm];
  if (!cipher) throw invalidSaml(DECRYPT_FAILED, `data algorithm ${algorithm || '(none)'}`);
  const keyInfo = childElements(data, SAML_NS.dsig, 'KeyInfo')[0];
  const encryptedKey =
    (keyInfo ? childElements(keyInfo, SAML_NS.xenc, 'EncryptedKey')[0] : undefined) ??
    childElements(encrypted, SAML_NS.xenc, 'EncryptedKey')[0];
  if (!encryptedKey) throw invalidSaml(DECRYPT_FAILED, 'no EncryptedKey');
  const contentKey = unwrapKey(encryptedKey, privateKeys, cipher.keyLength);
  const bytes = cipherValue(data);
  try {
    if (cipher.gcm) {
      const iv = bytes.subarray(0, 12);
      const tag = bytes.subarray(bytes.length - 16);
      const decipher = createDecipheriv(cipher.cipher as 'aes-256-gcm', contentKey, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
    }
    // XML Encryption's CBC padding (ISO 10126): the last byte says how many bytes to drop.
    const decipher = createDecipheriv(cipher.cipher, contentKey, bytes.subarray(0, 16));
    decipher.setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]);
    const pad = plain[plain.length - 1] ?? 0;
    if (pad < 1 || pad > 16) throw new Error('bad padding');
    return plain.subarray(0, plain.length - pad).toString('utf8');
  } catch (e) {
    throw invalidSaml(DECRYPT_FAILED, `content decryption: ${(e as Error).message}`);
  }
}

function unwrapKey(encryptedKey: Element, privateKeys: readonly string[], keyLength: number): Buffer {
  const method = childElements(encryptedKey, SAML_NS.xenc, 'EncryptionMethod')[0];
  const algorithm = method?.getAttribute('Algorithm') ?? '';
  if (!KEY_TRANSPORT.has(algorithm)) throw invalidSaml(DECRYPT_FAILED, `key transport ${algorithm || '(none)'}`);
  const digest = method ? childElements(method, SAML_NS.dsig, 'DigestMethod')[0]?.getAttribute('Algorithm') : undefined;
  const oaepHash = digest ? OAEP_DIGESTS[digest] : 'sha1';
  if (!oaepHash) throw invalidSaml(DECRYPT_FAILED, `OAEP digest ${digest}`);
  if (
    algorithm === `${XENC11}rsa-oaep` &&
    childElements(method!, XENC11, 'MGF').some((m) => !m.getAttribute('Algorithm')?.endsWith('#mgf1sha1'))
  ) {
    throw invalidSaml(DECRYPT_FAILED, 'OAEP MGF other than MGF1-SHA1');
  }
  const wrapped = cipherValue(encryptedKey);
  for (const key of privateKeys) {
    try {
      const unwrapped = privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, wrapped);
      if (unwrapped.length === keyLength) return unwrapped;
    } catch {
      // Not this key: try the next (a provider holds up to two during rotation).
    }
  }
  throw invalidSaml(DECRYPT_FAILED, 'no private key unwraps the content key');
}

function cipherValue(el: Element): Buffer {
  const data = childElements(el, SAML_NS.xenc, 'CipherData')[0];
  const value = data ? childElements(data, SAML_NS.xenc, 'CipherValue')[0] : undefined;
  if (!value) throw invalidSaml(DECRYPT_FAILED, 'no CipherValue');
  return Buffer.from(textOf(value).replace(/\s+/g, ''), 'base64');
}
