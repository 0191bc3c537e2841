import { AwsError } from '../../errors/aws-error.js';
import { keySourceFor, readToken, verifyWebIdentityToken, webIdentityConditionKeys } from '../../federation/oidc/index.js';
import type { Role, Tag } from '../../model/entities.js';
import { assumedRoleArn } from '../../model/arns.js';
import { shape } from '../../model/shapes.js';
import type { ContextValue, PolicyRef } from '../../policy/index.js';
import { oidcProviderForIssuer } from '../iam/oidc-providers/index.js';
import { defineUnsignedOperation, type UnsignedOperationContext } from '../operation.js';
import { stsMember } from './shared/members.js';
import { mintCredentials } from './shared/mint.js';
import { credentialsOutput } from './shared/output-shapes.js';
import { checkSessionPolicies, packedPolicySize } from './shared/session-policies.js';
import { mergeSessionTags } from './shared/session-tags.js';
import { parseRoleArn, roleTagKeys } from './shared/trusted-role.js';

const ONE_HOUR = 3600;
const ACTION = 'sts:AssumeRoleWithWebIdentity';
const NOT_AUTHORIZED = `Not authorized to perform ${ACTION}`;
/** The claims AWS reads session tags and the source identity from (IAM UG, session tags / source identity). */
const TAGS_CLAIM = 'https://aws.amazon.com/tags';
const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity';

/**
 * STS AssumeRoleWithWebIdentity: unsigned — the OpenID Connect token is the credential. The token's
 * `iss` must be a provider registered in the role's account; the token is verified with the
 * issuer's published keys (src/federation/oidc/); then the role's trust policy decides, with the
 * provider as the Federated principal and the token's claims as condition keys. Session tags and
 * the source identity come from the token, each needing its own permission in the trust policy.
 */
export const assumeRoleWithWebIdentity = defineUnsignedOperation({
  name: 'AssumeRoleWithWebIdentity',
  action: ACTION,
  readOnly: true,
  input: shape.struct({
    RoleArn: stsMember.roleArn(),
    RoleSessionName: stsMember.sessionName(),
    WebIdentityToken: shape.string({ required: true, min: 4, max: 20000, sensitive: true }),
    ProviderId: shape.string({ min: 4, max: 2048 }),
    PolicyArns: stsMember.policyArns(),
    Policy: stsMember.policy(),
    DurationSeconds: stsMember.duration(43200),
  }),
  output: shape.struct({
    Credentials: credentialsOutput,
    SubjectFromWebIdentityToken: shape.string(),
    AssumedRoleUser: shape.struct({ AssumedRoleId: shape.string(), Arn: shape.string() }),
    PackedPolicySize: shape.integer(),
    Provider: shape.string(),
    Audience: shape.string(),
    SourceIdentity: shape.string(),
  }),
  async handler(input, ctx) {
    const { accountId, roleName } = parseRoleArn(input.RoleArn);
    if (input.ProviderId !== undefined) {
      // OAuth 2.0 access tokens of www.amazon.com / graph.facebook.com are checked by calling
      // those services; keysmith verifies OpenID Connect ID tokens only (docs/federation.md).
      throw new AwsError(
        'InvalidIdentityToken',
        `keysmith does not verify OAuth 2.0 access tokens of ${input.ProviderId}; use an OpenID Connect provider`,
      );
    }

    // Who signed in: the issuer must be registered in the role's account, and the token must
    // verify with its keys. Nothing about the role is revealed before this.
    const token = readToken(input.WebIdentityToken);
    const provider = await oidcProviderForIssuer(ctx.store, accountId, token.issuer);
    if (provider === undefined)
      throw new AwsError('InvalidIdentityToken', `No OpenIDConnect provider found in your account for ${token.issuer}`);
    const verified = await verifyWebIdentityToken(
      input.WebIdentityToken,
      token,
      provider,
      keySourceFor(ctx.settings.federationCaFile),
      ctx.now,
    );
    const providerName = provider.url.slice('https://'.length);
    ctx.noteFederatedCaller({
      type: 'WebIdentityUser',
      principalId: `${provider.arn}:${verified.audience}:${verified.subject}`,
      userName: verified.subject,
      identityProvider: provider.arn,
      accountId,
    });

    const tags = tagsFromToken(verified.claims[TAGS_CLAIM]);
    const sourceIdentity = sourceIdentityFromToken(verified.claims[SOURCE_IDENTITY_CLAIM]);
    const role = await ctx.roles.get(accountId, roleName);
    if (!role || role.arn !== input.RoleArn) throw new AwsError('AccessDenied', NOT_AUTHORIZED);

    const claims: Record<string, ContextValue> = {
      ...webIdentityConditionKeys(providerName, verified),
      'sts:RoleSessionName': input.RoleSessionName,
      ...roleTagKeys(role),
    };
    if (sourceIdentity !== undefined) claims['sts:SourceIdentity'] = sourceIdentity;
    if (tags.transitiveTagKeys.length > 0) claims['sts:TransitiveTagKeys'] = tags.transitiveTagKeys;
    const actions = [ACTION];
    if (tags.tags.length > 0) actions.push('sts:TagSession');
    if (sourceIdentity !== undefined) actions.push('sts:SetSourceIdentity');
    authorizeTrust(ctx, role, provider.arn, actions, tags.tags, claims);

    const duration = input.DurationSeconds ?? ONE_HOUR;
    if (duration > role.maxSessionDuration) {
      throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    }
    const policyArns = (input.PolicyArns ?? []).map((p) => p.arn ?? '');
    checkSessionPolicies(ctx, input.Policy, policyArns, role.accountId);
    const passesPolicies = input.Policy !== undefined || policyArns.length > 0 || tags.tags.length > 0;
    const packed = passesPolicies ? packedPolicySize(input.Policy, policyArns, tags.tags) : undefined;

    ctx.usage.roleUsed(role.roleId, ctx.facts.region, ctx.now);
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
      tags: tags.tags.length > 0 ? tags.tags : undefined,
      transitiveTagKeys: tags.transitiveTagKeys.length > 0 ? tags.transitiveTagKeys : undefined,
      sourceIdentity,
      originArn: provider.arn,
      federation: { type: 'WebIdentity', provider: provider.arn, subject: verified.subject },
    });
    return {
      Credentials: credentials,
      SubjectFromWebIdentityToken: verified.subject,
      AssumedRoleUser: {
        AssumedRoleId: `${role.roleId}:${input.RoleSessionName}`,
        Arn: assumedRoleArn(role.accountId, role.roleName, input.RoleSessionName),
      },
      PackedPolicySize: packed,
      // The provider's ARN, as real responses show it (reference §2.3.7), not the bare `iss`.
      Provider: provider.arn,
      Audience: verified.audience,
      SourceIdentity: sourceIdentity,
    };
  },
});

