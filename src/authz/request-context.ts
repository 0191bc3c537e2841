import { isoSeconds } from '../kernel/iso-time.js';
import type { Tag } from '../model/entities.js';
import type { Principal } from '../model/principal.js';
import { type ContextValue, principalContext, type RequestPrincipal } from '../policy/index.js';
import { allowedKeys } from './condition-keys/allowed-keys.js';
import { accountOfArn, type ResourceTarget } from './resource-target.js';

/** Facts about the HTTP request that become global condition keys. */
export interface RequestFacts {
  sourceIp: string;
  userAgent: string;
  secureTransport: boolean;
  region: string;
  now: number;
}

/** Everything one authorization check knows, from which its request context is built. */
export interface ContextRequest {
  /** `service:Action`. */
  action: string;
  /**
   * The action whose AWS key list applies, when it is not `action`: the checks one API call
   * makes besides its own action (sts:TagSession within AssumeRole, iam:TagUser within
   * CreateUser) are evaluated with that call's request context.
   */
  keysOf?: string;
  /** The caller; undefined for an anonymous request (or a federated one, below). */
  principal: Principal | undefined;
  /**
   * A caller with no AWS identity yet, named by its identity provider (the SAML provider ARN, the
   * OIDC provider ARN or `accounts.google.com`): AssumeRoleWithSAML / AssumeRoleWithWebIdentity.
   */
  federatedProvider?: string;
  /**
   * An AWS service principal (`ec2.amazonaws.com`): the service assuming a role for the compute
   * it runs (a credential grant). No account, no ARN: the trust policy must name the service.
   */
  servicePrincipal?: string;
  /** The caller's tags as policies see them (entity tags overridden by session tags). */
  principalTags?: Readonly<Record<string, string>>;
  facts: RequestFacts;
  /** The operation's decoded input (AWS member names): Tags, TagKeys, PermissionsBoundary, PolicyArn, AWSServiceName. */
  input?: Readonly<Record<string, unknown>>;
  /** The resource ARN the action is authorized on (`*` when none). */
  resource?: string;
  /** The resource acted on, when it was looked up. */
  target?: ResourceTarget;
  /** The resource's account when no target was looked up (S3 bucket owner, AssumeRole's role). */
  resourceAccount?: string;
  /** Keys only the operation can compute (S3 object tags and headers, STS session keys). */
  supplied?: Readonly<Record<string, ContextValue>>;
}

const ANONYMOUS: RequestPrincipal = { type: 'Anonymous', arn: '', accountId: '' };

/** The principal as the policy engine sees it. */
export function toRequestPrincipal(p: Principal | undefined): RequestPrincipal {
  if (p === undefined) return ANONYMOUS;
  return {
    type: p.type,
    arn: p.arn,
    accountId: p.accountId,
    userId: p.userId,
    roleArn: p.type === 'AssumedRole' ? `arn:aws:iam::${p.session.accountId}:role${p.session.rolePath}${p.session.roleName}` : undefined,
    sourceUserArn: p.type === 'FederatedUser' ? p.session.originArn : undefined,
  };
}

/** A web-identity or SAML caller of AssumeRoleWith*: no ARN, no account, only its provider. */
export function federatedPrincipal(provider: string): RequestPrincipal {
  return { type: 'Federated', arn: '', accountId: '', federatedProvider: provider };
}

/** An AWS service principal assuming a role for a credential grant. */
export function servicePrincipal(service: string): RequestPrincipal {
  return { type: 'Service', arn: '', accountId: '', service };
}

/**
 * THE request context of a live request: every key AWS sets for this action and request, and no
 * other (src/authz/condition-keys/key-table.ts says where each comes from; AWS's per-action list
 * in aws-action-keys.ts says which actions carry which keys). Keys that do not apply stay
 * absent, never empty. Called by the Authorizer for every check, the S3 anonymous path included.
 */
export function buildRequestContext(r: ContextRequest): Record<string, ContextValue> {
  const allowed = allowedKeys(r.keysOf ?? r.action);
  const requestPrincipal =
    r.federatedProvider !== undefined
      ? federatedPrincipal(r.federatedProvider)
      : r.servicePrincipal !== undefined
        ? servicePrincipal(r.servicePrincipal)
        : toRequestPrincipal(r.principal);
  const ctx = principalContext(requestPrincipal, { tags: r.principalTags });
  if (r.principal === undefined && r.federatedProvider === undefined && r.servicePrincipal === undefined)
    delete ctx['aws:PrincipalIsAWSService'];
  addRequestFacts(ctx, r);
  addSessionKeys(ctx, r.principal, r.facts.now);

  const resourceAccount = r.resourceAccount ?? r.target?.accountId ?? (r.resource !== undefined ? accountOfArn(r.resource) : undefined);
  if (resourceAccount !== undefined) ctx['aws:ResourceAccount'] = resourceAccount;

  const input = r.input;
  const requestTags = tagsOf(input?.Tags);
  if (requestTags.length > 0) {
    if (allowed.has('aws:TagKeys')) ctx['aws:TagKeys'] = requestTags.map((t) => t.Key);
    if (allowed.hasFamily('aws:RequestTag/')) for (const t of requestTags) ctx[`aws:RequestTag/${t.Key}`] = t.Value;
  } else if (Array.isArray(input?.TagKeys) && input.TagKeys.length > 0 && allowed.has('aws:TagKeys')) {
    ctx['aws:TagKeys'] = (input.TagKeys as unknown[]).map(String);
  }

  const target = r.target;
  if (target?.exists) {
    if (allowed.hasFamily('aws:ResourceTag/')) for (const t of target.tags ?? []) ctx[`aws:ResourceTag/${t.Key}`] = t.Value;
    if (allowed.hasFamily('iam:ResourceTag/')) for (const t of target.tags ?? []) ctx[`iam:ResourceTag/${t.Key}`] = t.Value;
  } else if (target !== undefined && requestTags.length > 0 && isCreate(r.keysOf ?? r.action) && allowed.hasFamily('aws:ResourceTag/')) {
    // A create: the resource's tags are the ones it is being created with (AWS's availability text).
    for (const t of requestTags) ctx[`aws:ResourceTag/${t.Key}`] = t.Value;
  }
  if (allowed.has('iam:PermissionsBoundary')) {
    const boundary = typeof input?.PermissionsBoundary === 'string' ? input.PermissionsBoundary : target?.permissionsBoundary;
    if (boundary !== undefined) ctx['iam:PermissionsBoundary'] = boundary;
  }
  if (allowed.has('iam:PolicyARN') && typeof input?.PolicyArn === 'string') ctx['iam:PolicyARN'] = input.PolicyArn;
  for (const [key, value] of memberKeys(input)) if (allowed.has(key)) ctx[key] = value;

  if (r.supplied) for (const [k, v] of Object.entries(r.supplied)) if (allowed.has(k)) ctx[k] = v;
  return ctx;
}

