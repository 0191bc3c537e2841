import { AwsError } from '../errors/aws-error.js';
import { rootArn } from '../model/arns.js';
import type { Principal } from '../model/principal.js';
import { deriveSigningKey, parseSigV4, sigV2Matches, type ParsedSignature, type SigV4Crypto, type SigV4Verifier } from '../sigv4/index.js';
import type { SignedRequest } from '../sigv4/signed-request.js';
import type { Store } from '../storage/store.js';
import type { SecretBox } from '../tokens/secret-box.js';
import { openSessionToken, TokenError } from '../tokens/session-token.js';
import type { TokenKeys } from '../tokens/token-keys.js';
import type { SessionClaims } from '../model/session.js';
import { sessionPrincipal } from './session-principal.js';
import type { SessionRevocations } from './session-revocations.js';

const INVALID_TOKEN = 'The security token included in the request is invalid.';
const EXPIRED_TOKEN = 'The security token included in the request is expired';
const MAX_SESSIONS_CACHED = 50_000;

/**
 * A caller whose credentials check out, and the means to verify what they signed: the SigV4
 * signature (headers and body), the chunk signatures of an aws-chunked upload, a SigV2 presigned
 * URL. Holds the secret only inside these closures.
 */
export interface VerifiedCredentials {
  principal: Principal;
  /** The signature (and its time window) against the request as received. Throws SignatureDoesNotMatch / RequestExpired. */
  verify(request: SignedRequest, signature: ParsedSignature, nowMs: number): void;
  /** HMAC-SHA256 (hex) with the signing key of `signature`'s scope: aws-chunked chunk signatures. */
  chunkSigner(signature: ParsedSignature): (stringToSign: string) => string;
  /** Whether `signature` is the base64 HMAC-SHA1 of `stringToSign` (S3's legacy presigned URLs). */
  sigV2Matches(stringToSign: string, signature: string): boolean;
}

interface CachedKey {
  secret: string;
  principal: Principal;
}

interface CachedSession extends CachedKey {
  token: string;
  claims: SessionClaims;
}

/**
 * Access key → verified Principal. Long-term keys are looked up once and cached with their
 * opened secret; `invalidate()` drops the cache after any IAM write, so a deleted or deactivated
 * key stops working at once. Unknown keys are never cached (a key created later must work).
 */
export class Authenticator {
  private readonly keys = new Map<string, CachedKey>();
  /** Opened session tokens by ASIA key id; the token text must match exactly to be reused. */
  private readonly sessions = new Map<string, CachedSession>();

  constructor(
    private readonly store: Store,
    private readonly secrets: SecretBox,
    private readonly verifier: SigV4Verifier,
    private readonly crypto: SigV4Crypto,
    private readonly tokenKeys: TokenKeys,
    private readonly revocations: SessionRevocations,
  ) {}

  /** Long-term keys only: session tokens cannot change, so their cache stays valid. */
  invalidate(): void {
    this.keys.clear();
  }

  /** Parse, look up, verify: for callers that hold the whole request (body included) at once. */
  async authenticate(
    request: SignedRequest,
    nowMs: number,
    parsed?: ParsedSignature,
  ): Promise<{ principal: Principal; signature: ParsedSignature }> {
    const signature = parsed ?? parseSigV4(request);
    const caller = await this.credentials(signature.accessKeyId, signature.securityToken, nowMs);
    caller.verify(request, signature, nowMs);
    return { principal: caller.principal, signature };
  }

