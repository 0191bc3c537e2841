import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { SessionClaims } from '../model/session.js';
import type { TokenKeyRing } from './key-ring.js';
import { EnvelopeError, openEnvelope, sealEnvelope } from './sealed-envelope.js';

/**
 * Session tokens: the claims as compact JSON (deflated when large: session policies), in the
 * sealed envelope (sealed-envelope.ts) with version 1 (plain) or 2 (deflated). Small claims skip
 * deflate: it would cost more time than the bytes it saves.
 */
const PLAIN = 1;
const DEFLATED = 2;
const DEFLATE_ABOVE = 700;

export class TokenError extends Error {}

const FAULT_TEXT = {
  malformed: 'malformed session token',
  unknownKey: 'session token sealed with an unknown key',
  authentication: 'session token failed authentication',
} as const;

export function sealSessionToken(claims: SessionClaims, ring: TokenKeyRing): string {
  const json = Buffer.from(JSON.stringify(claims));
  const deflate = json.length > DEFLATE_ABOVE;
  return sealEnvelope(deflate ? DEFLATED : PLAIN, deflate ? deflateRawSync(json) : json, ring);
}

/** Throws TokenError for anything that is not an intact token sealed by a key in the ring. */
export function openSessionToken(token: string, ring: TokenKeyRing): SessionClaims {
  let opened: { version: number; plaintext: Buffer };
  try {
    opened = openEnvelope(token, ring, (v) => v === PLAIN || v === DEFLATED);
  } catch (error) {
    if (error instanceof EnvelopeError) throw new TokenError(FAULT_TEXT[error.fault]);
    throw error;
  }
  const json = opened.version === DEFLATED ? inflateRawSync(opened.plaintext) : opened.plaintext;
  return JSON.parse(json.toString('utf8')) as SessionClaims;
}
