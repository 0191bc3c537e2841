import type { S3Address } from './s3-address.js';

/**
 * Which S3 operation a request is: the method, whether it names a bucket and a key, and the
 * subresource in the query (`?policy`, `?uploads`, `?uploadId=…`). Undefined means keysmith
 * does not implement it (NotImplemented), `MethodNotAllowed` a method S3 does not accept there.
 */
export type OperationLookup = string | undefined;

/** Subresources S3 has and keysmith does not implement: answered with NotImplemented. */
const UNSUPPORTED_SUBRESOURCES = [
  'accelerate',
  'acl',
  'analytics',
  'attributes',
  'cors',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'lifecycle',
  'logging',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'policyStatus',
  'publicAccessBlock',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'select',
  'torrent',
  'versionId',
  'versions',
  'website',
  'session',
  'metadataTable',
  'renameObject',
];

export function s3OperationName(method: string, address: S3Address, copySource: boolean): OperationLookup {
  const q = address.query;
  const has = (name: string) => q.has(name);
  if (UNSUPPORTED_SUBRESOURCES.some(has)) return undefined;
  if (address.bucket === undefined) return method === 'GET' ? 'ListBuckets' : 'MethodNotAllowed';
  if (address.key === undefined) {
    switch (method) {
      case 'GET':
        if (has('policy')) return 'GetBucketPolicy';
        if (has('tagging')) return 'GetBucketTagging';
        if (has('location')) return 'GetBucketLocation';
        if (has('versioning')) return 'GetBucketVersioning';
        if (has('uploads')) return 'ListMultipartUploads';
        return q.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
      case 'HEAD':
        return 'HeadBucket';
      case 'PUT':
        if (has('policy')) return 'PutBucketPolicy';
        if (has('tagging')) return 'PutBucketTagging';
        if (has('versioning')) return undefined;
        return 'CreateBucket';
      case 'DELETE':
        if (has('policy')) return 'DeleteBucketPolicy';
        if (has('tagging')) return 'DeleteBucketTagging';
        return 'DeleteBucket';
      case 'POST':
        if (has('delete')) return 'DeleteObjects';
        return undefined;
      default:
        return 'MethodNotAllowed';
    }
  }
  switch (method) {
    case 'GET':
      if (has('tagging')) return 'GetObjectTagging';
      if (has('uploadId')) return 'ListParts';
      return 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'PUT':
      if (has('tagging')) return 'PutObjectTagging';
      if (has('uploadId') || has('partNumber')) return copySource ? 'UploadPartCopy' : 'UploadPart';
      return copySource ? 'CopyObject' : 'PutObject';
    case 'POST':
      if (has('uploads')) return 'CreateMultipartUpload';
      if (has('uploadId')) return 'CompleteMultipartUpload';
      return undefined;
    case 'DELETE':
      if (has('tagging')) return 'DeleteObjectTagging';
      if (has('uploadId')) return 'AbortMultipartUpload';
      return 'DeleteObject';
    default:
      return 'MethodNotAllowed';
  }
}
