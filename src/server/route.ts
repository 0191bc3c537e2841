import type { IncomingMessage } from 'node:http';
import { virtualHostBucket } from '../protocol/rest-xml/s3-address.js';
import { ADMIN_PREFIX } from './admin-router.js';

export type Protocol = 'admin' | 's3' | 'json' | 'query';

const S3_SCOPE = /Credential=[^/,]+\/\d{8}\/[^/]+\/s3\/aws4_request/;
const S3_PRESIGNED = /[?&]X-Amz-Credential=[^&]*(?:%2F|\/)s3(?:%2F|\/)aws4_request/i;
const ANY_PRESIGNED = /[?&]X-Amz-Credential=/i;

/**
 * Which pipeline a request belongs to, decided from headers only (the body is not read here:
 * S3 streams it). The SigV4 credential scope names the service a client signed for; JSON 1.1
 * services (CloudTrail) send X-Amz-Target; everything else is the Query protocol (IAM, STS) —
 * except unsigned requests that can only be S3 (anonymous access under a bucket policy): a
 * virtual-hosted Host (`bucket.<s3Domain>`), a path other than `/`, or PUT/DELETE/HEAD. The
 * Query services answer only at `/`, with GET or POST.
 */
export function routeOf(req: IncomingMessage, s3Domain = 'localhost'): Protocol {
  const url = req.url ?? '/';
  if (url.startsWith(ADMIN_PREFIX)) return 'admin';
  const authorization = req.headers.authorization ?? '';
  if (S3_SCOPE.test(authorization) || S3_PRESIGNED.test(url)) return 's3';
  if (req.headers['x-amz-target'] !== undefined) return 'json';
  if (authorization === '' && !ANY_PRESIGNED.test(url) && isAnonymousS3(req, url, s3Domain)) return 's3';
  return 'query';
}

function isAnonymousS3(req: IncomingMessage, url: string, s3Domain: string): boolean {
  if (virtualHostBucket(req.headers.host ?? '', s3Domain) !== undefined) return true;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (path !== '/' && path !== '') return true;
  return req.method === 'PUT' || req.method === 'DELETE' || req.method === 'HEAD';
}
