import { AwsError } from '../../errors/aws-error.js';
import { assumedRoleArn } from '../../model/arns.js';
import type { SessionService } from '../../model/session.js';
import type { UnsignedOperationContext } from '../operation.js';
import { mintCredentials } from '../sts/shared/mint.js';
import { GRANT_ACCOUNT, type CredentialGrant, grants, parseGrantToken, secretMatches } from './grant-record.js';
import { authorizeServiceTrust } from './service-trust.js';

/** What a program asks for: the grant's token, and (EC2) how it asked the instance metadata service. */
export interface GrantFetch {
  token: string | undefined;
  roleDelivery: '1.0' | '2.0';
}

/** A set of credentials a grant fetched, and when the endpoint hands out new ones instead. */
export interface GrantCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
  /** Epoch seconds from which the endpoint mints new credentials rather than hand these out. */
  refreshAt: number;
  expiresAt: number;
  assumedRoleId: string;
  assumedRoleArn: string;
}

/** Credentials already fetched for a grant, per process (several nodes may each hold their own). */
export interface GrantCredentialCache {
  get(key: string): GrantCredentials | undefined;
  set(key: string, value: GrantCredentials): void;
}

export interface ServedCredentials {
  grant: CredentialGrant;
  credentials: GrantCredentials;
  /** False when the credentials came from the cache: no AssumeRole happened. */
  minted: boolean;
}

/**
 * One fetch of a grant's credentials, as the container-credentials endpoint (or the instance
 * metadata service) serves it on AWS: the same credentials until they come within the refresh
 * window of their expiry (5–15 minutes, a third of their life at most), then new ones, which the
 * service gets by assuming the role again — so a trust policy changed since the grant was
 * created refuses the refresh, as it would on AWS. The grant is read on every fetch: a revoked or
 * expired grant serves nothing, even from the cache.
 */
export async function serveGrantCredentials(
  fetch: GrantFetch,
  ctx: UnsignedOperationContext,
  cache: GrantCredentialCache,
): Promise<ServedCredentials> {
  if (fetch.token === undefined || fetch.token === '') {
    throw new AwsError('MissingAuthenticationToken', 'The request has no Authorization header with a credential grant token.');
  }
  const parsed = parseGrantToken(fetch.token);
  const invalid = () => new AwsError('AccessDenied', 'The credential grant token is not valid: it is unknown, revoked or expired.');
  if (!parsed) throw invalid();
  const record = await grants.get(ctx.store, GRANT_ACCOUNT, parsed.grantId);
  if (!record || !secretMatches(parsed.secret, record.value.secretHash)) throw invalid();
  const grant = record.value;
  const nowSeconds = Math.floor(ctx.now / 1000);
  if (grant.expiresAt <= nowSeconds) {
    await grants.delete(ctx.store, GRANT_ACCOUNT, parsed.grantId);
    throw invalid();
  }
  const key = `${parsed.grantId}/${fetch.roleDelivery}`;
  const cached = cache.get(key);
  if (cached && cached.refreshAt > nowSeconds) return { grant, credentials: cached, minted: false };

  const role = await ctx.store.roles.getById(grant.roleId);
  if (!role) throw new AwsError('AccessDenied', `The role ${grant.roleArn} of this credential grant no longer exists.`);
  // From here on the service is the caller: the audit event is its AssumeRole.
  ctx.noteFederatedCaller({
    type: 'AWSService',
    invokedBy: grant.servicePrincipal,
    accountId: role.accountId,
    requestDetails: { roleArn: role.arn, roleSessionName: grant.sessionName, durationSeconds: grant.durationSeconds },
  });
  authorizeServiceTrust(ctx, role, {
    computeType: grant.computeType,
    sourceAccount: grant.sourceAccount,
    sourceArn: grant.sourceArn,
    sessionName: grant.sessionName,
    region: grant.region,
    sessionTags: grant.sessionTags,
  });

  const duration = Math.min(grant.durationSeconds, role.maxSessionDuration);
  const service: SessionService = { principal: grant.servicePrincipal };
  if (grant.computeType === 'ec2' && grant.ec2)
    service.ec2 = { instanceArn: grant.sourceArn, roleDelivery: fetch.roleDelivery, ...grant.ec2 };
  if (grant.computeType === 'lambda') service.lambdaFunctionArn = grant.sourceArn;
  ctx.usage.roleUsed(role.roleId, grant.region, ctx.now);
  const minted = mintCredentials(ctx, {
    kind: 'AssumedRole',
    accountId: role.accountId,
    issuedAt: nowSeconds,
    expiresAt: nowSeconds + duration,
    roleId: role.roleId,
    roleName: role.roleName,
    rolePath: role.path,
    sessionName: grant.sessionName,
    ...(grant.sessionTags ? { tags: grant.sessionTags } : {}),
    originArn: grant.servicePrincipal,
    service,
  });
  const credentials: GrantCredentials = {
    ...minted,
    expiresAt: nowSeconds + duration,
    refreshAt: nowSeconds + duration - refreshWindow(parsed.grantId, duration),
    assumedRoleId: `${role.roleId}:${grant.sessionName}`,
    assumedRoleArn: assumedRoleArn(role.accountId, role.roleName, grant.sessionName),
  };
  cache.set(key, credentials);
  return { grant, credentials, minted: true };
}

/**
 * How long before expiry new credentials are handed out: 5 to 15 minutes as AWS's endpoints do,
 * the same for a grant on every node (derived from its id), and at most a third of the
 * credentials' life, so that short-lived ones (`--duration 60`) are renewed before they expire too.
 */
export function refreshWindow(grantId: string, duration: number): number {
  let h = 0;
  for (let i = 0; i < grantId.length; i++) h = (h * 31 + grantId.charCodeAt(i)) >>> 0;
  return Math.min(300 + (h % 601), Math.floor(duration / 3));
}

/** A small bounded map: the oldest entries go first beyond `max` (grants come and go). */
export class BoundedGrantCache implements GrantCredentialCache {
  private readonly entries = new Map<string, GrantCredentials>();

  constructor(private readonly max = 10_000) {}

  get(key: string): GrantCredentials | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: GrantCredentials): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}
