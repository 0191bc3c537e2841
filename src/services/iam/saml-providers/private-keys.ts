import { createPrivateKey } from 'node:crypto';
import { AwsError } from '../../../errors/aws-error.js';
import type { Random } from '../../../kernel/random.js';
import type { SecretBox } from '../../../tokens/secret-box.js';
import type { StoredPrivateKey } from './saml-records.js';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A SAMLProviderUUID or private KeyId: 26 of `[A-Z0-9]` (the model: 22..64, `[A-Z0-9]+`). */
export function samlId(random: Random): string {
  return [...random.bytes(26)].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
}

/**
 * The key is sealed bound to its id, so a sealed key copied to another key's row won't open.
 * What is sealed is the key re-encoded as unencrypted PKCS#8 PEM, whatever PEM form it came in.
 */
const associatedData = (keyId: string) => `saml-private-key:${keyId}`;

/** AddPrivateKey → a stored key, or InvalidInput when the text is not a PEM private key. */
export function sealPrivateKey(secrets: SecretBox, random: Random, pem: string, now: number): StoredPrivateKey {
  let pkcs8: string;
  try {
    pkcs8 = createPrivateKey({ key: pem, format: 'pem' }).export({ type: 'pkcs8', format: 'pem' }).toString();
  } catch {
    throw new AwsError('InvalidInput', 'The private key is not a valid PEM-encoded private key.');
  }
  const keyId = samlId(random);
  return { keyId, timestamp: now, sealed: secrets.seal(pkcs8, associatedData(keyId)) };
}

/** The PKCS#8 PEM of a stored key (federation decrypts assertions with it). */
export function openPrivateKey(secrets: SecretBox, key: StoredPrivateKey): string {
  return secrets.open(key.sealed, associatedData(key.keyId));
}
