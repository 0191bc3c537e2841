import { CREDENTIALS_PATH } from '../model/compute-types.js';
import { virtualHostBucket } from '../protocol/rest-xml/s3-address.js';
import { ADMIN_PREFIX, MOTO_RESET_PATH } from './admin-router.js';
import { firstHeader, type ApiRequest } from './edge/api-request.js';
import { signatureClaim } from './edge/signature-claim.js';
import { isIssuerRequest } from './issuer-router.js';

export type Protocol = 'issuer' | 'credentials' | 'admin' | 's3' | 'json' | 'query';

/**
 * Which protocol a request speaks, decided from headers only (the body is not read here: S3
 * streams it). The SigV4 credential scope names the service a client signed for (parsed once,
 * strictly: a header with a component given twice is malformed, so no second `Credential=` can
 * route a request one way while it is verified another); JSON 1.1 services (CloudTrail) send
 * X-Amz-Target; everything else is the Query protocol (IAM, STS) — except requests that can only
 * be S3: a path other than `/`, or PUT/DELETE/HEAD (the Query services answer only at `/`, with
 * GET or POST), and for unsigned requests (anonymous access under a bucket policy, legacy
 * presigned URLs) also a virtual-hosted Host (`bucket.<s3Domain>`). A request signed for another
 * service that lands in a protocol is refused there (the scope must name that protocol's service).
 */
export function routeOf(request: ApiRequest, s3Domain = 'localhost'): Protocol {
  // keysmith's outbound OIDC issuers: public documents, under the admin prefix (no bucket is named so).
  if (isIssuerRequest(request)) return 'issuer';
  // Credential grants' container-credentials endpoint (the grant token is the credential).
  if (request.rawPath === CREDENTIALS_PATH) return 'credentials';
  if (request.url.startsWith(ADMIN_PREFIX)) return 'admin';
  const claim = signatureClaim(request);
  // moto's reset (unsigned; a signed request there is S3's, for a bucket named moto-api).
  if (request.rawPath === MOTO_RESET_PATH && claim.kind === 'none') return 'admin';
  if (claim.kind === 'sigv4' ? claim.parsed.service === 's3' : claim.kind === 'malformed' && claim.s3) return 's3';
  if (request.headers['x-amz-target'] !== undefined) return 'json';
  if (onlyS3(request) || (claim.kind === 'none' && virtualHostBucket(firstHeader(request, 'host') ?? '', s3Domain) !== undefined))
    return 's3';
  return 'query';
}

function onlyS3(request: ApiRequest): boolean {
  if (request.rawPath !== '/' && request.rawPath !== '') return true;
  return request.method === 'PUT' || request.method === 'DELETE' || request.method === 'HEAD';
}
