import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { RECORD_KINDS } from '../../model/record-kinds.js';
import type { Store } from '../../storage/store.js';
import type { SecretBox } from '../../tokens/secret-box.js';

/** The algorithms GetWebIdentityToken signs with (the model's SigningAlgorithm values). */
export const ISSUER_ALGORITHMS = ['RS256', 'ES384'] as const;
export type IssuerAlgorithm = (typeof ISSUER_ALGORITHMS)[number];

/** The longest a token lives (GetWebIdentityToken's DurationSeconds maximum). */
export const MAX_TOKEN_SECONDS = 3600;
/**
 * How long a retired key stays published: every token it signed lives at most an hour, plus five
 * minutes for verifiers whose clocks run behind ours.
 */
export const RETIRED_KEY_PUBLISHED_MS = (MAX_TOKEN_SECONDS + 300) * 1000;
/** An active key older than this is replaced (with overlap) the next time a token is signed. */
export const KEY_ROTATION_MS = 30 * 24 * 3600 * 1000;

/** One signing key of an account's issuer. `retiredAt` (epoch ms) once a newer key replaced it. */
export interface IssuerKey {
  kid: string;
  alg: IssuerAlgorithm;
  createdAt: number;
  retiredAt?: number;
  privateJwk: JWK;
  publicJwk: JWK;
}

/**
 * The keys live in the account's `account-settings` records, under this name, sealed with the
 * at-rest key (the associated data binds them to the account): a copy of the database alone signs
 * nothing. Every node sharing the database and the at-rest key signs with the same keys.
 */
const RECORD_NAME = 'outbound-issuer-keys';
const sealedFor = (accountId: string) => `${RECORD_NAME}/${accountId}`;

interface StoredKeys {
  sealed: string;
}

/** The account's keys as stored (retired ones included), or none yet. */
export async function readIssuerKeys(store: Store, secrets: SecretBox, accountId: string): Promise<IssuerKey[]> {
  const row = await store.records.get(RECORD_KINDS.accountSettings, accountId, RECORD_NAME);
  if (row === undefined) return [];
  const { sealed } = JSON.parse(row.body) as StoredKeys;
  return JSON.parse(secrets.open(sealed, sealedFor(accountId))) as IssuerKey[];
}

async function writeIssuerKeys(store: Store, secrets: SecretBox, accountId: string, keys: IssuerKey[], now: number): Promise<void> {
  const body = JSON.stringify({ sealed: secrets.seal(JSON.stringify(keys), sealedFor(accountId)) } satisfies StoredKeys);
  const row = { kind: RECORD_KINDS.accountSettings, accountId, name: RECORD_NAME, path: '/', ownerId: accountId, createDate: now, body };
  const existing = await store.records.get(RECORD_KINDS.accountSettings, accountId, RECORD_NAME);
  if (existing) await store.records.update({ ...row, createDate: existing.createDate });
  else await store.records.create(row);
}

/** A fresh key pair: RSA 2048 for RS256, P-384 for ES384; the kid is the RFC 7638 thumbprint. */
export async function newIssuerKey(alg: IssuerAlgorithm, now: number): Promise<IssuerKey> {
  const pair = await generateKeyPair(alg, alg === 'RS256' ? { modulusLength: 2048, extractable: true } : { extractable: true });
  const publicJwk = await exportJWK(pair.publicKey);
  const privateJwk = await exportJWK(pair.privateKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { kid, alg, createdAt: now, privateJwk, publicJwk: { ...publicJwk, kid, alg, use: 'sig' } };
}

/** Whether verifiers must still find the key: active, or retired less than an overlap ago. */
export function published(key: IssuerKey, now: number): boolean {
  return key.retiredAt === undefined || now - key.retiredAt < RETIRED_KEY_PUBLISHED_MS;
}

function active(keys: readonly IssuerKey[], alg: IssuerAlgorithm): IssuerKey | undefined {
  return keys.filter((k) => k.alg === alg && k.retiredAt === undefined).sort((a, b) => b.createdAt - a.createdAt)[0];
}

/**
 * The key that signs the account's `alg` tokens now. Made on first use; replaced when older than
 * KEY_ROTATION_MS (the old one stays published for the overlap). In a transaction, so two nodes
 * signing the first token together agree on one key.
 */
export async function signingKey(
  store: Store,
  secrets: SecretBox,
  accountId: string,
  alg: IssuerAlgorithm,
  now: number,
): Promise<IssuerKey> {
  const current = active(await readIssuerKeys(store, secrets, accountId), alg);
  if (current !== undefined && now - current.createdAt < KEY_ROTATION_MS) return current;
  const fresh = await newIssuerKey(alg, now);
  return store.transaction(async (tx) => {
    const keys = await readIssuerKeys(tx, secrets, accountId);
    const again = active(keys, alg);
    if (again !== undefined && now - again.createdAt < KEY_ROTATION_MS) return again;
    const next = [...retire(keys, (k) => k.alg === alg, now), fresh].filter((k) => published(k, now));
    await writeIssuerKeys(tx, secrets, accountId, next, now);
    return fresh;
  });
}

/**
 * Rotates the account's issuer keys: a new key for each algorithm signs from now on; the keys it
 * replaces stay in the JWKS until every token they signed has expired (RETIRED_KEY_PUBLISHED_MS),
 * and keys retired longer ago than that are dropped. Returns the keys now stored.
 */
export async function rotateIssuerKeys(store: Store, secrets: SecretBox, accountId: string, now: number): Promise<IssuerKey[]> {
  const fresh = await Promise.all(ISSUER_ALGORITHMS.map((alg) => newIssuerKey(alg, now)));
  return store.transaction(async (tx) => {
    const keys = await readIssuerKeys(tx, secrets, accountId);
    const next = [...retire(keys, () => true, now), ...fresh].filter((k) => published(k, now));
    await writeIssuerKeys(tx, secrets, accountId, next, now);
    return next;
  });
}

function retire(keys: readonly IssuerKey[], which: (k: IssuerKey) => boolean, now: number): IssuerKey[] {
  return keys.map((k) => (k.retiredAt === undefined && which(k) ? { ...k, retiredAt: now } : k));
}

/** The account's JWKS: the public half of every published key (never a private member). */
export async function publicJwks(store: Store, secrets: SecretBox, accountId: string, now: number): Promise<{ keys: JWK[] }> {
  const keys = await readIssuerKeys(store, secrets, accountId);
  return { keys: keys.filter((k) => published(k, now)).map((k) => k.publicJwk) };
}
