import type { Tag } from '../model/entities.js';
import {
  type ContextValue,
  type Decision,
  evaluateTrust,
  principalContext,
  type PolicyRef,
  type RequestPrincipal,
} from '../policy/index.js';
import { buildRequestContext, type RequestFacts } from './request-context.js';

/**
 * A role's trust policy evaluated for a caller who signed in through an identity provider
 * (AssumeRoleWithWebIdentity, AssumeRoleWithSAML): there is no AWS identity, so the principal is
 * `{"Federated": <provider>}` and only the trust policy can allow. The request context is the one
 * builder's (request facts, request tags) plus what only the verified token or assertion can say
 * — `<provider>:sub`, `:aud`, `saml:…`, `sts:RoleSessionName`, the role's tags as resource tags —
 * which the handler passes in `claims` and which are kept as given: their names depend on the
 * provider, so AWS's per-action key list cannot name them all.
 */
export interface FederatedTrustCheck {
  /** The provider ARN (or `accounts.google.com`, `cognito-identity.amazonaws.com`, …). */
  provider: string;
  /** sts:AssumeRoleWithWebIdentity, or sts:TagSession / sts:SetSourceIdentity on its behalf. */
  action: string;
  /** The API call's own action (its key list applies to the request facts and tags). */
  keysOf: string;
  roleArn: string;
  roleAccount: string;
  trustPolicy: PolicyRef;
  facts: RequestFacts;
  /** Session tags (aws:RequestTag/…, aws:TagKeys). */
  tags: readonly Tag[];
  claims: Record<string, ContextValue>;
}

export function federatedTrustDecision(c: FederatedTrustCheck): { decision: Decision; context: Record<string, ContextValue> } {
  const principal: RequestPrincipal = { type: 'Federated', arn: '', accountId: '', federatedProvider: c.provider };
  const context = buildRequestContext({
    action: c.action,
    keysOf: c.keysOf,
    principal: undefined,
    facts: c.facts,
    input: c.tags.length > 0 ? { Tags: c.tags } : {},
    resource: c.roleArn,
    resourceAccount: c.roleAccount,
  });
  // The builder describes a request without a principal as anonymous; this one is federated.
  for (const key of ['aws:userid', 'aws:PrincipalAccount', 'aws:PrincipalType']) delete context[key];
  Object.assign(context, principalContext(principal), c.claims);
  const decision = evaluateTrust(
    { principal, action: c.action, resource: c.roleArn, resourceAccount: c.roleAccount, context },
    c.trustPolicy,
  );
  return { decision, context };
}
