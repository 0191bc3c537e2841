import { createServer, type Server } from 'node:net';
import { settingName } from '../config/setting-name.js';
import { errnoOf, StartError } from './start-error.js';

/**
 * `server.listen(port, host)` as a promise whose failure is a StartError naming the setting at
 * fault (KEYSMITH_PORT or KEYSMITH_HOST) and what to do, instead of Node's `listen EADDRINUSE …`.
 */
export function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(explainListenError(error, host, port));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

export function explainListenError(error: unknown, host: string, port: number): Error {
  const where = `${host}:${port}`;
  const code = errnoOf(error);
  switch (code) {
    case 'EADDRINUSE':
      return new StartError(
        `${settingName('port')}: port ${port} on ${host} is already in use (EADDRINUSE); stop the other process or choose another port (0 picks a free one)`,
      );
    case 'EACCES':
    case 'EPERM':
      return new StartError(
        `${settingName('port')}: not allowed to listen on ${where} (${code}); ports below 1024 need privileges: choose a port from 1024 up`,
      );
    case 'EADDRNOTAVAIL':
      return new StartError(
        `${settingName('host')}: ${host} is not an address of this machine (EADDRNOTAVAIL); use 127.0.0.1, 0.0.0.0 (all interfaces) or one of this machine's addresses`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return new StartError(
        `${settingName('host')}: the host name ${host} does not resolve (${code}); use an IP address such as 127.0.0.1 or 0.0.0.0`,
      );
    case 'EAFNOSUPPORT':
      return new StartError(`${settingName('host')}: this machine cannot listen on ${host} (${code}); use 127.0.0.1 or 0.0.0.0`);
    default:
      return new StartError(`${settingName('host')} / ${settingName('port')}: cannot listen on ${where} (${code})`);
  }
}

/**
 * Binds and releases host:port. `keysmith serve` does this before anything else, so a port in
 * use or an address that is not this machine's (the commonest failures) is reported at once,
 * before any start-up work and without creating anything; the real listen later still reports
 * the same way should the port be taken in between.
 */
export async function probeListen(host: string, port: number): Promise<void> {
  const probe = createServer();
  await listen(probe, host, port);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
