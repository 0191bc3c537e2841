import { createServer, type Server } from 'node:http';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/schema.js';
import { settingName } from '../config/setting-name.js';
import type { Clock } from '../kernel/clock.js';
import { nodeRandom } from '../platform/node-random.js';
import { type AccountCredentials, createAccount } from '../services/accounts/create-account.js';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';
import { SecretBox } from '../tokens/secret-box.js';
import { loadTokenKeyRing } from '../tokens/key-ring-store.js';
import { TokenKeys } from '../tokens/token-keys.js';
import { type App, createApp } from './app.js';
import { requestFromNode, writeNodeResponse } from './edge/node-request.js';
import { PendingRequests } from './edge/pending-requests.js';
import { TurnAdmission } from './edge/turn-admission.js';
import { CREDENTIALS_FILE, writeCredentials } from './credentials-file.js';
import { tightenDataFolder } from './file-modes.js';
import { listen } from './listen.js';
import { checkStartPrerequisites } from './start-checks.js';
import type { Logger } from '../kernel/logger.js';
import { createLogger } from '../platform/node-logger.js';
import { revokeRoleSessions } from '../services/accounts/revoke-sessions.js';

export interface RunningKeysmith {
  url: string;
  port: number;
  app: App;
  /** Set when this start created the first account. */
  bootstrap?: AccountCredentials;
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => Date.now() };

/**
 * Opens the data folder and store, bootstraps an empty one, and listens. Everything that can be
 * checked before the store opens is checked first (src/server/start-checks.ts); if any
 * later step fails (the database, the port), what was started so far (store connection, audit
 * worker thread, pollers) is stopped again before the error is thrown, so a failed start leaves
 * nothing running that would keep the process alive without a listener.
 */
