import type { AuditRecord } from './audit-record.js';

/** What the audit worker thread needs to open its own store connection and sinks. */
export interface AuditWorkerData {
  databaseUrl: string | undefined;
  dataDir: string;
  /** The JSON-lines file, or undefined for none. */
  file: string | undefined;
  dataEvents: boolean;
  batchSize: number;
  flushIntervalMs: number;
  maxPending: number;
}

/**
 * Main thread → worker. Messages are handled in the order they were sent. Requests cross as
 * AuditRecords: plain, already redacted, no principal or session.
 */
export type ToAuditWorker = { type: 'record'; records: AuditRecord[] } | { type: 'flush'; id: number } | { type: 'close'; id: number };

/** Worker → main thread. */
export type FromAuditWorker =
  | { type: 'done'; id: number }
  | { type: 'log'; level: 'error' | 'warn' | 'info' | 'debug'; msg: string; fields?: object }
  | { type: 'failed'; detail: string };
