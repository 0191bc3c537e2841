import { AwsError } from '../../errors/aws-error.js';
import type { ContextValue, PolicyRef } from '../../policy/index.js';
import type { Role } from '../../model/entities.js';
import { assumedRoleArn, parseArn } from '../../model/arns.js';
import { shape } from '../../model/shapes.js';
import {
  nameQualifierOf,
  notAuthorizedSaml,
  offersRole,
  SAML_TEXT,
  samlConditionKeys,
  sessionRequestOf,
  type SamlSessionRequest,
  subjectTypeOf,
  verifySamlResponse,
  invalidSaml,
} from '../../federation/saml/index.js';
import { samlProviderByArn } from '../iam/saml-providers/index.js';
import { defineUnsignedOperation } from '../operation.js';
import { stsMember } from './shared/members.js';
import { mintCredentials } from './shared/mint.js';
import { checkSessionPolicies, packedPolicySize } from './shared/session-policies.js';
import { mergeSessionTags } from './shared/session-tags.js';
import { credentialsOutput } from './shared/output-shapes.js';

const ONE_HOUR = 3600;
const ROLE_MAX = 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.';

/**
 * STS AssumeRoleWithSAML, unsigned as on AWS: the SAML Response is the credential. It is verified
 * against the registered SAML provider that PrincipalArn names (src/federation/saml/: signature
 * with the provider's certificates only, issuer, audience, recipient, times), its Role attribute
 * must offer this role with this provider, and the role's trust policy must allow the provider
 * (`Federated`) with the assertion's `saml:` keys — and sts:TagSession for PrincipalTag
 * attributes, sts:SetSourceIdentity for a SourceIdentity. Duration: DurationSeconds (default one
 * hour, at most the role's maximum), shortened by the SessionDuration attribute and the
 * assertion's SessionNotOnOrAfter. The session records the provider and NameID it came through.
 */
