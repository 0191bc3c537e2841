import { createHash, timingSafeEqual } from 'node:crypto';
import type { ComputeType } from '../../model/compute-types.js';
import type { Tag } from '../../model/entities.js';
import { RECORD_KINDS } from '../../model/record-kinds.js';
import type { Random } from '../../kernel/random.js';
import { recordKind } from '../iam/shared/records.js';

/**
 * A credential grant: the right of one run (or one standing endpoint) to fetch a role's
 * credentials as the AWS service that runs its compute, until it expires or is revoked. Created
 * by someone allowed to pass the role to that service (CreateCredentialGrant); used with its
 * token, which only the creator ever sees (its hash is stored).
 *
 * Grants are IAM records in the cross-account namespace (account `''`), named by their id, so the
 * token alone finds its grant.
 */
export interface CredentialGrant {
  computeType: ComputeType;
  servicePrincipal: string;
  /** SHA-256 (hex) of the token's secret part. */
  secretHash: string;
  roleArn: string;
  roleId: string;
  /** The role's account: the account the sessions act in. */
  accountId: string;
  region: string;
  /** The account of the compute (the grant's creator): aws:SourceAccount. */
  sourceAccount: string;
  /** The compute's ARN: aws:SourceArn. */
  sourceArn: string;
  /** RoleSessionName of every session: the instance id, task id, function name or EKS session name. */
  sessionName: string;
  /** Lifetime of each set of credentials, seconds. */
  durationSeconds: number;
  /** Epoch seconds after which the grant fetches nothing. */
  expiresAt: number;
  /** Who created it (the principal that passed the role). */
  createdBy: string;
  /** EKS Pod Identity: the session tags every session carries. */
  sessionTags?: Tag[];
  /** EC2: what the instance's sessions carry (condition keys) besides the instance ARN. */
  ec2?: { vpcId: string; privateIp: string };
  /** Everything the creator is told about the compute (the instance id, profile, task ARN, …). */
  details: Record<string, string>;
}

export const grants = recordKind<CredentialGrant>(RECORD_KINDS.credentialGrant);

/** The namespace grants live in: one across every account. */
export const GRANT_ACCOUNT = '';

/** `cg-` and 24 hex characters. */
export function newGrantId(random: Random): string {
  return `cg-${Buffer.from(random.bytes(12)).toString('hex')}`;
}

/** The token: `<grant id>.<secret>`, 32 random bytes of secret (base64url). */
export function newGrantSecret(random: Random): string {
  return Buffer.from(random.bytes(32)).toString('base64url');
}

export function grantToken(grantId: string, secret: string): string {
  return `${grantId}.${secret}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The grant id and secret a token carries, or undefined for anything that is not a grant token. */
export function parseGrantToken(token: string): { grantId: string; secret: string } | undefined {
  const match = /^(cg-[0-9a-f]{24})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? { grantId: match[1]!, secret: match[2]! } : undefined;
}

/** Constant-time comparison of the secret against the stored hash. */
export function secretMatches(secret: string, secretHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(secretHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
