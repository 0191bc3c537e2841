import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from './app.js';

/** The S3 REST-XML pipeline (issue 5). Until it exists, S3 requests get S3's NotImplemented. */
export async function handleS3Request(_app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  req.resume();
  const body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NotImplemented</Code><Message>A header you provided implies functionality that is not implemented</Message></Error>';
  res.writeHead(501, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
