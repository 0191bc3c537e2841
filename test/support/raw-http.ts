import { request, type IncomingHttpHeaders } from 'node:http';

/** One raw HTTP exchange's answer, the body as text. */
export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP exchange with a server on 127.0.0.1, headers exactly as given (Host included: virtual-
 * hosted S3 requests name the bucket there). For requests no AWS client would send.
 */
export function sendRaw(
  port: number,
  method: string,
  pathAndQuery: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: pathAndQuery, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The `<Code>` of an XML error body. */
export const errorCode = (reply: { body: string }) => /<Code>([^<]+)<\/Code>/.exec(reply.body)?.[1];
