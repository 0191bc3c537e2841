import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';
import { clientEnv, credentialEnv, describe, runProcess } from '../support/clients-process.js';
import { presignRequest, signRequest } from '../../src/sigv4/index.js';
import { nodeSigV4Crypto } from '../../src/platform/node-sigv4-crypto.js';
import { type RawReply, sendRaw } from '../support/raw-http.js';

/**
 * Issue 8, hole 1: the SigV4 credential scope must name the service that answers. AWS refuses an
 * IAM call signed for `ec2`, or an STS call signed for `iam`, with 403 SignatureDoesNotMatch
 * "Credential should be scoped to correct service: '<expected>'." — in header and presigned
 * form, for IAM, STS, CloudTrail and S3 — and an Authorization header with a component given
 * twice is malformed (a second `Credential=…/s3/…` after the signed part must not route the
 * request to S3 while it is verified as an IAM signature). Signed here by keysmith's own signer
 * (src/sigv4/sign.ts) because no client sends such requests; real clients are the controls.
 */

const IAM_VERSION = '2010-05-08';
const STS_VERSION = '2011-06-15';

let server: TestServer;
let port: number;

type Reply = RawReply;

const send = (method: string, pathAndQuery: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply> =>
  sendRaw(port, method, pathAndQuery, headers, body);

interface SignCall {
  method?: string;
  path?: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string;
  service: string;
  /** x-amz-content-sha256 to send and sign (S3); default: none, the body's hash is signed. */
  contentSha256?: string;
}

/** Signs with an Authorization header; returns the headers to send (Content-Length added, unsigned). */
function sign(call: SignCall): { path: string; headers: Record<string, string>; body: string } {
  const body = call.body ?? '';
  const headers: Record<string, string[]> = { host: [`127.0.0.1:${port}`] };
  for (const [k, v] of Object.entries(call.headers ?? {})) headers[k.toLowerCase()] = [v];
  const signed = signRequest(
    { method: call.method ?? 'POST', rawPath: call.path ?? '/', rawQuery: call.query ?? '', headers, body: Buffer.from(body) },
    {
      credentials: server.admin,
      region: 'us-east-1',
      service: call.service,
      nowMs: Date.now(),
      crypto: nodeSigV4Crypto,
      ...(call.contentSha256 ? { contentSha256: call.contentSha256 } : {}),
    },
  );
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.request.headers)) out[k] = v[0]!;
  out['content-length'] = String(Buffer.byteLength(body));
  return { path: (call.path ?? '/') + (call.query ? `?${call.query}` : ''), headers: out, body };
}

async function signedCall(call: SignCall): Promise<Reply> {
  const s = sign(call);
  return send(call.method ?? 'POST', s.path, s.headers, s.body === '' ? undefined : s.body);
}

function presign(method: string, path: string, query: string, service: string): string {
  const signed = presignRequest(
    { method, rawPath: path, rawQuery: query, headers: { host: [`127.0.0.1:${port}`] }, body: new Uint8Array(0) },
    { credentials: server.admin, region: 'us-east-1', service, nowMs: Date.now(), crypto: nodeSigV4Crypto, expiresSeconds: 300 },
  );
  return `${path}?${signed.request.rawQuery}`;
}

const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
const code = (reply: Reply) => /<Code>([^<]+)<\/Code>/.exec(reply.body)?.[1];
const message = (reply: Reply) => /<Message>([^<]*)<\/Message>/.exec(reply.body)?.[1]?.replace(/&apos;/g, "'");
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function wrongScope(reply: Reply, expected: string): void {
  assert.equal(reply.status, 403, reply.body);
  assert.equal(code(reply), 'SignatureDoesNotMatch', reply.body);
  assert.equal(message(reply)?.trim(), `Credential should be scoped to correct service: '${expected}'.`, reply.body);
}

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

