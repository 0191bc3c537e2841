import type { ApiRequest, ApiResponse, BodySource } from './api-request.js';
import { bodyTooLarge } from '../read-body.js';

/** A request as plain values, for `app.handle` without a socket (tests, embedding). */
export interface InProcessRequestInit {
  method?: string;
  /** Path and query, as they would appear on the request line. */
  url?: string;
  headers?: Record<string, string | readonly string[] | undefined>;
  body?: string | Uint8Array;
  sourceIp?: string;
  secure?: boolean;
}

/** An ApiRequest from plain values: header names lower-cased, the body already complete. */
export function inProcessRequest(init: InProcessRequestInit): ApiRequest {
  const url = init.url ?? '/';
  const q = url.indexOf('?');
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(init.headers ?? {})) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    (headers[key] ??= []).push(...(typeof value === 'string' ? [value] : value));
  }
  const body = init.body === undefined ? Buffer.alloc(0) : Buffer.from(init.body);
  // As an HTTP client does on the wire: a body goes with its length.
  if (body.length > 0 && headers['content-length'] === undefined && headers['transfer-encoding'] === undefined)
    headers['content-length'] = [String(body.length)];
  return {
    method: (init.method ?? 'GET').toUpperCase(),
    url,
    rawPath: q < 0 ? url : url.slice(0, q),
    rawQuery: q < 0 ? '' : url.slice(q + 1),
    headers,
    body: bufferedBody(body),
    sourceIp: init.sourceIp ?? '127.0.0.1',
    secure: init.secure ?? false,
  };
}

function bufferedBody(body: Buffer): BodySource {
  let consumed = false;
  return {
    declaredLength: () => body.length,
    async read(limit) {
      if (body.length > limit) throw bodyTooLarge(limit);
      consumed = true;
      return body;
    },
    chunks() {
      consumed = true;
      return (async function* () {
        if (body.length > 0) yield body;
      })();
    },
    pending: () => !consumed && body.length > 0,
    discard() {
      consumed = true;
    },
  };
}

/** The whole body of a response as bytes (a stream is read to its end). */
export async function responseBytes(response: ApiResponse): Promise<Buffer> {
  const body = response.body;
  if (body === undefined) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
