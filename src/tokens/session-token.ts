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

const INCOMPLETE = 'session token claims lack what their kind always has';

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
  let claims: unknown;
  try {
    const json = opened.version === DEFLATED ? inflateRawSync(opened.plaintext) : opened.plaintext;
    claims = JSON.parse(json.toString('utf8'));
  } catch {
    throw new TokenError(FAULT_TEXT.malformed);
  }
  if (!isSessionClaims(claims)) throw new TokenError(INCOMPLETE);
  return claims;
}

function isFederation(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  return (f.type === 'WebIdentity' || f.type === 'SAML') && typeof f.provider === 'string' && typeof f.subject === 'string';
}

function isService(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>).principal === 'string';
}

/**
 * Whether opened claims have every field their kind always has (src/model/session.ts): the
 * token is authentic, so this guards against claims sealed by a build that set less, not forgery.
 */
function isSessionClaims(value: unknown): value is SessionClaims {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  const text = (key: string) => typeof c[key] === 'string';
  const absent = (key: string) => c[key] === undefined;
  const base =
    text('accessKeyId') &&
    text('secretAccessKey') &&
    text('accountId') &&
    typeof c.issuedAt === 'number' &&
    typeof c.expiresAt === 'number' &&
    text('originArn');
  if (!base) return false;
  switch (c.kind) {
    case 'AssumedRole':
      // Started by an IAM user (its id and name), or by an identity provider's sign-in (its federation).
      return (
        text('roleId') &&
        text('roleName') &&
        text('rolePath') &&
        text('sessionName') &&
        (text('originUserId')
          ? text('originUserName') && absent('federation') && absent('service')
          : absent('originUserName') && (isFederation(c.federation) ? absent('service') : absent('federation') && isService(c.service)))
      );
    case 'FederatedUser':
      // Asked for by a user (its id and name) or by the root (neither).
      return text('sessionName') && (text('originUserName') ? text('originUserId') : absent('originUserId') && absent('originUserName'));
    case 'SessionToken':
      // The user's id, or the account id for the root (which has no user name).
      return text('originUserId') && (text('originUserName') || absent('originUserName'));
    default:
      return false;
  }
}
