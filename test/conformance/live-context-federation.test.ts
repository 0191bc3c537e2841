import { liveSuite, type LiveCase, probe } from '../support/live-context.js';

/**
 * The keys of calls made *with* a federated session, live: a role session from
 * AssumeRoleWithWebIdentity (a token of a hand-rolled HTTPS OIDC issuer on 127.0.0.1 that keysmith
 * trusts through the test CA), and a session chained from it. `aws:FederatedProvider` is the IAM
 * OIDC provider's ARN (IAM User Guide, global condition keys: the IdP that authenticated the
 * original federated identity; the ARN for IAM identity providers).
 */
export const FEDERATION_CASES: readonly LiveCase[] = [
  {
    title: 'a web-identity session: the IAM OIDC provider’s ARN',
    keys: ['aws:FederatedProvider'],
    caller: { kind: 'web-identity' },
    ...probe(
      { StringEquals: { 'aws:FederatedProvider': '{{providerArn}}' } },
      { StringEquals: { 'aws:FederatedProvider': 'arn:aws:iam::{{account}}:oidc-provider/token.actions.githubusercontent.com' } },
    ),
  },
  {
    title: 'role chaining from a web-identity session keeps the provider',
    keys: ['aws:FederatedProvider'],
    caller: { kind: 'web-identity', chain: true },
    ...probe({ ArnEquals: { 'aws:FederatedProvider': '{{providerArn}}' } }, { Null: { 'aws:FederatedProvider': 'true' } }),
  },
  {
    title: 'absent for a role session from AssumeRole',
    keys: ['aws:FederatedProvider'],
    absence: true,
    caller: { kind: 'role' },
    ...probe({ Null: { 'aws:FederatedProvider': 'true' } }, { StringLike: { 'aws:FederatedProvider': '*' } }),
  },
];

liveSuite('federation keys', FEDERATION_CASES, 'fast', { federation: true });
