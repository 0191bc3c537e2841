import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CredentialCache } from './credential-cache.js';
import { awsTimestamp } from './credential-fetch.js';
import { imdsJson, staticMetadata, type InstanceFacts } from './instance-metadata.js';
import { header, startListener, urlHost, type LocalListener } from './local-listener.js';
import { newLocalToken } from './local-token.js';

/**
 * An instance metadata service for one made-up instance, compatible with what the SDKs use of
 * EC2's (botocore's InstanceMetadataFetcher, SDK v3's @smithy/credential-provider-imds):
 *
 * - IMDSv2 sessions: `PUT /latest/api/token` with `X-aws-ec2-metadata-token-ttl-seconds` 1..21600
 *   (else 400) answers a token and echoes the TTL; a PUT carrying `X-Forwarded-For` is refused
 *   (403), as EC2 refuses tokens to requests that went through a proxy;
 * - every GET needs a live `X-aws-ec2-metadata-token` (else 401), unless IMDSv1 is enabled;
 * - `iam/security-credentials/ROLE` and `iam/info` are answered from the credential cache; when
 *   keysmith refuses the role (the trust no longer allows EC2, the grant is revoked) they answer
 *   200 with `Code`/`Message` as EC2 does when it cannot assume the role — botocore reads that as
 *   "no credentials", SDK v3 as an invalid response; an unreachable keysmith is a 500.
 *
 * Every answer is text/plain with `Server: EC2ws`, as EC2's.
 */

export interface ImdsOptions {
  facts: InstanceFacts;
  cache: CredentialCache;
  /** IMDSv1 (GETs without a session token): off unless asked for (--imds-v1). */
  allowV1: boolean;
  host?: string;
  port?: number;
  log?: (line: string) => void;
  now?: () => number;
}

export interface Imds {
  listener: LocalListener;
  /** The endpoint the program is given (AWS_EC2_METADATA_SERVICE_ENDPOINT). */
  url: string;
  close(): Promise<void>;
}

const TOKEN_PATH = '/latest/api/token';
const TTL_HEADER = 'x-aws-ec2-metadata-token-ttl-seconds';
const TOKEN_HEADER = 'x-aws-ec2-metadata-token';
const CREDENTIALS_PREFIX = '/latest/meta-data/iam/security-credentials/';
const MAX_TTL_SECONDS = 21_600;
/** Live session tokens kept at most (old ones are dropped first): a bound on memory, not a limit SDKs meet. */
const MAX_SESSIONS = 10_000;

export async function startImds(options: ImdsOptions): Promise<Imds> {
  const sessions = new Map<string, number>();
  const fixed = staticMetadata(options.facts);
  const now = options.now ?? Date.now;
  const listener = await startListener(
    (request, response) => serve({ ...options, now }, sessions, fixed, request, response),
    options.host,
    options.port,
  );
  return { listener, url: `http://${urlHost(listener.host)}:${listener.port}/`, close: () => listener.close() };
}

type Ctx = ImdsOptions & { now: () => number };

