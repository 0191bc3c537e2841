import type { ContextValue, RequestPrincipal } from './types.js';

export interface PrincipalExtras {
  /** Principal tags: user tags, or role tags overridden by session tags (transitive ones included). */
  tags?: Readonly<Record<string, string>>;
  /** aws:PrincipalOrgID / aws:PrincipalOrgPaths, when the account is in an organization. */
  orgId?: string;
  orgPaths?: readonly string[];
}

/**
 * The global condition keys a principal implies (UG reference_policies_condition-keys and the
 * "Principal key values" table of reference_policies_variables):
 *
 * | principal      | aws:PrincipalArn        | aws:userid              | aws:username | aws:PrincipalType |
 * | root           | arn:…:iam::A:root       | account id              | —            | Account           |
 * | IAM user       | user ARN                | AIDA…                   | name         | User              |
 * | role session   | the **role** ARN        | AROA…:session           | —            | AssumedRole       |
 * | federated user | federated-user ARN      | account:name            | —            | FederatedUser     |
 * | anonymous      | —                       | anonymous               | —            | Anonymous         |
 *
 * Keys that do not apply stay absent. Request-dependent keys (aws:SourceIp, aws:CurrentTime,
 * aws:SecureTransport, aws:MultiFactorAuthPresent, …) are the server's to add.
 */
export function principalContext(p: RequestPrincipal, extras: PrincipalExtras = {}): Record<string, ContextValue> {
  const ctx: Record<string, ContextValue> = {};
  switch (p.type) {
    case 'Root':
    case 'Account':
      ctx['aws:PrincipalArn'] = p.arn || `arn:aws:iam::${p.accountId}:root`;
      ctx['aws:userid'] = p.userId ?? p.accountId;
      ctx['aws:PrincipalType'] = 'Account';
      break;
    case 'User':
      ctx['aws:PrincipalArn'] = p.arn;
      if (p.userId !== undefined) ctx['aws:userid'] = p.userId;
      ctx['aws:username'] = p.arn.slice(p.arn.lastIndexOf('/') + 1);
      ctx['aws:PrincipalType'] = 'User';
      break;
    case 'AssumedRole':
      ctx['aws:PrincipalArn'] = p.roleArn ?? roleArnFromSession(p.arn);
      if (p.userId !== undefined) ctx['aws:userid'] = p.userId;
      ctx['aws:PrincipalType'] = 'AssumedRole';
      break;
    case 'FederatedUser':
      ctx['aws:PrincipalArn'] = p.arn;
      ctx['aws:userid'] = p.userId ?? `${p.accountId}:${p.arn.slice(p.arn.lastIndexOf('/') + 1)}`;
      ctx['aws:PrincipalType'] = 'FederatedUser';
      break;
    case 'Anonymous':
      ctx['aws:userid'] = 'anonymous';
      ctx['aws:PrincipalAccount'] = 'anonymous';
      ctx['aws:PrincipalType'] = 'Anonymous';
      break;
    case 'Service':
      if (p.service !== undefined) ctx['aws:PrincipalServiceName'] = p.service;
      break;
    case 'Federated':
      break;
  }
  if (p.accountId !== '') ctx['aws:PrincipalAccount'] = p.accountId;
  ctx['aws:PrincipalIsAWSService'] = p.type === 'Service' ? 'true' : 'false';
  for (const [k, v] of Object.entries(extras.tags ?? {})) ctx[`aws:PrincipalTag/${k}`] = v;
  if (extras.orgId !== undefined) ctx['aws:PrincipalOrgID'] = extras.orgId;
  if (extras.orgPaths !== undefined) ctx['aws:PrincipalOrgPaths'] = extras.orgPaths;
  return ctx;
}

/**
 * `arn:aws:sts::A:assumed-role/Role/Session` → `arn:aws:iam::A:role/Role`. The session ARN
 * carries no role path; pass RequestPrincipal.roleArn to keep it.
 */
function roleArnFromSession(arn: string): string {
  const m = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(arn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : arn;
}
