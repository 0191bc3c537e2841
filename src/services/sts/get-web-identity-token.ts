import { AwsError } from '../../errors/aws-error.js';
import { issuerUrl } from '../../federation/issuer/issuer-url.js';
import { payloadFits, signToken, tokenClaims } from '../../federation/issuer/mint-token.js';
import { isoSeconds } from '../../kernel/iso-time.js';
import { ISSUER_ALGORITHMS, signingKey, type IssuerAlgorithm } from '../../federation/issuer/signing-keys.js';
import { iamArn, rootArn } from '../../model/arns.js';
import type { Tag } from '../../model/entities.js';
import type { Principal } from '../../model/principal.js';
import { shape } from '../../model/shapes.js';
import { outboundFederation } from '../iam/account-settings/outbound-federation.js';
import { randomUuid } from '../iam/account-settings/settings-records.js';
import { defineOperation, type OperationContext } from '../operation.js';
import { stsMember } from './shared/members.js';

/** The signing algorithms AWS offers for outbound tokens. */
const ALGORITHMS: readonly string[] = ISSUER_ALGORITHMS;
const DEFAULT_DURATION = 300;

/**
 * STS GetWebIdentityToken: a JWT for the caller, signed with the account's issuer key
 * (src/federation/issuer/), for services that trust the account's issuer
 * (iam:EnableOutboundWebIdentityFederation). Until the account enables the feature:
 * OutboundWebIdentityFederationDisabledException, AWS's text. A session asking for a token that
 * outlives it: SessionDurationEscalationException. Tags become `request_tags` claims and need
 * sts:TagGetWebIdentityToken too. The token is a bearer credential: `sensitive`, so the audit
 * record never holds it.
 */
export const getWebIdentityToken = defineOperation({
  name: 'GetWebIdentityToken',
  action: 'sts:GetWebIdentityToken',
  readOnly: true,
  input: shape.struct({
    Audience: shape.list(shape.string({ min: 1, max: 1000 }), { required: true, min: 1, max: 10 }),
    DurationSeconds: shape.integer({ min: 60, max: 3600 }),
    SigningAlgorithm: shape.string({ required: true, min: 5, max: 5 }),
    Tags: stsMember.tags(),
  }),
  authorization: { resource: () => '*' },
  output: shape.struct({ WebIdentityToken: shape.string({ sensitive: true }), Expiration: shape.string() }),
  async handler(input, ctx) {
    if (!ALGORITHMS.includes(input.SigningAlgorithm)) {
      throw new AwsError(
        'ValidationError',
        `Unsupported signing algorithm ${input.SigningAlgorithm}. Supported algorithms: ${ALGORITHMS.join(', ')}.`,
      );
    }
    const accountId = ctx.caller.accountId;
    const federation = await outboundFederation(ctx.store, accountId);
    if (federation?.enabled !== true) {
      throw new AwsError(
        'OutboundWebIdentityFederationDisabledException',
        'The outbound web identity federation feature is not enabled for this account. To use this feature, you must first enable it through the AWS Management Console or API.',
      );
    }
    const issuedAt = Math.floor(ctx.now / 1000);
    const expiresAt = issuedAt + (input.DurationSeconds ?? DEFAULT_DURATION);
    const session = ctx.caller.session;
    if (session && expiresAt > session.expiresAt) {
      throw new AwsError(
        'SessionDurationEscalationException',
        'The requested token duration would extend the session beyond its original expiration time.',
      );
    }
    const requestTags = checkedRequestTags(input.Tags ?? []);
    if (requestTags.length > 0) {
      // Custom claims are a permission of their own (IAM User Guide, "tags in web identity tokens").
      await ctx.authorizer.authorize(ctx.caller, 'sts:TagGetWebIdentityToken', '*', ctx.facts, {
        input,
        keysOf: 'sts:GetWebIdentityToken',
      });
    }
    const claims = tokenClaims({
      issuer: issuerUrl(federation.issuerIdentifier, ctx.settings.issuerUrl),
      audiences: input.Audience,
      subject: subjectOf(ctx.caller),
      accountId,
      region: ctx.region,
      issuedAt,
      expiresAt,
      jti: randomUuid(ctx.random),
      principalTags: await principalTags(ctx),
      requestTags: Object.fromEntries(requestTags.map((t) => [t.Key, t.Value])),
    });
    if (!payloadFits(claims)) {
      throw new AwsError(
        'JWTPayloadSizeExceededException',
        'The requested token payload size exceeds the maximum allowed size. Reduce the number of request tags included in the GetWebIdentityToken API call to reduce the token payload size.',
      );
    }
    const key = await signingKey(ctx.store, ctx.secrets, accountId, input.SigningAlgorithm as IssuerAlgorithm, ctx.now);
    return { WebIdentityToken: await signToken(claims, key), Expiration: isoSeconds(expiresAt * 1000) };
  },
});

/**
 * `sub` is the identity, not the session (AWS's sample token: a role session's token names the
 * role's ARN): the user, the role with its path, the root, or the federated user.
 */
function subjectOf(caller: Principal): string {
  switch (caller.type) {
    case 'Root':
      return rootArn(caller.accountId);
    case 'AssumedRole':
      return iamArn(caller.accountId, 'role', caller.session.rolePath, caller.session.roleName);
    default:
      return caller.arn;
  }
}

/** Tag keys are case-insensitive and `aws:` is AWS's (the session tag rules). */
function checkedRequestTags(tags: readonly Tag[]): Tag[] {
  const seen = new Set<string>();
  for (const t of tags) {
    const key = t.Key.toLowerCase();
    if (seen.has(key))
      throw new AwsError('InvalidParameterValue', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    if (key.startsWith('aws:')) throw new AwsError('InvalidParameterValue', 'Tag keys starting with aws: are reserved for AWS use.');
    seen.add(key);
  }
  return [...tags];
}

/**
 * aws:PrincipalTag's values for the caller: the user's tags, or the role's with the session's
 * tags overriding them (case-insensitively), as the authorizer sees them.
 */
async function principalTags(ctx: OperationContext): Promise<Record<string, string>> {
  const caller = ctx.caller;
  let base: readonly Tag[] = [];
  if (caller.type === 'AssumedRole') base = (await ctx.store.roles.getById(caller.entityId))?.tags ?? [];
  else if (caller.type === 'User') base = (await ctx.store.users.getById(caller.entityId))?.tags ?? [];
  const session = caller.session !== undefined && caller.session.kind !== 'SessionToken' ? (caller.session.tags ?? []) : [];
  const overridden = new Set(session.map((t) => t.Key.toLowerCase()));
  const out: Record<string, string> = {};
  for (const t of base) if (!overridden.has(t.Key.toLowerCase())) out[t.Key] = t.Value;
  for (const t of session) out[t.Key] = t.Value;
  return out;
}
