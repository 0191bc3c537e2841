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
interface AssumedRoleBase extends ScopedSessionClaims {
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
}

/**
 * A role session starts either with an IAM user (AssumeRole; roots may not assume roles) — the
 * user at the start of the chain — or with an identity provider's sign-in
 * (AssumeRoleWithWebIdentity / AssumeRoleWithSAML), and then no IAM user is behind it: the
 * provider (its ARN, or `accounts.google.com` and the like) and the subject it vouched for are.
 * `originArn` is then the provider.
 */
export type AssumedRoleClaims = AssumedRoleBase &
  ((UserOrigin & { federation?: undefined; service?: undefined }) | (FederatedOrigin & { service?: undefined }) | ServiceOrigin);

export interface SessionFederation {
  type: 'WebIdentity' | 'SAML';
  /** The provider's ARN, or the well-known name of a legacy web identity provider. */
  provider: string;
  /** The token's `sub`, or the assertion's NameID. */
  subject: string;
}

/**
 * A role session that an AWS service started for compute it runs — an EC2 instance, an ECS task,
 * a Lambda function, an EKS pod (keysmith's credential grants, src/services/service-roles/) — and
 * the sessions chained from it. `originArn` is then the service principal.
 */
interface ServiceOrigin {
  service: SessionService;
  federation?: undefined;
  originUserId?: undefined;
  originUserName?: undefined;
}

export interface SessionService {
  /** The service principal that assumed the role (`ec2.amazonaws.com`, …). */
  principal: string;
  /**
   * What the session the service itself created carries, and a session chained from it does not:
   * the instance it was delivered to (ec2:SourceInstanceArn, ec2:RoleDelivery,
   * aws:Ec2InstanceSourceVpc, aws:Ec2InstanceSourcePrivateIPv4) or the function
   * (lambda:SourceFunctionArn).
   */
  ec2?: { instanceArn: string; roleDelivery: '1.0' | '2.0'; vpcId: string; privateIp: string };
  lambdaFunctionArn?: string;
}

interface FederatedOrigin {
  federation: SessionFederation;
  originUserId?: undefined;
  originUserName?: undefined;
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
