import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/server.js';
import { refused, tagging, xmlRequests } from '../support/security-xml.js';

/**
 * Issue 8, hole 4: what the XML reader refuses is the caller's error, a 400 with S3's code —
 * never a 500 with a stack trace. Before the fix an out-of-range character reference
 * (`&#x110000;`) in a Tagging document made String.fromCodePoint throw a RangeError: 500.
 * `&#0;` in a tag key is InvalidTag. Every S3 operation that reads XML is tried (tagging, bucket
 * tagging, DeleteObjects, CompleteMultipartUpload, CreateBucket). The malformed documents are
 * hand-signed (no client sends them); boto3, the control, runs in test/clients/boto3-s3.test.ts.
 */

let server: TestServer;
const { s3 } = xmlRequests(() => server);

let uploadId: string;

suite('security: XML reader errors are 400s with S3’s codes', () => {
  before(async () => {
    server = await startTestServer();
    // What boto3 writes in the control (test/clients/boto3-s3.test.ts), written here by hand.
    assert.equal((await s3('PUT', '/xmlb', '')).status, 200);
    assert.equal((await s3('PUT', '/xmlb/obj', '', 'data')).status, 200);
    assert.equal((await s3('PUT', '/xmlb/obj', 'tagging=', tagging('ok', 'caf\u00e9 \u2603'))).status, 200);
    const started = await s3('POST', '/xmlb/mp', 'uploads=');
    assert.equal(started.status, 200, started.body);
    uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(started.body)![1]!;
  });
  after(async () => {
    await server?.close();
  });

  test('an out-of-range character reference is MalformedXML, not a 500', { timeout: 60_000 }, async () => {
    for (const ref of ['&#x110000;', '&#1114112;', '&#99999999999999999999999;', `&#x${'f'.repeat(40)};`, '&#xD800;', '&#57343;']) {
      refused(await s3('PUT', '/xmlb/obj', 'tagging=', tagging('k', `v${ref}`)), 'MalformedXML');
      refused(await s3('PUT', '/xmlb/obj', 'tagging=', tagging(`k${ref}`, 'v')), 'MalformedXML');
    }
  });

  test('&#0; (or any control character) in a tag key or value is InvalidTag', { timeout: 60_000 }, async () => {
    refused(await s3('PUT', '/xmlb/obj', 'tagging=', tagging('a&#0;b', 'v')), 'InvalidTag');
    refused(await s3('PUT', '/xmlb/obj', 'tagging=', tagging('k', 'v&#0;')), 'InvalidTag');
    refused(await s3('PUT', '/xmlb/obj', 'tagging=', tagging('a&#x1;b', 'v')), 'InvalidTag');
    refused(await s3('PUT', '/xmlb/obj', 'tagging=', tagging('a\u0007b', 'v')), 'InvalidTag');
    refused(await s3('PUT', '/xmlb', 'tagging=', tagging('a&#0;b', 'v')), 'InvalidTag');
    // Unchanged by the refused writes.
    assert.match((await s3('GET', '/xmlb/obj', 'tagging=')).body, /<Key>ok<\/Key><Value>café ☃<\/Value>/);
  });

  test('every XML-reading operation answers MalformedXML for a bad reference', { timeout: 60_000 }, async () => {
    refused(await s3('PUT', '/xmlb', 'tagging=', tagging('k', '&#x110000;')), 'MalformedXML');
    refused(await s3('POST', '/xmlb', 'delete=', '<Delete><Object><Key>obj&#x110000;</Key></Object></Delete>'), 'MalformedXML');
    refused(
      await s3(
        'POST',
        '/xmlb/mp',
        `uploadId=${uploadId}`,
        '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&#x110000;</ETag></Part></CompleteMultipartUpload>',
      ),
      'MalformedXML',
    );
    refused(
      await s3(
        'PUT',
        '/xmlb-new',
        '',
        '<CreateBucketConfiguration><LocationConstraint>eu&#x110000;</LocationConstraint></CreateBucketConfiguration>',
      ),
      'MalformedXML',
    );
    // Other reader refusals, for the record: DTDs, unknown entities, bare &, truncation, depth.
    refused(await s3('PUT', '/xmlb/obj', 'tagging=', '<!DOCTYPE x [<!ENTITY a "b">]><Tagging/>'), 'MalformedXML');
    refused(await s3('PUT', '/xmlb/obj', 'tagging=', tagging('k', '&nbsp;')), 'MalformedXML');
    refused(await s3('PUT', '/xmlb/obj', 'tagging=', tagging('k', 'a & b')), 'MalformedXML');
    refused(await s3('PUT', '/xmlb/obj', 'tagging=', '<Tagging><TagSet><Tag><Key>k</Key>'), 'MalformedXML');
    refused(await s3('PUT', '/xmlb/obj', 'tagging=', `${'<a>'.repeat(100)}${'</a>'.repeat(100)}`), 'MalformedXML');
  });

  test('the object and the server are fine afterwards', { timeout: 60_000 }, async () => {
    const got = await s3('GET', '/xmlb/obj', '');
    assert.equal(got.status, 200);
    assert.equal(got.body, 'data');
  });
});