suite('security: the credential scope names the service that answers', () => {
  before(async () => {
    server = await startTestServer();
    port = Number(new URL(server.url).port);
    await boto3S3(`s3.create_bucket(Bucket='scoped')\ns3.put_object(Bucket='scoped', Key='kept', Body=b'original')`);
  });
  after(async () => {
    await server?.close();
  });

  test('controls: real clients signing for the right service are answered', { timeout: 60_000 }, async () => {
    const iam = iamClient(server.url, server.admin);
    assert.ok((await iam.send(new ListUsersCommand({}))).Users);
    const sts = stsClient(server.url, server.admin);
    assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Account, server.accountId);
    assert.equal(await boto3S3(`print(s3.get_object(Bucket='scoped', Key='kept')['Body'].read().decode())`), 'original');
  });

  test('IAM ListUsers signed for ec2 (and for sts) is refused, naming iam', { timeout: 60_000 }, async () => {
    for (const service of ['ec2', 'sts']) {
      const reply = await signedCall({ service, headers: FORM, body: form({ Action: 'ListUsers', Version: IAM_VERSION }) });
      wrongScope(reply, 'iam');
      assert.match(reply.body, /<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">/);
    }
  });

  test('STS GetCallerIdentity signed for iam is refused, naming sts', { timeout: 60_000 }, async () => {
    const reply = await signedCall({ service: 'iam', headers: FORM, body: form({ Action: 'GetCallerIdentity', Version: STS_VERSION }) });
    wrongScope(reply, 'sts');
  });

  test('without Version the scope picks the service, and a service keysmith lacks is IAM’s refusal', { timeout: 60_000 }, async () => {
    wrongScope(await signedCall({ service: 'ec2', headers: FORM, body: form({ Action: 'ListUsers' }) }), 'iam');
    // Scoped to sts, no Version: an STS request, where ListUsers does not exist.
    const reply = await signedCall({ service: 'sts', headers: FORM, body: form({ Action: 'ListUsers' }) });
    assert.equal(reply.status, 400, reply.body);
    assert.equal(code(reply), 'InvalidAction', reply.body);
  });

  test('presigned Query URLs: GetCallerIdentity presigned for iam is refused; for sts it works', { timeout: 60_000 }, async () => {
    const query = form({ Action: 'GetCallerIdentity', Version: STS_VERSION });
    wrongScope(await send('GET', presign('GET', '/', query, 'iam'), {}), 'sts');
    const ok = await send('GET', presign('GET', '/', query, 'sts'), {});
    assert.equal(ok.status, 200, ok.body);
    assert.match(ok.body, /<GetCallerIdentityResult>/);
  });

  test('CloudTrail LookupEvents signed for iam is refused, naming cloudtrail', { timeout: 60_000 }, async () => {
    const reply = await signedCall({
      service: 'iam',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents',
      },
      body: '{}',
    });
    assert.equal(reply.status, 403, reply.body);
    const json = JSON.parse(reply.body) as { __type: string; message: string };
    assert.equal(json.__type, 'InvalidSignatureException');
    assert.equal(json.message.trim(), "Credential should be scoped to correct service: 'cloudtrail'.");
    const ok = await signedCall({
      service: 'cloudtrail',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents',
      },
      body: '{}',
    });
    assert.equal(ok.status, 200, ok.body);
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

  test('a presigned S3 URL with X-Amz-Credential given twice is malformed', { timeout: 60_000 }, async () => {
    const url = presign('GET', '/scoped/kept', '', 'iam');
    const credential = /X-Amz-Credential=([^&]+)/.exec(url)![1]!.replace(/iam/, 's3');
    const reply = await send('GET', `${url}&X-Amz-Credential=${credential}`, {});
    assert.equal(reply.status, 400, reply.body);
    assert.equal(code(reply), 'AuthorizationQueryParametersError', reply.body);
  });

  test('the server keeps serving', { timeout: 60_000 }, async () => {
    const iam = iamClient(server.url, server.admin);
    assert.ok((await iam.send(new ListUsersCommand({}))).Users);
  });
});
