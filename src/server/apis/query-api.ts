import { randomUUID } from 'node:crypto';
import { AwsError, isAwsError } from '../../errors/aws-error.js';
import { decodeQueryInput } from '../../protocol/query/decode.js';
import {
  encodeError,
  encodeSuccess,
  IAM_SERVICE,
  KEYSMITH_SERVICE,
  type QueryService,
  STS_SERVICE,
} from '../../protocol/query/envelope.js';
import { mutatesIam, type Operation, type OperationContext, type UnsignedOperationContext } from '../../services/operation.js';
import { AccessDeniedError } from '../../authz/access-denied.js';
import { authorizeOperation } from '../../authz/authorize-operation.js';
import { encodeAuthorizationMessage } from '../../services/sts/shared/authorization-message.js';
import { type ParsedSignature, wrongScopeService } from '../../sigv4/index.js';
import type { App } from '../app.js';
import { ANONYMOUS, noteCaller, sigV4Caller } from '../authenticate-request.js';
import { firstHeader, type ApiRequest } from '../edge/api-request.js';
import { claimError, signatureClaim, signedRequestOf } from '../edge/signature-claim.js';
import type { WireApi } from '../pipeline.js';
import { operationContext, unsignedOperationContext } from '../operation-context.js';
import { toAwsError } from './to-aws-error.js';
import { documentResponse } from './document-response.js';

const SERVICES_BY_VERSION = new Map<string, QueryService>([
  [IAM_SERVICE.version, IAM_SERVICE],
  [STS_SERVICE.version, STS_SERVICE],
  [KEYSMITH_SERVICE.version, KEYSMITH_SERVICE],
]);
const SERVICES_BY_NAME = new Map<string, QueryService>([
  ['iam', IAM_SERVICE],
  ['sts', STS_SERVICE],
  ['keysmith', KEYSMITH_SERVICE],
]);

/**
 * How much of an unsigned request's form is read: AssumeRoleWithSAML's assertion (at most 100,000
 * characters) is the largest unsigned input AWS takes. Beyond it the body is not read at all.
 */
export const UNSIGNED_FORM_LIMIT = 128 * 1024;

/** What identify found: a SigV4 claim, or an unsigned call of an operation AWS serves unsigned. */
type QueryCall =
  | { kind: 'signed'; parsed: ParsedSignature }
  | { kind: 'unsigned'; service: QueryService; operation: Operation; params: Map<string, string> };

interface Selected {
  service: QueryService;
  operation: Operation;
  params: Map<string, string>;
  /** Absent for an unsigned call. */
  signature?: ParsedSignature;
}

type Grant = OperationContext | UnsignedOperationContext;

type QueryApi = WireApi<QueryCall, Selected, Record<string, unknown>, Grant, object | undefined>;

/**
 * The AWS Query protocol (IAM, STS): the signature (from the headers or URL) names the service,
 * the form (query string and body) names the operation and its members; answers are the
 * service's XML envelopes. Unsigned requests read at most UNSIGNED_FORM_LIMIT bytes of form, for
 * the audit record (and, once they exist, the unsigned STS federation actions).
 */
