import { isoSeconds } from '../kernel/iso-time.js';
import type { Principal } from '../model/principal.js';

/** Facts about the HTTP request that become global condition keys. */
export interface RequestFacts {
  sourceIp: string;
  userAgent: string;
  secureTransport: boolean;
  region: string;
  now: number;
}

/**
 * The global condition keys AWS sets for a request from this principal (policy-semantics §4).
 * Keys AWS leaves absent stay absent: aws:username only for IAM users, aws:MultiFactorAuthPresent
 * not at all for long-term keys.
 */
export function requestContext(principal: Principal, facts: RequestFacts): Record<string, string | string[]> {
  const ctx: Record<string, string | string[]> = {
    'aws:CurrentTime': isoSeconds(facts.now),
    'aws:EpochTime': String(Math.floor(facts.now / 1000)),
    'aws:SourceIp': facts.sourceIp,
    'aws:SecureTransport': String(facts.secureTransport),
    'aws:UserAgent': facts.userAgent,
    'aws:RequestedRegion': facts.region,
    'aws:PrincipalArn': principal.type === 'AssumedRole' ? principal.arn : principal.arn,
    'aws:PrincipalAccount': principal.accountId,
    'aws:PrincipalType': principal.type === 'Root' ? 'Account' : principal.type,
    'aws:userid': principal.userId,
    'aws:ViaAWSService': 'false',
    'aws:PrincipalIsAWSService': 'false',
  };
  if (principal.type === 'User' && principal.userName) ctx['aws:username'] = principal.userName;
  for (const tag of principal.tags) ctx[`aws:PrincipalTag/${tag.Key}`] = tag.Value;
  return ctx;
}
