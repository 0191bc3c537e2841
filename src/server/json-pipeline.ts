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
import type { SignedRequest } from '../sigv4/signed-request.js';
import type { App } from './app.js';
import { toAwsError } from './query-pipeline.js';
import { readBody } from './read-body.js';

/**
 * The JSON 1.1 pipeline (CloudTrail): body → X-Amz-Target → authenticate → operation → decode →
 * authorize → handler → JSON. Errors are `{"__type", "message"}`; the common authentication
 * errors take the JSON services' names (UnrecognizedClientException, AccessDeniedException, …).
 * Like the Query pipeline it records one audit event per request, allowed or denied.
 */
export async function handleJsonRequest(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  const now = app.clock.now();
  const audit = startAudit(req, requestId, now, CLOUDTRAIL_SERVICE.name, app.config.region);
  try {
    const body = await readBody(req, app.config.maxBodyBytes);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const target = req.headers['x-amz-target'];
    const name = operationOfTarget(CLOUDTRAIL_SERVICE, Array.isArray(target) ? target[0] : target);
    if (name !== undefined) audit.operation = name;
    const signed: SignedRequest = {
      method: req.method ?? 'POST',
      rawPath: q < 0 ? url : url.slice(0, q),
      rawQuery: q < 0 ? '' : url.slice(q + 1),
      headers: req.headersDistinct as Record<string, string[]>,
      body,
    };
    audit.accessKeyId = /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1];
    const { principal, signature } = await app.authenticator.authenticate(signed, now);
    audit.principal = principal;
    audit.region = signature.region;
    if (signature.service !== CLOUDTRAIL_SERVICE.name) {
      throw new AwsError('SignatureDoesNotMatch', `Credential should be scoped to correct service: '${CLOUDTRAIL_SERVICE.name}'. `);
    }
    if (!principal.temporary) app.usage.keyUsed(principal.accessKeyId, signature.service, signature.region, now);
    const operation = findOperation(name);
    audit.readOnly = operation.readOnly;
    const input = decodeJsonBody(body);
    audit.requestParameters = input;
    const facts = requestFacts(req, signature.region, now);
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
