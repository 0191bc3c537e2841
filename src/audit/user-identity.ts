import type { FederatedCaller } from '../model/federated-caller.js';
import { isoSeconds } from '../kernel/iso-time.js';
import type { AuditCaller, AuditSession } from './audit-record.js';
import type { SessionContext, UserIdentity } from './cloudtrail-event.js';

/**
 * CloudTrail's userIdentity for an authenticated caller (reference §5.1–5.2): Root, IAMUser,
 * AssumedRole (session issuer = the role) or FederatedUser (session issuer = the user or root
 * that called GetFederationToken). Temporary credentials add a sessionContext with the session's
 * creation date, whether MFA was used, and the source identity; a session that began with
 * AssumeRoleWithWebIdentity adds webIdFederationData (the provider, and empty attributes as in
 * AWS's records of such sessions).
 */
export function userIdentityOf(c: AuditCaller): UserIdentity {
  const s = c.session;
  switch (c.type) {
    case 'Root':
      return withSession({ type: 'Root', principalId: c.accountId, arn: c.arn, accountId: c.accountId, accessKeyId: c.accessKeyId }, s);
    case 'User':
      return withSession(
        {
          type: 'IAMUser',
          principalId: c.principalId,
          arn: c.arn,
          accountId: c.accountId,
          accessKeyId: c.accessKeyId,
          userName: c.userName,
        },
        s,
      );
    case 'AssumedRole':
      return withSession(
        { type: 'AssumedRole', principalId: c.principalId, arn: c.arn, accountId: c.accountId, accessKeyId: c.accessKeyId },
        s,
      );
    case 'FederatedUser':
      return withSession(
        { type: 'FederatedUser', principalId: c.principalId, arn: c.arn, accountId: c.accountId, accessKeyId: c.accessKeyId },
        s,
      );
  }
}

/**
 * The caller as the role owner's account sees a cross-account AssumeRole: only the other account
 * and the caller's unique id, never its name (reference §5.1).
 */
export function foreignAccountIdentity(c: AuditCaller): UserIdentity {
  return { type: 'AWSAccount', principalId: c.principalId, accountId: c.accountId };
}

/** A request that never authenticated: only what the request itself said. */
export function unknownIdentity(accessKeyId: string | undefined, accountId: string | undefined): UserIdentity {
  const identity: UserIdentity = { type: 'Unknown' };
  if (accountId !== undefined) identity.accountId = accountId;
  if (accessKeyId !== undefined) identity.accessKeyId = accessKeyId;
  return identity;
}

/**
 * A caller who signed in through an identity provider (AssumeRoleWithWebIdentity / SAML): AWS's
 * userIdentity names the provider and the subject; there is no access key and no ARN. An AWS
 * service assuming a role for its compute is only `{"type": "AWSService", "invokedBy": …}`.
 */
export function federatedIdentityOf(f: FederatedCaller): UserIdentity {
  if (f.type === 'AWSService') return { type: 'AWSService', invokedBy: f.invokedBy };
  return { type: f.type, principalId: f.principalId, userName: f.userName, identityProvider: f.identityProvider };
}

/** LookupEvents' Username: the user name, `root`, or the session name of a role or federated session. */
export function lookupUsername(c: AuditCaller): string | undefined {
  if (c.type === 'Root') return 'root';
  if (c.type === 'User') return c.userName;
  return c.session?.sessionName;
}

/** GetSessionToken sessions (Root, IAMUser) have no issuer: attributes only. */
function withSession(identity: UserIdentity, s: AuditSession | undefined): UserIdentity {
  if (!s) return identity;
  const attributes = {
    creationDate: isoSeconds(s.issuedAt * 1000),
    mfaAuthenticated: s.mfaAuthenticated ? ('true' as const) : ('false' as const),
  };
  // Members in AWS's order: sessionIssuer (type, principalId, arn, accountId, userName),
  // webIdFederationData, attributes, sourceIdentity.
  const i = s.issuer;
  const webIdFederationData =
    s.webIdentityProvider !== undefined ? { webIdFederationData: { federatedProvider: s.webIdentityProvider, attributes: {} } } : {};
  const context: SessionContext = i
    ? {
        sessionIssuer: {
          type: i.type,
          principalId: i.principalId,
          arn: i.arn,
          accountId: i.accountId,
          ...(i.userName !== undefined ? { userName: i.userName } : {}),
        },
        ...webIdFederationData,
        attributes,
      }
    : { attributes };
  if (s.sourceIdentity !== undefined) context.sourceIdentity = s.sourceIdentity;
  if (s.ec2RoleDelivery !== undefined) context.ec2RoleDelivery = s.ec2RoleDelivery;
  identity.sessionContext = context;
  return identity;
}
