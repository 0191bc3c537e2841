import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestFacts, startAudit } from './request-facts.js';
import { randomUUID } from 'node:crypto';
import { AwsError, internalFailure, isAwsError } from '../errors/aws-error.js';
import { decodeQueryInput } from '../protocol/query/decode.js';
import { encodeError, encodeSuccess, IAM_SERVICE, type QueryService, STS_SERVICE } from '../protocol/query/envelope.js';
import { mutatesIam, type Operation, type OperationContext } from '../services/operation.js';
import { InvalidMarkerError } from '../storage/store.js';
import { AccessDeniedError } from '../authz/access-denied.js';
import { authorizeOperation } from '../authz/authorize-operation.js';
import { encodeAuthorizationMessage } from '../services/sts/shared/authorization-message.js';
import { wrongScopeService } from '../sigv4/index.js';
import type { App } from './app.js';
import { BodyAbortedError, bodyPending, declaredLength, readBody } from './read-body.js';
import { claimError, signatureClaim, signedRequestOf } from './route.js';

const SERVICES_BY_VERSION = new Map<string, QueryService>([
  [IAM_SERVICE.version, IAM_SERVICE],
  [STS_SERVICE.version, STS_SERVICE],
]);
const SERVICES_BY_NAME = new Map<string, QueryService>([
  ['iam', IAM_SERVICE],
  ['sts', STS_SERVICE],
]);

/**
 * The AWS Query protocol pipeline (IAM, STS): signature (parsed from the headers or URL, once,
 * by route.ts) → credentials → body → signature verified → params → service (must be the one
 * the signature is scoped to) → operation → decode → authorize → handler → encode. Unsigned
 * requests read at most UNSIGNED_FORM_LIMIT bytes of body. Every failure is an AwsError rendered in
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
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const claim = signatureClaim(req);
    if (claim.kind !== 'sigv4') {
      if (claim.kind === 'malformed') audit.accessKeyId = claim.accessKeyId;
      else {
        // Unsigned: only a small form is read, for the audit record and for the unsigned STS
        // actions (AssumeRoleWithWebIdentity / AssumeRoleWithSAML dispatch from here once they
        // exist); none is implemented yet, so every unsigned request is refused.
        const params = await unsignedParams(req, rawQuery);
        if (params) {
          service = pickService(params, undefined) ?? IAM_SERVICE;
          audit.service = service.name;
          audit.operation = params.get('Action') || 'Unknown';
        }
      }
      throw claimError(claim);
    }
    const parsed = claim.parsed;
    service = SERVICES_BY_NAME.get(parsed.service) ?? IAM_SERVICE;
    audit.service = service.name;
    audit.accessKeyId = parsed.accessKeyId;
    // From the headers alone: the key (and session token) must be good before a byte of the body
    // is read, and the body must match the signature before it is parsed.
    const { principal, secretAccessKey } = await app.authenticator.credentials(parsed.accessKeyId, parsed.securityToken, now);
    const body = await readBody(req, app.config.maxBodyBytes);
    app.authenticator.verify(signedRequestOf(req, body), parsed, secretAccessKey, now);
    audit.principal = principal;
    audit.region = parsed.region;
    const params = formParams(req, body, rawQuery);
    service = pickService(params, parsed.service) ?? IAM_SERVICE;
    audit.service = service.name;
    audit.operation = params.get('Action') || 'Unknown';
    // An IAM call signed for sts (or ec2, …) is not an IAM call: the scope must name the service.
    if (parsed.service !== service.name) throw wrongScopeService(service.name, parsed.service);
    if (!principal.temporary) app.usage.keyUsed(principal.accessKeyId, parsed.service, parsed.region, now);
    const operation = findOperation(app, service, params);
    audit.readOnly = operation.readOnly;
    const input = decodeQueryInput(params, operation.input, service.name === 'sts' ? 'with-value' : 'without-value');
    audit.requestParameters = input;
    const facts = requestFacts(req, parsed.region, now);
    const ctx: OperationContext = {
      facts,
      store: app.store,
      caller: principal,
      requestId,
      now,
      region: parsed.region,
      random: app.random,
      secrets: app.secrets,
      policies: app.policies,
      authorizer: app.authorizer,
      roles: app.roles,
      tokenKeys: app.tokenKeys,
      usage: app.usage,
    };
    await authorizeOperation(operation, input, ctx);
    const result = await operation.handler(input as never, ctx);
    // Only a successful write changes IAM state (every handler writes in one transaction or one
    // statement, so a failed call changed nothing): a refused CreateUser must not flush every
    // cache in every process.
    if (mutatesIam(operation)) app.iamChanged();
    send(res, 200, encodeSuccess(service, operation.name, result, requestId), requestId);
    audit.responseElements = result;
    app.audit.record(audit);
  } catch (error) {
    const awsError = toAwsError(error);
    // Answered before the body was read (refused from the headers, or too large): close the
    // connection rather than read the rest.
    if (bodyPending(req)) res.setHeader('Connection', 'close');
    audit.errorCode = awsError.code;
    audit.errorMessage = awsError.message;
    app.audit.record(audit);
    if (awsError.internalDetail) {
      // Server faults are errors; a caller's refused request is only worth a debug line.
      const log = awsError.status >= 500 ? app.logger.error : app.logger.debug;
      log('request failed', { requestId, code: awsError.code, detail: awsError.internalDetail });
    }
    const headers =
      awsError instanceof AccessDeniedError && awsError.messageForCaller
        ? { 'x-keysmith-authorization-message': authorizationMessage(app, awsError) }
        : undefined;
    send(res, awsError.status, encodeError(service, awsError, requestId), requestId, headers);
  }
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
function pickService(params: Map<string, string>, scopeService: string | undefined): QueryService | undefined {
  return (
    SERVICES_BY_VERSION.get(params.get('Version') ?? '') ?? (scopeService === undefined ? undefined : SERVICES_BY_NAME.get(scopeService))
  );
}

/**
 * How much of an unsigned request's form is read: AssumeRoleWithSAML's assertion (at most 100,000
 * characters) is the largest unsigned input AWS takes. Beyond it the body is not read at all.
 */
export const UNSIGNED_FORM_LIMIT = 128 * 1024;

/** The parameters of an unsigned request, or undefined when its body is larger than the limit. */
async function unsignedParams(req: IncomingMessage, rawQuery: string): Promise<Map<string, string> | undefined> {
  if (declaredLength(req) > UNSIGNED_FORM_LIMIT) return undefined;
  let body: Buffer;
  try {
    body = await readBody(req, UNSIGNED_FORM_LIMIT);
  } catch (error) {
    if (isAwsError(error) && error.code === 'RequestEntityTooLarge') return undefined;
    throw error;
  }
  return formParams(req, body, rawQuery);
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
  // The client went away mid-body: its fault, not the server's (and it will not read the answer).
  if (error instanceof BodyAbortedError)
    return new AwsError('MalformedQueryString', 'The query string contains a syntax error.', error.message);
  if (error instanceof InvalidMarkerError) return new AwsError('ValidationError', 'Invalid Marker.');
  return internalFailure(error instanceof Error ? (error.stack ?? error.message) : String(error));
}
