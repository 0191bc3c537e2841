import { createServer } from 'node:net';

/**
 * A port that was free a moment ago on 127.0.0.1. `keysmith serve --port 0` would pick one itself
 * but does not say which in a form worth parsing, so the runner chooses. The race (someone else
 * takes it in between) is harmless here: the server then fails to start and the run says so.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
