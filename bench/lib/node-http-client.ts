import { Agent, request } from 'node:http';
import { awsErrorCode } from './http-call.js';
import type { Outcome } from './lean-connection.js';

/**
 * The node:http client (`--client node-http`): an Agent with keepAlive and maxSockets =
 * concurrency, the way an SDK's HTTP handler works. Costs the client about twice the CPU per
 * request of the lean client, so it tops out first (about 7,500 req/s on the 2-core bench machine).
 */
export class NodeHttpClient {
  /** Connections opened so far. */
  connects = 0;
  private readonly agent: Agent;

  constructor(
    private readonly host: string,
    private readonly port: number,
    concurrency: number,
    private readonly timeoutMs: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
    // Count the connections the agent opens (a server that closes after each response shows here).
    const agent = this.agent as unknown as { createConnection: (...args: unknown[]) => unknown };
    const createConnection = agent.createConnection.bind(agent);
    agent.createConnection = (...args: unknown[]) => {
      this.connects++;
      return createConnection(...args);
    };
  }

  /** `body` is a string on purpose: node:http then writes head and body in one write, not a writev. */
  send(path: string, headers: Record<string, string>, body: string, contentLength: string, method = 'POST'): Promise<Outcome> {
    return new Promise((resolve) => {
      const req = request(
        {
          agent: this.agent,
          host: this.host,
          port: this.port,
          method,
          path,
          headers: method === 'GET' ? headers : { ...headers, 'content-length': contentLength },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          if (status === 200) {
            res.on('end', () => resolve({ ok: true, status })).resume();
            return;
          }
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            const code = awsErrorCode(text);
            resolve({ ok: false, status, error: `HTTP ${status}${code ? ` ${code}` : ''}`, body: Buffer.from(text) });
          });
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, error: `socket: ${error.code ?? error.message}` }));
      // A hung request must not hang the run: it becomes an error after timeoutMs.
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error(`no response within ${this.timeoutMs} ms`)));
      req.end(body);
    });
  }

  destroy(): void {
    this.agent.destroy();
  }
}
