import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../support/server.js';
import { clientEnv, credentialEnv, describe, type ProcessResult, runProcess } from '../support/clients-process.js';
import { parseCliError } from '../support/clients-aws-cli.js';
import { iamClient, stsClient, type Credentials } from '../support/sdk-clients.js';
import { allow, assume, createRole, createUser, OffsetClock, policyDoc, trustDoc } from '../support/sts-helpers.js';
import { createAccount } from '../../src/services/accounts/create-account.js';
import { nodeRandom } from '../../src/platform/node-random.js';

/**
 * S3 through the real AWS CLI (v1) with nothing but --endpoint-url, using a role session's
 * temporary credentials (AssumeRole first): the high-level `aws s3` flows (mb, cp, ls, sync, rm,
 * presign), a multipart round trip, `aws s3api` for tagging, policies, copies, batch deletes and
 * pagination, then who may do what: bucket policies across accounts, explicit denies, session
 * policies. Wire details (chunked uploads, condition keys, SigV4 presigned URLs) are in
 * s3-wire.test.ts.
 */

const A = '123456789012';
const B = '210987654321';
const ROLE_ARN = `arn:aws:iam::${A}:role/s3-worker`;

let server: TestServer;
let work: string;
let session: Credentials;
let bob: Credentials;
let carol: Credentials;
let otherAdmin: Credentials;
let alice: Credentials;
const clock = new OffsetClock();

interface Cli extends ProcessResult {
  json: any;
}

/** The AWS CLI with these credentials (a session token too, when they have one). */
async function aws(args: string[], creds: Credentials = session, region = 'us-east-1'): Promise<Cli> {
  const env = clientEnv({ ...credentialEnv(creds, region), ...(creds.sessionToken ? { AWS_SESSION_TOKEN: creds.sessionToken } : {}) });
  const result = await runProcess('aws', ['--endpoint-url', server.url, ...args], { env, cwd: work, timeoutMs: 60_000 });
  let json: unknown;
  if (result.code === 0 && args[0] === 's3api' && result.stdout.trim().startsWith('{')) json = JSON.parse(result.stdout);
  return { ...result, json };
}

function ok(result: Cli): Cli {
  assert.equal(result.code, 0, describe(result));
  return result;
}

