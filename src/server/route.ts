import type { IncomingMessage } from 'node:http';
import { ADMIN_PREFIX } from './admin-router.js';

export type Protocol = 'admin' | 's3' | 'json' | 'query';

const S3_SCOPE = /Credential=[^/,]+\/\d{8}\/[^/]+\/s3\/aws4_request/;
const S3_PRESIGNED = /[?&]X-Amz-Credential=[^&]*(?:%2F|\/)s3(?:%2F|\/)aws4_request/i;

/**
 * Which pipeline a request belongs to, decided from headers only (the body is not read here:
 * S3 streams it). The SigV4 credential scope names the service a client signed for; JSON 1.1
 * services (CloudTrail) send X-Amz-Target; everything else is the Query protocol (IAM, STS).
 */
export function routeOf(req: IncomingMessage): Protocol {
  const url = req.url ?? '/';
  if (url.startsWith(ADMIN_PREFIX)) return 'admin';
  if (S3_SCOPE.test(req.headers.authorization ?? '') || S3_PRESIGNED.test(url)) return 's3';
  if (req.headers['x-amz-target'] !== undefined) return 'json';
  return 'query';
}
