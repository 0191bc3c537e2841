import { closeSync, openSync, write } from 'node:fs';
import type { BuiltEvent } from './build-events.js';
import type { EventSink } from './event-sink.js';

/**
 * Events as JSON lines appended to a file (one CloudTrail record per line), for log shippers and
 * `jq`. The file is opened when the server starts, so a bad path fails the start, not the first
 * request; it is created owner-only, since events name users, keys and addresses.
 */
export class FileSink implements EventSink {
  readonly name: string;
  private fd: number | undefined;

  constructor(readonly path: string) {
    this.name = `file ${path}`;
    this.fd = openSync(path, 'a', 0o600);
  }

  write(events: readonly BuiltEvent[]): Promise<void> {
    const fd = this.fd;
    if (fd === undefined) return Promise.reject(new Error('audit file is closed'));
    if (events.length === 0) return Promise.resolve();
    const data = Buffer.from(events.map((e) => e.record.body).join('\n') + '\n', 'utf8');
    return writeAll(fd, data);
  }

  async close(): Promise<void> {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

/** One append; loops on a short write so a line is never cut. */
function writeAll(fd: number, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (offset: number) => {
      write(fd, data, offset, data.length - offset, null, (error, written) => {
        if (error) reject(error);
        else if (offset + written < data.length) step(offset + written);
        else resolve();
      });
    };
    step(0);
  });
}
