import { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { awsErrorCode } from './http-call.js';
import { HttpResponseParser, type ParsedResponse } from './http-response-parser.js';

export interface Outcome {
  ok: boolean;
  /** `HTTP 403 SignatureDoesNotMatch`, `socket: ECONNRESET`, … */
  error?: string;
  status?: number;
  /** Kept only when asked (the client check), otherwise only for errors. */
  body?: Buffer;
}

interface Waiting {
  resolve: (outcome: Outcome) => void;
  sentAt: number;
}

/**
 * One keep-alive HTTP/1.1 connection on a raw `net.Socket`: write pre-built request bytes, parse
 * the response with the minimal parser, resolve. One request at a time (no pipelining), so a
 * load-generator slot that owns a connection is exactly one client with one request in flight.
 * When the server closes (Connection: close, an unframed body, idle timeout) the next request
 * opens a new connection first and pays for it in its latency, as a real client would;
 * `connects` counts them.
 */
export class LeanConnection {
  connects = 0;
  private socket: Socket | undefined;
  private waiting: Waiting | undefined;
  private readonly parser: HttpResponseParser;

  constructor(
    private readonly host: string,
    private readonly port: number,
    keepBody: (status: number) => boolean = (status) => status !== 200,
  ) {
    this.parser = new HttpResponseParser((response) => this.onResponse(response), keepBody);
  }

  /** Sends one request and resolves with its outcome; never rejects. */
  send(bytes: Buffer): Promise<Outcome> {
    return new Promise((resolve) => {
      this.waiting = { resolve, sentAt: performance.now() };
      if (this.socket === undefined) this.open();
      // Before 'connect', net.Socket queues the write; afterwards it goes straight to the kernel.
      this.socket!.write(bytes);
    });
  }

  /** Fails the request in flight if it has waited longer than `timeoutMs` (checked by the caller's timer). */
  expire(now: number, timeoutMs: number): void {
    if (this.waiting !== undefined && now - this.waiting.sentAt > timeoutMs) {
      this.fail(`no response within ${timeoutMs} ms`);
    }
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private open(): void {
    const socket = new Socket();
    this.socket = socket;
    this.parser.reset();
    this.connects++;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      if (socket !== this.socket) return;
      try {
        this.parser.feed(chunk);
      } catch (error) {
        this.fail(`protocol: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    socket.on('end', () => {
      if (socket !== this.socket) return;
      // A body framed by the close completes here; otherwise the server hung up on us.
      if (!this.parser.end() && this.waiting !== undefined) this.fail('socket: server closed the connection before responding');
      this.drop(socket);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (socket !== this.socket) return;
      this.fail(`socket: ${error.code ?? error.message}`);
    });
    socket.on('close', () => {
      if (socket !== this.socket) return;
      if (this.waiting !== undefined) this.fail('socket: connection closed before the response');
      this.drop(socket);
    });
    socket.connect(this.port, this.host);
  }

  private onResponse(response: ParsedResponse): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (!response.keepAlive && this.socket) this.drop(this.socket);
    if (waiting === undefined) {
      // A response nobody asked for: the connection is out of step; start over on the next request.
      if (this.socket) this.drop(this.socket);
      return;
    }
    if (response.status === 200) {
      waiting.resolve(response.body === undefined ? { ok: true, status: 200 } : { ok: true, status: 200, body: response.body });
      return;
    }
    const code = response.body ? awsErrorCode(response.body.toString('utf8')) : undefined;
    waiting.resolve({
      ok: false,
      status: response.status,
      error: `HTTP ${response.status}${code ? ` ${code}` : ''}`,
      ...(response.body ? { body: response.body } : {}),
    });
  }

  private fail(error: string): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (this.socket) this.drop(this.socket);
    waiting?.resolve({ ok: false, error });
  }

  /** Forget this socket; the next request opens a fresh one. */
  private drop(socket: Socket): void {
    if (socket === this.socket) {
      this.socket = undefined;
    }
    socket.destroy();
  }
}