/** Every action (the assume, sts:TagSession, sts:SetSourceIdentity) must be allowed by the trust policy. */
function authorizeTrust(
  ctx: UnsignedOperationContext,
  role: Role,
  provider: string,
  actions: readonly string[],
  tags: readonly Tag[],
  claims: Record<string, ContextValue>,
): void {
  const trustPolicy: PolicyRef = { id: 'AssumeRolePolicyDocument', policy: ctx.policies.compile(role.assumeRolePolicyDocument, 'trust') };
  for (const action of actions) {
    const decision = ctx.authorizer.decideFederated(provider, action, role.arn, ctx.facts, {
      keysOf: ACTION,
      resourceAccount: role.accountId,
      resourcePolicy: trustPolicy,
      input: tags.length > 0 ? { Tags: tags } : {},
      claims,
    });
    if (decision.decision !== 'allowed') throw new AwsError('AccessDenied', NOT_AUTHORIZED, `${action}: ${decision.reason}`);
  }
}

/**
 * `"https://aws.amazon.com/tags": {"principal_tags": {"Project": ["Automation"]}, "transitive_tag_keys": ["Project"]}`:
 * each tag value is a one-element array (IAM UG, passing session tags using AssumeRoleWithWebIdentity).
 * The usual session tag rules apply (src/services/sts/shared/session-tags.ts).
 */
function tagsFromToken(claim: unknown): { tags: Tag[]; transitiveTagKeys: string[] } {
  if (claim === undefined) return { tags: [], transitiveTagKeys: [] };
  const bad = () => new AwsError('InvalidIdentityToken', `The ${TAGS_CLAIM} claim is not valid`);
  if (claim === null || typeof claim !== 'object' || Array.isArray(claim)) throw bad();
  const { principal_tags: principalTags, transitive_tag_keys: transitive } = claim as Record<string, unknown>;
  const tags: Tag[] = [];
  if (principalTags !== undefined) {
    if (principalTags === null || typeof principalTags !== 'object' || Array.isArray(principalTags)) throw bad();
    for (const [Key, value] of Object.entries(principalTags as Record<string, unknown>)) {
      const v: unknown = Array.isArray(value) && value.length === 1 ? (value as unknown[])[0] : value;
      if (typeof v !== 'string') throw bad();
      tags.push({ Key, Value: v });
    }
  }
  if (tags.length > 50) throw bad();
  for (const t of tags) {
    if (t.Key.length < 1 || t.Key.length > 128 || t.Value.length > 256 || !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(t.Key + t.Value))
      throw bad();
  }
  if (transitive !== undefined && (!Array.isArray(transitive) || transitive.some((k) => typeof k !== 'string'))) throw bad();
  return mergeSessionTags(tags, (transitive as string[] | undefined) ?? [], undefined);
}

function sourceIdentityFromToken(claim: unknown): string | undefined {
  if (claim === undefined) return undefined;
  if (typeof claim !== 'string' || !/^[\w+=,.@-]{2,64}$/.test(claim) || claim.toLowerCase().startsWith('aws:')) {
    throw new AwsError('InvalidIdentityToken', `The ${SOURCE_IDENTITY_CLAIM} claim is not valid`);
  }
  return claim;
}
