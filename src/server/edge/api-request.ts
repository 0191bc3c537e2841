import type { Readable } from 'node:stream';

/**
 * One request as every protocol sees it, built once at the edge from whatever carried it (a Node
 * socket, or a plain value in-process): nothing below the edge touches `IncomingMessage`.
 */
export interface ApiRequest {
  method: string;
  /** The request target as sent (path and query, undecoded). */
  url: string;
  rawPath: string;
  rawQuery: string;
  /** Every header: lower-case name → every value, in order. */
  headers: Readonly<Record<string, string[]>>;
  body: BodySource;
  /** The caller's address as the connection reports it (IPv4-mapped IPv6 unwrapped). */
  sourceIp: string;
  /** Whether the request arrived over TLS (aws:SecureTransport). */
  secure: boolean;
  /**
   * Set by the listener when more requests wait than it takes on (pending-requests.ts): the
   * pipeline answers with the protocol's throttling error before anything else.
   */
  overloaded?: true;
}

/**
 * The request body, not yet read: protocols buffer small documents (refusing more than a limit
 * before buffering) or stream object data, after authentication from the headers.
 */
export interface BodySource {
  /** Content-Length as declared; 0 when absent or unreadable. */
  declaredLength(): number;
  /**
   * The whole body, refusing more than `limit` bytes (RequestEntityTooLarge) before buffering
   * them; BodyAbortedError when the client goes away mid-body.
   */
  read(limit: number): Promise<Buffer>;
  /** The body as it arrives; read once. Stopping early leaves the connection usable. */
  chunks(): AsyncIterable<Buffer>;
  /** Some of the body is still unread (answering now should close the connection). */
  pending(): boolean;
  /** Read whatever is left and drop it (a refused upload on a keep-alive connection). */
  discard(): void;
}

/** What goes back: a status, headers in the order they are written, and a body. */
export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  /** A document, bytes, or a stream (object data); none for HEAD and empty answers. */
  body?: string | Uint8Array | Readable;
  /** The connection must close after this answer (a body was left unread). */
  closeConnection?: boolean;
}

/** The first value of a header (lower-case name). */
export function firstHeader(request: Pick<ApiRequest, 'headers'>, name: string): string | undefined {
  return request.headers[name]?.[0];
}
