import { AwsError } from '../../errors/aws-error.js';
import type { ContextValue, PolicyRef } from '../../policy/index.js';
import type { Role } from '../../model/entities.js';
import type { AssumedRoleClaims } from '../../model/session.js';
import { assumedRoleArn, parseArn } from '../../model/arns.js';
import { shape } from '../../model/shapes.js';
import { defineOperation, type OperationContext } from '../operation.js';
import { stsMember } from './shared/members.js';
import { mfaRequested, verifyMfaCode } from '../iam/mfa/verify-mfa-code.js';
import { mintCredentials } from './shared/mint.js';
import { checkSessionPolicies, packedPolicySize } from './shared/session-policies.js';
import { mergeSessionTags } from './shared/session-tags.js';
import { credentialsOutput } from './shared/output-shapes.js';

const ONE_HOUR = 3600;

/**
 * STS AssumeRole with AWS's rules (reference §2.3): roots may not assume roles; the role's trust
 * policy must allow the caller explicitly (and, unless it names the caller itself in the same
 * account, so must the caller's own policies); passing tags needs sts:TagSession and a source
 * identity sts:SetSourceIdentity; role chaining is capped at one hour; transitive tags and the
 * source identity carry over. The handler authorizes itself (`authorization: 'self'`): the trust
 * policy is the role's, which the pipeline cannot know before the handler finds the role.
 */
export const assumeRole = defineOperation({
  name: 'AssumeRole',
  action: 'sts:AssumeRole',
  readOnly: true,
  authorization: 'self',
  output: shape.struct({
    Credentials: credentialsOutput,
    AssumedRoleUser: shape.struct({ AssumedRoleId: shape.string(), Arn: shape.string() }),
    PackedPolicySize: shape.integer(),
    SourceIdentity: shape.string(),
  }),
  input: shape.struct({
    RoleArn: stsMember.roleArn(),
    RoleSessionName: stsMember.sessionName(),
    PolicyArns: stsMember.policyArns(),
    Policy: stsMember.policy(),
    DurationSeconds: stsMember.duration(43200),
    Tags: stsMember.tags(),
    TransitiveTagKeys: stsMember.transitiveTagKeys(),
    ExternalId: stsMember.externalId(),
    SerialNumber: stsMember.serialNumber(),
    TokenCode: stsMember.tokenCode(),
    SourceIdentity: stsMember.sourceIdentity(),
  }),
  async handler(input, ctx) {
    const caller = ctx.caller;
    if (caller.type === 'Root') throw new AwsError('AccessDenied', 'Roles may not be assumed by root accounts.');
    if (caller.type === 'FederatedUser') throw notAuthorized(caller.arn, 'sts:AssumeRole', input.RoleArn);

    if (input.SourceIdentity?.toLowerCase().startsWith('aws:')) {
      throw new AwsError(
        'ValidationError',
        "1 validation error detected: Value at 'sourceIdentity' failed to satisfy constraint: Member must not start with 'aws:'",
      );
    }
    const role = await findRole(ctx, input.RoleArn);
    // Role chaining: the calling role session passes on its transitive tags and source identity;
    // any calling session (GetSessionToken's too) passes on MFA.
    const parent = caller.session;
    const parentRole = parent?.kind === 'AssumedRole' ? parent : undefined;
    const requestedTags = input.Tags ?? [];
    const sessionTags = mergeSessionTags(requestedTags, input.TransitiveTagKeys ?? [], parentRole);
    const inheritedSourceIdentity = parentRole?.sourceIdentity;
    const sourceIdentity = inheritedSourceIdentity ?? input.SourceIdentity;
    // SerialNumber + TokenCode: a valid code makes aws:MultiFactorAuthPresent true for the trust
    // policy and for the session; a wrong one is refused outright.
    const mfa = mfaRequested(input.SerialNumber, input.TokenCode);
    if (mfa) await verifyMfaCode(ctx, caller, input.SerialNumber!, input.TokenCode!);
    const mfaAuthenticated = mfa || parent?.mfaAuthenticated === true;

    // Trust first: until the caller may assume the role, nothing may reveal that it exists
    // (its MaxSessionDuration, say). sts:TagSession when tags are passed; sts:SetSourceIdentity
    // when a new source identity is set.
    const trust: PolicyRef = { id: 'AssumeRolePolicyDocument', policy: ctx.policies.compile(role.assumeRolePolicyDocument, 'trust') };
    const context = trustContext(input, role, sessionTags, sourceIdentity, parentRole);
    if (mfaAuthenticated) context['aws:MultiFactorAuthPresent'] = 'true';
    const actions = ['sts:AssumeRole'];
    if (requestedTags.length > 0 || (input.TransitiveTagKeys ?? []).length > 0) actions.push('sts:TagSession');
    if (input.SourceIdentity !== undefined && inheritedSourceIdentity === undefined) actions.push('sts:SetSourceIdentity');
    // Every check of this call (sts:TagSession, sts:SetSourceIdentity too) sees AssumeRole's request
    // context, and is one evaluation of the caller's policies with the trust policy. AWS's text
    // names no reason for AssumeRole refusals (the same text as for a missing role); the reason
    // travels in the encoded authorization message.
    const options = { resourceAccount: role.accountId, resourcePolicy: trust, context, input, keysOf: 'sts:AssumeRole', omitReason: true };
    for (const action of actions) await ctx.authorizer.authorize(caller, action, role.arn, ctx.facts, options);

    const duration = input.DurationSeconds ?? ONE_HOUR;
    if (duration > role.maxSessionDuration) {
      throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    }
    if (caller.temporary && duration > ONE_HOUR) {
      throw new AwsError(
        'ValidationError',
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      );
    }
    const policyArns = (input.PolicyArns ?? []).map((p) => p.arn ?? '');
    checkSessionPolicies(ctx, input.Policy, policyArns, role.accountId);
    if (inheritedSourceIdentity !== undefined && input.SourceIdentity !== undefined && input.SourceIdentity !== inheritedSourceIdentity) {
      throw new AwsError(
        'AccessDenied',
        `User: ${caller.arn} is not authorized to perform: sts:SetSourceIdentity on resource: ${role.arn}`,
      );
    }

    const passesPolicies = input.Policy !== undefined || policyArns.length > 0 || sessionTags.tags.length > 0;
    const packed = passesPolicies ? packedPolicySize(input.Policy, policyArns, sessionTags.tags) : undefined;
    ctx.usage.roleUsed(role.roleId, ctx.facts.region, ctx.now);
    // Where the chain started: the caller (an IAM user), or what the calling role session records
    // (its IAM user, the identity provider a web-identity or SAML sign-in came through, or the
    // AWS service that started it — without what only the service's own session carries: the
    // instance or function it was delivered to).
    const origin =
      caller.type === 'AssumedRole'
        ? caller.session.federation
          ? { originArn: caller.session.originArn, federation: caller.session.federation }
          : caller.session.service
            ? { originArn: caller.session.originArn, service: { principal: caller.session.service.principal } }
            : {
                originArn: caller.session.originArn,
                originUserId: caller.session.originUserId,
                originUserName: caller.session.originUserName,
              }
        : { originArn: caller.arn, originUserId: caller.userId, originUserName: caller.userName };
    const issuedAt = Math.floor(ctx.now / 1000);
    const credentials = mintCredentials(ctx, {
      kind: 'AssumedRole',
      accountId: role.accountId,
      issuedAt,
      expiresAt: issuedAt + duration,
      roleId: role.roleId,
      roleName: role.roleName,
      rolePath: role.path,
      sessionName: input.RoleSessionName,
      policy: input.Policy,
      policyArns: policyArns.length > 0 ? policyArns : undefined,
      tags: sessionTags.tags.length > 0 ? sessionTags.tags : undefined,
      transitiveTagKeys: sessionTags.transitiveTagKeys.length > 0 ? sessionTags.transitiveTagKeys : undefined,
      sourceIdentity,
      chained: caller.temporary || undefined,
      mfaAuthenticated: mfaAuthenticated || undefined,
      ...origin,
    });
    return {
      Credentials: credentials,
      AssumedRoleUser: {
        AssumedRoleId: `${role.roleId}:${input.RoleSessionName}`,
        Arn: assumedRoleArn(role.accountId, role.roleName, input.RoleSessionName),
      },
      PackedPolicySize: packed,
      SourceIdentity: sourceIdentity,
    };
  },
});

