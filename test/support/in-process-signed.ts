import type { App } from '../../src/server/app.js';
import { inProcessRequest, responseBytes } from '../../src/server/edge/in-process-request.js';
import { formBody, signer } from './clients-signer.js';

export interface InProcessCall {
  service: string;
  method?: string;
  path?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Form members (Query protocol), sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  body?: string | Buffer;
  region?: string;
}

/** The host the in-process requests name (signed like any other header; no socket behind it). */
const HOST = 'keysmith.in-process';

/**
 * One request signed by the AWS SDK's own SigV4 signer (@smithy/signature-v4) and answered by
 * `app.handle` in-process: no socket, no listener.
 */
export async function handleSigned(
  app: App,
  creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  call: InProcessCall,
): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  const method = call.method ?? 'POST';
  const body = call.body ?? (call.form ? formBody(call.form) : undefined);
  const headers: Record<string, string> = { host: HOST, ...call.headers };
  if (call.form) headers['content-type'] = 'application/x-www-form-urlencoded; charset=utf-8';
  const path = call.path ?? '/';
  const signed = await signer(creds, call.region ?? 'us-east-1', call.service).sign({
    method,
    protocol: 'http:',
    hostname: HOST,
    path,
    query: call.query ?? {},
    headers,
    body,
  });
  const query = call.query && Object.keys(call.query).length > 0 ? `?${formBody(call.query)}` : '';
  const response = await app.handle(inProcessRequest({ method, url: `${path}${query}`, headers: signed.headers, body }));
  return { status: response.status, headers: response.headers, text: (await responseBytes(response)).toString('utf8') };
}
