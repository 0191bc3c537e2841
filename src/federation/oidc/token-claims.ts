import { AwsError } from '../../errors/aws-error.js';

/**
 * The pure half of web identity token verification (no I/O, no clock): reading a compact JWT
 * without trusting it, the algorithms STS accepts, the time claims and the audience. The
 * signature is checked by verify-token.ts with the issuer's keys.
 */

/**
 * What STS accepts (AssumeRoleWithWebIdentity reference: "RS256, RS384, RS512, ES256, ES384,
 * ES512"). Never `none`, never an HMAC (a public key used as an HMAC secret is the classic
 * confusion attack), and no RSA-PSS: AWS's list does not name it.
 */
export const ACCEPTED_ALGORITHMS: readonly string[] = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'];

/**
 * How far in the future `iat`/`nbf` may lie (the issuer's clock runs ahead of ours). AWS does not
 * document a tolerance; `exp` gets none, as AWS's own message compares the two times directly.
 */
export const CLOCK_SKEW_SECONDS = 60;

export interface UnverifiedToken {
  header: { alg: string; kid?: string; typ?: string };
  claims: Record<string, unknown>;
  /** The `iss` claim: the registered provider is looked up by it before anything is fetched. */
  issuer: string;
}

const MALFORMED = 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';
export const invalidToken = (message: string) => new AwsError('InvalidIdentityToken', message);

/** Splits and decodes the token; nothing in it is trusted yet. */
export function readToken(token: string): UnverifiedToken {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)) || parts[0] === '' || parts[1] === '') {
    throw invalidToken(MALFORMED);
  }
  const header = decodeJson(parts[0]!);
  const claims = decodeJson(parts[1]!);
  if (typeof header.alg !== 'string') throw invalidToken(MALFORMED);
  if (!ACCEPTED_ALGORITHMS.includes(header.alg) || parts[2] === '') {
    throw invalidToken(`Unsupported token signing algorithm: ${header.alg}. Use one of ${ACCEPTED_ALGORITHMS.join(', ')}.`);
  }
  if (header.crit !== undefined) throw invalidToken(MALFORMED);
  const issuer = claims.iss;
  if (typeof issuer !== 'string' || issuer === '') throw invalidToken('Missing a required claim: iss');
  return {
    header: {
      alg: header.alg,
      ...(typeof header.kid === 'string' ? { kid: header.kid } : {}),
      ...(typeof header.typ === 'string' ? { typ: header.typ } : {}),
    },
    claims,
    issuer,
  };
}

function decodeJson(part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken(MALFORMED);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidToken(MALFORMED);
  return value as Record<string, unknown>;
}

/**
 * `exp` must be in the future (AWS's ExpiredTokenException text, no space before the second
 * number, as recorded); `iat` and `nbf` must not be in the future beyond the skew. `sub`, `aud`,
 * `exp` and `iat` are required.
 */
export function checkTimes(claims: Record<string, unknown>, nowSeconds: number): void {
  for (const name of ['sub', 'exp', 'iat']) {
    if (claims[name] === undefined) throw invalidToken(`Missing a required claim: ${name}`);
  }
  if (typeof claims.sub !== 'string' || claims.sub === '') throw invalidToken('Missing a required claim: sub');
  const exp = numeric(claims.exp, 'exp');
  const iat = numeric(claims.iat, 'iat');
  const nbf = claims.nbf === undefined ? undefined : numeric(claims.nbf, 'nbf');
  if (nowSeconds >= exp) {
    throw new AwsError(
      'ExpiredTokenException',
      `Token expired: current date/time ${nowSeconds} must be before the expiration date/time${Math.floor(exp)}`,
    );
  }
  const notBefore = Math.max(iat, nbf ?? iat);
  if (notBefore > nowSeconds + CLOCK_SKEW_SECONDS) {
    throw invalidToken(
      `Token is not yet valid: current date/time ${nowSeconds} must be after the issue or not-before date/time${Math.floor(notBefore)}`,
    );
  }
}

function numeric(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidToken(`Invalid claim: ${name} must be a number`);
  return value;
}

export interface AudienceMatch {
  /** The client id that matched: the response's `Audience` and the `:aud` key. */
  audience: string;
  /** The token's other audiences (`:oaud`), when `azp` decided. */
  otherAudiences: string[];
}

/**
 * The audience must be one of the provider's client ids: the `azp` claim when the token has one
 * (the party the token was issued to, as Google writes it), otherwise one of the `aud` values.
 */
export function matchAudience(claims: Record<string, unknown>, clientIds: readonly string[]): AudienceMatch {
  const aud =
    typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud.filter((a) => typeof a === 'string') : [];
  if (aud.length === 0) throw invalidToken('Missing a required claim: aud');
  const azp = typeof claims.azp === 'string' ? claims.azp : undefined;
  if (azp !== undefined && clientIds.includes(azp)) return { audience: azp, otherAudiences: aud };
  const hit = aud.find((a) => clientIds.includes(a));
  if (hit === undefined) throw invalidToken('Incorrect token audience');
  return { audience: hit, otherAudiences: [] };
}
