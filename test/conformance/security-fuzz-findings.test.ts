import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startTestServer, type TestServer } from '../support/server.js';
import { sendSigned } from '../support/clients-signer.js';
import { errorCode, sendRaw } from '../support/raw-http.js';

/**
 * Regressions for what `npm run fuzz` found (docs/security.md, "Fuzzing"): each answered 500.
 * - Query list members with an index not written plainly (`member.1e3`, `member.01`, beyond the
 *   safe integers) left a hole in the decoded list that a handler then tripped over.
 * - An anonymous, unsigned streaming upload (STREAMING-UNSIGNED-PAYLOAD-TRAILER, no signature)
 *   reached the code that derives a chunk-signing key.
 * Not a 5xx, but found there too: CONNECT had its connection closed with no answer.
 */
let server: TestServer;
let port: number;

suite('fuzzer findings stay fixed', () => {
  before(async () => {
    server = await startTestServer();
    port = Number(new URL(server.url).port);
  });
  after(async () => server.close());

  const iam = (form: Record<string, string>, method: 'GET' | 'POST' = 'POST') =>
    sendSigned(
      server.url,
      server.admin,
      method === 'POST' ? { form: { Version: '2010-05-08', ...form } } : { method: 'GET', query: { Version: '2010-05-08', ...form } },
    );

  test('list member indices not written plainly are ignored, never a 500', { timeout: 60_000 }, async () => {
    assert.equal(
      (
        await iam({
          Action: 'CreateRole',
          RoleName: 'fuzz-r1',
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: server.accountId }, Action: 'sts:AssumeRole' }],
          }),
        })
      ).status,
      200,
    );
    const cases: Record<string, string>[] = [
      { Action: 'UntagRole', RoleName: 'fuzz-r1', 'TagKeys.member.99999999999999999999': 'x' },
      { Action: 'UntagRole', RoleName: 'fuzz-r1', 'TagKeys.member.01': 'x' },
      { Action: 'UntagRole', RoleName: 'fuzz-r1', 'TagKeys.member.1.5': 'x' },
      { Action: 'GetContextKeysForCustomPolicy', 'PolicyInputList.member.1.5': '{' },
      { Action: 'SimulateCustomPolicy', 'PolicyInputList.member.1e3': '""', 'ActionNames.member.1': 's3:GetObject' },
      { Action: 'GetContextKeysForCustomPolicy', 'PolicyInputList.member.1e3': '""' },
      {
        Action: 'SimulatePrincipalPolicy',
        PolicySourceArn: `arn:aws:iam::${server.accountId}:role/fuzz-r1`,
        'ActionNames.member.99999999999999999999': 's3:GetObject',
      },
    ];
    for (const form of cases) {
      for (const method of ['POST', 'GET'] as const) {
        const reply = await iam(form, method);
        assert.ok(reply.status >= 400 && reply.status < 500, `${method} ${JSON.stringify(form)}: ${reply.status} ${reply.text}`);
      }
    }
  });

  test('an anonymous unsigned streaming upload is a 4xx, never a 500', { timeout: 60_000 }, async () => {
    const reply = await sendRaw(
      port,
      'PUT',
      '/any-bucket/k',
      { host: `127.0.0.1:${port}`, 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'content-length': '5' },
      '0\r\n\r\n',
    );
    assert.ok(reply.status >= 400 && reply.status < 500, `${reply.status} ${reply.body}`);
    assert.ok(errorCode(reply), reply.body);
  });

  test('CONNECT is answered 405, and the server keeps serving', { timeout: 30_000 }, async () => {
    const head = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n'));
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(head, /^HTTP\/1\.1 405 /);
    const health = await fetch(`${server.url}/_keysmith/health`);
    assert.equal(health.status, 200);
  });
});
