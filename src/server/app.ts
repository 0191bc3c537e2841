import { join } from 'node:path';
import type { Clock } from '../kernel/clock.js';
import type { Random } from '../kernel/random.js';
import type { Config } from '../config/schema.js';
import { Authenticator } from '../authn/authenticator.js';
import { Authorizer } from '../authz/authorizer.js';
import { PolicyCompiler } from '../authz/policy-cache.js';
import { RoleCache } from '../authz/role-cache.js';
import { IAM_OPERATIONS } from '../services/iam/operations.js';
import type { Operation } from '../services/operation.js';
import { STS_OPERATIONS } from '../services/sts/operations.js';
import { KEYSMITH_OPERATIONS } from '../services/service-roles/operations.js';
import { ObjectFiles } from '../services/s3/files/object-files.js';
import { SigV4Verifier } from '../sigv4/index.js';
import { nodeSigV4Crypto } from '../platform/node-sigv4-crypto.js';
import type { Store } from '../storage/store.js';
import type { SecretBox } from '../tokens/secret-box.js';
import type { TokenKeys } from '../tokens/token-keys.js';
import { UsageRecorder } from '../authn/usage-recorder.js';
import { SessionRevocations } from '../authn/session-revocations.js';
import type { Logger } from '../kernel/logger.js';
import { CacheGeneration } from './cache-generation.js';
import type { AuditSink } from '../audit/audit-input.js';
import { createAuditLog } from '../audit/create-audit-log.js';
import type { AdminHooks } from './admin-router.js';
import type { ApiRequest, ApiResponse } from './edge/api-request.js';
import { handleRequest } from './handle.js';

/** Everything a request needs, wired once at start-up. */
export interface App {
  config: Readonly<Config>;
  store: Store;
  clock: Clock;
  random: Random;
  secrets: SecretBox;
  logger: Logger;
  adminToken: string;
  tokenKeys: TokenKeys;
  policies: PolicyCompiler;
  authenticator: Authenticator;
  authorizer: Authorizer;
  roles: RoleCache;
  usage: UsageRecorder;
  /** Receives one record per finished request (CloudTrail). */
  audit: AuditSink;
  revocations: SessionRevocations;
  operations: Record<'iam' | 'sts' | 'keysmith', ReadonlyMap<string, Operation>>;
  /** S3 object data on the local filesystem. */
  s3Files: ObjectFiles;
  /** Drop every cache derived from IAM state (after any write). */
  invalidateCaches(): void;
  /** Cross-process cache invalidation (several workers or nodes on one database). */
  generation: CacheGeneration;
  /** After an IAM write: drop this process's caches and tell the others. */
  iamChanged(): void;
  /** What the admin API's reset and revoke do (set by startKeysmith, which owns bootstrap). */
  admin: AdminHooks;
  /** One request in, one response out, in-process: every AWS operation and the admin API. */
  handle(request: ApiRequest): Promise<ApiResponse>;
}

const NO_ADMIN_HOOKS: AdminHooks = {
  reset: () => Promise.reject(new Error('reset is not available in this process')),
  revokeSessions: () => Promise.reject(new Error('session revocation is not available in this process')),
};

export function createApp(
  parts: Pick<App, 'config' | 'store' | 'clock' | 'random' | 'secrets' | 'logger' | 'adminToken' | 'tokenKeys'>,
): App {
  const policies = new PolicyCompiler();
  const revocations = new SessionRevocations(parts.store, parts.logger);
  const authenticator = new Authenticator(
    parts.store,
    parts.secrets,
    new SigV4Verifier({ crypto: nodeSigV4Crypto }),
    nodeSigV4Crypto,
    parts.tokenKeys,
    revocations,
  );
  const authorizer = new Authorizer(parts.store, policies);
  const roles = new RoleCache(parts.store);
  const invalidateCaches = () => {
    authenticator.invalidate();
    authorizer.invalidate();
    roles.invalidate();
    // A rotated token key ring (keysmith keys rotate) travels the same way.
    void parts.tokenKeys
      .reload(true)
      .catch((error: unknown) => parts.logger.warn('could not reload the token key ring', { detail: String(error) }));
  };
  const generation = new CacheGeneration(parts.store, invalidateCaches, parts.logger);
  const app: App = {
    ...parts,
    generation,
    iamChanged() {
      invalidateCaches();
      void generation.bump();
    },
    policies,
    authenticator,
    authorizer,
    roles,
    usage: new UsageRecorder(parts.store, parts.logger),
    revocations,
    audit: createAuditLog(parts.config, parts.logger),
    operations: { iam: IAM_OPERATIONS, sts: STS_OPERATIONS, keysmith: KEYSMITH_OPERATIONS },
    s3Files: new ObjectFiles(parts.config.s3ObjectsDir ?? join(parts.config.dataDir, 'objects')),
    invalidateCaches,
    admin: NO_ADMIN_HOOKS,
    handle: (request) => handleRequest(app, request, app.admin),
  };
  return app;
}
