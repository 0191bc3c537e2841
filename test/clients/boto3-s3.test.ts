import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/server.js';
import { clientEnv, credentialEnv, describe, runProcess } from '../support/clients-process.js';
import { liveSuite } from '../support/live-context.js';
import * as scope from '../support/security-scope.js';
import * as xml from '../support/security-xml.js';
import * as headers from '../support/security-headers.js';
import * as bodies from '../support/security-bodies.js';
import { S3_CASES } from '../conformance/live-context-s3-cases.js';

/**
 * S3 through boto3, for suites that otherwise run inside Node: the controls and client-made
 * requests of the security suites (test/conformance/security-{scope,xml,headers-files,bodies}.test.ts:
 * each suite here has its own keysmith and set-up, as its suite there, and the same hand-signed
 * requests from test/support/security-*.ts), and the live condition-key cases whose call goes
 * through a boto3 presigned URL (s3:authType, s3:signatureversion; the table is
 * test/conformance/live-context-s3-cases.ts).
 */

suite('security: the credential scope names the service that answers (boto3)', () => {
  let server: TestServer;
  const { send, sign, signedCall, presign } = scope.scopeRequests(() => server);
  const { code, FORM, form, IAM_VERSION, sha256, wrongScope } = scope;

  /** boto3, for the S3 controls (the AWS SDK v3 S3 client is not installed). */
  async function boto3S3(script: string): Promise<string> {
    const code = `import boto3, json\ns3 = boto3.client('s3', endpoint_url='${server.url}')\n${script}`;
    const result = await runProcess('python3', ['-c', code], {
      env: clientEnv({ ...credentialEnv(server.admin), PYTHONDONTWRITEBYTECODE: '1' }),
      timeoutMs: 60_000,
    });
    assert.equal(result.code, 0, describe(result));
    return result.stdout.trim();
  }

  before(async () => {
    server = await startTestServer();
    await boto3S3(`s3.create_bucket(Bucket='scoped')\ns3.put_object(Bucket='scoped', Key='kept', Body=b'original')`);
  });
  after(async () => {
    await server?.close();
  });

  test('controls: real clients signing for the right service are answered (boto3: S3)', { timeout: 60_000 }, async () => {
    assert.equal(await boto3S3(`print(s3.get_object(Bucket='scoped', Key='kept')['Body'].read().decode())`), 'original');
  });

  test('S3 requests signed for iam are refused, naming s3, header and presigned; nothing is written', { timeout: 60_000 }, async () => {
    const get = await signedCall({ method: 'GET', path: '/scoped/kept', service: 'iam', contentSha256: sha256('') });
    wrongScope(get, 's3');
    const put = await signedCall({
      method: 'PUT',
      path: '/scoped/kept',
      service: 'iam',
      body: 'replaced',
      contentSha256: sha256('replaced'),
    });
    wrongScope(put, 's3');
    wrongScope(await send('GET', presign('GET', '/scoped/kept', '', 'iam'), {}), 's3');
    wrongScope(await send('PUT', presign('PUT', '/scoped/kept', '', 'sts'), { 'content-length': '8' }, 'replaced'), 's3');
    assert.equal(await boto3S3(`print(s3.get_object(Bucket='scoped', Key='kept')['Body'].read().decode())`), 'original');
  });

  test('a second Credential=…/s3/… after the signed part does not make an IAM signature an S3 one', { timeout: 60_000 }, async () => {
    const amzDate = new Date()
      .toISOString()
      .replace(/[-:]|\.\d{3}/g, '')
      .slice(0, 8);
    const smuggled = `, Credential=${server.admin.accessKeyId}/${amzDate}/us-east-1/s3/aws4_request`;
    // A PUT signed (validly) for iam, with an s3 scope appended: before the fix it was routed to
    // S3 by the appended scope and verified with the first one, and stored.
    const put = sign({ method: 'PUT', path: '/scoped/kept', service: 'iam', body: 'smuggled', contentSha256: sha256('smuggled') });
    const reply = await send('PUT', put.path, { ...put.headers, authorization: put.headers.authorization + smuggled }, put.body);
    assert.equal(reply.status, 400, reply.body);
    assert.equal(code(reply), 'AuthorizationHeaderMalformed', reply.body);
    assert.equal(await boto3S3(`print(s3.get_object(Bucket='scoped', Key='kept')['Body'].read().decode())`), 'original');

    // The same for the Query API: a duplicated component is malformed. With an s3 scope in the
    // header the caller may be an S3 client, so the answer is S3's; otherwise IncompleteSignature.
    const iam = sign({ service: 'iam', headers: FORM, body: form({ Action: 'ListUsers', Version: IAM_VERSION }) });
    const expected: Array<[string, string]> = [
      [smuggled, 'AuthorizationHeaderMalformed'],
      [', SignedHeaders=host', 'IncompleteSignature'],
      [`, Signature=${'0'.repeat(64)}`, 'IncompleteSignature'],
    ];
    for (const [extra, errorCode] of expected) {
      const q = await send('POST', '/', { ...iam.headers, authorization: iam.headers.authorization + extra }, iam.body);
      assert.equal(q.status, 400, q.body);
      assert.equal(code(q), errorCode, q.body);
    }
  });
});

