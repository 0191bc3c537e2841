import { SessionRevocations } from '../authn/session-revocations.js';
import { createLogger } from '../platform/node-logger.js';
import { revokeRoleSessions } from '../services/accounts/revoke-sessions.js';
import { openConfiguredStore } from './configured-store.js';

/**
 * `keysmith sessions revoke ROLE_ARN [--session-name NAME]`: voids every session of the role
 * issued until now (or only the named session). Written to the store; every running node picks
 * it up within a second.
 */
export async function run(argv: string[]): Promise<number> {
  const [roleArn, ...rest] = argv;
  let sessionName: string | undefined;
  const options: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--session-name') sessionName = rest[++i];
    else options.push(rest[i]!);
  }
  if (!roleArn || roleArn.startsWith('--') || (rest.includes('--session-name') && !sessionName)) {
    process.stderr.write('usage: keysmith sessions revoke ROLE_ARN [--session-name NAME] [--data-dir D | --database-url URL]\n');
    return 2;
  }
  const opened = await openConfiguredStore('sessions revoke', options);
  if (!opened) return 2;
  try {
    const revocations = new SessionRevocations(opened.store, createLogger('error'));
    const done = await revokeRoleSessions(opened.store, revocations, roleArn, sessionName, Date.now());
    if (!done) {
      process.stderr.write(`keysmith sessions revoke: no role ${roleArn}\n`);
      return 1;
    }
    process.stdout.write(`revoked ${sessionName ? `session ${sessionName} of` : 'every session of'} ${roleArn} issued until now\n`);
    return 0;
  } finally {
    await opened.store.close();
  }
}
