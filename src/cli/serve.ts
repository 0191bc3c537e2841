import { resolve } from 'node:path';
import { ConfigError } from '../config/load-config.js';
import { loadConfigFromProcess } from '../config/from-process.js';
import { takeWorkersFlag } from '../server/workers-flag.js';
import { CREDENTIALS_FILE } from '../server/credentials-file.js';
import { restrictUmask } from '../server/file-modes.js';
import { probeListen } from '../server/listen.js';
import { checkStartPrerequisites } from '../server/start-checks.js';
import { parseOrExit, processOut, type CliOut } from './args.js';
import { configArgv } from './configured-store.js';
import { SERVE } from './specs.js';

/** `keysmith serve [--port N] [--host H] [--data-dir D] [--database-url URL] [--enable-reset] [--workers N] …` (keysmith serve --help) */
export async function run(argv: string[], io: CliOut = processOut): Promise<number> {
  const parsed = parseOrExit(SERVE, argv, io);
  if (typeof parsed === 'number') return parsed;
  // Before anything is created: every file this process (and its workers) makes is owner-only.
  restrictUmask();
  let config;
  let workers: number | undefined;
  try {
    const workersFlag = parsed.values.workers;
    ({ workers } = takeWorkersFlag(typeof workersFlag === 'string' ? ['--workers', workersFlag] : []));
    argv = configArgv(parsed.values);
    config = loadConfigFromProcess(argv);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`keysmith serve: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  let running;
  try {
    // The address first, then the files, before loading the server (a large part of start-up
    // time) or creating anything else: these are the commonest reasons a start fails.
    await probeListen(config.host, config.port);
    checkStartPrerequisites(config);
    if (workers === undefined) running = await (await import('../server/start.js')).startKeysmith(config);
    else running = await (await import('../server/cluster.js')).startCluster(config, workers, argv);
  } catch (error) {
    process.stderr.write(`keysmith serve: ${oneLine(error)}\n`);
    // A server that will never listen must not linger: the start already stopped what it had
    // started, but a database connection still being attempted (a host that drops packets) would
    // keep the process alive for minutes, hanging whatever waits for it (CI, a supervisor).
    process.exit(1);
  }
  // Listen for the stop signals before saying we listen: whoever waits for that line may signal
  // at once, and a signal that comes before its handler kills the process uncleanly.
  const stop = stopRequested();
  const credentialsPath = resolve(config.dataDir, CREDENTIALS_FILE);
  if (running.bootstrap) {
    const b = running.bootstrap;
    // Only a generated secret is printed (and only this once); one given by the environment is not.
    const generated = config.adminSecretAccessKey === undefined;
    const saved = `${credentialsPath} (mode 0600, profile "default")`;
    process.stdout.write(
      [
        `keysmith: created account ${b.accountId} with IAM user "admin" (AdministratorAccess).`,
        ...(generated
          ? [
              `  aws_access_key_id     = ${b.admin.accessKeyId}`,
              `  aws_secret_access_key = ${b.admin.secretAccessKey}`,
              `  These are shown once; they are also in ${saved}.`,
            ]
          : ['  admin credentials: as given in KEYSMITH_ADMIN_ACCESS_KEY_ID / KEYSMITH_ADMIN_SECRET_ACCESS_KEY;', `  saved in ${saved}.`]),
      ].join('\n') + '\n',
    );
  }
  // One write: whoever waits for "listening on" (a script, a test) finds the hint beside it.
  process.stdout.write(
    `keysmith: listening on ${running.url} (IAM, STS, S3, CloudTrail); admin API at ${running.url}/_keysmith/\n` +
      `keysmith: try  AWS_SHARED_CREDENTIALS_FILE=${credentialsPath} aws --region us-east-1 --endpoint-url ${running.url} iam list-users\n`,
  );
  const reason = await stop;
  await running.close();
  process.stdout.write(`keysmith stopped (${reason})\n`);
  return 0;
}

/**
 * Resolves on SIGINT, SIGTERM or SIGHUP (the terminal went away), or when the process that
 * started this one with an IPC channel disconnects: `npm start` (scripts/start.mjs) does so, and
 * if it dies, even by SIGKILL, its channel closes and the server stops instead of serving on as
 * an orphan nobody will stop. Repeated signals while stopping are ignored: Ctrl-C reaches both
 * `npm start` and the server, which passes it on again, and the second one must not cut the
 * clean shutdown short (it is bounded: the audit log gets 30 s at most, workers 10 s).
 */
function stopRequested(): Promise<string> {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const watchParent = typeof process.send === 'function';
  return new Promise<string>((resolve) => {
    let stopping = false;
    const stop = (reason: string) => {
      if (stopping) return;
      stopping = true;
      if (watchParent) {
        process.off('disconnect', onDisconnect);
        // An open channel would keep this process alive after the server closed.
        if (process.connected) process.disconnect();
      }
      resolve(reason);
    };
    const onDisconnect = () => stop('the process that started it went away');
    for (const signal of signals) process.on(signal, () => stop(signal));
    if (watchParent) process.once('disconnect', onDisconnect);
  });
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, ' ');
}
