import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { Logger } from '../kernel/logger.js';
import { type AuditSink, NO_AUDIT } from './audit-input.js';
import { AuditWorkerClient } from './audit-worker-client.js';

/** Requests held while a sink is failing, at most (about 1 KiB each). */
const MAX_PENDING = 100_000;

/** Where the JSON-lines file goes: the configured path, `<data-dir>/audit.jsonl`, or nowhere (`off`). */
export function auditFilePath(config: Pick<Config, 'auditFile' | 'dataDir'>): string | undefined {
  if (config.auditFile === undefined) return join(config.dataDir, 'audit.jsonl');
  return config.auditFile.trim().toLowerCase() === 'off' ? undefined : config.auditFile;
}

/**
 * The audit log the configuration asks for: events built and written by a worker thread to the
 * store (its own connection to the same database) and, unless `off`, the JSON-lines file.
 */
export function createAuditLog(config: Readonly<Config>, logger: Logger): AuditSink {
  if (!config.auditEnabled) {
    logger.warn('auditing is OFF (KEYSMITH_AUDIT=false): no CloudTrail events are recorded');
    return NO_AUDIT;
  }
  const file = auditFilePath(config);
  // Open it here once, so a bad path fails the start rather than the worker, later.
  if (file !== undefined) closeSync(openSync(file, 'a', 0o600));
  else if (config.auditDataEvents) logger.warn('S3 data events are recorded only in the audit file, which is off');
  return new AuditWorkerClient(
    {
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      file,
      dataEvents: config.auditDataEvents,
      batchSize: config.auditBatchSize,
      flushIntervalMs: config.auditFlushMs,
      maxPending: MAX_PENDING,
    },
    logger,
  );
}
