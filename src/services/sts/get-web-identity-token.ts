import { AwsError } from '../../errors/aws-error.js';
import { shape } from '../../model/shapes.js';
import { jwtVendingEnabled } from '../iam/account-settings/outbound-federation.js';
import { defineOperation } from '../operation.js';
import { stsMember } from './shared/members.js';

/** The signing algorithms AWS offers for outbound tokens. */
const ALGORITHMS = ['RS256', 'ES384'];

/**
 * STS GetWebIdentityToken: a JWT for the caller, signed by STS, for services that trust the
 * account's issuer (iam:EnableOutboundWebIdentityFederation). Until the account enables the
 * feature: OutboundWebIdentityFederationDisabledException, AWS's text. A session asking for a
 * token that outlives it: SessionDurationEscalationException.
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
    if (!(await jwtVendingEnabled(ctx.store, ctx.caller.accountId))) {
      throw new AwsError(
        'OutboundWebIdentityFederationDisabledException',
        'The outbound web identity federation feature is not enabled for this account. To use this feature, you must first enable it through the AWS Management Console or API.',
      );
    }
    const expiresAt = Math.floor(ctx.now / 1000) + (input.DurationSeconds ?? 300);
    const session = ctx.caller.session;
    if (session && expiresAt > session.expiresAt) {
      throw new AwsError(
        'SessionDurationEscalationException',
        'The requested token duration would extend the session beyond its original expiration time.',
      );
    }
    // TODO(issue 12): sign and return the JWT (claims, the account's keys, the JWKS endpoint).
    // Until then keysmith answers as AWS does when the service cannot vend: unavailable, retry later.
    throw new AwsError('ServiceUnavailable', 'keysmith cannot vend web identity tokens yet (issue 12).');
  },
});
