import { discoveryDocument, ISSUER_PATH_PREFIX, issuerUrl, issuerUuid } from '../federation/issuer/issuer-url.js';
import { publicJwks } from '../federation/issuer/signing-keys.js';
import { RECORD_KINDS } from '../model/record-kinds.js';
import type { App } from './app.js';
import type { ApiRequest, ApiResponse } from './edge/api-request.js';

const DOCUMENT = /^\/_keysmith\/issuer\/([0-9a-f-]{36})\/\.well-known\/(openid-configuration|jwks\.json)$/;
/** The account-settings record that holds an account's issuer (services/iam/account-settings/). */
const OUTBOUND_FEDERATION = 'outbound-web-identity-federation';

/** Whether the request is for an account's outbound issuer documents (src/federation/issuer/). */
export function isIssuerRequest(request: ApiRequest): boolean {
  return request.rawPath.startsWith(ISSUER_PATH_PREFIX);
}

/**
 * The public side of keysmith as an OIDC issuer: each account's discovery document and JWKS, at
 * `/_keysmith/issuer/<uuid>/.well-known/…`, as any OIDC verifier fetches them — GET or HEAD,
 * no signature, no admin token, JSON. Outside the AWS pipeline: nothing here is an AWS call and
 * nothing is audited. An issuer stays published while the feature is disabled (tokens already
 * issued stay valid until they expire, AWS's rule); an account that never enabled it has none.
 * Short HTTP caching: a rotation's new key is found at the latest when the cache expires, and
 * verifiers refetch sooner when they meet an unknown `kid`.
 */
export async function handleIssuerRequest(app: App, request: ApiRequest): Promise<ApiResponse> {
  const match = DOCUMENT.exec(request.rawPath);
  if (match === null) return json(404, { error: 'not found' }, request);
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return json(405, { error: 'GET or HEAD only' }, request, { Allow: 'GET, HEAD' });
  const [, uuid, document] = match;
  const accountId = await accountOfIssuer(app, uuid!);
  if (accountId === undefined) return json(404, { error: 'no such issuer' }, request);
  if (document === 'jwks.json') return json(200, await publicJwks(app.store, app.secrets, accountId, app.clock.now()), request);
  const identifier = `https://${uuid}.tokens.sts.global.api.aws`;
  return json(200, discoveryDocument(issuerUrl(identifier, app.config.issuerUrl)), request);
}

/** The account whose issuer has this uuid: few accounts per keysmith, so a walk over them. */
async function accountOfIssuer(app: App, uuid: string): Promise<string | undefined> {
  for (const account of await app.store.accounts.list()) {
    const row = await app.store.records.get(RECORD_KINDS.accountSettings, account.accountId, OUTBOUND_FEDERATION);
    if (row === undefined) continue;
    const { issuerIdentifier } = JSON.parse(row.body) as { issuerIdentifier: string };
    if (issuerUuid(issuerIdentifier) === uuid) return account.accountId;
  }
  return undefined;
}

/** JSON; browsers' verifiers may read it from any origin (the documents are public). */
function json(status: number, body: object, request: ApiRequest, extra: Record<string, string> = {}): ApiResponse {
  const text = JSON.stringify(body);
  const headers = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': status === 200 ? 'public, max-age=300' : 'no-store',
    'Access-Control-Allow-Origin': '*',
    ...extra,
  };
  return request.method === 'HEAD' ? { status, headers } : { status, headers, body: text };
}
