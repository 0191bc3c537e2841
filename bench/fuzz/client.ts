import { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * A raw HTTP/1.1 client on `net.Socket`, so that malformed requests go out exactly as built
 * (node:http would refuse odd header values and paths). One request at a time per connection;
 * the response parser is just enough to frame responses (Content-Length, chunked, close, HEAD,
 * interim 1xx) and keep status, headers and the first MiB of the body.
 */
export interface Reply {
  status: number;
  /** Lower-case names; the last value wins. */
  headers: Map<string, string>;
  body: Buffer;
}

export type Outcome =
  | { kind: 'reply'; reply: Reply; ms: number }
  /** A socket error: ECONNREFUSED, ECONNRESET, or the server closing without an answer. */
  | { kind: 'error'; error: string }
  | { kind: 'timeout' }
  /** A deliberate abort: the client went away, nothing was expected. */
  | { kind: 'aborted' };

const MAX_KEPT_BODY = 1024 * 1024;
const CRLF = Buffer.from('\r\n');
const CRLF_CRLF = Buffer.from('\r\n\r\n');

class ResponseParser {
  private buffered: Buffer = Buffer.alloc(0);
  private state: 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'close' = 'head';
  private remaining = 0;
  private parts: Buffer[] = [];
  private kept = 0;
  private reply: Reply | undefined;
  keepAlive = true;

  constructor(private readonly head: boolean) {}

  /** Feeds bytes; returns the response once it is complete. Throws on a malformed response. */
  feed(chunk: Buffer): Reply | undefined {
    let data: Buffer = this.buffered.length > 0 ? Buffer.concat([this.buffered, chunk]) : chunk;
    this.buffered = Buffer.alloc(0);
    while (data.length > 0 || this.state === 'trailers') {
      switch (this.state) {
        case 'head': {
          const end = data.indexOf(CRLF_CRLF);
          if (end < 0) {
            if (data.length > 256 * 1024) throw new Error('response head larger than 256 KiB');
            this.buffered = data;
            return undefined;
          }
          const done = this.parseHead(data.toString('latin1', 0, end));
          data = data.subarray(end + 4);
          if (done) return this.reply;
          break;
        }
        case 'length': {
          const take = Math.min(this.remaining, data.length);
          this.keep(data.subarray(0, take));
          this.remaining -= take;
          data = data.subarray(take);
          if (this.remaining === 0) return this.finish();
          break;
        }
        case 'chunk-size': {
          const end = data.indexOf(CRLF);
          if (end < 0) {
            this.buffered = data;
            return undefined;
          }
          const size = parseInt(data.toString('latin1', 0, end).split(';', 1)[0]!.trim(), 16);
          if (!Number.isFinite(size) || size < 0) throw new Error('malformed chunk size in the response');
          data = data.subarray(end + 2);
          if (size === 0) this.state = 'trailers';
          else {
            this.remaining = size;
            this.state = 'chunk-data';
          }
          break;
        }
        case 'chunk-data': {
          const take = Math.min(this.remaining, data.length);
          this.keep(data.subarray(0, take));
          this.remaining -= take;
          data = data.subarray(take);
          if (this.remaining === 0) this.state = 'chunk-end';
          break;
        }
        case 'chunk-end': {
          if (data.length < 2) {
            this.buffered = data;
            return undefined;
          }
          data = data.subarray(2);
          this.state = 'chunk-size';
          break;
        }
        case 'trailers': {
          const end = data.indexOf(CRLF);
          if (end < 0) {
            this.buffered = data;
            return undefined;
          }
          data = data.subarray(end + 2);
          if (end === 0) return this.finish();
          break;
        }
        case 'close':
          this.keep(data);
          return undefined;
      }
    }
    return undefined;
  }

  /** The connection ended: a close-delimited body completes here. */
  end(): Reply | undefined {
    return this.state === 'close' ? this.finish() : undefined;
  }

  private parseHead(head: string): boolean {
    const lines = head.split('\r\n');
    const m = /^HTTP\/1\.([01]) (\d{3})/.exec(lines[0] ?? '');
    if (!m) throw new Error(`malformed status line ${JSON.stringify((lines[0] ?? '').slice(0, 60))}`);
    const status = Number(m[2]);
    const headers = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    if (status >= 100 && status < 200) return false; // interim (100 Continue): the real head follows
    this.reply = { status, headers, body: Buffer.alloc(0) };
    const connection = (headers.get('connection') ?? '').toLowerCase();
    this.keepAlive = m[1] === '1' ? !connection.includes('close') : connection.includes('keep-alive');
    if (this.head || status === 204 || status === 304) {
      this.finish();
      return true;
    }
    if (/chunked/i.test(headers.get('transfer-encoding') ?? '')) this.state = 'chunk-size';
    else if (headers.has('content-length')) {
      this.remaining = Number(headers.get('content-length'));
      if (!Number.isInteger(this.remaining) || this.remaining < 0) throw new Error('bad Content-Length in the response');
      if (this.remaining === 0) {
        this.finish();
        return true;
      }
      this.state = 'length';
    } else {
      this.keepAlive = false;
      this.state = 'close';
    }
    return false;
  }

  private keep(part: Buffer): void {
    if (this.kept >= MAX_KEPT_BODY || part.length === 0) return;
    const piece = part.subarray(0, MAX_KEPT_BODY - this.kept);
    this.parts.push(Buffer.from(piece));
    this.kept += piece.length;
  }

  private finish(): Reply {
    const reply = this.reply!;
    reply.body = Buffer.concat(this.parts);
    this.state = 'head';
    return reply;
  }
}

interface Pending {
  parser: ResponseParser;
  resolve: (o: Outcome) => void;
  timer: NodeJS.Timeout;
  startedAt: number;
}

/** A keep-alive connection; reconnects when the server closed it. */
export class Connection {
  private socket: Socket | undefined;
  private pending: Pending | undefined;
  connects = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  send(bytes: Buffer, options: { head: boolean; timeoutMs: number }): Promise<Outcome> {
    return new Promise((resolve) => {
      const socket = this.socket ?? this.open();
      const timer = setTimeout(() => this.settle({ kind: 'timeout' }, true), options.timeoutMs);
      this.pending = { parser: new ResponseParser(options.head), resolve, timer, startedAt: performance.now() };
      socket.write(bytes);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private open(): Socket {
    const socket = new Socket();
    this.socket = socket;
    this.connects++;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      if (socket !== this.socket || !this.pending) return;
      try {
        const reply = this.pending.parser.feed(chunk);
        if (reply) this.settle({ kind: 'reply', reply, ms: performance.now() - this.pending.startedAt }, !this.pending.parser.keepAlive);
      } catch (error) {
        this.settle({ kind: 'error', error: `protocol: ${(error as Error).message}` }, true);
      }
    });
    const gone = (error: string) => {
      if (socket !== this.socket) return;
      const reply = this.pending?.parser.end();
      if (reply && this.pending) this.settle({ kind: 'reply', reply, ms: performance.now() - this.pending.startedAt }, true);
      else this.settle({ kind: 'error', error }, true);
    };
    socket.on('error', (e: NodeJS.ErrnoException) => gone(e.code ?? e.message));
    socket.on('end', () => gone('server closed the connection without answering'));
    socket.on('close', () => gone('connection closed without an answer'));
    socket.connect(this.port, this.host);
    return socket;
  }

  private settle(outcome: Outcome, drop: boolean): void {
    const p = this.pending;
    this.pending = undefined;
    if (drop && this.socket) {
      const s = this.socket;
      this.socket = undefined;
      s.destroy();
    }
    if (!p) return;
    clearTimeout(p.timer);
    p.resolve(outcome);
  }
}

/**
 * One request on a connection of its own (malformed HTTP, deliberate aborts): the request is
 * written, the write side closed (or, with `abortAfter`, the socket destroyed after that many
 * bytes), and the answer awaited until the server closes.
 */
export function sendOnce(
  host: string,
  port: number,
  bytes: Buffer,
  options: { head: boolean; timeoutMs: number; abortAfter?: number },
): Promise<Outcome> {
  return new Promise((resolve) => {
    const parser = new ResponseParser(options.head);
    const socket = new Socket();
    const startedAt = performance.now();
    let done = false;
    const settle = (o: Outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(o);
    };
    const timer = setTimeout(() => settle({ kind: 'timeout' }), options.timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      try {
        const reply = parser.feed(chunk);
        if (reply) settle({ kind: 'reply', reply, ms: performance.now() - startedAt });
      } catch (error) {
        settle({ kind: 'error', error: `protocol: ${(error as Error).message}` });
      }
    });
    socket.on('error', (e: NodeJS.ErrnoException) =>
      settle(
        e.code === 'ECONNREFUSED'
          ? { kind: 'error', error: 'ECONNREFUSED' }
          : options.abortAfter !== undefined
            ? { kind: 'aborted' }
            : { kind: 'error', error: e.code ?? e.message },
      ),
    );
    socket.on('close', () => {
      const reply = parser.end();
      settle(
        reply
          ? { kind: 'reply', reply, ms: performance.now() - startedAt }
          : options.abortAfter !== undefined
            ? { kind: 'aborted' }
            : { kind: 'error', error: 'closed without an answer' },
      );
    });
    socket.connect(port, host, () => {
      if (options.abortAfter !== undefined) {
        socket.write(bytes.subarray(0, Math.min(bytes.length, options.abortAfter)));
        setTimeout(() => settle({ kind: 'aborted' }), 20);
      } else {
        socket.end(bytes);
      }
    });
  });
}