/**
 * A role ARN must parse (`<arn> is invalid` otherwise). A role that does not exist is not
 * revealed: the caller gets the same AccessDenied as for a trust-policy refusal.
 */
async function findRole(ctx: OperationContext, roleArn: string): Promise<Role> {
  const parsed = parseArn(roleArn);
  const slash = parsed?.resource.lastIndexOf('/') ?? -1;
  if (!parsed || parsed.service !== 'iam' || !/^\d{12}$/.test(parsed.account) || !parsed.resource.startsWith('role/') || slash < 0) {
    throw new AwsError('ValidationError', `${roleArn} is invalid`);
  }
  const role = await ctx.roles.get(parsed.account, parsed.resource.slice(slash + 1));
  if (!role || role.arn !== roleArn) throw notAuthorized(ctx.caller.arn, 'sts:AssumeRole', roleArn);
  return role;
}

function notAuthorized(callerArn: string, action: string, resource: string): AwsError {
  return new AwsError('AccessDenied', `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`);
}

/** The request keys a trust policy can test (reference §2.3.3–2.3.6). */
function trustContext(
  input: {
    RoleSessionName: string;
    ExternalId?: string | undefined;
    TransitiveTagKeys?: string[] | undefined;
    Tags?: { Key: string; Value: string }[] | undefined;
  },
  role: Role,
  sessionTags: { tags: { Key: string; Value: string }[] },
  sourceIdentity: string | undefined,
  parent: AssumedRoleClaims | undefined,
): Record<string, ContextValue> {
  const ctx: Record<string, ContextValue> = { 'sts:RoleSessionName': input.RoleSessionName };
  if (input.ExternalId !== undefined) ctx['sts:ExternalId'] = input.ExternalId;
  if (sourceIdentity !== undefined) ctx['sts:SourceIdentity'] = sourceIdentity;
  // aws:RequestTag/* and aws:TagKeys come from the input's Tags (the request-context builder).
  if (input.TransitiveTagKeys !== undefined && input.TransitiveTagKeys.length > 0) ctx['sts:TransitiveTagKeys'] = input.TransitiveTagKeys;
  // The role's own tags as resource tags (aws: and iam: spellings, both listed for
  // sts:AssumeRole); a transitive tag of the calling session replaces the role tag with the same
  // key while the trust policy is evaluated.
  const inheritedKeys = new Set((parent?.transitiveTagKeys ?? []).map((k) => k.toLowerCase()));
  const resourceTags = [
    ...role.tags.filter((t) => !inheritedKeys.has(t.Key.toLowerCase())),
    ...sessionTags.tags.filter((t) => inheritedKeys.has(t.Key.toLowerCase())),
  ];
  for (const t of resourceTags) {
    ctx[`aws:ResourceTag/${t.Key}`] = t.Value;
    ctx[`iam:ResourceTag/${t.Key}`] = t.Value;
  }
  return ctx;
}
