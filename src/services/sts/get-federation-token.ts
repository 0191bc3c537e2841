import { AwsError } from '../../errors/aws-error.js';
import { federatedUserArn } from '../../model/arns.js';
import { shape } from '../../model/shapes.js';
import { defineOperation } from '../operation.js';
import { stsMember } from './shared/members.js';
import { mintCredentials } from './shared/mint.js';
import { checkSessionPolicies, packedPolicySize } from './shared/session-policies.js';
import { mergeSessionTags } from './shared/session-tags.js';
import { credentialsOutput } from './shared/output-shapes.js';

const DEFAULT_DURATION = 43200;
const ROOT_MAX_DURATION = 3600;

/**
 * STS GetFederationToken (reference §2.1, §2.3.4–2.3.5, §2.3.9): long-term credentials only (an
 * IAM user; the root user is allowed but clamped to one hour). The caller needs
 * sts:GetFederationToken on `arn:aws:sts::ACCOUNT:federated-user/NAME` (and sts:TagSession to pass
 * tags). The session's permissions are the caller's policies intersected with the session
 * policies — none at all without a session policy. Tags are never transitive here. The result
 * always carries PackedPolicySize (0 without policies or tags).
 */
export const getFederationToken = defineOperation({
  name: 'GetFederationToken',
  action: 'sts:GetFederationToken',
  readOnly: true,
  authorization: 'self',
  output: shape.struct({
    Credentials: credentialsOutput,
    FederatedUser: shape.struct({ FederatedUserId: shape.string(), Arn: shape.string() }),
    PackedPolicySize: shape.integer(),
  }),
  input: shape.struct({
    Name: shape.string({ required: true, min: 2, max: 32, pattern: /^[\w+=,.@-]*$/, patternText: '[\\w+=,.@-]*' }),
    Policy: stsMember.policy(),
    PolicyArns: stsMember.policyArns(),
    DurationSeconds: stsMember.duration(129600),
    Tags: stsMember.tags(),
  }),
  async handler(input, ctx) {
    const caller = ctx.caller;
    if (caller.temporary) throw new AwsError('AccessDenied', 'Cannot call GetFederationToken with session credentials');
    const accountId = caller.accountId;
    const arn = federatedUserArn(accountId, input.Name);
    const requestedTags = input.Tags ?? [];
    const { tags } = mergeSessionTags(requestedTags, [], undefined);
    const policyArns = (input.PolicyArns ?? []).map((p) => p.arn ?? '');
    checkSessionPolicies(ctx, input.Policy, policyArns, accountId);

    // Authorized here, after the input checks, whose errors come first (`authorization: 'self'`);
    // the root user passes by the Authorizer's root rule. aws:RequestTag/* and aws:TagKeys come
    // from the input's Tags (the request-context builder); sts:TagSession is evaluated with
    // GetFederationToken's request context.
    const options = { input, keysOf: 'sts:GetFederationToken' };
    await ctx.authorizer.authorize(caller, 'sts:GetFederationToken', arn, ctx.facts, options);
    if (requestedTags.length > 0) await ctx.authorizer.authorize(caller, 'sts:TagSession', arn, ctx.facts, options);

    let duration = input.DurationSeconds ?? DEFAULT_DURATION;
    if (caller.type === 'Root') duration = Math.min(duration, ROOT_MAX_DURATION);
    const packed = packedPolicySize(input.Policy, policyArns, tags);
    const issuedAt = Math.floor(ctx.now / 1000);
    const credentials = mintCredentials(ctx, {
      kind: 'FederatedUser',
      accountId,
      issuedAt,
      expiresAt: issuedAt + duration,
      sessionName: input.Name,
      policy: input.Policy,
      policyArns: policyArns.length > 0 ? policyArns : undefined,
      tags: tags.length > 0 ? tags : undefined,
      originArn: caller.arn,
      // The root's federated users record no user.
      ...(caller.type === 'User'
        ? { originUserId: caller.userId, originUserName: caller.userName }
        : { originUserId: undefined, originUserName: undefined }),
    });
    return {
      Credentials: credentials,
      FederatedUser: { FederatedUserId: `${accountId}:${input.Name}`, Arn: arn },
      PackedPolicySize: packed,
    };
  },
});

/** What GetFederationToken credentials may not do: a rule of the Authorizer's (src/authz/session-limits.ts). */
export { federationTokenRefusal } from '../../authz/session-limits.js';
