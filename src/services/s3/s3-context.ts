import type { Readable } from 'node:stream';
import type { PolicyCompiler } from '../../authz/policy-cache.js';
import type { Principal } from '../../model/principal.js';
import type { ContextValue } from '../../policy/index.js';
import type { S3Bucket, Store } from '../../storage/store.js';
import type { ObjectFiles } from './files/object-files.js';

/**
 * What an S3 handler sees of its request. S3's members are mostly headers and query parameters,
 * so handlers read them by name; the pipeline has already decoded the address, checked the
 * signature and, for object data, undone aws-chunked and verified every chunk signature.
 */
export interface S3Input {
  method: string;
  bucket?: string;
  key?: string;
  query: ReadonlyMap<string, string>;
  /** First value of a header (lower-case name). */
  header(name: string): string | undefined;
  /** Every header name the request carries (lower case). */
  headerNames(): string[];
  /** The Host header, for Location values. */
  host: string;
  /** The buffered body of an operation that takes an XML or JSON document; empty otherwise. */
  body: Buffer;
  /** Object data (PutObject, UploadPart); empty for other operations. Iterate at most once. */
  data: ObjectData;
}

export interface ObjectData extends AsyncIterable<Uint8Array> {
  /** Trailing headers of an aws-chunked trailer upload; read after iterating. */
  trailers(): ReadonlyMap<string, string>;
  /** The payload hash the client signed (hex), when it signed one: the data must match it. */
  payloadSha256?: string;
  /** The length the client declared for the data (Content-Length, or x-amz-decoded-content-length). */
  declaredLength?: number;
}

/** One permission check: the action, the resource it names, the bucket whose policy and owner apply. */
export interface AuthorizeCheck {
  action: string;
  /** The bucket named in the resource ARN (defaults to `bucket.name`); neither means resource `*`. */
  bucketName?: string;
  /** The object key, for object-level actions (`arn:aws:s3:::bucket/key`). */
  key?: string;
  /** The existing bucket: its policy is the resource policy, its owner the resource account. */
  bucket?: S3Bucket;
  /** Operation-specific condition keys (s3:prefix, s3:ExistingObjectTag/…). */
  context?: Record<string, ContextValue>;
}

export interface S3Context {
  input: S3Input;
  store: Store;
  files: ObjectFiles;
  policies: PolicyCompiler;
  /** The authenticated caller; undefined for an anonymous request. */
  caller?: Principal;
  requestId: string;
  /** Request time, epoch ms. */
  now: number;
  /** The region the request was signed for (the configured region for anonymous requests). */
  region: string;
  /** Throws S3's AccessDenied unless allowed. Every operation calls it at least once. */
  authorize(check: AuthorizeCheck): Promise<void>;
  isAllowed(check: AuthorizeCheck): Promise<boolean>;
  /** The current time (for LastModified of writes that took a while). */
  clock(): number;
}

export interface S3Response {
  status?: number;
  headers?: Record<string, string>;
  /** An XML document. */
  xml?: string;
  /** Any other body (GetBucketPolicy's JSON). */
  text?: { body: string; contentType: string };
  /** Object data; `headers` carries its Content-Length. */
  stream?: Readable;
}

export interface S3Operation {
  name: string;
  readOnly: boolean;
  /** Object-level (CloudTrail data event). */
  dataEvent: boolean;
  /** `xml`: buffered body (small documents); `stream`: object data; `none`: no body expected. */
  body: 'none' | 'xml' | 'stream';
  /**
   * `xml` only: the largest document accepted (MaxMessageLengthExceeded beyond it, refused from
   * Content-Length before anything is read). Default XML_BODY_LIMIT (2 MiB).
   */
  maxBodyBytes?: number;
  handler(ctx: S3Context): Promise<S3Response>;
}

/** DeleteObjects of 1,000 long keys and CompleteMultipartUpload of 10,000 parts fit in it. */
export const XML_BODY_LIMIT = 2 * 1024 * 1024;