export async function startKeysmith(config: Readonly<Config>, options: { logger?: Logger; clock?: Clock } = {}): Promise<RunningKeysmith> {
  const logger = options.logger ?? createLogger(config.logLevel, undefined, config.logFormat);
  const { atRestKey, adminToken } = checkStartPrerequisites(config);
  tightenDataFolder(config.dataDir, logger);
  const secrets = new SecretBox(atRestKey);
  const clock = options.clock ?? systemClock;

  const teardown: Array<() => unknown> = [];
  try {
    const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    teardown.push(() => store.close());
    const bootstrap = await bootstrapIfEmpty(store, secrets, config, clock.now());
    if (bootstrap) {
      const credentialsFile = resolve(config.dataDir, CREDENTIALS_FILE);
      logger.info('bootstrapped the first account', { accountId: bootstrap.accountId, credentialsFile });
    }
    const tokenKeys = new TokenKeys(await loadTokenKeyRing(store, secrets, clock.now()), store, secrets, () => clock.now());
    const app = createApp({ config, store, clock, random: nodeRandom, secrets, logger, adminToken, tokenKeys });
    teardown.push(
      () => app.audit.close?.(),
      () => app.usage.close(),
    );
    await app.s3Files.sweepTemporaryFiles(clock.now());

    await app.revocations.start();
    teardown.push(() => app.revocations.stop());
    await app.generation.start();
    teardown.push(() => app.generation.stop());
    const server = createHttpServer(app, store, secrets, tokenKeys, config, clock, logger);
    await listen(server, config.host, config.port);
    // Once listening, an error (say EMFILE on accept) is logged, never thrown: the server goes on.
    server.on('error', (error) => logger.error('listener error', { detail: String(error) }));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host}:${port}`;
    logger.info('keysmith listening', { url, storage: config.databaseUrl ? 'postgres' : 'sqlite', dataDir: config.dataDir });
    if (config.enableReset) logger.warn('the admin reset endpoint is ENABLED: anyone with the admin token can wipe all state');
    if (config.oidcAllowPorts) {
      logger.warn(
        `OIDC provider URLs with a port are ACCEPTED (${settingName('oidcAllowPorts')}): AWS refuses them; for local identity providers only`,
      );
    }
    return {
      url,
      port,
      app,
      bootstrap,
      async close() {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        app.revocations.stop();
        app.generation.stop();
        await app.usage.close();
        await app.audit.close?.();
        await store.close();
      },
    };
  } catch (error) {
    for (const step of teardown.reverse()) {
      try {
        await step();
      } catch (stepError) {
        logger.warn('could not stop cleanly after a failed start', { detail: String(stepError) });
      }
    }
    throw error;
  }
}

/**
 * Requests started per event-loop turn. Small enough that a turn stays around 2 ms at ~200 µs a
 * request; with 8, a burst of 512 new connections onto a busy node:http server all had their
 * first answer within 1.1 s (without a bound: 261 of 512 within 8 s).
 */
const REQUESTS_PER_TURN = 8;

/** How often requests refused for load are summed up in the log (never one line per refusal). */
const OVERLOAD_REPORT_MS = 10_000;

function createHttpServer(
  app: App,
  store: Store,
  secrets: SecretBox,
  tokenKeys: TokenKeys,
  config: Readonly<Config>,
  clock: Clock,
  logger: Logger,
): Server {
  const hooks = {
    async reset() {
      await store.reset();
      await app.s3Files.clear();
      app.invalidateCaches();
      rmSync(join(config.dataDir, CREDENTIALS_FILE), { force: true });
      await bootstrapIfEmpty(store, secrets, config, clock.now());
      tokenKeys.replace(await loadTokenKeyRing(store, secrets, clock.now()));
      await app.revocations.refresh();
    },
    async revokeSessions(roleArn: string, sessionName: string | undefined) {
      return revokeRoleSessions(store, app.revocations, roleArn, sessionName, clock.now());
    },
  };
  app.admin = hooks;
  // The listener is a thin adapter: the request as a plain value in, the response value written
  // out; requests are started a few per event-loop turn (turn-admission.ts: new connections are
  // accepted between turns).
  const admission = new TurnAdmission(REQUESTS_PER_TURN);
  // Past the bound, a request is answered at once with the protocol's throttling error
  // (pending-requests.ts) instead of joining the queue.
  const pending = new PendingRequests(config.maxPendingRequests);
  const server: Server = createServer((req, res) => {
    const takenOn = pending.enter();
    const start = () => {
      const failed = (error: unknown) => {
        logger.error('unhandled request failure', { detail: String(error) });
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      };
      try {
        const request = requestFromNode(req);
        if (!takenOn) request.overloaded = true;
        const answered = app
          .handle(request)
          .then((response) => writeNodeResponse(res, response))
          .catch(failed);
        if (takenOn) void answered.then(pending.leave, pending.leave);
      } catch (error) {
        failed(error);
        if (takenOn) pending.leave();
      }
    };
    // A refused request costs next to nothing: it does not wait behind the queue it was refused from.
    if (takenOn) admission.admit(start);
    else start();
  });
  const overloadReport = setInterval(() => {
    const refused = pending.takeRefused();
    if (refused > 0) {
      logger.warn('requests refused for load (Throttling / SlowDown)', {
        refused,
        seconds: OVERLOAD_REPORT_MS / 1000,
        maxPendingRequests: config.maxPendingRequests,
      });
    }
  }, OVERLOAD_REPORT_MS);
  overloadReport.unref();
  server.on('close', () => clearInterval(overloadReport));
  // Timeouts, chosen rather than inherited: an idle keep-alive connection is kept 65 s, longer
  // than the 60 s idle timeout of common load balancers and proxies, so that they close first
  // (never keysmith under a request they are forwarding); a request's headers must arrive within
  // 60 s of its first byte (slow-header clients hold no slot for long); the whole request,
  // body included, within 300 s — a 5 GiB S3 upload at 20 MB/s fits, and a client trickling a
  // body gives its slot of the pending bound back within five minutes.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 60_000;
  server.requestTimeout = 300_000;
  // keysmith is not a proxy: CONNECT gets a plain 405 rather than a connection closed unanswered.
  server.on('connect', (_req, socket) => {
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST, PUT, DELETE\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  return server;
}

async function bootstrapIfEmpty(
  store: Store,
  secrets: SecretBox,
  config: Readonly<Config>,
  now: number,
): Promise<AccountCredentials | undefined> {
  if ((await store.accounts.list()).length > 0) return undefined;
  const creds = await createAccount(store, secrets, nodeRandom, {
    accountId: config.accountId,
    adminAccessKeyId: config.adminAccessKeyId,
    adminSecretAccessKey: config.adminSecretAccessKey,
    now,
  });
  writeCredentials(config.dataDir, creds, true);
  return creds;
}
