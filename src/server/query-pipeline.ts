import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestFacts, startAudit } from './request-facts.js';
import { randomUUID } from 'node:crypto';
import { AwsError, internalFailure, isAwsError } from '../errors/aws-error.js';
import { decodeQueryInput } from '../protocol/query/decode.js';
import { encodeError, encodeSuccess, IAM_SERVICE, type QueryService, STS_SERVICE } from '../protocol/query/envelope.js';
import type { Operation, OperationContext } from '../services/operation.js';
import { InvalidMarkerError } from '../storage/store.js';
import { AccessDeniedError } from '../authz/access-denied.js';
import { encodeAuthorizationMessage } from '../services/sts/shared/authorization-message.js';
import { sessionTokenRefusal } from '../services/sts/get-session-token.js';
import { federationTokenRefusal } from '../services/sts/get-federation-token.js';
import type { SignedRequest } from '../sigv4/signed-request.js';
import type { App } from './app.js';
import { readBody } from './read-body.js';

const SERVICES_BY_VERSION = new Map<string, QueryService>([
  [IAM_SERVICE.version, IAM_SERVICE],
  [STS_SERVICE.version, STS_SERVICE],
]);
const SERVICES_BY_NAME = new Map<string, QueryService>([
  ['iam', IAM_SERVICE],
  ['sts', STS_SERVICE],
]);

/**
 * The AWS Query protocol pipeline (IAM, STS): body → params → service → authenticate →
 * operation → decode → authorize → handler → encode. Every failure is an AwsError rendered in
 * the service's XML error envelope; anything else becomes a generic InternalFailure with the
 * detail logged only.
 */
export async function handleQueryRequest(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  const now = app.clock.now();
  let service: QueryService = IAM_SERVICE;
  // What the audit event needs, filled in as the request gets further.
  const audit = startAudit(req, requestId, now, service.name, app.config.region);
  try {
    const body = await readBody(req, app.config.maxBodyBytes);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const params = formParams(req, body, rawQuery);
    service = pickService(params, req) ?? IAM_SERVICE;
    audit.service = service.name;
    audit.operation = params.get('Action') || 'Unknown';
    const signed: SignedRequest = { method: req.method ?? 'GET', rawPath, rawQuery, headers: req.headersDistinct as Record<string, string[]>, body };
    audit.accessKeyId = /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? params.get('X-Amz-Credential')?.split('/')[0];
    const { principal, signature } = await app.authenticator.authenticate(signed, now);
    audit.principal = principal;
    audit.region = signature.region;
    if (!principal.temporary) app.usage.keyUsed(principal.accessKeyId, signature.service, signature.region, now);
    const operation = findOperation(app, service, params);
    audit.readOnly = operation.readOnly;
    const input = decodeQueryInput(params, operation.input, service.name === 'sts' ? 'with-value' : 'without-value');
    audit.requestParameters = input;
    const facts = requestFacts(req, signature.region, now);
    const ctx: OperationContext = {
      facts,
      store: app.store,
      caller: principal,
      requestId,
      now,
      region: signature.region,
      random: app.random,
      secrets: app.secrets,
      policies: app.policies,
      authorizer: app.authorizer,
      roles: app.roles,
      tokenKeys: app.tokenKeys,
      usage: app.usage,
    };
    await authorize(app, operation, input, ctx);
    let result: object | undefined;
    try {
      result = await operation.handler(input as never, ctx);
    } finally {
      if (!operation.readOnly) app.iamChanged();
    }
    send(res, 200, encodeSuccess(service, operation.name, result, requestId), requestId);
    audit.responseElements = result;
    app.audit.record(audit);
  } catch (error) {
    const awsError = toAwsError(error);
    audit.errorCode = awsError.code;
    audit.errorMessage = awsError.message;
    app.audit.record(audit);
    if (awsError.internalDetail) {
      // Server faults are errors; a caller's refused request is only worth a debug line.
      const log = awsError.status >= 500 ? app.logger.error : app.logger.debug;
      log('request failed', { requestId, code: awsError.code, detail: awsError.internalDetail });
    }
    const headers = awsError instanceof AccessDeniedError ? { 'x-keysmith-authorization-message': authorizationMessage(app, awsError) } : undefined;
    send(res, awsError.status, encodeError(service, awsError, requestId), requestId, headers);
  }
}

