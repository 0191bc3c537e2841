import { createCipheriv, createDecipheriv, randomBytes, type KeyObject, createSecretKey } from 'node:crypto';

/**
 * Seals secrets at rest (access key secrets) with AES-256-GCM under the at-rest key from
 * configuration. Format: `v1.<iv b64>.<tag b64>.<ciphertext b64>`; the key id is implied by
 * the version so a future key ring can rotate.
 */
export class SecretBox {
  private readonly key: KeyObject;

  constructor(rawKey: Uint8Array) {
    if (rawKey.length !== 32) throw new Error('the at-rest key must be 32 bytes');
    this.key = createSecretKey(rawKey);
  }

  seal(plaintext: string, associatedData: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `v1.${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${body.toString('base64')}`;
  }

  /** Throws if the text was not sealed with this key for this associated data. */
  open(sealed: string, associatedData: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown sealed secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  }
}
