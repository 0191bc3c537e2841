import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestFacts, startAudit } from './request-facts.js';
import { randomUUID } from 'node:crypto';
import { AwsError } from '../errors/aws-error.js';
import { decodeJsonBody, encodeJsonError, encodeJsonSuccess, JSON_CONTENT_TYPE, JsonSerializationError } from '../protocol/json/codec.js';
import { type JsonError, jsonErrorOf } from '../protocol/json/json-error.js';
import { CLOUDTRAIL_SERVICE, operationOfTarget } from '../protocol/json/target.js';
import { CloudTrailError } from '../services/cloudtrail/cloudtrail-error.js';
import type { CloudTrailOperation } from '../services/cloudtrail/cloudtrail-operation.js';
import { CLOUDTRAIL_OPERATIONS } from '../services/cloudtrail/operations.js';
import { wrongScopeService } from '../sigv4/index.js';
import type { App } from './app.js';
import { toAwsError } from './query-pipeline.js';
import { BodyAbortedError, bodyPending, readBody } from './read-body.js';
import { claimError, signatureClaim, signedRequestOf } from './route.js';

/**
 * The JSON 1.1 pipeline (CloudTrail): X-Amz-Target → signature (from the headers; scoped to
 * cloudtrail) → credentials → body → signature verified → operation → decode → authorize →
 * handler → JSON. Errors are `{"__type", "message"}`; the common authentication
 * errors take the JSON services' names (UnrecognizedClientException, AccessDeniedException, …).
 * Like the Query pipeline it records one audit event per request, allowed or denied.
 */
export async function handleJsonRequest(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  const now = app.clock.now();
  const audit = startAudit(req, requestId, now, CLOUDTRAIL_SERVICE.name, app.config.region);
  try {
    const target = req.headers['x-amz-target'];
    const name = operationOfTarget(CLOUDTRAIL_SERVICE, Array.isArray(target) ? target[0] : target);
    if (name !== undefined) audit.operation = name;
    // No JSON operation is unsigned: a request without a (well-formed) signature is refused
    // before its body is read.
    const claim = signatureClaim(req);
    if (claim.kind !== 'sigv4') {
      if (claim.kind === 'malformed') audit.accessKeyId = claim.accessKeyId;
      throw claimError(claim);
    }
    const parsed = claim.parsed;
    audit.accessKeyId = parsed.accessKeyId;
    if (parsed.service !== CLOUDTRAIL_SERVICE.name) throw wrongScopeService(CLOUDTRAIL_SERVICE.name, parsed.service);
    // The key (and token) from the headers first; the body is read only for a known caller and
    // checked against the signature before it is decoded.
    const { principal, secretAccessKey } = await app.authenticator.credentials(parsed.accessKeyId, parsed.securityToken, now);
    const body = await readBody(req, app.config.maxBodyBytes);
    app.authenticator.verify(signedRequestOf(req, body), parsed, secretAccessKey, now);
    audit.principal = principal;
    audit.region = parsed.region;
    if (!principal.temporary) app.usage.keyUsed(principal.accessKeyId, parsed.service, parsed.region, now);
    const operation = findOperation(name);
    audit.readOnly = operation.readOnly;
    const input = decodeJsonBody(body);
    audit.requestParameters = input;
    const facts = requestFacts(req, parsed.region, now);
    // AWS allows the account root everything in its own account (as in the Query pipeline).
    if (principal.type !== 'Root') await app.authorizer.authorize(principal, operation.action, operation.resource, facts);
    // Events this node recorded a moment ago are written before they are looked up.
    await app.audit.flush?.().catch(() => undefined);
    const output = await operation.handler(input, { store: app.store, caller: principal, now });
    send(res, 200, encodeJsonSuccess(output), requestId);
    audit.responseElements = output;
    app.audit.record(audit);
  } catch (error) {
    const { wire, auditCode, detail } = describeError(error);
    // Answered before the body was read: close the connection rather than read the rest.
    if (bodyPending(req)) res.setHeader('Connection', 'close');
    audit.errorCode = auditCode;
    audit.errorMessage = wire.message;
    app.audit.record(audit);
    if (detail) {
      const log = wire.status >= 500 ? app.logger.error : app.logger.debug;
      log('request failed', { requestId, code: wire.type, detail });
    }
    send(res, wire.status, encodeJsonError(wire), requestId);
  }
}

function findOperation(name: string | undefined): CloudTrailOperation {
  const operation = name === undefined ? undefined : CLOUDTRAIL_OPERATIONS.get(name);
  if (!operation) throw new AwsError('InvalidAction', 'Unknown operation.');
  return operation;
}

/**
 * The wire error, and the code the audit event records: CloudTrail's own exceptions as they are;
 * the shared errors under their AWS code (`AccessDenied`), as CloudTrail records them for every
 * service, while the wire carries the JSON name (`AccessDeniedException`).
 */
function describeError(error: unknown): { wire: JsonError; auditCode: string; detail?: string } {
  if (error instanceof BodyAbortedError) {
    // The client went away mid-body: a truncated document, its fault (and it will not read this).
    return {
      wire: { type: 'SerializationException', message: 'The request body ended before the length it declared.', status: 400 },
      auditCode: 'SerializationException',
      detail: error.message,
    };
  }
  if (error instanceof CloudTrailError || error instanceof JsonSerializationError) {
    const type = error instanceof CloudTrailError ? error.code : error.type;
    return { wire: { type, message: error.message, status: error.status }, auditCode: type };
  }
  const awsError = toAwsError(error);
  return { wire: jsonErrorOf(awsError), auditCode: awsError.code, detail: awsError.internalDetail };
}

function send(res: ServerResponse, status: number, json: string, requestId: string): void {
  // After a refused oversized body the rest of it is still in flight: close the connection.
  if (status === 413) res.setHeader('Connection', 'close');
  res.writeHead(status, {
    'x-amzn-RequestId': requestId,
    'Content-Type': JSON_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(json),
    Date: new Date().toUTCString(),
  });
  res.end(json);
}
