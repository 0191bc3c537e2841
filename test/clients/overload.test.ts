import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../support/server.js';
import { clientEnv, credentialEnv, describe, runProcess } from '../support/clients-process.js';

/**
 * Overload at the listener (src/server/edge/pending-requests.ts): with more requests unanswered
 * than KEYSMITH_MAX_PENDING_REQUESTS, keysmith answers at once with AWS's throttling error — what
 * real clients see on the wire, over a real socket. The bound is 1 here so that a burst of
 * parallel calls is sure to cross it.
 */
suite('overload: requests past the pending bound are refused with Throttling / SlowDown', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ KEYSMITH_MAX_PENDING_REQUESTS: '1' });
  });
  after(async () => {
    await server?.close();
  });

  test(
    'SDK v3 (STS over HTTP): a refused call is Throttling, 400, "Rate exceeded", with a request id; the others are answered',
    { timeout: 60_000 },
    async () => {
      // Over the socket (the shared helpers answer in-process, where no listener bounds anything).
      const sts = new STSClient({ endpoint: server.url, region: 'us-east-1', credentials: server.admin, maxAttempts: 1 });
      let refused: STSServiceException[] = [];
      let answered = 0;
      for (let round = 0; round < 5 && refused.length === 0; round++) {
        const results = await Promise.allSettled(Array.from({ length: 48 }, () => sts.send(new GetCallerIdentityCommand({}))));
        answered += results.filter((r) => r.status === 'fulfilled').length;
        refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as STSServiceException] : []));
      }
      sts.destroy();
      assert.ok(answered > 0, 'some calls are answered');
      assert.ok(refused.length > 0, 'a burst of 48 past a bound of 1 has refusals');
      for (const error of refused) {
        assert.equal(error.name, 'Throttling', String(error));
        assert.equal(error.message, 'Rate exceeded');
        assert.equal(error.$metadata.httpStatusCode, 400);
        assert.equal(error.$fault, 'client');
        assert.match(error.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
      }
    },
  );

  test('the refusal is in the audit log with its error code, before authentication (no identity)', { timeout: 30_000 }, async () => {
    await server.keysmith.app.audit.flush?.();
    const events = readFileSync(join(server.dataDir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { errorCode?: string; errorMessage?: string; eventSource?: string; userIdentity?: object });
    const throttled = events.filter((e) => e.errorCode === 'Throttling');
    assert.ok(throttled.length > 0, 'refused requests are audited');
    assert.equal(throttled[0]!.errorMessage, 'Rate exceeded');
    // The credential scope named the service; nobody was authenticated.
    assert.equal(throttled[0]!.eventSource, 'sts.amazonaws.com');
    assert.deepEqual(throttled[0]!.userIdentity, { type: 'Unknown' });
  });

  test('boto3 (S3): a refused call is SlowDown, 503, "Please reduce your request rate."', { timeout: 120_000 }, async () => {
    const script = [
      'import boto3, json',
      'from botocore.config import Config',
      'from concurrent.futures import ThreadPoolExecutor',
      'from botocore.exceptions import ClientError',
      `s3 = boto3.client('s3', endpoint_url='${server.url}', config=Config(retries={'total_max_attempts': 1}, max_pool_connections=48))`,
      "s3.create_bucket(Bucket='busy')",
      "s3.put_object(Bucket='busy', Key='k', Body=b'x')",
      'def get(_):',
      '    try:',
      "        s3.get_object(Bucket='busy', Key='k')['Body'].read()",
      "        return ['ok', 200, '']",
      '    except ClientError as e:',
      "        return [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'], e.response['Error'].get('Message', '')]",
      'results = []',
      'for _ in range(5):',
      '    with ThreadPoolExecutor(48) as pool:',
      '        results += list(pool.map(get, range(96)))',
      "    if any(r[0] != 'ok' for r in results): break",
      'print(json.dumps(results))',
    ].join('\n');
    const result = await runProcess('python3', ['-c', script], {
      env: clientEnv({ ...credentialEnv(server.admin), PYTHONDONTWRITEBYTECODE: '1' }),
      timeoutMs: 100_000,
    });
    assert.equal(result.code, 0, describe(result));
    const results = JSON.parse(result.stdout) as Array<[string, number, string]>;
    const refused = results.filter(([code]) => code !== 'ok');
    assert.ok(
      results.some(([code]) => code === 'ok'),
      'some calls are answered',
    );
    assert.ok(refused.length > 0, 'a burst of 48 threads past a bound of 1 has refusals');
    for (const [code, status, message] of refused)
      assert.deepEqual([code, status, message], ['SlowDown', 503, 'Please reduce your request rate.']);
  });
});
