import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { pipeline } from 'node:stream/promises';
import type { ApiRequest, ApiResponse, BodySource } from './api-request.js';
import { bodyPending, declaredLength, readBody } from '../read-body.js';

/** The edge for Node's HTTP server: one ApiRequest per IncomingMessage. */
export function requestFromNode(req: IncomingMessage): ApiRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return {
    method: req.method ?? 'GET',
    url,
    rawPath: q < 0 ? url : url.slice(0, q),
    rawQuery: q < 0 ? '' : url.slice(q + 1),
    // Node's own map of every header value; its type allows undefined values it never holds.
    headers: req.headersDistinct as Record<string, string[]>,
    body: nodeBody(req),
    sourceIp: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
    secure: (req.socket as TLSSocket).encrypted === true,
  };
}

function nodeBody(req: IncomingMessage): BodySource {
  return {
    declaredLength: () => declaredLength(req),
    read: (limit) => readBody(req, limit),
    chunks: () => req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>,
    pending: () => bodyPending(req),
    discard() {
      if (!req.complete) req.resume();
    },
  };
}

/** Writes an ApiResponse to the socket; a stream that fails mid-way ends the connection. */
export async function writeNodeResponse(res: ServerResponse, response: ApiResponse): Promise<void> {
  if (response.closeConnection) res.setHeader('Connection', 'close');
  res.writeHead(response.status, response.headers);
  const body = response.body;
  if (body === undefined) res.end();
  else if (typeof body === 'string' || body instanceof Uint8Array) res.end(body);
  // A client that goes away mid-download ends the stream (and closes the file); nothing to answer.
  else await pipeline(body, res).catch(() => undefined);
}
