import type { VerifiedWebIdentity } from './verify-token.js';

/**
 * The provider-specific condition keys a trust policy can test (IAM User Guide, "Available keys
 * for AWS OIDC federation"), named by the provider — its URL without `https://`, as in
 * `token.actions.githubusercontent.com:sub` or `oidc.eks.us-east-1.amazonaws.com/id/X:aud`:
 *
 * - `:aud` — the client id that matched (`azp` when the token has it, else the `aud` value);
 * - `:oaud` — the token's `aud` values when `azp` decided;
 * - `:sub` — the subject; `:amr` — the authentication methods, when the token has them;
 * - GitHub Actions' own claims (`:repository`, `:ref`, `:environment`, …) for GitHub's issuers,
 *   the keys AWS's service authorization reference lists for sts:AssumeRoleWithWebIdentity.
 */
const GITHUB_CLAIMS = [
  'actor',
  'actor_id',
  'enterprise_id',
  'environment',
  'job_workflow_ref',
  'ref',
  'repository',
  'repository_id',
  'repository_owner_id',
  'workflow',
] as const;

export function webIdentityConditionKeys(providerName: string, verified: VerifiedWebIdentity): Record<string, string | string[]> {
  const keys: Record<string, string | string[]> = {};
  keys[`${providerName}:aud`] = verified.audience;
  if (verified.otherAudiences.length > 0) keys[`${providerName}:oaud`] = verified.otherAudiences;
  keys[`${providerName}:sub`] = verified.subject;
  const amr = verified.claims.amr;
  if (typeof amr === 'string') keys[`${providerName}:amr`] = amr;
  else if (Array.isArray(amr)) keys[`${providerName}:amr`] = amr.filter((a): a is string => typeof a === 'string');
  if (isGitHub(providerName)) {
    for (const claim of GITHUB_CLAIMS) {
      const value = verified.claims[claim];
      if (typeof value === 'string' || typeof value === 'number') keys[`${providerName}:${claim}`] = String(value);
    }
  }
  return keys;
}

function isGitHub(name: string): boolean {
  return (
    name === 'token.actions.githubusercontent.com' ||
    name.startsWith('token.actions.githubusercontent.com/') ||
    /^token\.actions\.[^/]+\.ghe\.com$/.test(name) ||
    name.startsWith('github.com/enterprises/')
  );
}
