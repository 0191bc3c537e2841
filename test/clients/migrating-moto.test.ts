import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from '../support/node-test.js';
import { clientEnv, runProcess } from '../support/clients-process.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { repoRoot } from '../support/paths.js';
import { startMotoChild } from '../../bench/lib/moto-child.js';

/**
 * docs/migrating.md's promise, kept: a boto3 suite written for moto's server mode
 * (test/fixtures/python/moto_server_suite.py: test/test keys, AWS_ENDPOINT_URL, POST
 * /moto-api/reset between tests) passes against moto and, with only environment variables
 * changed, against keysmith started with the settings the page gives.
 */
const SUITE = join(repoRoot, 'test', 'fixtures', 'python', 'moto_server_suite.py');
const MOTO_HABITS = {
  KEYSMITH_ADMIN_ACCESS_KEY_ID: 'test',
  KEYSMITH_ADMIN_SECRET_ACCESS_KEY: 'test',
  KEYSMITH_ACCOUNT_ID: '123456789012',
  KEYSMITH_ENABLE_RESET: 'true',
};

function runSuite(endpoint: string) {
  return runProcess('python3', [SUITE], {
    env: clientEnv({
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
    }),
    timeoutMs: 120_000,
  });
}

describe('a boto3 suite written for moto runs against keysmith with only the environment changed', () => {
  let keysmith: TestServer;
  before(async () => {
    keysmith = await startTestServer(MOTO_HABITS);
  });
  after(() => keysmith.close());

  test('the suite passes against moto (it is a real moto suite)', async () => {
    const moto = await startMotoChild();
    try {
      const result = await runSuite(`http://${moto.host}:${moto.port}`);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /Ran 3 tests[\s\S]*OK/);
    } finally {
      await moto.stop();
    }
  });

  test('the same suite passes against keysmith', async () => {
    const result = await runSuite(keysmith.url);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Ran 3 tests[\s\S]*OK/);
  });
});
