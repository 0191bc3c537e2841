import { parentPort, workerData } from 'node:worker_threads';
import { accountOfId } from '../model/unique-ids.js';
import type { Logger } from '../kernel/logger.js';
import { openStore } from '../storage/open-store.js';
import { AuditLog } from './audit-log.js';
import { timeOrderedUuid } from './event-id.js';
import type { AuditWorkerData, FromAuditWorker, ToAuditWorker } from './audit-worker-protocol.js';
import type { EventSink } from './event-sink.js';
import { FileSink } from './file-sink.js';
import { StoreSink } from './store-sink.js';

/**
 * The audit worker thread: builds CloudTrail events and writes them (store, JSON-lines file) on
 * its own thread and its own database connection, so neither the event building nor a
 * synchronous SQLite transaction ever runs on the thread that serves requests. It runs the same
 * AuditLog as an in-process log would; the main thread only hands it batches of requests.
 */
const port = parentPort!;
const options = workerData as AuditWorkerData;
const send = (message: FromAuditWorker) => port.postMessage(message);
const log = (level: 'error' | 'warn' | 'info' | 'debug') => (msg: string, fields?: object) => send({ type: 'log', level, msg, fields });
const logger: Logger = { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug') };

const ready = (async () => {
  const store = await openStore({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  const sinks: EventSink[] = [new StoreSink(store)];
  if (options.file !== undefined) sinks.push(new FileSink(options.file));
  const audit = new AuditLog({
    sinks,
    logger,
    dataEvents: options.dataEvents,
    batchSize: options.batchSize,
    flushIntervalMs: options.flushIntervalMs,
    maxPending: options.maxPending,
    newId: () => timeOrderedUuid(),
    // Temporary keys encode their account; long-term keys count only if they exist (a made-up
    // AKIA id must not put events in someone's history).
    keyAccount: async (accessKeyId) =>
      accessKeyId.startsWith('ASIA') ? accountOfId(accessKeyId) : (await store.accessKeys.get(accessKeyId))?.accountId,
  });
  return { store, audit };
})();
ready.catch((error: unknown) => send({ type: 'failed', detail: error instanceof Error ? (error.stack ?? error.message) : String(error) }));

port.on('message', (message: ToAuditWorker) => {
  void ready.then(
    async ({ store, audit }) => {
      switch (message.type) {
        case 'record':
          // The main thread hands over each event-loop turn's records; batches for the store are
          // made here (batchSize, flushIntervalMs), so that a transaction still carries hundreds.
          for (const record of message.records) audit.record(record);
          return;
        case 'flush':
          await audit.flush();
          send({ type: 'done', id: message.id });
          return;
        case 'close':
          await audit.close();
          await store.close().catch((error: unknown) => logger.warn('audit store did not close cleanly', { detail: String(error) }));
          send({ type: 'done', id: message.id });
          return;
      }
    },
    () => undefined,
  );
});
