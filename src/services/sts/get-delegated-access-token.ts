import { AwsError } from '../../errors/aws-error.js';
import { shape } from '../../model/shapes.js';
import { defineOperation } from '../operation.js';
import { credentialsOutput } from './shared/output-shapes.js';

/**
 * STS GetDelegatedAccessToken: a partner trades the token an accepted delegation request sent it
 * for credentials. keysmith sends no trade-in token (iam:SendDelegationToken has no channel to
 * send on), so no token it is given can be one it issued: every token is answered as an expired
 * one, AWS's ExpiredTradeInTokenException (docs/iam/settings-organizations-delegation.md).
 */
export const getDelegatedAccessToken = defineOperation({
  name: 'GetDelegatedAccessToken',
  action: 'sts:GetDelegatedAccessToken',
  readOnly: true,
  input: shape.struct({ TradeInToken: shape.string({ required: true, sensitive: true }) }),
  authorization: { resource: () => '*' },
  output: shape.struct({ Credentials: credentialsOutput, PackedPolicySize: shape.integer(), AssumedPrincipal: shape.string() }),
  handler: () =>
    Promise.reject(
      new AwsError(
        'ExpiredTradeInTokenException',
        'The trade-in token provided in the request has expired and can no longer be exchanged for credentials. Request a new token and retry the operation.',
      ),
    ),
});
