import { randomUUID } from 'node:crypto';
import { AwsError } from '../../errors/aws-error.js';
import { CREDENTIALS_PATH, ROLE_DELIVERY_HEADER } from '../../model/compute-types.js';
import { shape } from '../../model/shapes.js';
import {
  BoundedGrantCache,
  type GrantFetch,
  type ServedCredentials,
  serveGrantCredentials,
} from '../../services/service-roles/grant-credentials.js';
import { credentialsOutput } from '../../services/sts/shared/output-shapes.js';
import type { UnsignedOperationContext } from '../../services/operation.js';
import type { App } from '../app.js';
import { ANONYMOUS } from '../authenticate-request.js';
import { firstHeader } from '../edge/api-request.js';
import { unsignedOperationContext } from '../operation-context.js';
import type { WireApi } from '../pipeline.js';
import { toAwsError } from './to-aws-error.js';

/** The audit record's output: what AssumeRole answers, its secrets hidden by the shape. */
const ASSUME_ROLE_OUTPUT = shape.struct({
  Credentials: credentialsOutput,
  AssumedRoleUser: shape.struct({ AssumedRoleId: shape.string(), Arn: shape.string() }),
});

/** Credentials already fetched, per App (per process): the endpoint hands them out until refresh time. */
const caches = new WeakMap<App, BoundedGrantCache>();
function cacheOf(app: App): BoundedGrantCache {
  let cache = caches.get(app);
  if (!cache) caches.set(app, (cache = new BoundedGrantCache()));
  return cache;
}

type CredentialsApi = WireApi<GrantFetch, GrantFetch, GrantFetch, UnsignedOperationContext, ServedCredentials>;

/**
 * The container-credentials protocol of ECS and EKS Pod Identity, as keysmith's standing endpoint
 * for credential grants: `GET /_keysmith/credentials` with the grant's token as the Authorization
 * header answers the role's credentials as JSON, in the shape the SDKs' container provider reads
 * (ECS's, or EKS Pod Identity's for its grants). Local endpoints (`keysmith run`: the instance
 * metadata service, a container endpoint) fetch through it too.
 *
 * Every fetch that makes the service assume the role is one CloudTrail AssumeRole event by the
 * service (`AWSService`); a fetch served from the cache assumes nothing and is not an event (as
 * an IMDS read is none on AWS); a refused one is an event with its error.
 */
export const CREDENTIALS_API: CredentialsApi = {
  service: 'sts',
  unreadBody: 'close',
  newIds: () => ({ requestId: randomUUID() }),

  identify(x) {
    x.audit.operation = 'AssumeRole';
    x.audit.readOnly = true;
    x.audit.requestParameters = {};
    if (x.request.method !== 'GET') throw new AwsError('InvalidAction', `${x.request.method} is not served here: GET ${CREDENTIALS_PATH}.`);
    const delivery = firstHeader(x.request, ROLE_DELIVERY_HEADER);
    return { token: firstHeader(x.request, 'authorization'), roleDelivery: delivery === '1.0' ? '1.0' : '2.0' };
  },
  authenticate: () => Promise.resolve(ANONYMOUS),
  select: (_x, call) => call,
  decode: (_x, selected) => selected,
  authorize: (x) => Promise.resolve(unsignedOperationContext(x, x.app.config.region)),

  async handle(x, _selected, fetch, ctx) {
    const served = await serveGrantCredentials(fetch, ctx, cacheOf(x.app));
    if (!served.minted) x.audit.notAudited = true;
    return served;
  },

  encode(x, _selected, served) {
    const c = served.credentials;
    x.audit.region = served.grant.region;
    x.audit.responseElements = {
      Credentials: {
        AccessKeyId: c.AccessKeyId,
        SecretAccessKey: c.SecretAccessKey,
        SessionToken: c.SessionToken,
        Expiration: c.Expiration,
      },
      AssumedRoleUser: { AssumedRoleId: c.assumedRoleId, Arn: c.assumedRoleArn },
    };
    x.audit.responseShape = ASSUME_ROLE_OUTPUT;
    // The SDKs' container provider reads these members; EKS Pod Identity's agent answers AccountId
    // where ECS's answers RoleArn.
    const body =
      served.grant.computeType === 'eks-pod-identity'
        ? {
            AccessKeyId: c.AccessKeyId,
            SecretAccessKey: c.SecretAccessKey,
            Token: c.SessionToken,
            AccountId: served.grant.accountId,
            Expiration: c.Expiration,
          }
        : {
            RoleArn: served.grant.roleArn,
            AccessKeyId: c.AccessKeyId,
            SecretAccessKey: c.SecretAccessKey,
            Token: c.SessionToken,
            Expiration: c.Expiration,
          };
    return json(200, body, x.ids.requestId);
  },

  failure(error, x) {
    const awsError = toAwsError(error);
    // No token: 401, as the container endpoints answer it; any other refusal keeps its status.
    const status = awsError.code === 'MissingAuthenticationToken' ? 401 : awsError.status;
    return {
      response: json(status, { code: awsError.code, message: awsError.message }, x.ids.requestId),
      code: awsError.code,
      message: awsError.message,
      status,
      detail: awsError.internalDetail,
    };
  },
};

function json(status: number, body: object, requestId: string) {
  const text = JSON.stringify(body);
  return {
    status,
    headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), 'x-amzn-RequestId': requestId },
    body: text,
  };
}
