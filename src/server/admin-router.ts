import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { App } from './app.js';

export const ADMIN_PREFIX = '/_keysmith/';

/**
 * The admin API, beside the AWS API under /_keysmith/. Health and readiness are open (load
 * balancers probe them); everything else needs `Authorization: Bearer <admin token>`, which is
 * not an AWS credential. Reset exists only when enabled by configuration.
 */
export async function handleAdminRequest(app: App, req: IncomingMessage, res: ServerResponse, hooks: AdminHooks): Promise<void> {
  const path = (req.url ?? '').split('?')[0]!.slice(ADMIN_PREFIX.length);
  if (path === 'health' && req.method === 'GET') return json(res, 200, { status: 'ok' });
  if (path === 'ready' && req.method === 'GET') {
    try {
      await app.store.accounts.list();
      return json(res, 200, { status: 'ready' });
    } catch (error) {
      app.logger.error('readiness check failed', { detail: String(error) });
      return json(res, 503, { status: 'unavailable' });
    }
  }
  if (!hasAdminToken(req, app.adminToken)) return json(res, 401, { error: 'admin token required' });
  if (path === 'reset' && req.method === 'POST') {
    if (!app.config.enableReset) return json(res, 403, { error: 'reset is disabled; start keysmith with KEYSMITH_ENABLE_RESET=true' });
    await hooks.reset();
    app.logger.warn('state reset through the admin API');
    return json(res, 200, { status: 'reset' });
  }
  if (path === 'sessions/revoke' && req.method === 'POST') {
    let body: { roleArn?: unknown; sessionName?: unknown };
    try {
      body = JSON.parse(await readText(req)) as typeof body;
    } catch {
      return json(res, 400, { error: 'body must be JSON: {"roleArn": "...", "sessionName": "..."}' });
    }
    if (typeof body.roleArn !== 'string' || (body.sessionName !== undefined && typeof body.sessionName !== 'string')) {
      return json(res, 400, { error: 'roleArn (string) is required; sessionName is optional' });
    }
    const done = await hooks.revokeSessions(body.roleArn, body.sessionName);
    if (!done) return json(res, 404, { error: `no role ${body.roleArn}` });
    app.logger.warn('sessions revoked through the admin API', { roleArn: body.roleArn, sessionName: body.sessionName });
    return json(res, 200, { status: 'revoked', roleArn: body.roleArn, sessionName: body.sessionName });
  }
  return json(res, 404, { error: 'not found' });
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export interface AdminHooks {
  /** Wipe all state and bootstrap again. */
  reset(): Promise<void>;
  /** Void the sessions of a role; false when there is no such role. */
  revokeSessions(roleArn: string, sessionName: string | undefined): Promise<boolean>;
}

function hasAdminToken(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from((req.headers.authorization ?? '').replace(/^Bearer /, ''));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function json(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
