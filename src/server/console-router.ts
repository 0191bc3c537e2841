import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from './app.js';
import { firstHeader, type ApiRequest, type ApiResponse } from './edge/api-request.js';

export const CONSOLE_PREFIX = '/_keysmith/console/';

/** The console's files: `console/` of the package (beside dist/), served as they are: no build step. */
const CONSOLE_DIR = fileURLToPath(new URL('../../../console/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The console's page may talk to this origin only and run only its own scripts: nothing is
 * fetched from outside (it works offline), and no inline script or style can run even if some
 * server text were ever shown unescaped.
 */
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

/** Read once per process: the console's files do not change while keysmith runs. */
const files = new Map<string, Promise<Buffer | undefined>>();

/**
 * A request for the web console: its files under /_keysmith/console/, or a browser opening
 * keysmith's root (GET `/`, unsigned, asking for HTML), which is sent there. A signed GET `/` is
 * S3's ListBuckets and never lands here.
 */
export function isConsoleRequest(request: ApiRequest): boolean {
  if (request.rawPath.startsWith(CONSOLE_PREFIX) || request.rawPath === CONSOLE_PREFIX.slice(0, -1)) return true;
  return (
    request.rawPath === '/' &&
    request.method === 'GET' &&
    request.rawQuery === '' &&
    firstHeader(request, 'authorization') === undefined &&
    (firstHeader(request, 'accept') ?? '').includes('text/html')
  );
}

/** The console's static files; GET and HEAD only; everything else is 404 or 405. */
export async function handleConsoleRequest(_app: App, request: ApiRequest): Promise<ApiResponse> {
  if (request.rawPath === '/' || request.rawPath === CONSOLE_PREFIX.slice(0, -1)) {
    return { status: 302, headers: { Location: CONSOLE_PREFIX, 'Content-Length': '0' }, body: '' };
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'GET only', { Allow: 'GET, HEAD' });
  let relative: string;
  try {
    relative = decodeURIComponent(request.rawPath.slice(CONSOLE_PREFIX.length)) || 'index.html';
  } catch {
    return text(404, 'not found');
  }
  const path = normalize(join(CONSOLE_DIR, relative));
  if (!path.startsWith(CONSOLE_DIR) || relative.includes('\0') || relative.split(/[\\/]/).includes('..')) return text(404, 'not found');
  const type = TYPES[extname(path)];
  if (type === undefined || path.endsWith(sep)) return text(404, 'not found');
  let pending = files.get(path);
  if (!pending) files.set(path, (pending = readFile(path).catch(() => undefined)));
  const body = await pending;
  if (!body) return text(404, 'not found');
  const headers = { 'Content-Type': type, 'Content-Length': String(body.length), ...SECURITY_HEADERS };
  return { status: 200, headers, body: request.method === 'HEAD' ? '' : body };
}

function text(status: number, message: string, extra: Record<string, string> = {}): ApiResponse {
  return {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(message)), ...extra },
    body: message,
  };
}
