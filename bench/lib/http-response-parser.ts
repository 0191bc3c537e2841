/**
 * A minimal HTTP/1.1 response parser for the lean load generator: status line, the three headers
 * that frame a response (Content-Length, Transfer-Encoding: chunked, Connection), and the body by
 * length, by chunks, or until the server closes. Enough to count responses exactly and to keep a
 * keep-alive connection in step; not a general HTTP client (no pipelining, no trailers kept,
 * no HEAD requests).
 */

export interface ParsedResponse {
  status: number;
  /** The body, only when the parser was asked to keep bodies for this status (see `keepBody`). */
  body?: Buffer;
  /** False when the server said it will close (Connection: close, or HTTP/1.0 without keep-alive). */
  keepAlive: boolean;
}

const CRLF_CRLF = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
/** Refuse heads larger than this: a server that sends one is broken, not slow. */
const MAX_HEAD_BYTES = 64 * 1024;

type State = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'until-close';

export class HttpResponseParser {
  private state: State = 'head';
  private pending: Buffer | undefined;
  private status = 0;
  private keepAlive = true;
  private remaining = 0;
  private bodyParts: Buffer[] | undefined;

  /**
   * @param onResponse called once per complete response
   * @param keepBody whether to keep the body of a response with this status (the load generator
   *   keeps error bodies only, to name the AWS error code; the client check keeps them all)
   */
  constructor(
    private readonly onResponse: (response: ParsedResponse) => void,
    private readonly keepBody: (status: number) => boolean = (status) => status !== 200,
  ) {}

  /** True between the first byte of a response and its end. */
  get midResponse(): boolean {
    return this.state !== 'head' || (this.pending !== undefined && this.pending.length > 0);
  }

  /** Feeds bytes as they arrive; throws on a malformed response (the connection is then unusable). */
  feed(chunk: Buffer): void {
    let data = this.pending === undefined || this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    this.pending = undefined;
    while (data.length > 0) {
      switch (this.state) {
        case 'head': {
          const end = data.indexOf(CRLF_CRLF);
          if (end < 0) {
            if (data.length > MAX_HEAD_BYTES) throw new Error('response head larger than 64 KiB');
            this.pending = data;
            return;
          }
          this.parseHead(data.toString('latin1', 0, end));
          data = data.subarray(end + 4);
          break;
        }
        case 'length': {
          const take = Math.min(this.remaining, data.length);
          this.keep(data.subarray(0, take));
          this.remaining -= take;
          data = data.subarray(take);
          if (this.remaining === 0) this.finish();
          break;
        }
        case 'chunk-size': {
          const end = data.indexOf(CRLF);
          if (end < 0) {
            if (data.length > 1024) throw new Error('chunk-size line longer than 1 KiB');
            this.pending = data;
            return;
          }
          const size = parseInt(data.toString('latin1', 0, end).split(';', 1)[0]!.trim(), 16);
          if (!Number.isFinite(size) || size < 0) throw new Error('malformed chunk size');
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
            this.pending = data;
            return;
          }
          if (data[0] !== 13 || data[1] !== 10) throw new Error('chunk not followed by CRLF');
          data = data.subarray(2);
          this.state = 'chunk-size';
          break;
        }
        case 'trailers': {
          // Trailer fields (rare) end with an empty line; with none, the empty line comes at once.
          const end = data.indexOf(CRLF);
          if (end < 0) {
            this.pending = data;
            return;
          }
          data = data.subarray(end + 2);
          if (end === 0) this.finish();
          break;
        }
        case 'until-close':
          this.keep(data);
          return;
      }
    }
  }

  /**
   * The connection ended. A body framed by the close itself ends here; anywhere else in a
   * response this is an error (the caller reports it). Returns whether a response completed.
   */
  end(): boolean {
    if (this.state === 'until-close') {
      this.finish();
      return true;
    }
    return false;
  }

  /** Forget any partial response (after a socket error, before reconnecting). */
  reset(): void {
    this.state = 'head';
    this.pending = undefined;
    this.bodyParts = undefined;
  }

  private parseHead(head: string): void {
    const lineEnd = head.indexOf('\r\n');
    const statusLine = lineEnd < 0 ? head : head.slice(0, lineEnd);
    const m = /^HTTP\/1\.([01]) (\d{3})/.exec(statusLine);
    if (!m) throw new Error(`malformed status line: ${JSON.stringify(statusLine.slice(0, 80))}`);
    const http10 = m[1] === '0';
    this.status = Number(m[2]);
    let contentLength = -1;
    let chunked = false;
    let connection = '';
    if (lineEnd >= 0) {
      for (const line of head.slice(lineEnd + 2).split('\r\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const name = line.slice(0, colon).trim().toLowerCase();
        if (name === 'content-length') contentLength = Number(line.slice(colon + 1).trim());
        else if (name === 'transfer-encoding') chunked = /\bchunked\b/i.test(line.slice(colon + 1));
        else if (name === 'connection')
          connection = line
            .slice(colon + 1)
            .trim()
            .toLowerCase();
      }
    }
    this.keepAlive = http10 ? /\bkeep-alive\b/.test(connection) : !/\bclose\b/.test(connection);
    this.bodyParts = this.keepBody(this.status) ? [] : undefined;
    // 1xx (100 Continue) is an interim head: the real response follows. 204 and 304 have no body.
    if (this.status >= 100 && this.status < 200 && this.status !== 101) {
      this.state = 'head';
      return;
    }
    if (this.status === 204 || this.status === 304) return this.finish();
    if (chunked) this.state = 'chunk-size';
    else if (contentLength >= 0 && Number.isInteger(contentLength)) {
      if (contentLength === 0) return this.finish();
      this.remaining = contentLength;
      this.state = 'length';
    } else {
      // No framing: the body runs until the server closes (and the connection cannot be reused).
      this.keepAlive = false;
      this.state = 'until-close';
    }
  }

  private keep(part: Buffer): void {
    // Copy: a slice would keep the whole socket chunk alive.
    if (this.bodyParts !== undefined && part.length > 0) this.bodyParts.push(Buffer.from(part));
  }

  private finish(): void {
    const body = this.bodyParts === undefined ? undefined : Buffer.concat(this.bodyParts);
    this.state = 'head';
    this.bodyParts = undefined;
    this.onResponse({ status: this.status, keepAlive: this.keepAlive, ...(body === undefined ? {} : { body }) });
  }
}
