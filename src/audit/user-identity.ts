import { isoSeconds } from '../kernel/iso-time.js';
import { iamArn, rootArn } from '../model/arns.js';
import type { Principal } from '../model/principal.js';
import type { SessionClaims } from '../model/session.js';
import type { SessionContext, SessionIssuer, UserIdentity } from './cloudtrail-event.js';

/**
 * CloudTrail's userIdentity for an authenticated caller (reference §5.1–5.2): Root, IAMUser,
 * AssumedRole (session issuer = the role) or FederatedUser (session issuer = the user or root
 * that called GetFederationToken). Temporary credentials add a sessionContext with the session's
 * creation date, whether MFA was used, and the source identity.
 */
export function userIdentityOf(p: Principal): UserIdentity {
  const s = p.session;
  switch (p.type) {
    case 'Root':
      return withSession({ type: 'Root', principalId: p.accountId, arn: p.arn, accountId: p.accountId, accessKeyId: p.accessKeyId }, s);
    case 'User':
      return withSession(
        { type: 'IAMUser', principalId: p.userId, arn: p.arn, accountId: p.accountId, accessKeyId: p.accessKeyId, userName: p.userName },
        s,
      );
    case 'AssumedRole':
      return withSession(
        { type: 'AssumedRole', principalId: p.userId, arn: p.arn, accountId: p.accountId, accessKeyId: p.accessKeyId },
        s,
        roleIssuer(s),
      );
    case 'FederatedUser':
      return withSession(
        { type: 'FederatedUser', principalId: p.userId, arn: p.arn, accountId: p.accountId, accessKeyId: p.accessKeyId },
        s,
        federationIssuer(s),
      );
  }
}

/**
 * The caller as the role owner's account sees a cross-account AssumeRole: only the other account
 * and the caller's unique id, never its name (reference §5.1).
 */
export function foreignAccountIdentity(p: Principal): UserIdentity {
  return { type: 'AWSAccount', principalId: p.userId, accountId: p.accountId };
}

/** A request that never authenticated: only what the request itself said. */
export function unknownIdentity(accessKeyId: string | undefined, accountId: string | undefined): UserIdentity {
  const identity: UserIdentity = { type: 'Unknown' };
  if (accountId !== undefined) identity.accountId = accountId;
  if (accessKeyId !== undefined) identity.accessKeyId = accessKeyId;
  return identity;
}

/** LookupEvents' Username: the user name, `root`, or the session name of a role or federated session. */
export function lookupUsername(p: Principal): string | undefined {
  if (p.type === 'Root') return 'root';
  if (p.type === 'User') return p.userName;
  return p.session?.sessionName;
}

function withSession(identity: UserIdentity, s: SessionClaims | undefined, issuer?: SessionIssuer): UserIdentity {
  if (!s) return identity;
  const attributes = {
    creationDate: isoSeconds(s.issuedAt * 1000),
    mfaAuthenticated: s.mfaAuthenticated ? ('true' as const) : ('false' as const),
  };
  // Members in AWS's order: sessionIssuer, attributes, sourceIdentity.
  const context: SessionContext = issuer ? { sessionIssuer: issuer, attributes } : { attributes };
  if (s.sourceIdentity !== undefined) context.sourceIdentity = s.sourceIdentity;
  identity.sessionContext = context;
  return identity;
}

function roleIssuer(s: SessionClaims | undefined): SessionIssuer | undefined {
  if (!s?.roleId || !s.roleName) return undefined;
  return {
    type: 'Role',
    principalId: s.roleId,
    arn: iamArn(s.accountId, 'role', s.rolePath ?? '/', s.roleName),
    accountId: s.accountId,
    userName: s.roleName,
  };
}

function federationIssuer(s: SessionClaims | undefined): SessionIssuer | undefined {
  if (!s) return undefined;
  if (s.originUserName === undefined || s.originUserId === undefined) {
    return { type: 'Root', principalId: s.accountId, arn: rootArn(s.accountId), accountId: s.accountId };
  }
  return { type: 'IAMUser', principalId: s.originUserId, arn: s.originArn ?? '', accountId: s.accountId, userName: s.originUserName };
}
