import type { Readable } from 'node:stream';
import type { App } from '../../src/server/app.js';
import { inProcessRequest, responseBytes } from '../../src/server/edge/in-process-request.js';

/** What the AWS SDK v3 hands a request handler (the fields this one reads). */
interface SdkHttpRequest {
  method: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null | undefined>;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * An AWS SDK v3 request handler that answers through `app.handle`, in-process: no socket, the
 * request exactly as the SDK signed it (method, path, query, headers, body), the response as the
 * SDK parses any. `requestHandler: new InProcessHandler(app)` in a client's configuration.
 */
export class InProcessHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };

  constructor(private readonly app: App) {}

  async handle(request: SdkHttpRequest): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: Uint8Array } }> {
    const query = queryString(request.query ?? {});
    const response = await this.app.handle(
      inProcessRequest({
        method: request.method,
        url: query === '' ? request.path : `${request.path}?${query}`,
        headers: request.headers,
        body: await bodyBytes(request.body),
      }),
    );
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) headers[name.toLowerCase()] = value;
    return { response: { statusCode: response.status, headers, body: new Uint8Array(await responseBytes(response)) } };
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}

/** RFC 3986 escaping, as the SDK's own handler writes the query it signed. */
function escape(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function queryString(query: Record<string, string | string[] | null | undefined>): string {
  const parts: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value === undefined) continue;
    if (value === null) parts.push(escape(key));
    else for (const v of Array.isArray(value) ? value : [value]) parts.push(`${escape(key)}=${escape(v)}`);
  }
  return parts.join('&');
}

async function bodyBytes(body: unknown): Promise<Uint8Array | string | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body as Readable) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
