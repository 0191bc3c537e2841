import { isoSeconds } from '../kernel/iso-time.js';
import type { Principal } from '../model/principal.js';
import type { ContextValue, RequestPrincipal } from '../policy/index.js';

/** Facts about the HTTP request that become global condition keys. */
export interface RequestFacts {
  sourceIp: string;
  userAgent: string;
  secureTransport: boolean;
  region: string;
  now: number;
}

/** The principal as the policy engine sees it. */
export function toRequestPrincipal(p: Principal): RequestPrincipal {
  const s = p.session;
  return {
    type: p.type,
    arn: p.arn,
    accountId: p.accountId,
    userId: p.userId,
    roleArn: s?.roleName !== undefined ? `arn:aws:iam::${s.accountId}:role${s.rolePath ?? '/'}${s.roleName}` : undefined,
    sourceUserArn: p.type === 'FederatedUser' ? s?.originArn : undefined,
  };
}

/**
 * Request-dependent global keys (the engine's principalContext adds the principal's own).
 * Keys AWS leaves absent stay absent: aws:MultiFactorAuthPresent and aws:TokenIssueTime exist
 * only for temporary credentials.
 */
export function requestFactsContext(principal: Principal, facts: RequestFacts): Record<string, ContextValue> {
  const ctx: Record<string, ContextValue> = {
    'aws:CurrentTime': isoSeconds(facts.now),
    'aws:EpochTime': String(Math.floor(facts.now / 1000)),
    'aws:SecureTransport': String(facts.secureTransport),
    'aws:RequestedRegion': facts.region,
    'aws:ViaAWSService': 'false',
  };
  if (facts.sourceIp) ctx['aws:SourceIp'] = facts.sourceIp.replace(/^::ffff:/, '');
  if (facts.userAgent) ctx['aws:UserAgent'] = facts.userAgent;
  const s = principal.session;
  if (s) {
    ctx['aws:TokenIssueTime'] = isoSeconds(s.issuedAt * 1000);
    ctx['aws:MultiFactorAuthPresent'] = String(s.mfaAuthenticated === true);
    if (s.mfaAuthenticated) ctx['aws:MultiFactorAuthAge'] = String(Math.max(0, Math.floor(facts.now / 1000) - s.issuedAt));
    if (s.sourceIdentity !== undefined) ctx['aws:SourceIdentity'] = s.sourceIdentity;
    if (s.roleName !== undefined && s.sessionName !== undefined) ctx['aws:RoleSessionName'] = s.sessionName;
  }
  return ctx;
}
