import { createBucket } from './buckets/create-bucket.js';
import { deleteBucket } from './buckets/delete-bucket.js';
import { deleteBucketPolicy, getBucketPolicy, putBucketPolicy } from './buckets/bucket-policy.js';
import { deleteBucketTagging, getBucketTagging, putBucketTagging } from './buckets/bucket-tagging.js';
import { getBucketLocation } from './buckets/get-bucket-location.js';
import { getBucketVersioning } from './buckets/get-bucket-versioning.js';
import { headBucket } from './buckets/head-bucket.js';
import { listBuckets } from './buckets/list-buckets.js';
import { listObjects, listObjectsV2 } from './listing/list-objects.js';
import { abortMultipartUpload } from './multipart/abort-multipart-upload.js';
import { completeMultipartUpload } from './multipart/complete-multipart-upload.js';
import { createMultipartUpload } from './multipart/create-multipart-upload.js';
import { listMultipartUploads, listParts } from './multipart/list-parts.js';
import { uploadPart, uploadPartCopy } from './multipart/upload-part.js';
import { copyObject } from './objects/copy-object.js';
import { deleteObject } from './objects/delete-object.js';
import { deleteObjects } from './objects/delete-objects.js';
import { getObject, headObject } from './objects/get-object.js';
import { deleteObjectTagging, getObjectTagging, putObjectTagging } from './objects/object-tagging.js';
import { putObject } from './objects/put-object.js';
import type { S3Operation } from './s3-context.js';

/** S3 operations by name (the names src/protocol/rest-xml/operation-name.ts resolves requests to). */
export const S3_OPERATIONS: ReadonlyMap<string, S3Operation> = new Map(
  [
    listBuckets,
    createBucket,
    headBucket,
    deleteBucket,
    getBucketLocation,
    getBucketVersioning,
    putBucketPolicy,
    getBucketPolicy,
    deleteBucketPolicy,
    putBucketTagging,
    getBucketTagging,
    deleteBucketTagging,
    listObjects,
    listObjectsV2,
    putObject,
    getObject,
    headObject,
    deleteObject,
    deleteObjects,
    copyObject,
    getObjectTagging,
    putObjectTagging,
    deleteObjectTagging,
    createMultipartUpload,
    uploadPart,
    uploadPartCopy,
    completeMultipartUpload,
    abortMultipartUpload,
    listParts,
    listMultipartUploads,
  ].map((op) => [op.name, op]),
);