/**
 * Keys that are one input member each (service-linked roles, delegation requests, Organizations access reports,
 * AssumeRoot, GetWebIdentityToken), present when the request passes the member; the action's
 * allowed keys decide where they apply.
 */
function memberKeys(input: Readonly<Record<string, unknown>> | undefined): [string, ContextValue][] {
  if (!input) return [];
  const out: [string, ContextValue][] = [];
  const text = (key: string, value: unknown) => {
    if (typeof value === 'string') out.push([key, value]);
    else if (typeof value === 'number') out.push([key, String(value)]);
  };
  text('iam:DelegationDuration', input.SessionDuration);
  text('iam:NotificationChannel', input.NotificationChannel);
  text('iam:TemplateArn', (input.Permissions as { PolicyTemplateArn?: unknown } | undefined)?.PolicyTemplateArn);
  text('iam:OrganizationsPolicyId', input.OrganizationsPolicyId);
  text('iam:AWSServiceName', input.AWSServiceName);
  text('sts:TaskPolicyArn', (input.TaskPolicyArn as { arn?: unknown } | undefined)?.arn);
  text('sts:DurationSeconds', input.DurationSeconds);
  text('sts:SigningAlgorithm', input.SigningAlgorithm);
  if (Array.isArray(input.Audience)) out.push(['sts:IdentityTokenAudience', (input.Audience as unknown[]).map(String)]);
  return out;
}

function addRequestFacts(ctx: Record<string, ContextValue>, r: ContextRequest): void {
  const facts = r.facts;
  ctx['aws:CurrentTime'] = isoSeconds(facts.now);
  ctx['aws:EpochTime'] = String(Math.floor(facts.now / 1000));
  ctx['aws:SecureTransport'] = String(facts.secureTransport);
  // IAM is a global service served from us-east-1: AWS reports that region whatever the client says.
  ctx['aws:RequestedRegion'] = r.action.length > 4 && r.action.slice(0, 4).toLowerCase() === 'iam:' ? 'us-east-1' : facts.region;
  ctx['aws:ViaAWSService'] = 'false';
  if (facts.sourceIp) ctx['aws:SourceIp'] = facts.sourceIp.replace(/^::ffff:/, '');
  if (facts.userAgent) ctx['aws:UserAgent'] = facts.userAgent;
}

/** aws:MultiFactorAuthPresent and aws:TokenIssueTime exist only for temporary credentials. */
function addSessionKeys(ctx: Record<string, ContextValue>, principal: Principal | undefined, now: number): void {
  const s = principal?.session;
  if (!s) return;
  ctx['aws:TokenIssueTime'] = isoSeconds(s.issuedAt * 1000);
  ctx['aws:MultiFactorAuthPresent'] = String(s.mfaAuthenticated === true);
  if (s.mfaAuthenticated) ctx['aws:MultiFactorAuthAge'] = String(Math.max(0, Math.floor(now / 1000) - s.issuedAt));
  if (s.kind === 'AssumedRole' && s.sourceIdentity !== undefined) ctx['aws:SourceIdentity'] = s.sourceIdentity;
  // A session that began with AssumeRoleWithWebIdentity or AssumeRoleWithSAML (kept through
  // chaining): the IAM identity provider's ARN, as AWS sets it for IAM OIDC and SAML providers.
  if (s.kind === 'AssumedRole' && s.federation !== undefined) ctx['aws:FederatedProvider'] = s.federation.provider;
  // The session an AWS service started for the compute it runs (not the sessions chained from it).
  const service = s.kind === 'AssumedRole' ? s.service : undefined;
  if (service?.ec2 !== undefined) {
    ctx['ec2:SourceInstanceArn'] = service.ec2.instanceArn;
    ctx['ec2:RoleDelivery'] = service.ec2.roleDelivery;
    ctx['aws:Ec2InstanceSourceVpc'] = service.ec2.vpcId;
    ctx['aws:Ec2InstanceSourcePrivateIPv4'] = service.ec2.privateIp;
  }
  if (service?.lambdaFunctionArn !== undefined) ctx['lambda:SourceFunctionArn'] = service.lambdaFunctionArn;
}

/** iam:CreateUser, iam:UploadServerCertificate, … */
function isCreate(action: string): boolean {
  const name = action.slice(action.indexOf(':') + 1).toLowerCase();
  return name.startsWith('create') || name.startsWith('upload');
}

function tagsOf(value: unknown): readonly Tag[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((t): t is Tag => typeof t === 'object' && t !== null && typeof (t as Tag).Key === 'string')
    .map((t) => ({ Key: t.Key, Value: t.Value ?? '' }));
}
