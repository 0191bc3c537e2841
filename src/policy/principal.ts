import { flat } from './flat-string.js';
import type { PrincipalMatchKind, RequestPrincipal } from './types.js';

/**
 * A compiled Principal / NotPrincipal element.
 *
 * Forms: `"*"` (everyone, anonymous callers included); `{"AWS": …}` with a 12-digit account or
 * `arn:…:iam::A:root` (the account — delegation, not just the root user), a user ARN, a role
 * ARN (every session of the role), an assumed-role session ARN, a federated-user ARN, or a
 * unique id (`AIDA…`/`AROA…`, as IAM stores trust-policy principals); `{"Service": …}`;
 * `{"Federated": …}`; `{"CanonicalUser": …}`. No partial wildcards: `*` counts only as the
 * whole value, anything else is compared exactly (ARNs case-sensitively).
 */
export class PrincipalSpec {
  readonly any: boolean;
  private readonly accounts = new Set<string>();
  private readonly arns = new Set<string>();
  private readonly uniqueIds = new Set<string>();
  private readonly services = new Set<string>();
  private readonly federated = new Set<string>();
  private readonly canonical = new Set<string>();

  constructor(element: '*' | Readonly<Record<string, readonly string[]>>) {
    let any = element === '*';
    if (element !== '*') {
      for (const [type, values] of Object.entries(element)) {
        for (const text of values) {
          const v = flat(text); // compared at request time (flat-string.ts)
          if (type === 'AWS') {
            if (v === '*') any = true;
            else if (/^\d{12}$/.test(v)) this.accounts.add(v);
            else if (/^arn:[^:]*:iam::\d{12}:root$/.test(v)) this.accounts.add(v.split(':')[4]!);
            else if (v.startsWith('arn:')) this.arns.add(v);
            else this.uniqueIds.add(v);
          } else if (type === 'Service') this.services.add(v.toLowerCase());
          else if (type === 'Federated') this.federated.add(v);
          else if (type === 'CanonicalUser') this.canonical.add(v);
        }
      }
    }
    this.any = any;
  }

  /**
   * How this element names the caller, strongest first (a direct name beats the role, which
   * beats the account), or null. The strength matters for the same-account resource-policy
   * rules (policy-semantics §5.3).
   */
  match(p: RequestPrincipal): PrincipalMatchKind | null {
    // Direct names first, then "*", then the role behind a session, then the account.
    switch (p.type) {
      case 'User':
        if (this.arns.has(p.arn) || (p.userId !== undefined && this.uniqueIds.has(p.userId))) return 'user';
        break;
      case 'AssumedRole':
        if (this.arns.has(p.arn)) return 'session';
        break;
      case 'FederatedUser':
        if (this.arns.has(p.arn)) return 'federatedUser';
        break;
      case 'Service':
        if (p.service !== undefined && this.services.has(p.service.toLowerCase())) return 'service';
        return this.any ? 'any' : null;
      case 'Federated':
        if (p.federatedProvider !== undefined && this.federated.has(p.federatedProvider)) return 'federated';
        return this.any ? 'any' : null;
      case 'Anonymous':
        return this.any ? 'any' : null;
      default:
        break;
    }
    if (p.canonicalUserId !== undefined && this.canonical.has(p.canonicalUserId)) return 'canonicalUser';
    if (this.any) return 'any';
    if (p.type === 'AssumedRole') {
      if (p.roleArn !== undefined && this.arns.has(p.roleArn)) return 'role';
      if (p.userId !== undefined && this.uniqueIds.has(roleIdOf(p.userId))) return 'role';
    }
    if (p.type === 'FederatedUser' && p.sourceUserArn !== undefined && this.arns.has(p.sourceUserArn)) return 'sourceUser';
    if (p.accountId !== '' && this.accounts.has(p.accountId)) return 'account';
    return null;
  }

  /**
   * NotPrincipal: whether the caller is exempt. AWS may check the account, then the role, then
   * the session separately, so the caller is exempt only when every identity in its chain is
   * listed (account; plus user, or role and session, or federated user). Listing only the
   * account keeps the account as a whole from being excluded but exempts nobody in it.
   */
  exempts(p: RequestPrincipal): boolean {
    if (this.any) return true;
    const account = p.accountId !== '' && this.accounts.has(p.accountId);
    switch (p.type) {
      case 'Root':
      case 'Account':
        return account || this.arns.has(p.arn);
      case 'User':
        return account && (this.arns.has(p.arn) || (p.userId !== undefined && this.uniqueIds.has(p.userId)));
      case 'AssumedRole': {
        const role =
          (p.roleArn !== undefined && this.arns.has(p.roleArn)) || (p.userId !== undefined && this.uniqueIds.has(roleIdOf(p.userId)));
        return account && role && this.arns.has(p.arn);
      }
      case 'FederatedUser':
        return account && this.arns.has(p.arn);
      case 'Service':
        return p.service !== undefined && this.services.has(p.service.toLowerCase());
      case 'Federated':
        return p.federatedProvider !== undefined && this.federated.has(p.federatedProvider);
      case 'Anonymous':
        return false;
    }
  }
}

/** `AROA…:session` → `AROA…`. */
function roleIdOf(userId: string): string {
  const colon = userId.indexOf(':');
  return colon < 0 ? userId : userId.slice(0, colon);
}