suite('security: XML reader errors are 400s with S3’s codes (boto3)', () => {
  let server: TestServer;
  const { s3 } = xml.xmlRequests(() => server);
  const { tagging } = xml;

  before(async () => {
    server = await startTestServer();
    const script = `import boto3
s3 = boto3.client('s3', endpoint_url='${server.url}')
s3.create_bucket(Bucket='xmlb')
s3.put_object(Bucket='xmlb', Key='obj', Body=b'data')
s3.put_object_tagging(Bucket='xmlb', Key='obj', Tagging={'TagSet': [{'Key': 'ok', 'Value': 'caf\\u00e9 \\u2603'}]})
print(s3.create_multipart_upload(Bucket='xmlb', Key='mp')['UploadId'])`;
    const result = await runProcess('python3', ['-c', script], {
      env: clientEnv({ ...credentialEnv(server.admin), PYTHONDONTWRITEBYTECODE: '1' }),
      timeoutMs: 60_000,
    });
    assert.equal(result.code, 0, describe(result));
  });
  after(async () => {
    await server?.close();
  });

  test(
    'control: character references in range are decoded (boto3 wrote é and ☃; a reference reads the same)',
    { timeout: 60_000 },
    async () => {
      const got = await s3('GET', '/xmlb/obj', 'tagging=');
      assert.match(got.body, /<Value>café ☃<\/Value>/);
      assert.equal((await s3('PUT', '/xmlb/obj', 'tagging=', tagging('ok', 'caf&#xE9; &#9731;'))).status, 200);
      assert.match((await s3('GET', '/xmlb/obj', 'tagging=')).body, /<Value>café ☃<\/Value>/);
    },
  );
});

suite('security: header values checked before Node writes them; files closed on every path (boto3)', () => {
  let server: TestServer;
  const { assertNoOpenFiles, createObjects } = headers.headerRequests(() => server);

  before(async () => {
    server = await startTestServer();
    await createObjects();
  });
  after(async () => {
    await server?.close();
  });

  test('boto3 presigned URLs (SigV2 and SigV4) with a CR/LF override get 400, not 500', { timeout: 60_000 }, async () => {
    const script = `import boto3, urllib.request, urllib.error
from botocore.config import Config
for config in (None, Config(signature_version='s3v4')):
    s3 = boto3.client('s3', endpoint_url='${server.url}', config=config)
    url = s3.generate_presigned_url('get_object', Params={'Bucket': 'hdr', 'Key': 'obj', 'ResponseContentDisposition': 'attachment\\r\\nSet-Cookie: x=1'}, ExpiresIn=300)
    try:
        urllib.request.urlopen(url)
        print('accepted')
    except urllib.error.HTTPError as e:
        print(e.code, e.read().decode().split('<Code>')[1].split('</Code>')[0])
`;
    const result = await runProcess('python3', ['-c', script], {
      env: clientEnv({ ...credentialEnv(server.admin), PYTHONDONTWRITEBYTECODE: '1' }),
      timeoutMs: 60_000,
    });
    assert.equal(result.code, 0, describe(result));
    assert.deepEqual(result.stdout.trim().split('\n'), ['400 InvalidArgument', '400 InvalidArgument']);
    await assertNoOpenFiles('boto3');
  });
});

suite('security: authenticate from headers before reading a body; bodies capped per operation (boto3)', () => {
  let server: TestServer;
  const { objectExists, createBuckets } = bodies.bodyRequests(() => server);

  before(async () => {
    server = await startTestServer();
    await createBuckets();
  });
  after(async () => {
    await server?.close();
  });

  test('S3: a signed DeleteObjects of 1,000 keys, the cap, is fine (boto3)', { timeout: 90_000 }, async () => {
    const script = `import boto3
s3 = boto3.client('s3', endpoint_url='${server.url}')
r = s3.delete_objects(Bucket='private-b', Delete={'Objects': [{'Key': 'k%d' % i} for i in range(1000)], 'Quiet': True})
print(len(r.get('Errors', [])))`;
    const result = await runProcess('python3', ['-c', script], {
      env: clientEnv({ ...credentialEnv(server.admin), PYTHONDONTWRITEBYTECODE: '1' }),
      timeoutMs: 60_000,
    });
    assert.equal(result.code, 0, describe(result));
    assert.equal(result.stdout.trim(), '0');
    assert.ok(!(await objectExists('private-b', 'k1')));
  });
});

liveSuite('S3 keys', S3_CASES, 'clients');
