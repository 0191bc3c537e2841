import { createHash } from 'node:crypto';
import { isAwsError } from '../../errors/aws-error.js';
import { s3OperationName } from '../../protocol/rest-xml/operation-name.js';
import { parseS3Address, type S3Address, S3AddressError } from '../../protocol/rest-xml/s3-address.js';
import { S3Authorization } from '../../services/s3/authorize.js';
import { S3_OPERATIONS } from '../../services/s3/operations.js';
import {
  type AuthorizeCheck,
  type S3Environment,
  type S3Input,
  type S3Inputs,
  type S3Operation,
  type S3Response,
  type S3Scope,
  type ScopedS3Operation,
  type ServiceInput,
  XML_BODY_LIMIT,
} from '../../services/s3/s3-context.js';
import { S3Error } from '../../services/s3/s3-errors.js';
import { authenticationError, toS3Error } from '../../services/s3/error-mapping.js';
import { refuseAnonymousBody } from '../../services/s3/anonymous-body.js';
import { isAuthQueryParameter } from '../../audit/redact.js';
import type { App } from '../app.js';
import type { Caller } from '../authenticate-request.js';
import { firstHeader, type ApiRequest } from '../edge/api-request.js';
import { signatureClaim } from '../edge/signature-claim.js';
import type { Exchange, WireApi } from '../pipeline.js';
import { BodyAbortedError } from '../read-body.js';
import { requestFacts } from '../request-facts.js';
import { authenticateS3, SHA256_HEX } from './s3-authentication.js';
import { emptyData, objectData } from './s3-object-data.js';
import { S3RequestIds } from './s3-request-ids.js';
import { s3RequestContext } from './s3-request-context.js';
import { s3ErrorResponse, s3Response } from './s3-response.js';

const EMPTY = Buffer.alloc(0);
const IDS = new S3RequestIds();

interface Call {
  address: S3Address;
  operation: S3Operation;
}

/** The handler's means to authorize, and whether it used them (an operation that never asks must not answer). */
interface Grant {
  region: string;
  authorize: (check: AuthorizeCheck) => Promise<void>;
  isAllowed: (check: AuthorizeCheck) => Promise<boolean>;
  asked: boolean;
}

/**
 * The decoded request: the input of the operation's scope, bound to the operation's handler (so
 * that the handler of an object operation is only ever called with an object's input).
 */
interface Invocation {
  input: S3Input;
  run(env: S3Environment): Promise<S3Response>;
}

type S3Api = WireApi<Call, Call, Invocation, Grant, S3Response>;

/**
 * The S3 REST-XML protocol: the address (path or virtual-hosted style) and method name the
 * operation; authentication from the headers and URL (SigV4 header or presigned URL scoped to s3,
 * legacy presigned URL, or anonymous); XML documents buffered within the operation's limit and
 * checked against x-amz-content-sha256, object data streamed; the handler authorizes every action
 * it performs; answers are XML or object data. Errors are S3's error XML with its codes.
 */
export const S3_API: S3Api = {
  service: 's3',
  unreadBody: 'discard',
  newIds: () => IDS.next(),

  identify(x) {
    const { request, audit } = x;
    audit.readOnly = request.method === 'GET' || request.method === 'HEAD';
    // A malformed signature is answered as one, whatever the request would have been.
    const claim = signatureClaim(request);
    if (claim.kind === 'malformed') {
      audit.accessKeyId = claim.accessKeyId;
      throw authenticationError(claim.error, request.headers.authorization === undefined, claim.accessKeyId);
    }
    const address = addressOf(x.app, request);
    const operation = operationOf(request, address);
    audit.operation = operation.name;
    audit.readOnly = operation.readOnly;
    audit.dataEvent = operation.dataEvent;
    audit.requestParameters = requestParameters(address);
    return { address, operation };
  },

  authenticate: (x, { address }) => authenticateS3(x, address),

  select: (_x, call) => call,

  // Authenticated from the headers and URL alone; only then is an XML document read (and checked
  // against its declared hash); object data streams only into a handler that has authorized the write.
  decode(x, { address, operation }, caller) {
    const request = x.request;
    const base = async (): Promise<ServiceInput> => ({
      method: request.method,
      query: address.query,
      header: (name) => firstHeader(request, name),
      headerNames: () => Object.keys(request.headers),
      host: address.host,
      body: operation.body === 'xml' ? await readXmlBody(x, address, operation, caller) : EMPTY,
      data: operation.body === 'stream' ? objectData(request, caller) : emptyData(),
    });
    return invocationOf(operation, address, base);
  },

  async authorize(x, _call, _input, caller) {
    const region = caller.signature?.region ?? x.app.config.region;
    const facts = requestFacts(x.request, region, x.now);
    const authorization = new S3Authorization(
      x.app.authorizer,
      x.app.policies,
      caller.principal,
      facts,
      s3RequestContext(x.request, caller, x.now),
    );
    const grant: Grant = {
      region,
      asked: false,
      async authorize(check) {
        grant.asked = true;
        await authorization.authorize(check);
      },
      async isAllowed(check) {
        grant.asked = true;
        return authorization.isAllowed(check);
      },
    };
    return grant;
  },

  handle(x, _call, invocation, grant, caller) {
    const app = x.app;
    return invocation.run({
      store: app.store,
      files: app.s3Files,
      policies: app.policies,
      caller: caller.principal,
      requestId: x.ids.requestId,
      now: x.now,
      region: grant.region,
      authorize: grant.authorize,
      isAllowed: grant.isAllowed,
      clock: () => app.clock.now(),
    });
  },

  encode(x, { operation }, response, grant) {
    try {
      // Fail closed: an operation that never asked for permission must not answer.
      if (!grant.asked) throw new S3Error('InternalError', undefined, {}, `${operation.name} answered without an authorization check`);
      return s3Response(x.request.method, response, x.ids);
    } catch (error) {
      // An object's file is open behind response.stream: close it on every way out.
      response.stream?.destroy();
      throw error;
    }
  },

  failure(error, x) {
    const e = toS3Error(error);
    return {
      response: s3ErrorResponse(x.request.method, e, resourceOf(x), x.ids),
      code: e.code,
      message: e.message,
      status: e.status,
      detail: e.internalDetail,
    };
  },
};

