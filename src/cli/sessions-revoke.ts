import { SessionRevocations } from '../authn/session-revocations.js';
import { createLogger } from '../platform/node-logger.js';
import { revokeRoleSessions } from '../services/accounts/revoke-sessions.js';
import { parseOrExit, processOut, type CliOut } from './args.js';
import { configArgv, openConfiguredStore } from './configured-store.js';
import { SESSIONS_REVOKE } from './specs.js';

/**
 * `keysmith sessions revoke ROLE_ARN [--session-name NAME]`: voids every session of the role
 * issued until now (or only the named session). Written to the store; every running node picks
 * it up within a second.
 */
export async function run(argv: string[], io: CliOut = processOut): Promise<number> {
  const parsed = parseOrExit(SESSIONS_REVOKE, argv, io);
  if (typeof parsed === 'number') return parsed;
  const roleArn = parsed.positionals[0]!;
  const sessionName = parsed.values['session-name'] as string | undefined;
  const opened = await openConfiguredStore('sessions revoke', configArgv(parsed.values), io.stderr);
  if (!opened) return 2;
  try {
    const revocations = new SessionRevocations(opened.store, createLogger('error'));
    const done = await revokeRoleSessions(opened.store, revocations, roleArn, sessionName, Date.now());
    if (!done) {
      io.stderr(`keysmith sessions revoke: no role ${roleArn}\n`);
      return 1;
    }
    io.stdout(`revoked ${sessionName ? `session ${sessionName} of` : 'every session of'} ${roleArn} issued until now\n`);
    return 0;
  } finally {
    await opened.store.close();
  }
}
