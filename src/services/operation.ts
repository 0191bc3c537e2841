import type { Random } from '../kernel/random.js';
import type { Principal } from '../model/principal.js';
import type { Decoded, StructShape } from '../model/shapes.js';
import type { Store } from '../storage/store.js';
import type { SecretBox } from '../tokens/secret-box.js';
import type { PolicyCompiler } from '../authz/policy-cache.js';
import type { RequestFacts } from '../authz/request-context.js';
import type { Authorizer } from '../authz/authorizer.js';
import type { RoleCache } from '../authz/role-cache.js';
import type { TokenKeys } from '../tokens/token-keys.js';
import type { UsageRecorder } from '../authn/usage-recorder.js';

/** What a handler may use. It never sees the HTTP request or the wire format. */
export interface OperationContext {
  store: Store;
  caller: Principal;
  /** Source address, user agent, region and time of the request (condition keys). */
  facts: RequestFacts;
  requestId: string;
  /** Request time, epoch ms (one reading per request). */
  now: number;
  region: string;
  random: Random;
  secrets: SecretBox;
  policies: PolicyCompiler;
  /** For operations that evaluate more than their own action (AssumeRole's trust policy). */
  authorizer: Authorizer;
  /** Roles by name, cached until the next IAM write (AssumeRole's hot path). */
  roles: RoleCache;
  tokenKeys: TokenKeys;
  /** Notes last-used times (written later, off the request path). */
  usage: UsageRecorder;
}

/**
 * One API operation: its input shape (decoded and validated by the codec), the IAM action and
 * resource used to authorize it, and the handler. `result` undefined = no output shape.
 */
export interface Operation<S extends StructShape = StructShape> {
  name: string;
  input: S;
  /** e.g. `iam:CreateUser`. */
  action: string;
  /** True when the operation changes nothing (CloudTrail's readOnly). */
  readOnly: boolean;
  /**
   * Whether a successful call changes IAM state, so that every process drops its IAM caches.
   * Default: the operation is not readOnly.
   */
  mutatesIam?: boolean;
  /** AWS answers some calls (GetCallerIdentity) without any permission check. */
  skipAuthorization?: boolean;
  /** The resource ARN this call acts on, for authorization. */
  resource(input: Decoded<S>, ctx: OperationContext): string | Promise<string>;
  handler(input: Decoded<S>, ctx: OperationContext): Promise<object | undefined>;
}

/** Keeps the input type of each definition while storing them in one table. */
export function defineOperation<S extends StructShape>(op: Operation<S>): Operation {
  return op;
}

/** Whether a successful call of the operation must invalidate the IAM caches of every process. */
export function mutatesIam(operation: Pick<Operation, 'readOnly' | 'mutatesIam'>): boolean {
  return operation.mutatesIam ?? !operation.readOnly;
}
