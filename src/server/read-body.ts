import type { IncomingMessage } from 'node:http';
import { AwsError } from '../errors/aws-error.js';

/**
 * The client closed the connection (or Node gave up on it) before the whole body arrived. Not a
 * server fault: pipelines record it with a client error code and log it at debug level.
 */
export class BodyAbortedError extends Error {
  constructor(readonly detail: string) {
    super(`request body incomplete: ${detail}`);
  }
}

const EMPTY = Buffer.alloc(0);

/** The declared Content-Length (0 when absent or unreadable). */
export function declaredLength(req: IncomingMessage): number {
  const value = Number(req.headers['content-length'] ?? '0');
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** The request has body bytes that nobody has read yet (answering now should close the connection). */
export function bodyPending(req: IncomingMessage): boolean {
  if (req.readableEnded || req.complete) return false;
  return req.headers['transfer-encoding'] !== undefined || declaredLength(req) > 0;
}

/**
 * Reads the whole body, refusing more than `limit` bytes before buffering them (from
 * Content-Length when declared, else as they arrive). A client that goes away mid-body is a
 * BodyAbortedError, also when it went away before this was called.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (declaredLength(req) > limit) return Promise.reject(bodyTooLarge(limit));
  if (req.readableEnded) return Promise.resolve(EMPTY);
  if (req.destroyed) return Promise.reject(new BodyAbortedError('connection closed before the body was read'));
  // A small body nearly always arrives in the packet that carried the headers: by the time a
  // pipeline asks for it, Node has parsed all of it into the stream's buffer. Taking it from there
  // in one read() skips switching the stream to flowing mode, its ticks and four listeners.
  const buffered = req.complete && req.readableFlowing === null ? takeBuffered(req, limit) : undefined;
  if (buffered !== undefined) return Promise.resolve(buffered);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let ended = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop buffering but keep the socket: the 413 must still reach the client. The
        // response closes the connection, which discards the rest of the body.
        req.removeAllListeners('data');
        req.pause();
        reject(bodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      ended = true;
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    req.on('error', (error: Error) => reject(new BodyAbortedError(error.message)));
    req.on('close', () => {
      if (!ended) reject(new BodyAbortedError('connection closed mid-body'));
    });
  });
}

/** The whole body when Node already holds all of it (and no more than `limit`), else undefined. */
function takeBuffered(req: IncomingMessage, limit: number): Buffer | undefined {
  if (req.readableLength > limit) return undefined;
  const chunk = req.read() as Buffer | null;
  // The message is complete, so read() returned every byte left; null means an empty body.
  return chunk ?? EMPTY;
}

export function bodyTooLarge(limit: number): AwsError {
  return new AwsError('RequestEntityTooLarge', `Request body is larger than the limit of ${limit} bytes.`);
}