/** A service error: the code and operation from the CLI's error line. */
function failed(result: Cli, code: string, operation: string): string {
  assert.notEqual(result.code, 0, describe(result));
  const error = parseCliError(result.stderr);
  assert.ok(error, `no AWS error line in stderr:\n${result.stderr}`);
  assert.equal(error.code, code, result.stderr);
  assert.equal(error.operation, operation, result.stderr);
  return error.message;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const md5 = (data: Buffer) => createHash('md5').update(data).digest();

suite('AWS CLI: S3 with a role session', () => {
  before(async () => {
    server = await startTestServer({}, { clock });
    work = mkdtempSync(join(tmpdir(), 'keysmith-s3-cli-'));
    const iam = iamClient(server.url, server.admin);
    const user = await createUser(iam, 'alice', policyDoc(allow('sts:AssumeRole', ROLE_ARN)));
    alice = user.creds;
    await createRole(iam, 's3-worker', trustDoc(user.arn), { policy: policyDoc(allow('s3:*')) });
    session = (await assume(stsClient(server.url, alice), { RoleArn: ROLE_ARN, RoleSessionName: 'cli' })).creds;

    const other = await createAccount(server.keysmith.app.store, server.keysmith.app.secrets, nodeRandom, {
      accountId: B,
      now: Date.now(),
    });
    otherAdmin = other.admin;
    const otherIam = iamClient(server.url, other.admin);
    bob = (
      await createUser(
        otherIam,
        'bob',
        policyDoc(allow(['s3:GetObject', 's3:ListBucket', 's3:PutObject'], ['arn:aws:s3:::cli-shared', 'arn:aws:s3:::cli-shared/*'])),
      )
    ).creds;
    carol = (await createUser(otherIam, 'carol')).creds;
  });
  after(async () => {
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('mb, cp, ls, presign and rm', async () => {
    assert.match(ok(await aws(['s3', 'mb', 's3://cli-flow'])).stdout, /make_bucket: cli-flow/);
    assert.match(ok(await aws(['s3', 'ls'])).stdout, /^\S+ \S+ cli-flow$/m);
    writeFileSync(join(work, 'hello.txt'), 'hello, world');
    ok(await aws(['s3', 'cp', 'hello.txt', 's3://cli-flow/docs/hello.txt', '--no-progress']));
    assert.match(ok(await aws(['s3', 'ls', 's3://cli-flow/'])).stdout, /^\s+PRE docs\/$/m);
    assert.match(ok(await aws(['s3', 'ls', 's3://cli-flow/docs/'])).stdout, /^\S+ \S+\s+12 hello\.txt$/m);
    assert.equal(ok(await aws(['s3', 'cp', 's3://cli-flow/docs/hello.txt', '-'])).stdout, 'hello, world');

    // `aws s3 presign` writes a legacy (SigV2) query-string URL; the session token rides along.
    const url = ok(await aws(['s3', 'presign', 's3://cli-flow/docs/hello.txt', '--expires-in', '60'])).stdout.trim();
    assert.match(url, /[?&]AWSAccessKeyId=ASIA/);
    assert.match(url, /[?&]x-amz-security-token=/);
    const fetched = await fetch(url);
    assert.equal(fetched.status, 200);
    assert.equal(await fetched.text(), 'hello, world');
    const tampered = await fetch(url.replace('hello.txt', 'hello.txt2'));
    assert.equal(tampered.status, 403);
    assert.match(await tampered.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    clock.advance(61_000);
    try {
      const expired = await fetch(url);
      assert.equal(expired.status, 403);
      const body = await expired.text();
      assert.match(body, /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
    } finally {
      clock.reset();
    }

    assert.match(ok(await aws(['s3', 'rm', 's3://cli-flow/docs/hello.txt'])).stdout, /delete: s3:\/\/cli-flow\/docs\/hello\.txt/);
    const empty = await aws(['s3', 'ls', 's3://cli-flow/docs/']);
    assert.deepEqual([empty.code, empty.stdout], [1, ''], 'aws s3 ls exits 1 when nothing matches');
  });

  test('a region other than us-east-1: the bucket lives there, and creating it twice is BucketAlreadyOwnedByYou', async () => {
    ok(await aws(['s3', 'mb', 's3://cli-eu'], session, 'eu-west-1'));
    assert.deepEqual(ok(await aws(['s3api', 'get-bucket-location', '--bucket', 'cli-eu'], session, 'eu-west-1')).json, {
      LocationConstraint: 'eu-west-1',
    });
    failed(
      await aws(
        ['s3api', 'create-bucket', '--bucket', 'cli-eu', '--create-bucket-configuration', 'LocationConstraint=eu-west-1'],
        session,
        'eu-west-1',
      ),
      'BucketAlreadyOwnedByYou',
      'CreateBucket',
    );
    // Another account cannot have the name either: bucket names are global.
    failed(await aws(['s3api', 'create-bucket', '--bucket', 'cli-eu'], otherAdmin), 'BucketAlreadyExists', 'CreateBucket');
    failed(await aws(['s3api', 'create-bucket', '--bucket', 'Not_Valid'], session), 'InvalidBucketName', 'CreateBucket');
    ok(await aws(['s3', 'rb', 's3://cli-eu'], session, 'eu-west-1'));
  });

  test('a 20 MB file goes up as a multipart upload (ETag md5-of-md5s-3) and comes back byte for byte', async () => {
    const data = randomBytes(20 * 1024 * 1024);
    writeFileSync(join(work, 'big.bin'), data);
    ok(await aws(['s3', 'cp', 'big.bin', 's3://cli-flow/big/big.bin', '--no-progress']));
    const head = ok(await aws(['s3api', 'head-object', '--bucket', 'cli-flow', '--key', 'big/big.bin'])).json;
    assert.equal(head.ContentLength, data.length);
    // The CLI cuts 8 MiB parts: 8 + 8 + 4.
    const part = 8 * 1024 * 1024;
    const parts = [data.subarray(0, part), data.subarray(part, 2 * part), data.subarray(2 * part)];
    const expected = createHash('md5')
      .update(Buffer.concat(parts.map(md5)))
      .digest('hex');
    assert.equal(head.ETag, `"${expected}-3"`);
    ok(await aws(['s3', 'cp', 's3://cli-flow/big/big.bin', 'big.copy', '--no-progress']));
    assert.equal(sha256(readFileSync(join(work, 'big.copy'))), sha256(data));
    const uploads = ok(await aws(['s3api', 'list-multipart-uploads', '--bucket', 'cli-flow'])).json;
    assert.equal(uploads?.Uploads, undefined, 'the completed upload is gone');
  });

  test('sync up, sync again (nothing to do), change one file, sync down', async () => {
    const src = join(work, 'tree');
    mkdirSync(join(src, 'a b', 'c+d'), { recursive: true });
    const files: Record<string, string> = {
      'top.txt': 'top',
      'a b/one.txt': 'one',
      'a b/c+d/two %.txt': 'two',
      'a b/c+d/ünï.txt': 'unicode',
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(src, name), content);
    const up = ok(await aws(['s3', 'sync', 'tree', 's3://cli-flow/tree/', '--no-progress'])).stdout;
    assert.equal(up.match(/^upload: /gm)?.length, 4, up);
    assert.equal(ok(await aws(['s3', 'sync', 'tree', 's3://cli-flow/tree/', '--no-progress'])).stdout, '');
    writeFileSync(join(src, 'top.txt'), 'top, changed');
    const again = ok(await aws(['s3', 'sync', 'tree', 's3://cli-flow/tree/', '--no-progress'])).stdout;
    assert.match(again, /^upload: tree\/top\.txt to s3:\/\/cli-flow\/tree\/top\.txt$/m);
    assert.equal(again.match(/^upload: /gm)?.length, 1, again);
    ok(await aws(['s3', 'sync', 's3://cli-flow/tree/', 'down', '--no-progress']));
    for (const [name, content] of Object.entries({ ...files, 'top.txt': 'top, changed' })) {
      assert.equal(readFileSync(join(work, 'down', name), 'utf8'), content, name);
    }
    const removed = ok(await aws(['s3', 'rm', 's3://cli-flow/tree/', '--recursive'])).stdout;
    assert.equal(removed.match(/^delete: /gm)?.length, 4, removed);
    const empty = await aws(['s3', 'ls', 's3://cli-flow/tree/', '--recursive']);
    assert.deepEqual([empty.code, empty.stdout], [1, ''], 'aws s3 ls exits 1 when nothing matches');
  });

  test('s3api: object and bucket tagging, copy-object, delete-objects, list-objects-v2 pages', async () => {
    const b = 'cli-flow';
    writeFileSync(join(work, 'x.txt'), 'x');
    // Independent CLI runs go in parallel: each costs a Python start.
    const puts = await Promise.all(
      ['list/a', 'list/b', 'list/c', 'list/d/1', 'list/d/2', 'list/e'].map((key) =>
        aws(['s3api', 'put-object', '--bucket', b, '--key', key, '--body', 'x.txt']),
      ),
    );
    puts.forEach(ok);
    const page1 = ok(
      await aws(['s3api', 'list-objects-v2', '--bucket', b, '--prefix', 'list/', '--delimiter', '/', '--max-keys', '3', '--no-paginate']),
    ).json;
    assert.deepEqual(
      page1.Contents.map((o: any) => o.Key),
      ['list/a', 'list/b', 'list/c'],
    );
    assert.equal(page1.IsTruncated, true);
    assert.equal(page1.KeyCount, 3);
    const page2 = ok(
      await aws([
        's3api',
        'list-objects-v2',
        '--bucket',
        b,
        '--prefix',
        'list/',
        '--delimiter',
        '/',
        '--max-keys',
        '3',
        '--no-paginate',
        '--continuation-token',
        page1.NextContinuationToken,
      ]),
    ).json;
    assert.deepEqual(
      page2.Contents.map((o: any) => o.Key),
      ['list/e'],
    );
    assert.deepEqual(page2.CommonPrefixes, [{ Prefix: 'list/d/' }]);
    assert.equal(page2.IsTruncated, false);
    // The CLI's own paginator, two keys a page, sees every key once.
    const all = ok(await aws(['s3api', 'list-objects-v2', '--bucket', b, '--prefix', 'list/', '--page-size', '2'])).json;
    assert.deepEqual(
      all.Contents.map((o: any) => o.Key),
      ['list/a', 'list/b', 'list/c', 'list/d/1', 'list/d/2', 'list/e'],
    );

    const [objectTags, noBucketTags] = await Promise.all([
      aws([
        's3api',
        'put-object-tagging',
        '--bucket',
        b,
        '--key',
        'list/a',
        '--tagging',
        'TagSet=[{Key=team,Value=blue},{Key=tier,Value=1}]',
      ]),
      aws(['s3api', 'get-bucket-tagging', '--bucket', b]),
    ]);
    ok(objectTags);
    failed(noBucketTags, 'NoSuchTagSet', 'GetBucketTagging');
    assert.deepEqual(ok(await aws(['s3api', 'get-object-tagging', '--bucket', b, '--key', 'list/a'])).json.TagSet, [
      { Key: 'team', Value: 'blue' },
      { Key: 'tier', Value: '1' },
    ]);
    ok(await aws(['s3api', 'put-bucket-tagging', '--bucket', b, '--tagging', 'TagSet=[{Key=cost-center,Value=42}]']));
    assert.deepEqual(ok(await aws(['s3api', 'get-bucket-tagging', '--bucket', b])).json.TagSet, [{ Key: 'cost-center', Value: '42' }]);
    ok(await aws(['s3api', 'delete-bucket-tagging', '--bucket', b]));
    failed(await aws(['s3api', 'get-bucket-tagging', '--bucket', b]), 'NoSuchTagSet', 'GetBucketTagging');

    const copied = ok(await aws(['s3api', 'copy-object', '--bucket', b, '--key', 'copies/a', '--copy-source', `${b}/list/a`])).json;
    assert.equal(copied.CopyObjectResult.ETag, `"${md5(Buffer.from('x')).toString('hex')}"`);
    assert.deepEqual(
      ok(await aws(['s3api', 'get-object-tagging', '--bucket', b, '--key', 'copies/a'])).json.TagSet.length,
      2,
      'tags copied',
    );
    ok(
      await aws([
        's3api',
        'copy-object',
        '--bucket',
        b,
        '--key',
        'copies/b',
        '--copy-source',
        `${b}/list/a`,
        '--metadata-directive',
        'REPLACE',
        '--content-type',
        'text/x-copied',
        '--metadata',
        'origin=list-a',
      ]),
    );
    const head = ok(await aws(['s3api', 'head-object', '--bucket', b, '--key', 'copies/b'])).json;
    assert.equal(head.ContentType, 'text/x-copied');
    assert.deepEqual(head.Metadata, { origin: 'list-a' });
    failed(
      await aws(['s3api', 'copy-object', '--bucket', b, '--key', 'list/a', '--copy-source', `${b}/list/a`]),
      'InvalidRequest',
      'CopyObject',
    );

    const deleted = ok(
      await aws(['s3api', 'delete-objects', '--bucket', b, '--delete', 'Objects=[{Key=copies/a},{Key=copies/b},{Key=never/existed}]']),
    ).json;
    assert.deepEqual(deleted.Deleted.map((d: any) => d.Key).sort(), ['copies/a', 'copies/b', 'never/existed']);
    failed(await aws(['s3api', 'head-object', '--bucket', b, '--key', 'copies/a']), '404', 'HeadObject');
  });

  test('bucket policy: another account is granted one prefix, and needs its own identity policy too', async () => {
    ok(await aws(['s3', 'mb', 's3://cli-shared']));
    writeFileSync(join(work, 'doc.txt'), 'shared doc');
    ok(await aws(['s3', 'cp', 'doc.txt', 's3://cli-shared/shared/doc.txt', '--no-progress']));
    ok(await aws(['s3', 'cp', 'doc.txt', 's3://cli-shared/private/doc.txt', '--no-progress']));
    // Before any bucket policy, bob's own policy is not enough: the bucket is another account's.
    failed(
      await aws(['s3api', 'get-object', '--bucket', 'cli-shared', '--key', 'shared/doc.txt', 'out.txt'], bob),
      'AccessDenied',
      'GetObject',
    );

    const badPolicy = policyDoc({
      Effect: 'Allow',
      Principal: { AWS: B },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::some-other-bucket/*',
    });
    assert.equal(
      failed(
        await aws(['s3api', 'put-bucket-policy', '--bucket', 'cli-shared', '--policy', badPolicy]),
        'MalformedPolicy',
        'PutBucketPolicy',
      ),
      'Policy has invalid resource',
    );
    const policy = policyDoc(
      {
        Sid: 'ShareWithB',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${B}:root` },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::cli-shared/shared/*',
      },
      {
        Sid: 'NoDeletesBySessions',
        Effect: 'Deny',
        Principal: { AWS: ROLE_ARN },
        Action: 's3:DeleteObject',
        Resource: 'arn:aws:s3:::cli-shared/*',
      },
    );
    ok(await aws(['s3api', 'put-bucket-policy', '--bucket', 'cli-shared', '--policy', policy]));
    assert.deepEqual(JSON.parse(ok(await aws(['s3api', 'get-bucket-policy', '--bucket', 'cli-shared'])).json.Policy), JSON.parse(policy));

    const [granted, otherPrefix, list, noIdentity, readPolicy, sessionDelete] = await Promise.all([
      aws(['s3api', 'get-object', '--bucket', 'cli-shared', '--key', 'shared/doc.txt', 'from-bob.txt'], bob),
      aws(['s3api', 'get-object', '--bucket', 'cli-shared', '--key', 'private/doc.txt', 'out1.txt'], bob),
      aws(['s3api', 'list-objects-v2', '--bucket', 'cli-shared'], bob),
      // carol's account is named by the policy, but carol herself has no identity policy.
      aws(['s3api', 'get-object', '--bucket', 'cli-shared', '--key', 'shared/doc.txt', 'out2.txt'], carol),
      aws(['s3api', 'get-bucket-policy', '--bucket', 'cli-shared'], bob),
      // The explicit deny for role sessions wins over the role's s3:*.
      aws(['s3api', 'delete-object', '--bucket', 'cli-shared', '--key', 'shared/doc.txt']),
    ]);
    ok(granted);
    assert.equal(readFileSync(join(work, 'from-bob.txt'), 'utf8'), 'shared doc');
    failed(otherPrefix, 'AccessDenied', 'GetObject');
    failed(list, 'AccessDenied', 'ListObjectsV2');
    failed(noIdentity, 'AccessDenied', 'GetObject');
    failed(readPolicy, 'AccessDenied', 'GetBucketPolicy');
    failed(sessionDelete, 'AccessDenied', 'DeleteObject');
    ok(await aws(['s3api', 'delete-bucket-policy', '--bucket', 'cli-shared']));
    ok(await aws(['s3api', 'delete-object', '--bucket', 'cli-shared', '--key', 'shared/doc.txt']));
    failed(await aws(['s3api', 'get-bucket-policy', '--bucket', 'cli-shared']), 'NoSuchBucketPolicy', 'GetBucketPolicy');
  });

  test('a session policy narrows the role session to reading one bucket', async () => {
    const narrow = (
      await assume(stsClient(server.url, alice), {
        RoleArn: ROLE_ARN,
        RoleSessionName: 'read-only',
        Policy: policyDoc(allow(['s3:GetObject', 's3:ListBucket'], ['arn:aws:s3:::cli-flow', 'arn:aws:s3:::cli-flow/*'])),
      })
    ).creds;
    writeFileSync(join(work, 'blocked.txt'), 'blocked');
    const [upload, listed, read, otherBucket, buckets, full] = await Promise.all([
      aws(['s3', 'cp', 'blocked.txt', 's3://cli-flow/blocked.txt', '--no-progress'], narrow),
      aws(['s3', 'ls', 's3://cli-flow/list/'], narrow),
      aws(['s3', 'cp', 's3://cli-flow/list/a', '-'], narrow),
      aws(['s3api', 'list-objects-v2', '--bucket', 'cli-shared'], narrow),
      aws(['s3api', 'list-buckets'], narrow),
      // The full session still may.
      aws(['s3api', 'list-objects-v2', '--bucket', 'cli-shared']),
    ]);
    assert.equal(upload.code, 1, describe(upload));
    assert.match(upload.stderr, /An error occurred \(AccessDenied\) when calling the PutObject operation: Access Denied/);
    assert.match(ok(listed).stdout, /\s1 a$/m);
    assert.equal(ok(read).stdout, 'x');
    failed(otherBucket, 'AccessDenied', 'ListObjectsV2');
    failed(buckets, 'AccessDenied', 'ListBuckets');
    ok(full);
  });
});
