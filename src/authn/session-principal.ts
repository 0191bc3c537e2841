import { assumedRoleArn, federatedUserArn, rootArn } from '../model/arns.js';
import type { Principal } from '../model/principal.js';
import type { SessionClaims } from '../model/session.js';

/** The principal that temporary credentials act as, straight from the sealed claims. */
export function sessionPrincipal(claims: SessionClaims): Principal {
  const base = { accountId: claims.accountId, accessKeyId: claims.accessKeyId, temporary: true as const };
  switch (claims.kind) {
    case 'AssumedRole':
      return {
        ...base,
        type: 'AssumedRole',
        arn: assumedRoleArn(claims.accountId, claims.roleName, claims.sessionName),
        userId: `${claims.roleId}:${claims.sessionName}`,
        entityId: claims.roleId,
        tags: claims.tags ?? [],
        session: claims,
      };
    case 'FederatedUser':
      return {
        ...base,
        type: 'FederatedUser',
        arn: federatedUserArn(claims.accountId, claims.sessionName),
        userId: `${claims.accountId}:${claims.sessionName}`,
        entityId: claims.originUserId,
        tags: claims.tags ?? [],
        session: claims,
      };
    case 'SessionToken':
      // GetSessionToken credentials act as the user (or root) that asked for them.
      return claims.originUserName === undefined
        ? { ...base, type: 'Root', arn: rootArn(claims.accountId), userId: claims.accountId, tags: [], session: claims }
        : {
            ...base,
            type: 'User',
            arn: claims.originArn,
            userId: claims.originUserId,
            userName: claims.originUserName,
            entityId: claims.originUserId,
            tags: [],
            session: claims,
          };
  }
}
