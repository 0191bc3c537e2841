import type { Tag } from './entities.js';

/**
 * Everything a temporary credential carries, sealed inside its session token, so that any node
 * holding the token key ring can authenticate and authorize a call without a database read.
 * Times are epoch seconds.
 */
export interface SessionClaims {
  /** The ASIA access key id this token belongs to. */
  accessKeyId: string;
  secretAccessKey: string;
  kind: 'AssumedRole' | 'FederatedUser' | 'SessionToken';
  /** The account the session acts in (the role's account). */
  accountId: string;
  issuedAt: number;
  expiresAt: number;
  /** AssumedRole: the role. */
  roleId?: string;
  roleName?: string;
  rolePath?: string;
  /** AssumedRole: RoleSessionName; FederatedUser: the Name. */
  sessionName?: string;
  /** Inline session policy text, verbatim. */
  policy?: string;
  /** Managed session policy ARNs. */
  policyArns?: string[];
  /** Session tags (after merging transitive tags from a parent session). */
  tags?: Tag[];
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
  /** True when the session was created with temporary credentials (role chaining). */
  chained?: boolean;
  mfaAuthenticated?: boolean;
  /** The long-term identity at the start of the chain (CloudTrail's onBehalfOf; GetSessionToken's user). */
  originArn?: string;
  originUserId?: string;
  originUserName?: string;
}
