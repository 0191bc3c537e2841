import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { clientEnv, describe, runProcess } from '../support/clients-process.js';
import { docSnippet } from '../support/clients-docs.js';
import { repoRoot } from '../support/paths.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The seed's service-role example as docs/service-roles.md writes it, run as written (the
 * documented URL and data folder swapped for the test server's, `npx keysmith` for this checkout's
 * bin): a role EC2 may assume, allowed to read one bucket; an instance profile that holds it; a
 * program on "the instance" — the AWS CLI and boto3 under `keysmith run --as ec2`, with no
 * credentials of their own — that lists the bucket and reads an object.
 */
let server: TestServer;

suite('docs/service-roles.md: the seed’s EC2 instance role, end to end', () => {
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  test('the walk-through works as written', async () => {
    const script = docSnippet('seed-ec2', server, 'docs/service-roles.md').replaceAll(
      'npx keysmith',
      `${process.execPath} ${join(repoRoot, 'bin', 'keysmith.js')}`,
    );
    const result = await runProcess('bash', ['-euo', 'pipefail', '-c', script], {
      env: clientEnv({ PYTHONDONTWRITEBYTECODE: '1' }),
      timeoutMs: 120_000,
    });
    assert.equal(result.code, 0, describe(result));
    assert.match(result.stdout, new RegExp(`"Arn": "arn:aws:sts::${server.accountId}:assumed-role/report-reader/i-[0-9a-f]{17}"`));
    assert.match(result.stdout, /\bq4\.txt\n/);
    assert.match(result.stdout, /^q4: 42$/m);
  });

  test('inside the run the program has the role’s permissions and nothing else', async () => {
    const bin = join(repoRoot, 'bin', 'keysmith.js');
    const env = clientEnv({
      AWS_SHARED_CREDENTIALS_FILE: join(server.dataDir, 'credentials'),
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ENDPOINT_URL: server.url,
    });
    const roleArn = `arn:aws:iam::${server.accountId}:role/report-reader`;
    const listAll = await runProcess(process.execPath, [bin, 'run', '--role', roleArn, '--as', 'ec2', '--', 'aws', 's3', 'ls'], { env });
    assert.notEqual(listAll.code, 0, describe(listAll));
    assert.match(listAll.stderr, /AccessDenied/);
    const iam = await runProcess(process.execPath, [bin, 'run', '--role', roleArn, '--as', 'ec2', '--', 'aws', 'iam', 'list-users'], {
      env,
    });
    assert.equal(iam.code, 255, describe(iam));
    assert.match(iam.stderr, /AccessDenied.*assumed-role\/report-reader\/i-/);
  });
});
