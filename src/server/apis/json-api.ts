import { randomUUID } from 'node:crypto';
import { AwsError } from '../../errors/aws-error.js';
import { authorizeCall } from '../../authz/authorize-operation.js';
import { decodeJsonBody, encodeJsonError, encodeJsonSuccess, JSON_CONTENT_TYPE } from '../../protocol/json/codec.js';
import { type JsonError, jsonErrorOf } from '../../protocol/json/json-error.js';
import { CLOUDTRAIL_SERVICE, operationOfTarget } from '../../protocol/json/target.js';
import { CloudTrailError } from '../../services/cloudtrail/cloudtrail-error.js';
import type { CloudTrailOperation } from '../../services/cloudtrail/cloudtrail-operation.js';
import { CLOUDTRAIL_OPERATIONS } from '../../services/cloudtrail/operations.js';
import { type ParsedSignature, wrongScopeService } from '../../sigv4/index.js';
import { noteCaller, sigV4Caller } from '../authenticate-request.js';
import { claimError, signatureClaim, signedRequestOf } from '../edge/signature-claim.js';
import type { WireApi } from '../pipeline.js';
import { BodyAbortedError } from '../read-body.js';
import { requestFacts } from '../request-facts.js';
import { toAwsError } from './to-aws-error.js';
import { documentResponse } from './document-response.js';

interface Call {
  name: string | undefined;
  signature: ParsedSignature;
}
interface Selected {
  operation: CloudTrailOperation;
  body: Buffer;
  signature: ParsedSignature;
}
type JsonApi = WireApi<Call, Selected, Record<string, unknown>, void, object | undefined>;

/**
 * The JSON 1.1 protocol (CloudTrail): X-Amz-Target names the operation, the body is its input as
 * JSON. Errors are `{"__type", "message"}`; the common authentication errors take the JSON
 * services' names (UnrecognizedClientException, AccessDeniedException, …).
 */
export const JSON_API: JsonApi = {
  service: CLOUDTRAIL_SERVICE.name,
  unreadBody: 'close',
  newIds: () => ({ requestId: randomUUID() }),

  identify(x) {
    const target = x.request.headers['x-amz-target'];
    // Several X-Amz-Target headers read as one, comma-joined (an unknown operation), as Node joins them.
    const name = operationOfTarget(CLOUDTRAIL_SERVICE, target?.join(', '));
    if (name !== undefined) x.audit.operation = name;
    // No JSON operation is unsigned: a request without a (well-formed) signature is refused
    // before its body is read.
    const claim = signatureClaim(x.request);
    if (claim.kind !== 'sigv4') {
      if (claim.kind === 'malformed') x.audit.accessKeyId = claim.accessKeyId;
      throw claimError(claim);
    }
    x.audit.accessKeyId = claim.parsed.accessKeyId;
    if (claim.parsed.service !== CLOUDTRAIL_SERVICE.name) throw wrongScopeService(CLOUDTRAIL_SERVICE.name, claim.parsed.service);
    return { name, signature: claim.parsed };
  },

  authenticate: (x, call) => sigV4Caller(x, call.signature),

  async select(x, { name, signature }, caller) {
    const body = await x.request.body.read(x.app.config.maxBodyBytes);
    caller.credentials!.verify(signedRequestOf(x.request, body), signature, x.now);
    noteCaller(x, caller, signature.region);
    const operation = name === undefined ? undefined : CLOUDTRAIL_OPERATIONS.get(name);
    if (!operation) throw new AwsError('InvalidAction', 'Unknown operation.');
    x.audit.readOnly = operation.readOnly;
    return { operation, body, signature };
  },

  decode(x, { body }) {
    const input = decodeJsonBody(body);
    x.audit.requestParameters = input;
    return input;
  },

  async authorize(x, { operation, signature }, _input, caller) {
    const facts = requestFacts(x.request, signature.region, x.now);
    await authorizeCall(x.app.authorizer, caller.principal!, operation.action, operation.resource, facts);
  },

  async handle(x, { operation }, input, _grant, caller) {
    // Events this node recorded a moment ago are written before they are looked up.
    await x.app.audit.flush?.().catch(() => undefined);
    return operation.handler(input, { store: x.app.store, caller: caller.principal!, now: x.now });
  },

  encode(x, _selected, output) {
    x.audit.responseElements = output;
    return documentResponse(200, JSON_CONTENT_TYPE, encodeJsonSuccess(output), x.ids.requestId);
  },

  failure(error, x) {
    const { wire, auditCode, detail } = describeError(error);
    return {
      response: documentResponse(wire.status, JSON_CONTENT_TYPE, encodeJsonError(wire), x.ids.requestId),
      code: auditCode,
      message: wire.message,
      status: wire.status,
      detail,
    };
  },
};

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
  // CloudTrail's own exceptions (SerializationException from the codec among them), as they are.
  if (error instanceof CloudTrailError)
    return { wire: { type: error.code, message: error.message, status: error.status }, auditCode: error.code };
  const awsError = toAwsError(error);
  return { wire: jsonErrorOf(awsError), auditCode: awsError.code, detail: awsError.internalDetail };
}
