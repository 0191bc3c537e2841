import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from '../support/node-test.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { handleSigned, type InProcessCall } from '../support/in-process-signed.js';
import type { AuditRecord } from '../../src/audit/audit-record.js';
import type { App } from '../../src/server/app.js';
import { IAM_OPERATIONS } from '../../src/services/iam/operations.js';
import { STS_OPERATIONS } from '../../src/services/sts/operations.js';
import { S3_OPERATIONS } from '../../src/services/s3/operations.js';
import { CLOUDTRAIL_OPERATIONS } from '../../src/services/cloudtrail/operations.js';

/**
 * Every operation of every service answers through `app.handle`, in-process, with no socket: the
 * pipeline identifies it (the audit record names it), and it answers as the service does — a
 * result, or one of the service's own errors — never "unknown operation" or a server fault. The
 * calls carry little or no input, so many end in a validation error from the operation itself.
 */

const VERSIONS = { iam: '2010-05-08', sts: '2011-06-15' } as const;
const BUCKET = 'every-operation';
const XML_TAGS = '<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>';
const DELETE_XML = '<Delete><Object><Key>gone</Key></Object></Delete>';

/** One request per S3 operation: method, path, query, headers, body. */
const S3_CALLS: Record<string, Omit<InProcessCall, 'service'>> = {
  ListBuckets: { method: 'GET', path: '/' },
  CreateBucket: { method: 'PUT', path: '/every-operation-new' },
  HeadBucket: { method: 'HEAD', path: `/${BUCKET}` },
  DeleteBucket: { method: 'DELETE', path: '/every-operation-missing' },
  GetBucketPolicy: { method: 'GET', path: `/${BUCKET}`, query: { policy: '' } },
  PutBucketPolicy: { method: 'PUT', path: `/${BUCKET}`, query: { policy: '' }, body: '{}' },
  DeleteBucketPolicy: { method: 'DELETE', path: `/${BUCKET}`, query: { policy: '' } },
  GetBucketTagging: { method: 'GET', path: `/${BUCKET}`, query: { tagging: '' } },
  PutBucketTagging: { method: 'PUT', path: `/${BUCKET}`, query: { tagging: '' }, body: XML_TAGS },
  DeleteBucketTagging: { method: 'DELETE', path: `/${BUCKET}`, query: { tagging: '' } },
  GetBucketLocation: { method: 'GET', path: `/${BUCKET}`, query: { location: '' } },
  GetBucketVersioning: { method: 'GET', path: `/${BUCKET}`, query: { versioning: '' } },
  ListMultipartUploads: { method: 'GET', path: `/${BUCKET}`, query: { uploads: '' } },
  ListObjects: { method: 'GET', path: `/${BUCKET}` },
  ListObjectsV2: { method: 'GET', path: `/${BUCKET}`, query: { 'list-type': '2' } },
  DeleteObjects: {
    method: 'POST',
    path: `/${BUCKET}`,
    query: { delete: '' },
    body: DELETE_XML,
    headers: { 'content-md5': createHash('md5').update(DELETE_XML).digest('base64') },
  },
  PutObject: { method: 'PUT', path: `/${BUCKET}/object`, body: 'hello' },
  GetObject: { method: 'GET', path: `/${BUCKET}/object` },
  HeadObject: { method: 'HEAD', path: `/${BUCKET}/object` },
  CopyObject: { method: 'PUT', path: `/${BUCKET}/copy`, headers: { 'x-amz-copy-source': `/${BUCKET}/object` } },
  GetObjectTagging: { method: 'GET', path: `/${BUCKET}/object`, query: { tagging: '' } },
  PutObjectTagging: { method: 'PUT', path: `/${BUCKET}/object`, query: { tagging: '' }, body: XML_TAGS },
  DeleteObjectTagging: { method: 'DELETE', path: `/${BUCKET}/object`, query: { tagging: '' } },
  CreateMultipartUpload: { method: 'POST', path: `/${BUCKET}/multi`, query: { uploads: '' } },
  UploadPart: { method: 'PUT', path: `/${BUCKET}/multi`, query: { partNumber: '1', uploadId: 'no-such-upload' }, body: 'part' },
  UploadPartCopy: {
    method: 'PUT',
    path: `/${BUCKET}/multi`,
    query: { partNumber: '1', uploadId: 'no-such-upload' },
    headers: { 'x-amz-copy-source': `/${BUCKET}/object` },
  },
  ListParts: { method: 'GET', path: `/${BUCKET}/multi`, query: { uploadId: 'no-such-upload' } },
  CompleteMultipartUpload: {
    method: 'POST',
    path: `/${BUCKET}/multi`,
    query: { uploadId: 'no-such-upload' },
    body: '<CompleteMultipartUpload></CompleteMultipartUpload>',
  },
  AbortMultipartUpload: { method: 'DELETE', path: `/${BUCKET}/multi`, query: { uploadId: 'no-such-upload' } },
  DeleteObject: { method: 'DELETE', path: `/${BUCKET}/copy` },
};

/** Codes that would mean the operation was never reached, or failed as a server fault. */
const NOT_ANSWERED =
  /^(InvalidAction|MissingAction|UnknownOperationException|NotImplemented|InternalFailure|InternalError|ServiceFailure)$/;

describe('every operation answers in-process through app.handle, no socket', () => {
  let server: TestServer;
  let app: App;
  const records: AuditRecord[] = [];

  before(async () => {
    server = await startTestServer();
    app = server.keysmith.app;
    // Every record the pipeline hands the audit log, seen on its way there.
    const sink = app.audit;
    const record = sink.record.bind(sink);
    sink.record = (input) => {
      records.push(input);
      record(input);
    };
    const created = await handleSigned(app, server.root, { service: 's3', method: 'PUT', path: `/${BUCKET}` });
    assert.equal(created.status, 200, created.text);
  });
  after(() => server.close());

  /** Calls, then checks the audit record the call left: the operation named, no server fault. */
  async function check(name: string, service: string, call: InProcessCall): Promise<void> {
    const before = records.length;
    const res = await handleSigned(app, server.root, call);
    assert.equal(records.length, before + 1, 'one audit record per request');
    const record = records[records.length - 1]!;
    assert.equal(record.service, service);
    assert.equal(record.operation, name);
    assert.ok(res.status < 500, `${name}: HTTP ${res.status} ${res.text}`);
    assert.doesNotMatch(record.errorCode ?? '', NOT_ANSWERED, `${name}: ${record.errorCode} ${record.errorMessage}`);
  }

  for (const [service, table] of [
    ['iam', IAM_OPERATIONS],
    ['sts', STS_OPERATIONS],
  ] as const) {
    for (const name of table.keys()) {
      test(`${service} ${name}`, async () => {
        await check(name, service, { service, form: { Action: name, Version: VERSIONS[service] } });
      });
    }
  }

  for (const name of CLOUDTRAIL_OPERATIONS.keys()) {
    test(`cloudtrail ${name}`, async () => {
      await check(name, 'cloudtrail', {
        service: 'cloudtrail',
        headers: {
          'x-amz-target': `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.${name}`,
          'content-type': 'application/x-amz-json-1.1',
        },
        body: '{}',
      });
    });
  }

  test('the S3 table below names every S3 operation', () => {
    assert.deepEqual(Object.keys(S3_CALLS).sort(), [...S3_OPERATIONS.keys()].sort());
  });
  for (const [name, call] of Object.entries(S3_CALLS)) {
    test(`s3 ${name}`, async () => {
      await check(name, 's3', { service: 's3', ...call });
    });
  }
});
