import { importJWK, SignJWT, type JWTPayload } from 'jose';
import type { IssuerKey } from './signing-keys.js';

/** The namespace AWS nests its own claims under (IAM User Guide, "Understanding token claims"). */
export const AWS_CLAIMS_NAMESPACE = 'https://sts.amazonaws.com/';

/**
 * The largest claims set keysmith signs, as JSON bytes. AWS publishes no number; this one lets
 * every single tag of the maximum size through and refuses the largest tag sets
 * (JWTPayloadSizeExceededException) — documented in docs/federation.md (keysmith as an OIDC issuer).
 */
export const MAX_PAYLOAD_BYTES = 8192;

export interface TokenFacts {
  issuer: string;
  audiences: readonly string[];
  /** The caller's identity ARN: the user, the role (not the session), or the root. */
  subject: string;
  accountId: string;
  region: string;
  /** Epoch seconds. */
  issuedAt: number;
  expiresAt: number;
  jti: string;
  principalTags: Readonly<Record<string, string>>;
  requestTags: Readonly<Record<string, string>>;
}

/**
 * The claims of an outbound token, in AWS's layout: the standard ones (`aud` a string for one
 * audience, a list for several), AWS's own under the namespace, empty tag sets left out.
 */
export function tokenClaims(f: TokenFacts): JWTPayload {
  const aws: Record<string, unknown> = { aws_account: f.accountId, source_region: f.region };
  if (Object.keys(f.principalTags).length > 0) aws.principal_tags = { ...f.principalTags };
  if (Object.keys(f.requestTags).length > 0) aws.request_tags = { ...f.requestTags };
  return {
    iss: f.issuer,
    aud: f.audiences.length === 1 ? f.audiences[0] : [...f.audiences],
    sub: f.subject,
    iat: f.issuedAt,
    exp: f.expiresAt,
    jti: f.jti,
    [AWS_CLAIMS_NAMESPACE]: aws,
  };
}

/** Whether the claims fit in a token (MAX_PAYLOAD_BYTES). */
export function payloadFits(claims: JWTPayload): boolean {
  return Buffer.byteLength(JSON.stringify(claims)) <= MAX_PAYLOAD_BYTES;
}

/** Imported private keys by kid: importing is the costly part of signing. */
const imported = new Map<string, ReturnType<typeof importJWK>>();

/** Signs the claims with the key: a compact JWS whose header names the key (`kid`) and `typ: JWT`. */
export async function signToken(claims: JWTPayload, key: IssuerKey): Promise<string> {
  let privateKey = imported.get(key.kid);
  if (privateKey === undefined) {
    if (imported.size > 64) imported.clear();
    privateKey = importJWK(key.privateJwk, key.alg);
    imported.set(key.kid, privateKey);
  }
  return new SignJWT(claims).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' }).sign(await privateKey);
}
