import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from './app.js';

/** The JSON 1.1 pipeline for CloudTrail (issue 5). Until it exists: UnknownOperationException. */
export async function handleJsonRequest(_app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  req.resume();
  const body = JSON.stringify({ __type: 'UnknownOperationException', message: 'Unknown operation' });
  res.writeHead(400, { 'Content-Type': 'application/x-amz-json-1.1', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
