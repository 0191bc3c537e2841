import type { Principal } from '../../model/principal.js';
import type { SessionTokenClaims } from '../../model/session.js';
import { mintCredentials } from '../sts/shared/mint.js';
import type { UnsignedOperationContext } from '../operation.js';

/** AWS's console sessions for IAM users last up to 12 hours; keysmith's default is the same. */
export const CONSOLE_SESSION_SECONDS = 43200;

/**
 * The web console's credentials for a user or the account root who signed in: temporary
 * credentials that act as that identity with everything its policies allow (`console: true`
 * lifts GetSessionToken's limits, as AWS's console sessions have none), signed by the browser
 * like any AWS client's (docs/console.md).
 */
export function mintConsoleSession(
  ctx: Pick<UnsignedOperationContext, 'random' | 'tokenKeys' | 'now'>,
  who: { accountId: string; arn: string; userId?: string; userName?: string },
  options: { mfaAuthenticated: boolean; durationSeconds?: number },
) {
  const issuedAt = Math.floor(ctx.now / 1000);
  const base = {
    kind: 'SessionToken' as const,
    accountId: who.accountId,
    issuedAt,
    expiresAt: issuedAt + (options.durationSeconds ?? CONSOLE_SESSION_SECONDS),
    originArn: who.arn,
    console: true as const,
    ...(options.mfaAuthenticated ? { mfaAuthenticated: true } : {}),
  };
  const claims: Omit<SessionTokenClaims, 'accessKeyId' | 'secretAccessKey'> =
    who.userName !== undefined && who.userId !== undefined
      ? { ...base, originUserId: who.userId, originUserName: who.userName }
      : { ...base, originUserId: who.accountId };
  return mintCredentials(ctx, claims);
}

/** The principal a console session stands for, as the audit record names the one who signed in. */
export function consolePrincipal(
  user: { accountId: string; arn: string; userId: string; userName: string; tags: Principal['tags'] },
  accessKeyId: string,
): Principal {
  return {
    type: 'User',
    accountId: user.accountId,
    arn: user.arn,
    userId: user.userId,
    userName: user.userName,
    entityId: user.userId,
    accessKeyId,
    temporary: false,
    tags: user.tags,
  };
}
