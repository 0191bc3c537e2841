import { AwsError } from '../errors/aws-error.js';
import { rootArn } from '../model/arns.js';
import type { Principal } from '../model/principal.js';
import { parseSigV4, type ParsedSignature, type SigV4Verifier } from '../sigv4/index.js';
import type { SignedRequest } from '../sigv4/signed-request.js';
import type { Store } from '../storage/store.js';
import type { SecretBox } from '../tokens/secret-box.js';

const INVALID_TOKEN = 'The security token included in the request is invalid.';

interface CachedKey {
  secret: string;
  principal: Principal;
}

/**
 * Access key → verified Principal. Long-term keys are looked up once and cached with their
 * opened secret; `invalidate()` drops the cache after any IAM write, so a deleted or deactivated
 * key stops working at once. Unknown keys are never cached (a key created later must work).
 */
export class Authenticator {
  private readonly keys = new Map<string, CachedKey>();

  constructor(
    private readonly store: Store,
    private readonly secrets: SecretBox,
    private readonly verifier: SigV4Verifier,
  ) {}

  invalidate(): void {
    this.keys.clear();
  }

  async authenticate(request: SignedRequest, nowMs: number): Promise<{ principal: Principal; signature: ParsedSignature }> {
    const signature = parseSigV4(request);
    const cached = this.keys.get(signature.accessKeyId) ?? (await this.load(signature.accessKeyId));
    if (!cached) throw new AwsError('InvalidClientTokenId', INVALID_TOKEN);
    if (signature.securityToken !== undefined) {
      // Long-term keys carry no session token; a token with an AKIA key is not valid.
      throw new AwsError('InvalidClientTokenId', INVALID_TOKEN);
    }
    this.verifier.verify(request, signature, cached.secret, nowMs);
    return { principal: cached.principal, signature };
  }

  private async load(accessKeyId: string): Promise<CachedKey | undefined> {
    if (!accessKeyId.startsWith('AKIA')) return undefined;
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
