import type { Tag } from './entities.js';
import type { SessionClaims } from './session.js';

/**
 * Who is calling, once the signature checks out. The fields are what policy evaluation and the
 * audit log need: the ARN and unique id AWS would report, and where the policies live.
 */
export interface Principal {
  type: 'Root' | 'User' | 'AssumedRole' | 'FederatedUser';
  accountId: string;
  arn: string;
  /** The value of aws:userid (AIDA… for users, the account id for root, AROA…:session for roles). */
  userId: string;
  /** IAM user name (users only): aws:username. */
  userName?: string;
  /** Unique id of the IAM entity whose policies apply (user id or role id). */
  entityId?: string;
  accessKeyId: string;
  /** True for ASIA (temporary) credentials. */
  temporary: boolean;
  tags: Tag[];
  /** Temporary credentials: the claims sealed in the session token. */
  session?: SessionClaims;
}
