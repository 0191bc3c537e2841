import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';
import { code, FORM, form, IAM_VERSION, scopeRequests, sha256, STS_VERSION, wrongScope } from '../support/security-scope.js';

/**
 * Issue 8, hole 1: the SigV4 credential scope must name the service that answers. AWS refuses an
 * IAM call signed for `ec2`, or an STS call signed for `iam`, with 403 SignatureDoesNotMatch
 * "Credential should be scoped to correct service: '<expected>'." — in header and presigned
 * form, for IAM, STS, CloudTrail and S3 — and an Authorization header with a component given
 * twice is malformed (a second `Credential=…/s3/…` after the signed part must not route the
 * request to S3 while it is verified as an IAM signature). Signed here by keysmith's own signer
 * (src/sigv4/sign.ts) because no client sends such requests; real clients are the controls. S3
 * requests signed for the wrong service and the appended `Credential=…/s3/…`, each followed by
 * boto3 reading the object back unchanged, are in test/clients/boto3-s3.test.ts.
 */

let server: TestServer;
const { send, signedCall, presign } = scopeRequests(() => server);

suite('security: the credential scope names the service that answers', () => {
  before(async () => {
    server = await startTestServer();
    // The bucket and object boto3 makes for the controls (test/clients/boto3-s3.test.ts), made here by hand.
    const bucket = await signedCall({ method: 'PUT', path: '/scoped', service: 's3', contentSha256: sha256('') });
    assert.equal(bucket.status, 200, bucket.body);
    const object = await signedCall({
      method: 'PUT',
      path: '/scoped/kept',
      service: 's3',
      body: 'original',
      contentSha256: sha256('original'),
    });
    assert.equal(object.status, 200, object.body);
  });
  after(async () => {
    await server?.close();
  });

  test('controls: real clients signing for the right service are answered (SDK v3: IAM, STS)', { timeout: 60_000 }, async () => {
    const iam = iamClient(server.url, server.admin);
    assert.ok((await iam.send(new ListUsersCommand({}))).Users);
    const sts = stsClient(server.url, server.admin);
    assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Account, server.accountId);
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
