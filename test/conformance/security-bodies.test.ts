import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/server.js';
import { bodyRequests, code, deleteDocument, md5 } from '../support/security-bodies.js';

/**
 * Issue 8, hole 3: a request is authenticated from its headers before any body it does not need
 * for that is read or parsed, and bodies are capped per operation. Before the fix an anonymous
 * 2 MB `?delete` listing 60,000 keys was parsed (0.5–0.8 s of the request thread) before anyone
 * asked who sent it, and 1 MB Query forms were parsed before authentication.
 *
 * "Refused before the body is read" is shown by sending the headers and only part of the body,
 * then waiting: the answer arrives while the client still owes the rest (a server that read
 * first would wait forever). That boto3's DeleteObjects of 1,000 keys is within the cap is checked
 * in test/clients/boto3-s3.test.ts.
 */

let server: TestServer;
const { send, sendWithheld, sign, s3, objectExists, createBuckets } = bodyRequests(() => server);

suite('security: authenticate from headers before reading a body; bodies capped per operation', () => {
  before(async () => {
    server = await startTestServer();
    await createBuckets();
  });
  after(async () => {
    await server?.close();
  });

  test(
    'S3: an anonymous 2 MB ?delete of 60,000 keys on a bucket no policy opens is refused before its body is read',
    { timeout: 60_000 },
    async () => {
      const doc = deleteDocument(60_000);
      assert.ok(doc.length > 1_500_000);
      const reply = await sendWithheld(
        'POST',
        '/private-b?delete=',
        { 'content-md5': md5(doc), 'content-type': 'application/xml' },
        doc,
        1024,
      );
      assert.equal(reply.status, 403, reply.body);
      assert.equal(code(reply), 'AccessDenied');
      // Anonymous writes of other XML documents too (CreateBucket can never be anonymous).
      const tagging = Buffer.from('<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>'.padEnd(50_000, ' '));
      assert.equal(code(await sendWithheld('PUT', '/private-b/k1?tagging=', {}, tagging, 100)), 'AccessDenied');
      assert.equal(code(await sendWithheld('PUT', '/new-anonymous-bucket', {}, Buffer.alloc(10_000, 32), 100)), 'AccessDenied');
      assert.equal(code(await sendWithheld('POST', '/no-such-bucket?delete=', {}, doc, 100)), 'NoSuchBucket');
      assert.ok(await objectExists('private-b', 'k1'));
    },
  );

  test(
    'S3: a bucket policy that opens the bucket to everyone lets anonymous ?delete through, capped at 1,000 keys',
    { timeout: 60_000 },
    async () => {
      // More than 1,000 keys is MalformedXML (AWS), for 1,001 and for 60,000 (the reader stops early).
      for (const keys of [1001, 60_000]) {
        const doc = deleteDocument(keys, keys > 1001 ? 'x' : 'public/x');
        assert.ok(doc.length < 2 * 1024 * 1024);
        const reply = await send('POST', '/public-b?delete=', { 'content-md5': md5(doc), 'content-length': String(doc.length) }, doc);
        assert.equal(reply.status, 400, reply.body);
        assert.equal(code(reply), 'MalformedXML');
      }
      const doc = Buffer.from('<Delete><Object><Key>public/p1</Key></Object><Object><Key>k1</Key></Object></Delete>');
      const reply = await send('POST', '/public-b?delete=', { 'content-md5': md5(doc), 'content-length': String(doc.length) }, doc);
      assert.equal(reply.status, 200, reply.body);
      assert.match(reply.body, /<Deleted><Key>public\/p1<\/Key><\/Deleted>/);
      assert.match(reply.body, /<Error><Key>k1<\/Key><Code>AccessDenied<\/Code>/);
      assert.ok(!(await objectExists('public-b', 'public/p1')));
      assert.ok(await objectExists('public-b', 'k1'));
    },
  );

  test('S3: signed DeleteObjects is capped at 1,000 keys too', { timeout: 90_000 }, async () => {
    const doc = deleteDocument(1001);
    const reply = await s3({ method: 'POST', path: '/private-b', query: 'delete=', headers: { 'content-md5': md5(doc) }, body: doc });
    assert.equal(reply.status, 400, reply.body);
    assert.equal(code(reply), 'MalformedXML');
    const big = deleteDocument(60_000);
    const started = Date.now();
    const refused = await s3({ method: 'POST', path: '/private-b', query: 'delete=', headers: { 'content-md5': md5(big) }, body: big });
    assert.equal(code(refused), 'MalformedXML', refused.body);
    const elapsed = Date.now() - started;
    // Not asserted as a bound (shared machine), only reported.
    console.log(`# 60,000-key ?delete refused in ${elapsed} ms`);
  });

  test('S3: a header-signed request with a wrong signature is refused before its body is read', { timeout: 60_000 }, async () => {
    const doc = deleteDocument(60_000);
    const headers = sign({
      method: 'POST',
      path: '/private-b',
      query: 'delete=',
      body: doc,
      service: 's3',
      creds: { accessKeyId: server.admin.accessKeyId, secretAccessKey: 'not-the-secret' },
    });
    const reply = await sendWithheld('POST', '/private-b?delete=', headers, doc, 1024);
    assert.equal(reply.status, 403, reply.body);
    assert.equal(code(reply), 'SignatureDoesNotMatch');
    const unknown = sign({
      method: 'POST',
      path: '/private-b',
      query: 'delete=',
      body: doc,
      service: 's3',
      creds: { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' },
    });
    assert.equal(code(await sendWithheld('POST', '/private-b?delete=', unknown, doc, 1024)), 'InvalidAccessKeyId');
  });

  test(
    'S3: the body must be the one x-amz-content-sha256 declared (checked after reading, before parsing)',
    { timeout: 60_000 },
    async () => {
      const tagging = '<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>';
      const headers = sign({ method: 'PUT', path: '/private-b/public/p2', query: 'tagging=', body: tagging, service: 's3' });
      const swapped = tagging.replace('<Value>b</Value>', '<Value>c</Value>');
      const reply = await send('PUT', '/private-b/public/p2?tagging=', { ...headers, 'content-length': String(swapped.length) }, swapped);
      assert.equal(reply.status, 400, reply.body);
      assert.equal(code(reply), 'XAmzContentSHA256Mismatch');
      const tags = await s3({ method: 'GET', path: '/private-b/public/p2', query: 'tagging=' });
      assert.doesNotMatch(tags.body, /<Value>c<\/Value>/);
    },
  );

  test('S3: XML bodies are capped per operation, from Content-Length, before reading', { timeout: 60_000 }, async () => {
    const big = Buffer.alloc(100 * 1024, 32);
    const headers = sign({ method: 'PUT', path: '/private-b/public/p2', query: 'tagging=', body: big, service: 's3' });
    const reply = await sendWithheld('PUT', '/private-b/public/p2?tagging=', headers, big, 100);
    assert.equal(reply.status, 400, reply.body);
    assert.equal(code(reply), 'MaxMessageLengthExceeded');
  });

  test('Query: an unknown key is refused from the headers, before a 1 MB body is read', { timeout: 60_000 }, async () => {
    const form = Buffer.from(`Action=ListUsers&Version=2010-05-08&Pad=${'a'.repeat(1_000_000)}`);
    const headers = sign({
      method: 'POST',
      path: '/',
      service: 'iam',
      body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      creds: { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' },
    });
    const reply = await sendWithheld('POST', '/', headers, form, 1024);
    assert.equal(reply.status, 403, reply.body);
    assert.equal(code(reply), 'InvalidClientTokenId');
    assert.equal(reply.headers.connection, 'close');
  });

  test('Query: the body is checked against the signature before it is parsed', { timeout: 60_000 }, async () => {
    const form = 'Action=CreateUser&Version=2010-05-08&UserName=signed-name';
    const headers = sign({
      method: 'POST',
      path: '/',
      service: 'iam',
      body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const swapped = form.replace('signed-name', 'other-name0');
    const reply = await send('POST', '/', { ...headers, 'content-length': String(swapped.length) }, swapped);
    assert.equal(reply.status, 403, reply.body);
    assert.equal(code(reply), 'SignatureDoesNotMatch');
    const check = await send(
      'POST',
      '/',
      {
        ...sign({
          method: 'POST',
          path: '/',
          service: 'iam',
          body: 'Action=GetUser&Version=2010-05-08&UserName=other-name0',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        'content-length': '54',
      },
      'Action=GetUser&Version=2010-05-08&UserName=other-name0',
    );
    assert.equal(code(check), 'NoSuchEntity', check.body);
  });

  test(
    'Query: unsigned requests get MissingAuthenticationToken but for the unsigned federation actions; a large unsigned body is not read',
    { timeout: 60_000 },
    async () => {
      const big = Buffer.from(`Action=AssumeRoleWithWebIdentity&Version=2011-06-15&WebIdentityToken=${'a'.repeat(1_000_000)}`);
      const reply = await sendWithheld('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, big, 1024);
      assert.equal(reply.status, 403, reply.body);
      assert.equal(code(reply), 'MissingAuthenticationToken');
      // A small unsigned form is read: an action AWS serves signed only is refused with STS's own
      // answer; the unsigned federation action goes on to its operation, which validates its input.
      const post = (form: string) =>
        send('POST', '/', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(form.length) }, form);
      const refused = await post('Action=GetCallerIdentity&Version=2011-06-15');
      assert.equal(refused.status, 403, refused.body);
      assert.equal(code(refused), 'MissingAuthenticationToken');
      assert.match(refused.body, /sts\.amazonaws\.com/, 'the form (Version) was read: the answer is STS’s');
      const served = await post(
        'Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:role/r&RoleSessionName=s&WebIdentityToken=abcd',
      );
      assert.equal(served.status, 400, served.body);
      assert.equal(code(served), 'ValidationError');
    },
  );

  test('JSON 1.1: an unsigned request is refused before its body is read', { timeout: 60_000 }, async () => {
    const body = Buffer.from(`{"pad":"${'a'.repeat(500_000)}"}`);
    const reply = await sendWithheld(
      'POST',
      '/',
      { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CloudTrail_20131101.LookupEvents' },
      body,
      100,
    );
    assert.equal(reply.status, 403, reply.body);
    assert.equal((JSON.parse(reply.body) as { __type: string }).__type, 'MissingAuthenticationTokenException');
  });

  test('the server keeps serving', { timeout: 60_000 }, async () => {
    assert.equal((await s3({ method: 'GET', path: '/' })).status, 200);
    const form = 'Action=ListUsers&Version=2010-05-08';
    const reply = await send(
      'POST',
      '/',
      {
        ...sign({
          method: 'POST',
          path: '/',
          service: 'iam',
          body: form,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        'content-length': String(form.length),
      },
      form,
    );
    assert.equal(reply.status, 200, reply.body);
  });
});
