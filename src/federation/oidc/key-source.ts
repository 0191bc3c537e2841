import { AwsError } from '../../errors/aws-error.js';
import { cacheLifetimeSeconds } from './cache-lifetime.js';
import { fetchDocument, IdpCertificateRejected, IdpUnreachable, type FetchedDocument, type FetchOptions } from './https-fetch.js';
import { thumbprintAccepted } from './thumbprints.js';

/** One key of a JWKS, as published (only what matters for selection; jose imports it). */
export interface PublishedKey {
  kty?: string;
  kid?: string;
  use?: string;
  alg?: string;
  crv?: string;
  [member: string]: unknown;
}

export interface KeySourceOptions {
  extraCa?: string;
  /** Bound on each fetch (discovery, JWKS): a slower issuer is an IDPCommunicationError. */
  timeoutMs: number;
  /** An unknown `kid` makes the JWKS be fetched again at most once per this many ms per issuer. */
  refetchIntervalMs: number;
}

interface CachedKeys {
  keys: PublishedKey[];
  /** Both fetches' chains: the provider's thumbprints are checked against them at every use. */
  chains: Pick<FetchedDocument, 'caThumbprints' | 'publiclyTrusted'>[];
  expiresAtMs: number;
}

export const NO_VERIFICATION_KEY =
  "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";
export const THUMBPRINT_MISMATCH = "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint";
const UNREACHABLE = 'The identity provider could not be reached. Try again later.';

/**
 * The signing keys of OIDC issuers: discovery (`<issuer>/.well-known/openid-configuration`) then
 * its `jwks_uri`, both over HTTPS, cached per issuer for as long as the JWKS response's cache
 * headers allow; a token whose `kid` is not among the cached keys makes the set be fetched again,
 * but not more than once per `refetchIntervalMs` per issuer (a flood of made-up kids must not
 * turn keysmith into a load generator against the issuer).
 */
export class OidcKeySource {
  private readonly cache = new Map<string, CachedKeys>();
  private readonly lastRefetch = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<CachedKeys>>();

  constructor(private readonly options: KeySourceOptions) {}

  /** The issuer's keys that may verify a token with this header (`kid`, `alg`). */
  async candidates(
    issuer: string,
    thumbprints: readonly string[],
    header: { alg: string; kid?: string },
    nowMs: number,
  ): Promise<PublishedKey[]> {
    let entry = this.cache.get(issuer);
    if (entry === undefined || entry.expiresAtMs <= nowMs) entry = await this.load(issuer, nowMs);
    checkChains(entry, thumbprints);
    let found = select(entry.keys, header);
    if (found.length === 0 && header.kid !== undefined) {
      const last = this.lastRefetch.get(issuer);
      if (last === undefined || nowMs - last >= this.options.refetchIntervalMs) {
        this.lastRefetch.set(issuer, nowMs);
        entry = await this.load(issuer, nowMs);
        checkChains(entry, thumbprints);
        found = select(entry.keys, header);
      }
    }
    if (found.length === 0) throw new AwsError('InvalidIdentityToken', NO_VERIFICATION_KEY);
    return found;
  }

  private load(issuer: string, nowMs: number): Promise<CachedKeys> {
    let pending = this.inFlight.get(issuer);
    if (pending === undefined) {
      pending = this.fetchKeys(issuer, nowMs).finally(() => this.inFlight.delete(issuer));
      this.inFlight.set(issuer, pending);
    }
    return pending;
  }

  private async fetchKeys(issuer: string, nowMs: number): Promise<CachedKeys> {
    const discoveryUrl = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const discovery = await this.get(discoveryUrl);
    const jwksUri = parseObject(discovery.body)?.jwks_uri;
    if (typeof jwksUri !== 'string' || !jwksUri.startsWith('https://')) throw new AwsError('InvalidIdentityToken', NO_VERIFICATION_KEY);
    const jwks = await this.get(jwksUri);
    const keys = parseObject(jwks.body)?.keys;
    if (!Array.isArray(keys)) throw new AwsError('InvalidIdentityToken', NO_VERIFICATION_KEY);
    const entry: CachedKeys = {
      keys: keys.filter((k): k is PublishedKey => k !== null && typeof k === 'object' && !Array.isArray(k)),
      chains: [discovery, jwks].map((d) => ({ caThumbprints: d.caThumbprints, publiclyTrusted: d.publiclyTrusted })),
      expiresAtMs: nowMs + cacheLifetimeSeconds(jwks.cacheControl, jwks.expires, nowMs) * 1000,
    };
    this.cache.set(issuer, entry);
    return entry;
  }

  private async get(url: string): Promise<FetchedDocument> {
    const options: FetchOptions = {
      timeoutMs: this.options.timeoutMs,
      ...(this.options.extraCa !== undefined ? { extraCa: this.options.extraCa } : {}),
    };
    let fetched: FetchedDocument;
    try {
      fetched = await fetchDocument(url, options);
    } catch (error) {
      if (error instanceof IdpCertificateRejected) throw new AwsError('InvalidIdentityToken', THUMBPRINT_MISMATCH, error.message);
      if (error instanceof IdpUnreachable) throw new AwsError('IDPCommunicationError', UNREACHABLE, error.message);
      throw new AwsError('InvalidIdentityToken', NO_VERIFICATION_KEY, error instanceof Error ? error.message : String(error));
    }
    if (fetched.status !== 200) throw new AwsError('InvalidIdentityToken', NO_VERIFICATION_KEY, `${url} answered ${fetched.status}`);
    return fetched;
  }
}

function checkChains(entry: CachedKeys, thumbprints: readonly string[]): void {
  for (const chain of entry.chains) {
    if (!thumbprintAccepted(chain, thumbprints)) throw new AwsError('InvalidIdentityToken', THUMBPRINT_MISMATCH);
  }
}

/**
 * Keys usable for the header: the same `kid` when the token names one (else every key), a key
 * type that fits the algorithm, and no `use` or `alg` that says otherwise.
 */
function select(keys: readonly PublishedKey[], header: { alg: string; kid?: string }): PublishedKey[] {
  const kty = header.alg.startsWith('ES') ? 'EC' : 'RSA';
  return keys.filter(
    (k) =>
      (header.kid === undefined || k.kid === header.kid) &&
      k.kty === kty &&
      (k.use === undefined || k.use === 'sig') &&
      (k.alg === undefined || k.alg === header.alg),
  );
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