export const assumeRoleWithSAML = defineUnsignedOperation({
  name: 'AssumeRoleWithSAML',
  action: 'sts:AssumeRoleWithSAML',
  readOnly: true,
  output: shape.struct({
    Credentials: credentialsOutput,
    AssumedRoleUser: shape.struct({ AssumedRoleId: shape.string(), Arn: shape.string() }),
    PackedPolicySize: shape.integer(),
    Subject: shape.string(),
    SubjectType: shape.string(),
    Issuer: shape.string(),
    Audience: shape.string(),
    NameQualifier: shape.string(),
    SourceIdentity: shape.string(),
  }),
  input: shape.struct({
    RoleArn: stsMember.roleArn(),
    PrincipalArn: stsMember.roleArn(),
    SAMLAssertion: shape.string({ required: true, min: 4, max: 100000, sensitive: true }),
    PolicyArns: stsMember.policyArns(),
    Policy: stsMember.policy(),
    DurationSeconds: stsMember.duration(43200),
  }),
  async handler(input, ctx) {
    const roleRef = roleOf(input.RoleArn);
    const providerName = providerNameOf(input.PrincipalArn);
    const provider = await samlProviderByArn(ctx.store, ctx.secrets, input.PrincipalArn);
    if (!provider) throw invalidSaml(SAML_TEXT.providerMissing, `no SAML provider ${input.PrincipalArn}`);
    if (provider.validUntil <= ctx.now) {
      throw invalidSaml("The SAML provider's metadata is no longer valid (its ValidUntil has passed)", 'provider expired');
    }
    const signIn = verifySamlResponse(
      input.SAMLAssertion,
      {
        entityId: provider.entityId,
        signingCertificates: provider.signingCertificates.map((c) => c.pem),
        uuid: provider.uuid,
        privateKeys: provider.privateKeys.map((k) => k.pem),
        encryptionRequired: provider.assertionEncryptionMode === 'Required',
      },
      ctx.now,
    );
    const providerAccount = parseArn(provider.arn)!.account;
    const nameQualifier = nameQualifierOf(signIn.issuer, providerAccount, providerName);
    // Who signed in is known from here on: the audit record shows them, refused or not.
    const federatedCaller = {
      type: 'SAMLUser' as const,
      principalId: `${nameQualifier}:${signIn.subject}`,
      userName: signIn.subject,
      identityProvider: nameQualifier,
      accountId: roleRef.accountId,
    };
    ctx.noteFederatedCaller({ ...federatedCaller, requestDetails: { sAMLAssertionID: signIn.assertionId } });
    if (!offersRole(signIn, input.RoleArn, input.PrincipalArn)) {
      throw notAuthorizedSaml('the Role attribute does not offer this RoleArn with this PrincipalArn');
    }
    const request = sessionRequestOf(signIn);
    // CloudTrail shows what the assertion asked for among the request parameters (reference §5).
    ctx.noteFederatedCaller({ ...federatedCaller, requestDetails: samlRequestDetails(signIn.assertionId, request) });
    const role = await ctx.roles.get(roleRef.accountId, roleRef.name);
    if (!role || role.arn !== input.RoleArn) throw notAuthorizedSaml('the role does not exist');
    const sessionTags = mergeSessionTags(request.tags, request.transitiveTagKeys, undefined);

    // The trust policy decides alone (a federated caller has no policies of its own).
    const trust: PolicyRef = { id: 'AssumeRolePolicyDocument', policy: ctx.policies.compile(role.assumeRolePolicyDocument, 'trust') };
    const context: Record<string, ContextValue> = {
      ...samlConditionKeys(signIn, { accountId: providerAccount, name: providerName }),
      ...trustKeys(role, request.roleSessionName, request.sourceIdentity, sessionTags.transitiveTagKeys),
    };
    const actions = ['sts:AssumeRoleWithSAML'];
    if (sessionTags.tags.length > 0) actions.push('sts:TagSession');
    if (request.sourceIdentity !== undefined) actions.push('sts:SetSourceIdentity');
    const options = {
      resourceAccount: role.accountId,
      resourcePolicy: trust,
      context,
      input: { Tags: sessionTags.tags },
      keysOf: 'sts:AssumeRoleWithSAML',
    };
    for (const action of actions) {
      const decision = ctx.authorizer.decideFederated(provider.arn, action, role.arn, ctx.facts, options);
      if (decision.decision !== 'allowed') throw notAuthorizedSaml(`${action}: ${decision.reason || decision.decision}`);
    }

    const duration = sessionDuration(input.DurationSeconds, role, request.sessionDuration, signIn.sessionNotOnOrAfter, ctx.now);
    const policyArns = (input.PolicyArns ?? []).map((p) => p.arn ?? '');
    checkSessionPolicies(ctx, input.Policy, policyArns, role.accountId);
    const passesPolicies = input.Policy !== undefined || policyArns.length > 0 || sessionTags.tags.length > 0;
    const packed = passesPolicies ? packedPolicySize(input.Policy, policyArns, sessionTags.tags) : undefined;

    ctx.usage.roleUsed(role.roleId, ctx.facts.region, ctx.now);
    const issuedAt = Math.floor(ctx.now / 1000);
    const sessionName = request.roleSessionName;
    const credentials = mintCredentials(ctx, {
      kind: 'AssumedRole',
      accountId: role.accountId,
      issuedAt,
      expiresAt: issuedAt + duration,
      roleId: role.roleId,
      roleName: role.roleName,
      rolePath: role.path,
      sessionName,
      policy: input.Policy,
      policyArns: policyArns.length > 0 ? policyArns : undefined,
      tags: sessionTags.tags.length > 0 ? sessionTags.tags : undefined,
      transitiveTagKeys: sessionTags.transitiveTagKeys.length > 0 ? sessionTags.transitiveTagKeys : undefined,
      sourceIdentity: request.sourceIdentity,
      originArn: provider.arn,
      federation: { type: 'SAML', provider: provider.arn, subject: signIn.subject },
    });
    return {
      Credentials: credentials,
      AssumedRoleUser: {
        AssumedRoleId: `${role.roleId}:${sessionName}`,
        Arn: assumedRoleArn(role.accountId, role.roleName, sessionName),
      },
      PackedPolicySize: packed,
      Subject: signIn.subject,
      SubjectType: subjectTypeOf(signIn.subjectFormat),
      Issuer: signIn.issuer,
      Audience: signIn.recipient,
      NameQualifier: nameQualifier,
      SourceIdentity: request.sourceIdentity,
    };
  },
});

