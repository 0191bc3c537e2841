import type { Tag } from './entities.js';

/**
 * Everything a temporary credential carries, sealed inside its session token, so that any node
 * holding the token key ring can authenticate and authorize a call without a database read.
 * One shape per kind of session, told apart by `kind`; each has the fields its STS operation
 * always sets (src/services/sts/): AssumeRole, GetFederationToken, GetSessionToken.
 * The JSON inside a token is this object as it stands (src/tokens/session-token.ts).
 */
export type SessionClaims = AssumedRoleClaims | FederatedUserClaims | SessionTokenClaims;

export type SessionKind = SessionClaims['kind'];

/** What every session carries. Times are epoch seconds. */
interface SessionClaimsBase {
  /** The ASIA access key id this token belongs to. */
  accessKeyId: string;
  secretAccessKey: string;
  /** The account the session acts in (the role's account). */
  accountId: string;
  issuedAt: number;
  expiresAt: number;
  mfaAuthenticated?: boolean;
  /** The long-term identity at the start of the chain (the user, or root, that got the first session). */
  originArn: string;
}

/** What the sessions that take session policies and tags (AssumeRole, GetFederationToken) carry. */
interface ScopedSessionClaims extends SessionClaimsBase {
  /** Inline session policy text, verbatim. */
  policy?: string;
  /** Managed session policy ARNs. */
  policyArns?: string[];
  /** Session tags (after merging transitive tags from a parent session). */
  tags?: Tag[];
}

/** AssumeRole: a session of a role, asked for by an IAM user or by a session of one (chaining). */
export interface AssumedRoleClaims extends ScopedSessionClaims {
  kind: 'AssumedRole';
  roleId: string;
  roleName: string;
  rolePath: string;
  /** RoleSessionName. */
  sessionName: string;
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
  /** True when the session was created with temporary credentials (role chaining). */
  chained?: boolean;
  /** The IAM user at the start of the chain (roots may not assume roles). */
  originUserId: string;
  originUserName: string;
}

/** GetFederationToken: a federated user named by the IAM user, or the account root, that asked. */
export type FederatedUserClaims = FederatedUserBase & (UserOrigin | { originUserId?: undefined; originUserName?: undefined });

interface FederatedUserBase extends ScopedSessionClaims {
  kind: 'FederatedUser';
  /** The Name the caller gave. */
  sessionName: string;
}

/**
 * GetSessionToken: the IAM user, or the account root, that asked, acting as itself. For the root,
 * `originUserId` is the account id (root's aws:userid) and there is no user name.
 */
export type SessionTokenClaims = SessionTokenBase & (UserOrigin | { originUserId: string; originUserName?: undefined });

interface SessionTokenBase extends SessionClaimsBase {
  kind: 'SessionToken';
}

/** The session was asked for by an IAM user (whose ARN is `originArn`). */
interface UserOrigin {
  originUserId: string;
  originUserName: string;
}