  /**
   * The principal behind an access key (and session token), after the checks every signature
   * needs first: key known and active, token valid, unexpired and not revoked — from the headers,
   * before a byte of the body is read. What it returns verifies signatures with the key's secret;
   * the secret itself never leaves this class.
   */
  async credentials(accessKeyId: string, token: string | undefined, nowMs: number): Promise<VerifiedCredentials> {
    const { principal, secret } = await this.secretOf(accessKeyId, token, nowMs);
    const verifier = this.verifier;
    const crypto = this.crypto;
    return {
      principal,
      verify: (request, signature, now) => verifier.verify(request, signature, secret, now),
      chunkSigner(signature) {
        const key = deriveSigningKey(crypto, secret, signature.scopeDate, signature.region, signature.service);
        return (stringToSign) => crypto.hmacSha256Hex(key, stringToSign);
      },
      sigV2Matches: (stringToSign, signature) => sigV2Matches(crypto, secret, stringToSign, signature),
    };
  }

  private async secretOf(accessKeyId: string, token: string | undefined, nowMs: number): Promise<CachedKey> {
    if (accessKeyId.startsWith('ASIA')) {
      const session = await this.openSession(accessKeyId, token);
      if (nowMs >= session.claims.expiresAt * 1000) throw new AwsError('ExpiredToken', EXPIRED_TOKEN);
      if (this.revocations.isRevoked(session.claims))
        throw new AwsError('InvalidClientTokenId', INVALID_TOKEN, 'session revoked by an administrator');
      return session;
    }
    const cached = this.keys.get(accessKeyId) ?? (await this.load(accessKeyId));
    if (!cached) throw new AwsError('InvalidClientTokenId', INVALID_TOKEN);
    if (token !== undefined) {
      // Long-term keys carry no session token; a token with an AKIA key is not valid.
      throw new AwsError('InvalidClientTokenId', INVALID_TOKEN);
    }
    return cached;
  }

  /**
   * Temporary credentials need no lookup: the token is opened with the key ring and must belong
   * to the access key it came with. A forged, altered or foreign token is InvalidClientTokenId.
   */
  private async openSession(accessKeyId: string, token: string | undefined): Promise<CachedSession> {
    if (token === undefined || token === '') throw new AwsError('InvalidClientTokenId', INVALID_TOKEN);
    const cached = this.sessions.get(accessKeyId);
    if (cached !== undefined && cached.token === token) return cached;
    let claims: SessionClaims;
    try {
      claims = openSessionToken(token, this.tokenKeys.current);
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      try {
        claims = openSessionToken(token, await this.tokenKeys.reload());
      } catch (again) {
        if (again instanceof TokenError) throw new AwsError('InvalidClientTokenId', INVALID_TOKEN, again.message);
        throw again;
      }
    }
    if (claims.accessKeyId !== accessKeyId) throw new AwsError('InvalidClientTokenId', INVALID_TOKEN, 'token of another access key');
    const session = { token, claims, secret: claims.secretAccessKey, principal: sessionPrincipal(claims) };
    if (this.sessions.size >= MAX_SESSIONS_CACHED) this.sessions.clear();
    this.sessions.set(accessKeyId, session);
    return session;
  }

  private async load(accessKeyId: string): Promise<CachedKey | undefined> {
    // Keys IAM creates start with AKIA; the bootstrap admin's may be any id its settings give
    // (`test`, as moto and LocalStack users are used to): whatever the store holds is looked up.
    const key = await this.store.accessKeys.get(accessKeyId);
    if (!key || key.status !== 'Active') return undefined;
    let principal: Principal;
    if (key.userName === null) {
      principal = {
        type: 'Root',
        accountId: key.accountId,
        arn: rootArn(key.accountId),
        userId: key.accountId,
        accessKeyId,
        temporary: false,
        tags: [],
      };
    } else {
      const user = await this.store.users.getByName(key.accountId, key.userName);
      if (!user) return undefined;
      principal = {
        type: 'User',
        accountId: key.accountId,
        arn: user.arn,
        userId: user.userId,
        userName: user.userName,
        entityId: user.userId,
        accessKeyId,
        temporary: false,
        tags: user.tags,
      };
    }
    const entry = { secret: this.secrets.open(key.secretSealed, accessKeyId), principal };
    this.keys.set(accessKeyId, entry);
    return entry;
  }
}