async function serve(
  options: Ctx,
  sessions: Map<string, number>,
  fixed: Map<string, string>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = (request.url ?? '/').split('?')[0]!;
  if (path === TOKEN_PATH) return issueToken(options, sessions, request, response);
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(response, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
  const presented = header(request, TOKEN_HEADER);
  let delivery: '1.0' | '2.0';
  if (presented !== undefined) {
    const expiresAt = sessions.get(presented);
    if (expiresAt === undefined || expiresAt <= options.now()) {
      if (expiresAt !== undefined) sessions.delete(presented);
      options.log?.(`metadata: refused ${path}: the session token is not valid or has expired`);
      return unauthorized(response);
    }
    delivery = '2.0';
  } else if (options.allowV1) {
    delivery = '1.0';
  } else {
    options.log?.(`metadata: refused ${path}: no session token (IMDSv1 is off; --imds-v1 allows it)`);
    return unauthorized(response);
  }
  const key = path.replace(/\/+$/, '');
  const roleName = options.facts.roleName;
  if (key === `${CREDENTIALS_PREFIX}${roleName}`) return credentials(options, delivery, response);
  if (key === '/latest/meta-data/iam/info') return info(options, delivery, response);
  const value = fixed.get(key);
  if (value === undefined) return notFound(response);
  return text(response, 200, value);
}

function issueToken(options: Ctx, sessions: Map<string, number>, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== 'PUT') return text(response, 405, 'Method Not Allowed\n', { Allow: 'PUT' });
  if (header(request, 'x-forwarded-for') !== undefined) {
    options.log?.('metadata: refused a token request that went through a proxy (X-Forwarded-For)');
    return text(response, 403, 'Forbidden\n');
  }
  const ttlText = header(request, TTL_HEADER);
  const ttl = ttlText !== undefined && /^\d{1,6}$/.test(ttlText.trim()) ? Number(ttlText.trim()) : NaN;
  if (!(ttl >= 1 && ttl <= MAX_TTL_SECONDS)) return text(response, 400, 'Bad Request\n');
  const now = options.now();
  for (const [token, expiresAt] of sessions) if (expiresAt <= now || sessions.size >= MAX_SESSIONS) sessions.delete(token);
  const token = newLocalToken();
  sessions.set(token, now + ttl * 1000);
  text(response, 200, token, { 'X-Aws-Ec2-Metadata-Token-Ttl-Seconds': String(ttl) });
}

async function credentials(options: Ctx, delivery: '1.0' | '2.0', response: ServerResponse): Promise<void> {
  const outcome = await options.cache.get(delivery);
  if (!outcome.ok) return refusal(options, outcome, response);
  const c = outcome.credentials;
  options.log?.(
    `metadata: served credentials ${c.AccessKeyId} (IMDS ${delivery === '2.0' ? 'v2' : 'v1'}, expire ${awsTimestamp(c.Expiration)})`,
  );
  text(
    response,
    200,
    imdsJson({
      Code: 'Success',
      LastUpdated: awsTimestamp(outcome.receivedAt),
      Type: 'AWS-HMAC',
      AccessKeyId: c.AccessKeyId,
      SecretAccessKey: c.SecretAccessKey,
      Token: c.Token,
      Expiration: awsTimestamp(c.Expiration),
    }),
  );
}

async function info(options: Ctx, delivery: '1.0' | '2.0', response: ServerResponse): Promise<void> {
  const outcome = await options.cache.get(delivery);
  if (!outcome.ok) return refusal(options, outcome, response);
  text(
    response,
    200,
    imdsJson({
      Code: 'Success',
      LastUpdated: awsTimestamp(outcome.receivedAt),
      InstanceProfileArn: options.facts.instanceProfileArn,
      InstanceProfileId: options.facts.instanceProfileId,
    }),
  );
}

/** keysmith refused the role: EC2's own answer when it cannot assume it; an unreachable keysmith is a fault. */
function refusal(options: Ctx, outcome: { status: number; code: string; message: string }, response: ServerResponse): void {
  options.log?.(`metadata: keysmith refused the credentials (${outcome.code}: ${outcome.message})`);
  if (outcome.status === 0 || outcome.status >= 500) return text(response, 500, 'Internal Server Error\n');
  text(response, 200, imdsJson({ Code: outcome.code, Message: outcome.message, LastUpdated: awsTimestamp(options.now()) }));
}

function unauthorized(response: ServerResponse): void {
  text(response, 401, '');
}

function notFound(response: ServerResponse): void {
  text(
    response,
    404,
    '<?xml version="1.0" encoding="iso-8859-1"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"\n\t"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">\n <head>\n  <title>404 - Not Found</title>\n </head>\n <body>\n  <h1>404 - Not Found</h1>\n </body>\n</html>\n',
    { 'Content-Type': 'text/html' },
  );
}

function text(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    'Content-Type': 'text/plain',
    'Content-Length': String(Buffer.byteLength(body)),
    Server: 'EC2ws',
    ...headers,
  });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
