import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import { startTestServer, type TestServer } from '../support/server.js';
import { clientEnv, credentialEnv, describe, runProcess } from '../support/clients-process.js';
import { iamClient, type Credentials } from '../support/sdk-clients.js';
import { allow, createRole, createUser, policyDoc, trustDoc } from '../support/sts-helpers.js';
import { repoRoot } from '../support/paths.js';
import { createAccount } from '../../src/services/accounts/create-account.js';
import { nodeRandom } from '../../src/platform/node-random.js';

/**
 * The seed documents' boto3 example (../shared/seeds/, "Switching to an IAM role (AWS API)"),
 * copied verbatim into test/fixtures/s3/seed_assume_role_list_buckets.py: AssumeRole with the
 * credentials found in the environment, then `boto3.resource('s3', …)` with the temporary
 * credentials and `for bucket in s3_resource.buckets.all(): print(bucket.name)`.
 *
 * Two things are filled in, nothing else changes: the placeholder account in the role ARN
 * ("account-of-role-to-assume" → the role's account; the role is really named "name-of-role"),
 * and the endpoint, which the script never names — boto3 ≥ 1.28 (botocore ≥ 1.31) reads
 * AWS_ENDPOINT_URL from the environment for every client, so both `boto3.client('sts')` and
 * `boto3.resource('s3')` talk to keysmith.
 *
 * The caller is a user of another account (the cross-account case the seed describes); both
 * accounts own buckets, and the script must print exactly the role account's.
 */

const ROLE_ACCOUNT = '123456789012';
const CALLER_ACCOUNT = '210987654321';
const ROLE_BUCKETS = ['seed-role-account-logs', 'seed-role-account-photos'];
const CALLER_BUCKETS = ['seed-caller-account-private'];

let server: TestServer;
let work: string;
let caller: Credentials;
let callerAdmin: Credentials;

/** A SigV4-signed S3 request made with the SDK's own signer (path style, as on 127.0.0.1). */
async function s3Request(creds: Credentials, method: string, path: string, body = ''): Promise<Response> {
  const url = new URL(path, server.url);
  const signer = new SignatureV4({ credentials: creds, region: 'us-east-1', service: 's3', sha256: Sha256, uriEscapePath: false });
  const headers: Record<string, string> = { host: url.host, 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') };
  const signed = await signer.sign({
    method,
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: {},
    headers,
    body,
  });
  const { host: _host, ...sent } = signed.headers;
  return fetch(url, { method, headers: sent, body: body === '' ? undefined : body });
}

function bytes(data: Uint8Array | ArrayBuffer | ArrayBufferView): Buffer {
  return data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** The SDK signer's hash interface over node:crypto (HMAC when given a secret). */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', typeof secret === 'string' ? secret : bytes(secret));
  }
  update(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(typeof data === 'string' ? data : bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

suite("seed: boto3 AssumeRole, then list the role account's S3 buckets", () => {
  before(async () => {
    server = await startTestServer();
    work = mkdtempSync(join(tmpdir(), 'keysmith-s3-seed-'));
    const other = await createAccount(server.keysmith.app.store, server.keysmith.app.secrets, nodeRandom, {
      accountId: CALLER_ACCOUNT,
      now: Date.now(),
    });

    // The caller: an IAM user of the other account, allowed to assume the role.
    const roleArn = `arn:aws:iam::${ROLE_ACCOUNT}:role/name-of-role`;
    const user = await createUser(iamClient(server.url, other.admin), 'seed-caller', policyDoc(allow('sts:AssumeRole', roleArn)));
    caller = user.creds;
    // The role: trusts that user, and may list buckets.
    await createRole(iamClient(server.url, server.admin), 'name-of-role', trustDoc(user.arn), {
      policy: policyDoc(allow('s3:ListAllMyBuckets')),
    });

    for (const name of ROLE_BUCKETS) assert.equal((await s3Request(server.admin, 'PUT', `/${name}`)).status, 200);
    callerAdmin = other.admin;
    for (const name of CALLER_BUCKETS) assert.equal((await s3Request(other.admin, 'PUT', `/${name}`)).status, 200);
  });
  after(async () => {
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('the script, as written, prints exactly the buckets of the account that owns the role', async () => {
    const seed = readFileSync(join(repoRoot, 'test/fixtures/s3/seed_assume_role_list_buckets.py'), 'utf8');
    assert.equal(seed.split('account-of-role-to-assume').length, 2, 'the fixture holds the seed placeholder exactly once');
    const script = join(work, 'seed.py');
    writeFileSync(script, seed.replace('account-of-role-to-assume', ROLE_ACCOUNT));

    const env = clientEnv({ ...credentialEnv(caller), AWS_ENDPOINT_URL: server.url, PYTHONDONTWRITEBYTECODE: '1' });
    const result = await runProcess('python3', [script], { env, timeoutMs: 45_000 });
    assert.equal(result.code, 0, describe(result));
    assert.deepEqual(result.stdout.trim().split('\n'), ROLE_BUCKETS);
  });

  test("without the role, the caller has no s3:ListAllMyBuckets; its account admin lists only its own account's buckets", async () => {
    const script = join(work, 'own.py');
    writeFileSync(script, 'import boto3\nfor bucket in boto3.resource("s3").buckets.all():\n    print(bucket.name)\n');
    const run = (creds: Credentials) =>
      runProcess('python3', [script], {
        env: clientEnv({ ...credentialEnv(creds), AWS_ENDPOINT_URL: server.url, PYTHONDONTWRITEBYTECODE: '1' }),
        timeoutMs: 45_000,
      });
    const denied = await run(caller);
    assert.notEqual(denied.code, 0);
    assert.match(denied.stderr, /An error occurred \(AccessDenied\) when calling the ListBuckets operation: Access Denied/);
    const own = await run(callerAdmin);
    assert.equal(own.code, 0, describe(own));
    assert.deepEqual(own.stdout.trim().split('\n'), CALLER_BUCKETS);
  });
});