async function authorize(app: App, operation: Operation, input: Record<string, unknown>, ctx: OperationContext): Promise<void> {
  // GetSessionToken and GetFederationToken sessions are barred from most of IAM and STS,
  // whatever their policies say (root sessions included, hence before the root shortcut).
  const refusal = sessionTokenRefusal(ctx.caller, operation.action) ?? federationTokenRefusal(ctx.caller, operation.action);
  if (refusal) throw refusal;
  // AWS allows the account root everything in its own account (no SCPs in keysmith yet).
  if (ctx.caller.type === 'Root' || operation.skipAuthorization) return;
  const resource = await operation.resource(input as never, ctx);
  await app.authorizer.authorize(ctx.caller, operation.action, resource, ctx.facts);
}

function formParams(req: IncomingMessage, body: Buffer, rawQuery: string): Map<string, string> {
  const params = new Map<string, string>();
  const add = (text: string) => {
    for (const [k, v] of new URLSearchParams(text)) if (!params.has(k)) params.set(k, v);
  };
  if (rawQuery) add(rawQuery);
  const type = req.headers['content-type'] ?? '';
  if (body.length > 0 && (type === '' || type.startsWith('application/x-www-form-urlencoded'))) add(body.toString('utf8'));
  return params;
}

/** Version picks the service; failing that, the SigV4 credential scope's service name. */
function pickService(params: Map<string, string>, req: IncomingMessage): QueryService | undefined {
  const byVersion = SERVICES_BY_VERSION.get(params.get('Version') ?? '');
  if (byVersion) return byVersion;
  const credential = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(req.headers.authorization ?? '') ?? /X-Amz-Credential=[^%&]+(?:%2F|\/)\d{8}(?:%2F|\/)[^%&/]+(?:%2F|\/)([^%&/]+)/.exec(req.url ?? '');
  return credential ? SERVICES_BY_NAME.get(credential[1]!) : undefined;
}

function findOperation(app: App, service: QueryService, params: Map<string, string>): Operation {
  const action = params.get('Action');
  if (action === undefined || action === '') throw new AwsError('MissingAction', 'Missing Action');
  const operation = app.operations[service.name].get(action);
  if (!operation) throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${service.version}`);
  return operation;
}

/** The sealed reason behind an AccessDenied, for sts:DecodeAuthorizationMessage. */
function authorizationMessage(app: App, error: AccessDeniedError): string {
  const d = error.denial;
  return encodeAuthorizationMessage(d.decision, d.principal, d.action, d.resource, d.context, app.tokenKeys);
}

function send(res: ServerResponse, status: number, xml: string, requestId: string, extraHeaders?: Record<string, string>): void {
  // After a refused oversized body the rest of it is still in flight: close the connection.
  if (status === 413) res.setHeader('Connection', 'close');
  res.writeHead(status, {
    'x-amzn-RequestId': requestId,
    'Content-Type': 'text/xml',
    'Content-Length': Buffer.byteLength(xml),
    Date: new Date().toUTCString(),
    ...extraHeaders,
  });
  res.end(xml);
}

/** Known non-AWS errors get their AWS meaning; anything else is an internal failure. */
export function toAwsError(error: unknown): AwsError {
  if (isAwsError(error)) return error;
  if (error instanceof InvalidMarkerError) return new AwsError('ValidationError', 'Invalid Marker.');
  return internalFailure(error instanceof Error ? (error.stack ?? error.message) : String(error));
}
