import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/server.js';
import { clientEnv, describe, runProcess } from '../support/clients-process.js';
import { terraformWorkspace } from '../support/clients-terraform.js';
import { docSnippet } from '../support/clients-docs.js';
import { repoRoot } from '../support/paths.js';

/**
 * docs/clients.md as written: every snippet marked `<!-- snippet: … -->` (AWS CLI, boto3, AWS SDK
 * v3 for JavaScript, Terraform) runs against one keysmith, with the documented URL and data folder
 * swapped for the test server's (test/support/clients-docs.ts). A snippet that stops working fails
 * here. The clients' own suites are cli-iam, boto3-iam and terraform-iam in this folder, and
 * test/conformance/sdk-iam.test.ts.
 */

let server: TestServer;

suite('docs/clients.md snippets', () => {
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  test('the docs/clients.md CLI snippets work as written', async () => {
    const first = await runProcess('bash', ['-euo', 'pipefail', '-c', docSnippet('cli', server)], { env: clientEnv() });
    assert.equal(first.code, 0, describe(first));
    assert.match(first.stdout, new RegExp(`"Arn": "arn:aws:iam::${server.accountId}:user/admin"`));
    assert.match(first.stdout, /"UserName": "alice"/);
    const second = await runProcess('bash', ['-euo', 'pipefail', '-c', docSnippet('cli-env', server)], { env: clientEnv() });
    assert.equal(second.code, 0, describe(second));
    assert.match(second.stdout, new RegExp(`"Arn": "arn:aws:iam::${server.accountId}:user/admin"`));
    assert.match(second.stdout, /"UserName": "alice"/);
  });

  test('the docs/clients.md boto3 snippet works as written', async () => {
    const result = await runProcess('python3', ['-c', docSnippet('boto3', server)], { env: clientEnv({ PYTHONDONTWRITEBYTECODE: '1' }) });
    assert.equal(result.code, 0, describe(result));
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines[0], `arn:aws:iam::${server.accountId}:user/admin`);
    assert.equal(lines[1], 'already there: User with name bob already exists.');
    assert.match(lines.slice(2).join('\n'), /'bob'/);
  });

  test('the docs/clients.md SDK v3 snippet works as written', async () => {
    const env = clientEnv({ AWS_SHARED_CREDENTIALS_FILE: `${server.dataDir}/credentials` });
    const result = await runProcess(process.execPath, ['--input-type=module', '-e', docSnippet('sdk', server)], { env, cwd: repoRoot });
    assert.equal(result.code, 0, describe(result));
    assert.deepEqual(result.stdout.trim().split('\n'), [`arn:aws:iam::${server.accountId}:user/admin`, "{ Service: 'ec2.amazonaws.com' }"]);
  });

  test('the docs/clients.md provider block works as written (credentials from the data folder)', async () => {
    const ws = terraformWorkspace({ 'main.tf': docSnippet('terraform', server) });
    try {
      const init = await ws.run(['init', '-input=false', '-no-color']);
      assert.equal(init.code, 0, describe(init));
      const apply = await ws.run(['apply', '-auto-approve', '-input=false', '-no-color']);
      assert.equal(apply.code, 0, describe(apply));
      const output = await ws.run(['output', '-raw', '-no-color', 'caller']);
      assert.equal(output.code, 0, describe(output));
      assert.equal(output.stdout.trim(), `arn:aws:iam::${server.accountId}:user/admin`);
    } finally {
      ws.cleanup();
    }
  });

  // README.md's snippets, as written; a check is appended where the snippet itself prints nothing.
  const credentialsEnv = () => clientEnv({ AWS_SHARED_CREDENTIALS_FILE: `${server.dataDir}/credentials`, AWS_DEFAULT_REGION: 'us-east-1' });

  test('the README quick-start CLI snippet works as written', async () => {
    // A server of its own: the snippet creates alice, as the docs/clients.md CLI snippet does.
    const fresh = await startTestServer();
    try {
      const result = await runProcess('bash', ['-euo', 'pipefail', '-c', docSnippet('readme-cli', fresh, 'README.md')], {
        env: clientEnv(),
      });
      assert.equal(result.code, 0, describe(result));
      assert.match(result.stdout, new RegExp(`"Arn": "arn:aws:iam::${fresh.accountId}:user/admin"`));
      assert.match(result.stdout, /"UserName": "alice"/);
    } finally {
      await fresh.close();
    }
  });

  test('the README boto3 snippet works as written', async () => {
    const code = `${docSnippet('readme-boto3', server, 'README.md')}\nprint(sts.get_caller_identity()["Arn"])\nprint(len(iam.list_users()["Users"]) > 0)\n`;
    const result = await runProcess('python3', ['-c', code], { env: credentialsEnv() });
    assert.equal(result.code, 0, describe(result));
    assert.deepEqual(result.stdout.trim().split('\n'), [`arn:aws:iam::${server.accountId}:user/admin`, 'True']);
  });

  test('the README SDK v3 snippet works as written', async () => {
    const code = `${docSnippet('readme-sdk', server, 'README.md')}\nconsole.log('listed');\n`;
    const result = await runProcess(process.execPath, ['--input-type=module', '-e', code], { env: credentialsEnv(), cwd: repoRoot });
    assert.equal(result.code, 0, describe(result));
    assert.equal(result.stdout.trim(), 'listed');
  });

  test('the README Terraform provider block works as written', async () => {
    const main = `${docSnippet('readme-terraform', server, 'README.md')}\ndata "aws_caller_identity" "current" {}\noutput "caller" {\n  value = data.aws_caller_identity.current.arn\n}\n`;
    const ws = terraformWorkspace({ 'main.tf': main }, server.admin);
    try {
      const init = await ws.run(['init', '-input=false', '-no-color']);
      assert.equal(init.code, 0, describe(init));
      const apply = await ws.run(['apply', '-auto-approve', '-input=false', '-no-color']);
      assert.equal(apply.code, 0, describe(apply));
      const output = await ws.run(['output', '-raw', '-no-color', 'caller']);
      assert.equal(output.stdout.trim(), `arn:aws:iam::${server.accountId}:user/admin`);
    } finally {
      ws.cleanup();
    }
  });
});
