import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * A small HTTP listener for a local credential endpoint. Loopback by default: the SDKs fetch
 * credentials over plain HTTP only from loopback (or AWS's link-local addresses), and nothing
 * else on the network should reach the role's credentials.
 */
export interface LocalListener {
  host: string;
  port: number;
  close(): Promise<void>;
}

export type LocalHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

export async function startListener(handler: LocalHandler, host = '127.0.0.1', port = 0): Promise<LocalListener> {
  const server = createServer((request, response) => {
    // Requests carry no body worth reading; drain it so the connection stays usable.
    request.resume();
    Promise.resolve(handler(request, response)).catch(() => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end('Internal error\n');
    });
  });
  // Metadata clients wait a second at most; a slow client must not hold a socket for long either.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    host,
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The first value of a request header (Node joins repeated ones; a metadata client sends each once). */
export function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** A host for URLs the program is given: a wildcard bind is reached on loopback. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