/** RoleArn must be a role ARN (`<arn> is invalid` otherwise, as for AssumeRole). */
function roleOf(roleArn: string): { accountId: string; name: string } {
  const parsed = parseArn(roleArn);
  const slash = parsed?.resource.lastIndexOf('/') ?? -1;
  if (!parsed || parsed.service !== 'iam' || !/^\d{12}$/.test(parsed.account) || !parsed.resource.startsWith('role/') || slash < 0) {
    throw new AwsError('ValidationError', `${roleArn} is invalid`);
  }
  return { accountId: parsed.account, name: parsed.resource.slice(slash + 1) };
}

/** PrincipalArn must be a SAML provider ARN; its friendly name is what follows `saml-provider/`. */
function providerNameOf(principalArn: string): string {
  const parsed = parseArn(principalArn);
  if (!parsed || parsed.service !== 'iam' || !/^\d{12}$/.test(parsed.account) || !parsed.resource.startsWith('saml-provider/')) {
    throw new AwsError('ValidationError', `${principalArn} is invalid`);
  }
  return parsed.resource.slice('saml-provider/'.length);
}

/**
 * DurationSeconds (default one hour) may not exceed the role's maximum; the assertion's
 * SessionDuration can only shorten it (IAM UG: it "can be used to shorten the duration"), and so
 * does its SessionNotOnOrAfter.
 */
function sessionDuration(
  requested: number | undefined,
  role: Role,
  attribute: number | undefined,
  sessionNotOnOrAfter: number | undefined,
  now: number,
): number {
  if (requested !== undefined && requested > role.maxSessionDuration) throw new AwsError('ValidationError', ROLE_MAX);
  let duration = requested ?? ONE_HOUR;
  if (attribute !== undefined) duration = Math.min(duration, attribute);
  if (sessionNotOnOrAfter !== undefined) {
    const left = Math.floor((sessionNotOnOrAfter - now) / 1000);
    if (left <= 0)
      throw new AwsError('ExpiredTokenException', 'Token expired: the SAML session has ended (SessionNotOnOrAfter has passed)');
    duration = Math.min(duration, left);
  }
  return duration;
}

/**
 * The requestParameters CloudTrail records for AssumeRoleWithSAML besides RoleArn, PrincipalArn
 * and DurationSeconds: the assertion's ID (never the assertion) and what its attributes ask for.
 */
function samlRequestDetails(assertionId: string, request: SamlSessionRequest): Record<string, unknown> {
  const details: Record<string, unknown> = { sAMLAssertionID: assertionId, roleSessionName: request.roleSessionName };
  if (request.tags.length > 0) details.principalTags = Object.fromEntries(request.tags.map((t) => [t.Key, t.Value]));
  if (request.transitiveTagKeys.length > 0) details.transitiveTagKeys = [...request.transitiveTagKeys];
  if (request.sourceIdentity !== undefined) details.sourceIdentity = request.sourceIdentity;
  return details;
}

/** The STS keys and the role's tags a trust policy can test besides the `saml:` ones. */
function trustKeys(
  role: Role,
  sessionName: string,
  sourceIdentity: string | undefined,
  transitiveTagKeys: readonly string[],
): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = { 'sts:RoleSessionName': sessionName };
  if (sourceIdentity !== undefined) keys['sts:SourceIdentity'] = sourceIdentity;
  if (transitiveTagKeys.length > 0) keys['sts:TransitiveTagKeys'] = [...transitiveTagKeys];
  for (const t of role.tags) {
    keys[`aws:ResourceTag/${t.Key}`] = t.Value;
    keys[`iam:ResourceTag/${t.Key}`] = t.Value;
  }
  return keys;
}
