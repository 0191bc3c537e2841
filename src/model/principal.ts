import type { Tag } from './entities.js';
import type { AssumedRoleClaims, FederatedUserClaims, SessionTokenClaims } from './session.js';

/**
 * Who is calling, once the signature checks out. The fields are what policy evaluation and the
 * audit log need: the ARN and unique id AWS would report, and where the policies live. One shape
 * per kind of caller, told apart by `type` (and, for root and users, `temporary`): long-term keys
 * carry no session; temporary credentials carry the claims sealed in their session token.
 */
export type Principal = RootPrincipal | UserPrincipal | AssumedRolePrincipal | FederatedUserPrincipal;

/** The account root: its own access key, or GetSessionToken credentials it asked for. */
export type RootPrincipal = PrincipalBase & { type: 'Root' } & (LongTerm | SessionTokenOf);

/** An IAM user: its own access key, or GetSessionToken credentials it asked for. */
export type UserPrincipal = PrincipalBase & {
  type: 'User';
  /** IAM user name: aws:username. */
  userName: string;
  /** The user's unique id (AIDA…): whose policies apply. */
  entityId: string;
} & (LongTerm | SessionTokenOf);

/** A role session (AssumeRole). */
export interface AssumedRolePrincipal extends PrincipalBase {
  type: 'AssumedRole';
  /** The role's unique id (AROA…): whose policies apply. */
  entityId: string;
  temporary: true;
  session: AssumedRoleClaims;
}

/** A federated user (GetFederationToken). */
export interface FederatedUserPrincipal extends PrincipalBase {
  type: 'FederatedUser';
  /** The unique id of the IAM user that asked, whose policies apply; none when the root asked. */
  entityId?: string;
  temporary: true;
  session: FederatedUserClaims;
}

interface PrincipalBase {
  accountId: string;
  arn: string;
  /** The value of aws:userid (AIDA… for users, the account id for root, AROA…:session for roles). */
  userId: string;
  accessKeyId: string;
  tags: Tag[];
}

/** Long-term (AKIA) credentials. */
interface LongTerm {
  temporary: false;
  session?: undefined;
}

/** GetSessionToken (ASIA) credentials: they act as the identity that asked for them. */
interface SessionTokenOf {
  temporary: true;
  session: SessionTokenClaims;
}

/** The unique id of the IAM entity whose policies apply (user id or role id); none for root. */
export function entityIdOf(p: Principal): string | undefined {
  return p.type === 'Root' ? undefined : p.entityId;
}
