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
 * Which of the bucket and the key are there depends on the operation's scope (S3Inputs).
 */
export interface S3InputBase {
  method: string;
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

/** A request to the service itself (ListBuckets): no bucket, no key. */
export type ServiceInput = S3InputBase;

/** A request to a bucket: the bucket named by the address. */
export interface BucketInput extends S3InputBase {
  bucket: string;
}

/** A request to an object: its bucket and key, both named by the address. */
export interface ObjectInput extends BucketInput {
  key: string;
}

/** The input of each scope: what the address of an operation of that scope always names. */
export interface S3Inputs {
  service: ServiceInput;
  bucket: BucketInput;
  object: ObjectInput;
}

/** What an operation acts on: the service (ListBuckets), a bucket, or an object. */
export type S3Scope = keyof S3Inputs;

/** The input of some operation (helpers that read only headers, the query and the body). */
export type S3Input = S3Inputs[S3Scope];

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

/** What the pipeline gives every handler besides its input. */
export interface S3Environment {
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

/**
 * A handler's context: `S3Context<'object'>` has `input.bucket` and `input.key`,
 * `S3Context<'bucket'>` `input.bucket`; `S3Context` (any scope) neither.
 */
export interface S3Context<S extends S3Scope = S3Scope> extends S3Environment {
  input: S3Inputs[S];
}

export interface S3Response {
  status?: number;
  headers?: Record<string, string>;
  /** An XML document. */
  xml?: string;
  /** Any other body (GetBucketPolicy's JSON). */
  text?: { body: string; contentType: string };
  /** Object data, streamed; `headers` carries its Content-Length. */
  stream?: Readable;
  /** Object data read whole (small objects and ranges); `headers` carries its Content-Length. */
  data?: Uint8Array;
}

/** One S3 operation of scope `S`: its handler receives that scope's input. */
export interface ScopedS3Operation<S extends S3Scope> {
  name: string;
  /** What the operation acts on: the pipeline builds the input of this scope from the address. */
  scope: S;
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
  // A property, not a method: compared strictly, so a handler of one scope is no handler of another.
  handler: (ctx: S3Context<S>) => Promise<S3Response>;
}

/** Any S3 operation: a union on `scope`, so each keeps its own handler's type (narrow on `scope`). */
export type S3Operation = { [S in S3Scope]: ScopedS3Operation<S> }[S3Scope];

/** Defines an operation of the scope it declares: `handler`'s context is typed from `scope`. */
export function defineS3Operation<S extends S3Scope>(operation: ScopedS3Operation<S>): ScopedS3Operation<S> {
  return operation;
}

/** DeleteObjects of 1,000 long keys and CompleteMultipartUpload of 10,000 parts fit in it. */
export const XML_BODY_LIMIT = 2 * 1024 * 1024;
