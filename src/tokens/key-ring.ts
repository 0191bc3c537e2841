import { createSecretKey, type KeyObject, randomBytes } from 'node:crypto';

/**
 * The keys that seal session tokens. One key is active (new tokens); the others still open
 * tokens sealed before a rotation. Ids are 4 bytes so a token names its key cheaply.
 */
export interface TokenKey {
  id: number;
  /** Base64 of 32 bytes. */
  key: string;
  createdAt: number;
}

export class TokenKeyRing {
  private readonly byId = new Map<number, KeyObject>();
  readonly active: { id: number; key: KeyObject };

  constructor(readonly keys: readonly TokenKey[]) {
    if (keys.length === 0) throw new Error('the token key ring is empty');
    for (const k of keys) this.byId.set(k.id, createSecretKey(Buffer.from(k.key, 'base64')));
    const newest = [...keys].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)[0]!;
    this.active = { id: newest.id, key: this.byId.get(newest.id)! };
  }

  get(id: number): KeyObject | undefined {
    return this.byId.get(id);
  }

  static newKey(now: number): TokenKey {
    return { id: randomBytes(4).readUInt32BE(0), key: randomBytes(32).toString('base64'), createdAt: now };
  }
}
