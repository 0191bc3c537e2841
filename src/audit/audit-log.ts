import type { Logger } from '../kernel/logger.js';
import type { AuditSink } from './audit-input.js';
import type { AuditRecord } from './audit-record.js';
import { type BuiltEvent, buildEvents } from './build-events.js';
import type { EventSink } from './event-sink.js';

export interface AuditLogOptions {
  sinks: EventSink[];
  logger: Logger;
  /** Record S3 object-level (data) events; otherwise they are dropped at once. */
  dataEvents: boolean;
  /** A batch is written when this many requests are waiting… */
  batchSize: number;
  /** …or this long after the last write, whichever comes first. */
  flushIntervalMs: number;
  /** Requests held in memory at most (per sink, while a sink is failing); beyond, events are dropped and counted. */
  maxPending: number;
  newId: () => string;
  /** The account of an access key that did not authenticate, when it can be known. */
  keyAccount(accessKeyId: string): Promise<string | undefined>;
}

/** A batch that fails whole this often is retried one event at a time (to get past a bad event). */
const WHOLE_BATCH_ATTEMPTS = 3;

/**
 * The audit log: `record` only queues the request (constant time, never throws), so auditing
 * adds nothing to a request's latency. Every `flushIntervalMs`, or as soon as `batchSize`
 * requests wait, the queue is turned into CloudTrail events and handed to each sink as one batch
 * (one store transaction). A sink that fails keeps its events and retries them with the next
 * batch; the failure is logged once, and again when it recovers. `close` writes out everything
 * still queued, so a clean shutdown loses nothing.
 */
export class AuditLog implements AuditSink {
  private queue: AuditRecord[] = [];
  private readonly pending = new Map<EventSink, { events: BuiltEvent[]; failures: number }>();
  private chain: Promise<void> = Promise.resolve();
  private queuedDrain: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;
  private dropped = 0;
  private closed = false;

  constructor(private readonly options: AuditLogOptions) {
    this.timer = setInterval(() => {
      if (this.queue.length > 0 || this.pending.size > 0) void this.flush();
    }, options.flushIntervalMs);
    this.timer.unref();
  }

  record(record: AuditRecord): void {
    if (record.dataEvent === true && !this.options.dataEvents) return;
    if (this.closed || this.queue.length >= this.options.maxPending) {
      this.dropped += 1;
      return;
    }
    this.queue.push(record);
    if (this.queue.length === this.options.batchSize) void this.flush();
  }

  /**
   * Resolves once everything recorded before the call has been offered to every sink. Drains
   * run one at a time; calls made while one waits to start share it.
   */
  flush(): Promise<void> {
    if (this.queuedDrain) return this.queuedDrain;
    const drain = this.chain.then(() => {
      this.queuedDrain = undefined;
      return this.drain();
    });
    this.queuedDrain = drain;
    this.chain = drain.catch(() => undefined);
    return drain;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.timer);
    await this.flush();
    this.closed = true;
    let lost = this.dropped;
    for (const [sink, held] of this.pending) {
      this.options.logger.error('audit events could not be written before shutdown', { sink: sink.name, events: held.events.length });
      lost += held.events.length;
    }
    for (const sink of this.options.sinks) {
      await sink
        .close()
        .catch((error: unknown) =>
          this.options.logger.error('audit sink did not close cleanly', { sink: sink.name, detail: String(error) }),
        );
    }
    if (lost > 0) this.options.logger.error('audit events were lost', { count: lost });
  }

  /** Only what was queued when the drain began, so a flush under steady load still ends. */
  private async drain(): Promise<void> {
    let left = this.queue.length;
    do {
      const records = this.queue.splice(0, Math.min(left, this.options.batchSize));
      left -= records.length;
      const built = records.length > 0 ? await this.build(records) : [];
      for (const sink of this.options.sinks) await this.writeTo(sink, built);
    } while (left > 0);
    if (this.dropped > 0 && !this.closed) {
      this.options.logger.error('audit queue full: events were dropped', { count: this.dropped });
      this.dropped = 0;
    }
  }

  private async build(records: AuditRecord[]): Promise<BuiltEvent[]> {
    const accounts = new Map<string, string | undefined>();
    const out: BuiltEvent[] = [];
    for (const record of records) {
      try {
        let keyAccountId: string | undefined;
        const key = record.caller ? undefined : record.accessKeyId;
        if (key) {
          if (!accounts.has(key)) accounts.set(key, await this.options.keyAccount(key).catch(() => undefined));
          keyAccountId = accounts.get(key);
        }
        out.push(...buildEvents(record, { newId: this.options.newId, keyAccountId }));
      } catch (error) {
        this.options.logger.error('could not build an audit event', { requestId: record.requestId, detail: String(error) });
      }
    }
    return out;
  }

  private async writeTo(sink: EventSink, built: BuiltEvent[]): Promise<void> {
    const held = this.pending.get(sink);
    const events = held ? held.events.concat(built) : built;
    if (events.length === 0) return;
    try {
      if (held && held.failures >= WHOLE_BATCH_ATTEMPTS) await this.writeOneByOne(sink, events);
      else await sink.write(events);
      if (held) {
        this.pending.delete(sink);
        this.options.logger.info('audit sink recovered', { sink: sink.name, written: events.length });
      }
    } catch (error) {
      const kept = events.slice(-this.options.maxPending);
      const lost = events.length - kept.length;
      this.pending.set(sink, { events: kept, failures: (held?.failures ?? 0) + 1 });
      if (!held || lost > 0) {
        this.options.logger.error('audit sink failed; its events are kept and retried', {
          sink: sink.name,
          held: kept.length,
          lost,
          detail: String(error),
        });
      }
    }
  }

  /**
   * After repeated failures: events one by one. If the first few all fail the sink is down and
   * everything is kept; otherwise the events it refuses are bad ones, logged and dropped.
   */
  private async writeOneByOne(sink: EventSink, events: BuiltEvent[]): Promise<void> {
    const failed: { event: BuiltEvent; error: unknown }[] = [];
    for (const [i, event] of events.entries()) {
      try {
        await sink.write([event]);
      } catch (error) {
        failed.push({ event, error });
        if (failed.length === i + 1 && failed.length >= WHOLE_BATCH_ATTEMPTS) throw error;
      }
    }
    if (failed.length === events.length) throw failed[0]!.error;
    for (const f of failed) {
      this.options.logger.error('audit event dropped: the sink refuses it', {
        sink: sink.name,
        eventId: f.event.record.eventId,
        detail: String(f.error),
      });
    }
  }
}
