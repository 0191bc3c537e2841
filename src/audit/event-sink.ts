import type { BuiltEvent } from './build-events.js';

/**
 * Somewhere finished events go, a batch at a time, off the request path. A write that rejects
 * is retried by the audit log with later batches; a sink never sees a batch twice once a write
 * has resolved.
 */
export interface EventSink {
  readonly name: string;
  write(events: readonly BuiltEvent[]): Promise<void>;
  close(): Promise<void>;
}
