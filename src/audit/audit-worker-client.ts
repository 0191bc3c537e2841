import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../kernel/logger.js';
import type { AuditSink } from './audit-input.js';
import type { AuditRecord } from './audit-record.js';
import type { AuditWorkerData, FromAuditWorker, ToAuditWorker } from './audit-worker-protocol.js';

/**
 * The audit thread's young generation, capped: it holds at most a few batches of short-lived
 * objects, yet with the server's larger semi-spaces (src/server/node-flags.ts) it grew to 64 MiB
 * under load and stayed resident for good (no collection runs once the load stops).
 */
const AUDIT_WORKER_LIMITS = { maxYoungGenerationSizeMb: 16 };

/**
 * A process-wide `--max-semi-space-size` overrides a worker's `resourceLimits`, and V8 reads it
 * when an isolate's heap is set up: cleared before the audit thread's isolate is made, it leaves
 * the limit above in force there, while the main thread's heap, set up at start, keeps its own.
 */
function letWorkerLimitsApply(): void {
  // 0 is V8's own default ("not set"): a no-op where the process was started without the flag.
  setFlagsFromString('--max-semi-space-size=0');
}

/** A clean shutdown waits this long at most for the worker to write what it holds. */
const CLOSE_TIMEOUT_MS = 30_000;

/**
 * The audit log as the request path sees it: `record` appends to an array (constant time, never
 * throws); at the end of the event-loop turn, or as soon as `batchSize` requests wait, the
 * records are handed to the audit worker thread (src/audit/audit-worker.ts), which batches them,
 * builds the events and writes them with its own database connection. What crosses is
 * AuditRecords (audit-record.ts): plain and already redacted, no principal, session or secret.
 * The request thread never builds an event, serialises JSON or waits for a database. `close`
 * hands over the rest and waits until the worker has written everything, so a clean shutdown
 * loses nothing.
 */
export class AuditWorkerClient implements AuditSink {
  private batch: AuditRecord[] = [];
  private readonly worker: Worker;
  private readonly waiting = new Map<number, () => void>();
  private nextId = 1;
  private handOverScheduled = false;
  private dropped = 0;
  private closed = false;
  private dead = false;

  constructor(
    private readonly data: AuditWorkerData,
    private readonly logger: Logger,
  ) {
    letWorkerLimitsApply();
    this.worker = new Worker(new URL('./audit-worker.js', import.meta.url), { workerData: data, resourceLimits: AUDIT_WORKER_LIMITS });
    // Only a pending flush or close keeps the process alive on the worker's account.
    this.worker.unref();
    this.worker.on('message', (message: FromAuditWorker) => this.onMessage(message));
    this.worker.on('error', (error) => this.fail(error.stack ?? String(error)));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.fail(`the audit worker exited (code ${code})`);
    });
  }

  record(record: AuditRecord): void {
    if (record.dataEvent === true && !this.data.dataEvents) return;
    if (this.closed || this.dead) {
      this.dropped += 1;
      return;
    }
    this.batch.push(record);
    if (this.batch.length >= this.data.batchSize) this.handOver();
    else if (!this.handOverScheduled) {
      this.handOverScheduled = true;
      setImmediate(this.handOverThisTurn);
    }
  }

  /**
   * The records of one event-loop turn cross together, at its end: held any longer (up to a
   * batch, 500 requests), they outlived the request thread's young-generation collections, which
   * copied every pending record (~5 KB a request) once or twice and promoted it to the old
   * generation — GC pauses that set AssumeRole's p99. The worker does the batching for the store.
   */
  private readonly handOverThisTurn = (): void => {
    this.handOverScheduled = false;
    this.handOver();
  };

  /** Resolves once everything recorded before the call is written (or the worker gave up on it). */
  flush(): Promise<void> {
    this.handOver();
    return this.ask('flush');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.handOver();
    this.closed = true;
    const done = this.ask('close');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), CLOSE_TIMEOUT_MS).unref());
    if ((await Promise.race([done, timeout])) === 'timeout') this.logger.error('the audit worker did not finish writing before shutdown');
    if (this.dropped > 0) this.logger.error('audit events were lost', { count: this.dropped });
    await this.worker.terminate();
  }

  private handOver(): void {
    if (this.batch.length === 0 || this.dead) return;
    const records = this.batch;
    this.batch = [];
    try {
      this.post({ type: 'record', records });
    } catch {
      // Something in a request's parameters or output cannot cross to the worker (redact() leaves
      // out streams and functions; a symbol, say): send those requests without the offending parts
      // rather than lose them.
      for (const record of records) {
        try {
          this.post({ type: 'record', records: [record] });
        } catch {
          this.post({ type: 'record', records: [plainRecord(record)] });
        }
      }
    }
  }

  private ask(type: 'flush' | 'close'): Promise<void> {
    if (this.dead) return Promise.resolve();
    const id = this.nextId++;
    return new Promise<void>((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.ref();
      this.post({ type, id });
    });
  }

  private post(message: ToAuditWorker): void {
    this.worker.postMessage(message);
  }

  private onMessage(message: FromAuditWorker): void {
    switch (message.type) {
      case 'done': {
        this.waiting.get(message.id)?.();
        this.waiting.delete(message.id);
        if (this.waiting.size === 0) this.worker.unref();
        return;
      }
      case 'log':
        this.logger[message.level](message.msg, message.fields);
        return;
      case 'failed':
        this.fail(message.detail);
        return;
    }
  }

  private fail(detail: string): void {
    if (this.dead) return;
    this.dead = true;
    this.logger.error('the audit worker failed: no further events are recorded', { detail, pending: this.batch.length });
    this.dropped += this.batch.length;
    this.batch = [];
    for (const resolve of this.waiting.values()) resolve();
    this.waiting.clear();
    this.worker.unref();
  }
}

/**
 * The record with its parameters and output reduced to what JSON can carry (redact() already
 * left out binary data, streams and functions).
 */
function plainRecord(record: AuditRecord): AuditRecord {
  const plain = (value: unknown): unknown => {
    if (value === undefined) return undefined;
    try {
      return JSON.parse(JSON.stringify(value));
    } catch {
      return undefined;
    }
  };
  return {
    ...record,
    requestParameters: plain(record.requestParameters) as AuditRecord['requestParameters'],
    responseElements: plain(record.responseElements) as AuditRecord['responseElements'],
  };
}
