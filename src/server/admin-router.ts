import { timingSafeEqual } from 'node:crypto';
import type { App } from './app.js';
import { firstHeader, type ApiRequest, type ApiResponse } from './edge/api-request.js';

export const ADMIN_PREFIX = '/_keysmith/';
/** moto's reset endpoint, answered as keysmith's reset when reset is enabled (test suites written for moto). */
export const MOTO_RESET_PATH = '/moto-api/reset';
const ADMIN_BODY_LIMIT = 64 * 1024;

export interface AdminHooks {
  /** Wipe all state and bootstrap again. */
  reset(): Promise<void>;
  /** Void the sessions of a role; false when there is no such role. */
  revokeSessions(roleArn: string, sessionName: string | undefined): Promise<boolean>;
}

/**
 * The admin API, beside the AWS API under /_keysmith/. Health and readiness are open (load
 * balancers probe them); everything else needs `Authorization: Bearer <admin token>`, which is
 * not an AWS credential. Reset exists only when enabled by configuration.
 */
export async function handleAdminRequest(app: App, request: ApiRequest, hooks: AdminHooks): Promise<ApiResponse> {
  const method = request.method;
  if (request.rawPath === MOTO_RESET_PATH) return motoReset(app, method, hooks);
  const path = request.rawPath.slice(ADMIN_PREFIX.length);
  if (path === 'health' && method === 'GET') return json(200, { status: 'ok' });
  if (path === 'ready' && method === 'GET') {
    try {
      await app.store.accounts.list();
      return json(200, { status: 'ready' });
    } catch (error) {
      app.logger.error('readiness check failed', { detail: String(error) });
      return json(503, { status: 'unavailable' });
    }
  }
  if (!hasAdminToken(request, app.adminToken)) return json(401, { error: 'admin token required' });
  if (path === 'reset' && method === 'POST') {
    if (!app.config.enableReset) return json(403, { error: 'reset is disabled; start keysmith with KEYSMITH_ENABLE_RESET=true' });
    await hooks.reset();
    app.logger.warn('state reset through the admin API');
    return json(200, { status: 'reset' });
  }
  if (path === 'sessions/revoke' && method === 'POST') {
    let body: { roleArn?: unknown; sessionName?: unknown };
    try {
      body = JSON.parse((await request.body.read(ADMIN_BODY_LIMIT)).toString('utf8')) as typeof body;
    } catch {
      return json(400, { error: 'body must be JSON: {"roleArn": "...", "sessionName": "..."}' });
    }
    if (typeof body.roleArn !== 'string' || (body.sessionName !== undefined && typeof body.sessionName !== 'string')) {
      return json(400, { error: 'roleArn (string) is required; sessionName is optional' });
    }
    const done = await hooks.revokeSessions(body.roleArn, body.sessionName);
    if (!done) return json(404, { error: `no role ${body.roleArn}` });
    app.logger.warn('sessions revoked through the admin API', { roleArn: body.roleArn, sessionName: body.sessionName });
    return json(200, { status: 'revoked', roleArn: body.roleArn, sessionName: body.sessionName });
  }
  return json(404, { error: 'not found' });
}

/**
 * `POST /moto-api/reset`, as moto's server answers it, for suites that reset between tests that
 * way. It takes no admin token (those suites send none), so it exists only where reset is enabled
 * (KEYSMITH_ENABLE_RESET, test machines only); every use is logged as a warning.
 */
async function motoReset(app: App, method: string, hooks: AdminHooks): Promise<ApiResponse> {
  if (!app.config.enableReset) return json(404, { error: 'not found' });
  if (method !== 'POST') return json(405, { error: 'POST resets all state' });
  await hooks.reset();
  app.logger.warn('state reset through POST /moto-api/reset (KEYSMITH_ENABLE_RESET)');
  return json(200, { status: 'reset' });
}

function hasAdminToken(request: ApiRequest, token: string): boolean {
  const given = Buffer.from((firstHeader(request, 'authorization') ?? '').replace(/^Bearer /, ''));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function json(status: number, body: object): ApiResponse {
  const text = JSON.stringify(body);
  return { status, headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) }, body: text };
}
