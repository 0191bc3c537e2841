import type { Store } from '../storage/store.js';
import type { BuiltEvent } from './build-events.js';
import type { EventSink } from './event-sink.js';

/**
 * The event history LookupEvents reads: one transaction per batch. Only management events of a
 * known account are kept, as in AWS, whose LookupEvents shows management events only: data
 * events (S3 object calls) and requests that named no known account go to the file sink alone.
 */
export class StoreSink implements EventSink {
  readonly name = 'store';

  constructor(private readonly store: Store) {}

  async write(events: readonly BuiltEvent[]): Promise<void> {
    const records = events.filter((e) => e.event.managementEvent && e.record.accountId !== '').map((e) => e.record);
    if (records.length > 0) await this.store.auditEvents.append(records);
  }

  async close(): Promise<void> {
    // The store belongs to the server, which closes it after the audit log.
  }
}