export const QUERY_API: QueryApi = {
  service: IAM_SERVICE.name,
  unreadBody: 'close',
  newIds: () => ({ requestId: randomUUID() }),

  async identify(x) {
    const claim = signatureClaim(x.request);
    if (claim.kind === 'sigv4') {
      x.audit.service = (SERVICES_BY_NAME.get(claim.parsed.service) ?? IAM_SERVICE).name;
      return { kind: 'signed', parsed: claim.parsed };
    }
    if (claim.kind === 'malformed') x.audit.accessKeyId = claim.accessKeyId;
    else {
      // Unsigned: only an operation AWS serves unsigned (the token or assertion in the form is
      // the credential) goes on; anything else is refused, the form saying what it asked for,
      // for the audit record.
      const params = await unsignedParams(x.request);
      if (params) {
        const service = pickService(params, undefined) ?? IAM_SERVICE;
        x.audit.service = service.name;
        x.audit.operation = params.get('Action') || 'Unknown';
        const operation = x.app.operations[service.name].get(params.get('Action') ?? '');
        if (operation?.unsigned) {
          x.audit.readOnly = operation.readOnly;
          return { kind: 'unsigned', service, operation, params };
        }
      }
    }
    throw claimError(claim);
  },

  // From the headers alone: the key (and session token) must be good before a byte of the body
  // is read, and the body must match the signature before it is parsed.
  authenticate: (x, call) => (call.kind === 'signed' ? sigV4Caller(x, call.parsed) : Promise.resolve(ANONYMOUS)),

  async select(x, call, caller) {
    if (call.kind === 'unsigned') return { service: call.service, operation: call.operation, params: call.params };
    const parsed = call.parsed;
    const body = await x.request.body.read(x.app.config.maxBodyBytes);
    caller.credentials!.verify(signedRequestOf(x.request, body), parsed, x.now);
    noteCaller(x, caller, parsed.region);
    const params = formParams(x.request, body);
    const service = pickService(params, parsed.service) ?? IAM_SERVICE;
    x.audit.service = service.name;
    x.audit.operation = params.get('Action') || 'Unknown';
    // An IAM call signed for sts (or ec2, …) is not an IAM call: the scope must name the service.
    if (parsed.service !== service.name) throw wrongScopeService(service.name, parsed.service);
    const operation = findOperation(x.app, service, params);
    x.audit.readOnly = operation.readOnly;
    return { service, operation, params, signature: parsed };
  },

  decode(x, { service, operation, params }) {
    const input = decodeQueryInput(params, operation.input, service.name === 'sts' ? 'with-value' : 'without-value');
    x.audit.requestParameters = input;
    x.audit.requestShape = operation.input;
    return input;
  },

  async authorize(x, { operation, signature }, input, caller) {
    const region = signature?.region ?? x.app.config.region;
    // An unsigned operation authorizes itself once it has verified the token it carries.
    if (operation.unsigned) return unsignedOperationContext(x, region);
    const ctx = operationContext(x, caller, region);
    await authorizeOperation(operation, input, ctx);
    return ctx;
  },

  async handle(x, { operation }, input, ctx) {
    const result =
      operation.unsigned && !('caller' in ctx)
        ? await operation.unsigned(input, ctx)
        : await operation.handler(input, ctx as OperationContext);
    // Only a successful write changes IAM state (every handler writes in one transaction or one
    // statement, so a failed call changed nothing): a refused CreateUser must not flush every
    // cache in every process.
    if (mutatesIam(operation)) x.app.iamChanged();
    return result;
  },

  encode(x, { service, operation }, result) {
    x.audit.responseElements = result;
    const output = operation.output === 'none' ? undefined : operation.output;
    x.audit.responseShape = output;
    return documentResponse(200, 'text/xml', encodeSuccess(service, operation.name, output, result, x.ids.requestId), x.ids.requestId);
  },

  failure(error, x) {
    const awsError = toAwsError(error);
    const service = SERVICES_BY_NAME.get(x.audit.service) ?? IAM_SERVICE;
    const extra =
      awsError instanceof AccessDeniedError && awsError.messageForCaller
        ? { 'x-keysmith-authorization-message': authorizationMessage(x.app, awsError) }
        : undefined;
    return {
      response: documentResponse(awsError.status, 'text/xml', encodeError(service, awsError, x.ids.requestId), x.ids.requestId, extra),
      code: awsError.code,
      message: awsError.message,
      status: awsError.status,
      detail: awsError.internalDetail,
    };
  },
};

function formParams(request: ApiRequest, body: Buffer): Map<string, string> {
  const params = new Map<string, string>();
  const add = (text: string) => {
    for (const [k, v] of new URLSearchParams(text)) if (!params.has(k)) params.set(k, v);
  };
  if (request.rawQuery) add(request.rawQuery);
  const type = firstHeader(request, 'content-type') ?? '';
  if (body.length > 0 && (type === '' || type.startsWith('application/x-www-form-urlencoded'))) add(body.toString('utf8'));
  return params;
}

/** Version picks the service; failing that, the SigV4 credential scope's service name. */
function pickService(params: Map<string, string>, scopeService: string | undefined): QueryService | undefined {
  return (
    SERVICES_BY_VERSION.get(params.get('Version') ?? '') ?? (scopeService === undefined ? undefined : SERVICES_BY_NAME.get(scopeService))
  );
}

/** The parameters of an unsigned request, or undefined when its body is larger than the limit. */
async function unsignedParams(request: ApiRequest): Promise<Map<string, string> | undefined> {
  if (request.body.declaredLength() > UNSIGNED_FORM_LIMIT) return undefined;
  let body: Buffer;
  try {
    body = await request.body.read(UNSIGNED_FORM_LIMIT);
  } catch (error) {
    if (isAwsError(error) && error.code === 'RequestEntityTooLarge') return undefined;
    throw error;
  }
  return formParams(request, body);
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