function addressOf(app: App, request: ApiRequest): S3Address {
  try {
    return parseS3Address(request.url, firstHeader(request, 'host') ?? '', app.config.s3VirtualHostDomain);
  } catch (error) {
    if (error instanceof S3AddressError) throw new S3Error('InvalidURI', undefined, {}, error.message);
    throw error;
  }
}

/** The Resource of an error document: the addressed bucket or object, when the address parses. */
function resourceOf(x: Exchange): string | undefined {
  // A malformed signature is refused before the address is read: no Resource.
  if (signatureClaim(x.request).kind === 'malformed') return undefined;
  let address: S3Address;
  try {
    address = parseS3Address(x.request.url, firstHeader(x.request, 'host') ?? '', x.app.config.s3VirtualHostDomain);
  } catch {
    return undefined; // InvalidURI: an error document without a Resource.
  }
  if (address.bucket === undefined) return '/';
  return address.key === undefined ? `/${address.bucket}` : `/${address.bucket}/${address.key}`;
}

/**
 * The input of the operation's scope (the bucket, and the key, the address names), bound to its
 * handler. The operation's name already says the address has them (operation-name.ts); an address
 * without them is a routing fault, refused before the body is read: never a handler without them.
 */
async function invocationOf(operation: S3Operation, address: S3Address, base: () => Promise<ServiceInput>): Promise<Invocation> {
  switch (operation.scope) {
    case 'service':
      return bind(operation, await base());
    case 'bucket': {
      const { bucket } = address;
      if (bucket === undefined) throw unaddressed(operation, 'a bucket');
      return bind(operation, Object.assign(await base(), { bucket }));
    }
    case 'object': {
      const { bucket, key } = address;
      if (bucket === undefined || key === undefined) throw unaddressed(operation, 'a bucket and a key');
      return bind(operation, Object.assign(await base(), { bucket, key }));
    }
  }
}

/**
 * Object.assign rather than object spread (`{ ...env, input }`) for these per-request objects:
 * with the spread, V8 (Node 20) kept each request's objects alive through the next young-
 * generation collections (src/services/sts/shared/mint.ts has the measurement).
 */
function bind<S extends S3Scope>(operation: ScopedS3Operation<S>, input: S3Inputs[S]): Invocation {
  return { input, run: (env) => operation.handler(Object.assign({}, env, { input })) };
}

function unaddressed(operation: S3Operation, needs: string): S3Error {
  return new S3Error('InternalError', undefined, {}, `${operation.name} (${operation.scope} scope) needs ${needs}; the address lacks it`);
}

function operationOf(request: ApiRequest, address: S3Address): S3Operation {
  const method = request.method;
  const name = s3OperationName(method, address, request.headers['x-amz-copy-source'] !== undefined);
  if (name === 'MethodNotAllowed')
    throw new S3Error('MethodNotAllowed', undefined, { Method: method, ResourceType: address.key ? 'OBJECT' : 'BUCKET' });
  const operation = name === undefined ? undefined : S3_OPERATIONS.get(name);
  if (!operation) throw new S3Error('NotImplemented');
  return operation;
}

/**
 * The request's members for the audit log: Bucket and Key as the API model names them (the audit
 * module spells them CloudTrail's way, bucketName and key), Host, and the query's own parameters.
 */
function requestParameters(address: S3Address): Record<string, unknown> {
  const params: Record<string, unknown> = { Host: address.host };
  if (address.bucket !== undefined) params.Bucket = address.bucket;
  if (address.key !== undefined) params.Key = address.key;
  // Never the signature parameters (SigV4's X-Amz-*, SigV2's Signature, AWSAccessKeyId, Expires):
  // with them the audit file would hold working presigned URLs.
  for (const [k, v] of address.query) if (!isAuthQueryParameter(k)) params[k] = v;
  return params;
}

/**
 * The XML document of an authenticated (or possibly allowed anonymous) request, within the
 * operation's limit, checked against a hex x-amz-content-sha256 (the signature covered the
 * declared value; this checks the bytes are the ones declared).
 */
async function readXmlBody(x: Exchange, address: S3Address, operation: S3Operation, caller: Caller): Promise<Buffer> {
  if (caller.principal === undefined) await refuseAnonymousBody(x.app.store, x.app.policies, operation.name, address.bucket);
  const limit = operation.maxBodyBytes ?? XML_BODY_LIMIT;
  let body: Buffer;
  try {
    body = await x.request.body.read(limit);
  } catch (error) {
    if (isAwsError(error) && error.code === 'RequestEntityTooLarge')
      throw new S3Error('MaxMessageLengthExceeded', undefined, { MaxMessageLengthBytes: String(limit) });
    if (error instanceof BodyAbortedError) throw new S3Error('IncompleteBody', undefined, {}, error.message);
    throw error;
  }
  const declared = firstHeader(x.request, 'x-amz-content-sha256');
  if (declared !== undefined && SHA256_HEX.test(declared)) {
    const actual = createHash('sha256').update(body).digest('hex');
    if (actual !== declared.toLowerCase()) {
      throw new S3Error('XAmzContentSHA256Mismatch', undefined, { ClientComputedContentSHA256: declared, S3ComputedContentSHA256: actual });
    }
  }
  return body;
}
