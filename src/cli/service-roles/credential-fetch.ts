import { CREDENTIALS_PATH, ROLE_DELIVERY_HEADER } from '../../model/compute-types.js';

/**
 * One fetch from keysmith's container-credentials route (`GET /_keysmith/credentials`) with the
 * grant's token: the role's credentials as the server hands them out (it caches them and gives
 * new ones near expiry), or its refusal. Every local endpoint and the lambda mode get their
 * credentials this way; the grant token never leaves this process.
 */

export interface RoleCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  Token: string;
  /** ISO 8601, as the server wrote it. */
  Expiration: string;
  /** ECS, EC2 and Lambda grants. */
  RoleArn?: string;
  /** EKS Pod Identity grants. */
  AccountId?: string;
}

export type FetchOutcome =
  | { ok: true; credentials: RoleCredentials }
  /** status 0: keysmith could not be reached or answered something that is not credentials. */
  | { ok: false; status: number; code: string; message: string };

/** How the program asked the instance metadata service: `1.0` without a session token, `2.0` with one. */
export type RoleDelivery = '1.0' | '2.0';

export type CredentialFetcher = (delivery?: RoleDelivery) => Promise<FetchOutcome>;

const FETCH_TIMEOUT_MS = 10_000;

/** A fetcher bound to one grant: keysmith's endpoint and the grant's token. */
export function grantFetcher(endpoint: string, grantToken: string): CredentialFetcher {
  const url = new URL(CREDENTIALS_PATH, endpoint);
  return async (delivery) => {
    let status: number;
    let text: string;
    try {
      const headers: Record<string, string> = { authorization: grantToken, accept: 'application/json' };
      if (delivery !== undefined) headers[ROLE_DELIVERY_HEADER] = delivery;
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      status = response.status;
      text = await response.text();
    } catch (error) {
      return { ok: false, status: 0, code: 'ServiceUnavailable', message: `Could not reach keysmith at ${url.origin}: ${describe(error)}` };
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (status === 200 && isCredentials(body)) return { ok: true, credentials: body };
    const fields = (body ?? {}) as { code?: unknown; message?: unknown };
    return {
      ok: false,
      status: status === 200 ? 0 : status,
      code: typeof fields.code === 'string' ? fields.code : status === 200 ? 'InvalidResponse' : `HTTP${status}`,
      message: typeof fields.message === 'string' ? fields.message : `keysmith answered ${status} without credentials`,
    };
  };
}

function isCredentials(value: unknown): value is RoleCredentials {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return ['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration'].every((k) => typeof v[k] === 'string');
}

function describe(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}

/** `2024-05-01T12:00:00Z`: how IMDS and the container agents write times (botocore parses IMDS's without fractions). */
export function awsTimestamp(iso: string | number | Date): string {
  const ms = typeof iso === 'string' ? Date.parse(iso) : new Date(iso).getTime();
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}
