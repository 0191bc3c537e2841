import { createCipheriv, createDecipheriv } from 'node:crypto';
import { nodeRandom } from '../platform/node-random.js';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { SessionClaims } from '../model/session.js';
import type { TokenKeyRing } from './key-ring.js';

/**
 * Session tokens: the claims as compact JSON (deflated when large: session policies), sealed with
 * AES-256-GCM under the key ring's active key. Layout (then base64url): version (1 byte: 1 plain,
 * 2 deflated) | key id (4) | iv (12) | ciphertext | tag (16). The header is authenticated as
 * associated data, so neither the key id, the version nor a single bit of the body can change
 * unnoticed. Small claims skip deflate: it would cost more time than the bytes it saves.
 */
const PLAIN = 1;
const DEFLATED = 2;
const DEFLATE_ABOVE = 700;
const HEADER = 1 + 4 + 12;
const TAG = 16;

export class TokenError extends Error {}

export function sealSessionToken(claims: SessionClaims, ring: TokenKeyRing): string {
  const json = Buffer.from(JSON.stringify(claims));
  const deflate = json.length > DEFLATE_ABOVE;
  const header = Buffer.alloc(HEADER);
  header.writeUInt8(deflate ? DEFLATED : PLAIN, 0);
  header.writeUInt32BE(ring.active.id, 1);
  header.set(nodeRandom.bytes(12), 5);
  const cipher = createCipheriv('aes-256-gcm', ring.active.key, header.subarray(5));
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(deflate ? deflateRawSync(json) : json), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]).toString('base64url');
}

/** Throws TokenError for anything that is not an intact token sealed by a key in the ring. */
export function openSessionToken(token: string, ring: TokenKeyRing): SessionClaims {
  const raw = Buffer.from(token, 'base64url');
  const version = raw.length > 0 ? raw.readUInt8(0) : 0;
  if (raw.length < HEADER + TAG + 1 || (version !== PLAIN && version !== DEFLATED) || raw.toString('base64url') !== token) {
    throw new TokenError('malformed session token');
  }
  const key = ring.get(raw.readUInt32BE(1));
  if (!key) throw new TokenError('session token sealed with an unknown key');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(5, HEADER));
  decipher.setAAD(raw.subarray(0, HEADER));
  decipher.setAuthTag(raw.subarray(raw.length - TAG));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(raw.subarray(HEADER, raw.length - TAG)), decipher.final()]);
  } catch {
    throw new TokenError('session token failed authentication');
  }
  return JSON.parse((version === DEFLATED ? inflateRawSync(plain) : plain).toString('utf8')) as SessionClaims;
}
