import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ComputeType } from '../../model/compute-types.js';
import type { CredentialCache } from './credential-cache.js';
import { awsTimestamp } from './credential-fetch.js';
import { header, startListener, urlHost, type LocalListener } from './local-listener.js';
import { tokenMatches } from './local-token.js';

/**
 * The container-credentials endpoint a program on ECS or EKS Pod Identity is pointed at
 * (AWS_CONTAINER_CREDENTIALS_FULL_URI), on loopback: it checks the program's local token and
 * answers the role's credentials in the shape that compute's agent answers — ECS's with
 * `RoleArn`, EKS Pod Identity's with `AccountId` — relayed from keysmith's own route.
 */

export interface ContainerRelayOptions {
  computeType: Extract<ComputeType, 'ecs' | 'eks-pod-identity'>;
  /** The one path served: ECS `/v2/credentials/<id>`, EKS `/v1/credentials`. */
  path: string;
  token: string;
  cache: CredentialCache;
  host?: string;
  port?: number;
  /** Lines for --verbose (never a secret). */
  log?: (line: string) => void;
}

export interface ContainerRelay {
  listener: LocalListener;
  /** The full URI the program is given. */
  url: string;
  close(): Promise<void>;
}

export async function startContainerRelay(options: ContainerRelayOptions): Promise<ContainerRelay> {
  const listener = await startListener((request, response) => serve(options, request, response), options.host, options.port);
  return {
    listener,
    url: `http://${urlHost(listener.host)}:${listener.port}${options.path}`,
    close: () => listener.close(),
  };
}

async function serve(options: ContainerRelayOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (path !== options.path) return json(response, 404, { code: 'NotFound', message: `Nothing is served at ${path}.` });
  if (request.method !== 'GET') return json(response, 405, { code: 'MethodNotAllowed', message: 'Only GET is served here.' });
  const presented = header(request, 'authorization');
  if (presented === undefined || presented === '') {
    options.log?.(`container endpoint: refused a request without an Authorization header`);
    return json(response, 401, { code: 'AccessDenied', message: 'The Authorization header is required.' });
  }
  if (!tokenMatches(presented, options.token)) {
    options.log?.(`container endpoint: refused a request with a wrong authorization token`);
    return json(response, 403, { code: 'AccessDenied', message: 'The authorization token is not valid for this endpoint.' });
  }
  const outcome = await options.cache.get();
  if (!outcome.ok) {
    options.log?.(`container endpoint: keysmith refused the credentials (${outcome.code}: ${outcome.message})`);
    return json(response, outcome.status >= 400 ? outcome.status : 502, { code: outcome.code, message: outcome.message });
  }
  const c = outcome.credentials;
  options.log?.(`container endpoint: served credentials ${c.AccessKeyId} (expire ${awsTimestamp(c.Expiration)})`);
  const expiration = awsTimestamp(c.Expiration);
  // Member order as the agents write them.
  const body =
    options.computeType === 'eks-pod-identity'
      ? { AccessKeyId: c.AccessKeyId, SecretAccessKey: c.SecretAccessKey, Token: c.Token, AccountId: c.AccountId, Expiration: expiration }
      : { RoleArn: c.RoleArn, AccessKeyId: c.AccessKeyId, SecretAccessKey: c.SecretAccessKey, Token: c.Token, Expiration: expiration };
  return json(response, 200, body);
}

function json(response: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}
