import type { Store } from '../storage/store.js';
import { TokenKeyRing, type TokenKey } from './key-ring.js';
import type { SecretBox } from './secret-box.js';

const SETTING = 'token-key-ring';

/**
 * The token key ring lives in the store, sealed with the at-rest key, so every node sharing a
 * database (and the at-rest key) seals and opens the same tokens. Created on first use inside a
 * transaction, so two nodes starting together agree on one ring.
 */
export async function loadTokenKeyRing(store: Store, secrets: SecretBox, now: number): Promise<TokenKeyRing> {
  const keys = await store.transaction(async (tx) => {
    const sealed = await tx.settings.get(SETTING);
    if (sealed !== undefined) return JSON.parse(secrets.open(sealed, SETTING)) as TokenKey[];
    const fresh = [TokenKeyRing.newKey(now)];
    await tx.settings.set(SETTING, secrets.seal(JSON.stringify(fresh), SETTING));
    return fresh;
  });
  return new TokenKeyRing(keys);
}

/**
 * Adds a new active key; keys older than `retainMs` (longer than any session lives) are dropped.
 * Other nodes pick the new key up when they meet a token sealed with it.
 */
export async function rotateTokenKeyRing(
  store: Store,
  secrets: SecretBox,
  now: number,
  retainMs = 48 * 3600 * 1000,
): Promise<TokenKeyRing> {
  const keys = await store.transaction(async (tx) => {
    const sealed = await tx.settings.get(SETTING);
    const current = sealed === undefined ? [] : (JSON.parse(secrets.open(sealed, SETTING)) as TokenKey[]);
    const next = [...current.filter((k) => now - k.createdAt < retainMs), TokenKeyRing.newKey(now)];
    await tx.settings.set(SETTING, secrets.seal(JSON.stringify(next), SETTING));
    return next;
  });
  return new TokenKeyRing(keys);
}
