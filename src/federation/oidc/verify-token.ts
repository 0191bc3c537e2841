import { readFileSync } from 'node:fs';
import { compactVerify, importJWK, type JWK } from 'jose';
import { AwsError } from '../../errors/aws-error.js';
import { OidcKeySource } from './key-source.js';
import { checkTimes, invalidToken, matchAudience, type UnverifiedToken } from './token-claims.js';

/** What the handler knows of the registered provider the token's `iss` named. */
export interface ProviderFacts {
  url: string;
  clientIds: readonly string[];
  thumbprints: readonly string[];
}

export interface VerifiedWebIdentity {
  subject: string;
  /** The client id that matched (`azp` or one of `aud`). */
  audience: string;
  /** The token's `aud` values when `azp` decided (the `:oaud` key). */
  otherAudiences: string[];
  claims: Record<string, unknown>;
}

/** The signature did not verify with any of the issuer's keys that fit the token's header. */
export const BAD_SIGNATURE = 'The token signature could not be verified with the keys of the identity provider';

/**
 * Verifies a web identity token the way STS does, once its `iss` has been matched to a registered
 * provider: the audience against the provider's client ids, the signature with the issuer's
 * published keys (the algorithm fixed by the header and limited to STS's list before any key is
 * touched), then the time claims.
 */
export async function verifyWebIdentityToken(
  raw: string,
  token: UnverifiedToken,
  provider: ProviderFacts,
  keys: OidcKeySource,
  nowMs: number,
): Promise<VerifiedWebIdentity> {
  const match = matchAudience(token.claims, provider.clientIds);
  const candidates = await keys.candidates(provider.url, provider.thumbprints, token.header, nowMs);
  let verified = false;
  for (const candidate of candidates) {
    try {
      const key = await importJWK(candidate as JWK, token.header.alg);
      await compactVerify(raw, key, { algorithms: [token.header.alg] });
      verified = true;
      break;
    } catch {
      // Try the next key with the same kid (issuers mid-rotation publish several).
    }
  }
  if (!verified) throw invalidToken(BAD_SIGNATURE);
  checkTimes(token.claims, Math.floor(nowMs / 1000));
  return { subject: token.claims.sub as string, audience: match.audience, otherAudiences: match.otherAudiences, claims: token.claims };
}

/** Fetch bound per request to the issuer (AWS's documented limit is 5 s). */
export const ISSUER_TIMEOUT_MS = 5000;
/** An unknown `kid` refetches the issuer's JWKS at most this often. */
export const KID_REFETCH_INTERVAL_MS = 30_000;

const sources = new Map<string, OidcKeySource>();

/**
 * The process's key source for one CA setting (kept for the life of the process, so its cache is
 * shared by every request). The CA file is read once; an unreadable file is a server fault.
 */
export function keySourceFor(caFile: string | undefined): OidcKeySource {
  const key = caFile ?? '';
  let found = sources.get(key);
  if (found === undefined) {
    let extraCa: string | undefined;
    if (caFile !== undefined) {
      try {
        extraCa = readFileSync(caFile, 'utf8');
      } catch (error) {
        throw new AwsError(
          'InternalFailure',
          'An internal error occurred. Try again later.',
          `KEYSMITH_FEDERATION_CA_FILE: ${String(error)}`,
        );
      }
    }
    found = new OidcKeySource({
      timeoutMs: ISSUER_TIMEOUT_MS,
      refetchIntervalMs: KID_REFETCH_INTERVAL_MS,
      ...(extraCa !== undefined ? { extraCa } : {}),
    });
    sources.set(key, found);
  }
  return found;
}
