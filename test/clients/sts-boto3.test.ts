import { after, before, describe as suite, it as test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { IAMClient } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { clientEnv, credentialEnv, describe, runProcess } from '../support/clients-process.js';
import { repoRoot } from '../support/paths.js';
import { allow, createRole, createUser, policyDoc, trustDoc, type TestUser } from '../support/sts-helpers.js';

/**
 * STS through boto3 (botocore parses blobs, timestamps and errors its own way): AssumeRole as the
 * seed's boto3 snippet does it (the SDK v3 suite is test/conformance/sts-assume-role.test.ts), and
 * the other operations (test/conformance/sts-other-*.test.ts): a virtual MFA device made and
 * enabled with pyotp-free TOTP in Python, GetSessionToken with MFA, GetFederationToken,
 * GetAccessKeyInfo and DecodeAuthorizationMessage's modeled error.
 */
const ACCOUNT = '123456789012';
const INVALID_TOKEN = 'The security token included in the request is invalid.';
const CHAIN_LIMIT = 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.';

const PROGRAM = String.raw`
import base64, hashlib, hmac, json, struct, sys, time
import boto3
from botocore.exceptions import ClientError

url, key_id, secret = sys.argv[1], sys.argv[2], sys.argv[3]
kw = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id=key_id, aws_secret_access_key=secret)
iam, sts = boto3.client("iam", **kw), boto3.client("sts", **kw)
out = {}

def totp(seed, step):
    mac = hmac.new(base64.b32decode(seed), struct.pack(">Q", step), hashlib.sha1).digest()
    o = mac[-1] & 15
    return "%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7fffffff) % 1000000)

iam.create_user(UserName="py")
iam.put_user_policy(UserName="py", PolicyName="p", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["sts:GetFederationToken", "sts:GetAccessKeyInfo", "sts:DecodeAuthorizationMessage"], "Resource": "*"}]}))
key = iam.create_access_key(UserName="py")["AccessKey"]
user_sts = boto3.client("sts", endpoint_url=url, region_name="us-east-1", aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])

device = iam.create_virtual_mfa_device(VirtualMFADeviceName="py-phone")["VirtualMFADevice"]
seed = device["Base32StringSeed"]
out["seed_type"] = type(seed).__name__
out["seed_len"] = len(seed)
step = int(time.time()) // 30
iam.enable_mfa_device(UserName="py", SerialNumber=device["SerialNumber"], AuthenticationCode1=totp(seed, step - 1), AuthenticationCode2=totp(seed, step))
listed = iam.list_mfa_devices(UserName="py")["MFADevices"]
out["listed"] = [d["SerialNumber"] for d in listed]
out["enable_date_tz"] = listed[0]["EnableDate"].tzinfo is not None

creds = user_sts.get_session_token(SerialNumber=device["SerialNumber"], TokenCode=totp(seed, step + 1), DurationSeconds=900)["Credentials"]
out["session_key"] = creds["AccessKeyId"][:4]
session = boto3.client("sts", endpoint_url=url, region_name="us-east-1", aws_access_key_id=creds["AccessKeyId"],
                       aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])
out["session_arn"] = session.get_caller_identity()["Arn"]
try:
    user_sts.get_session_token(SerialNumber=device["SerialNumber"], TokenCode=totp(seed, step + 1))
except ClientError as e:
    out["replay"] = [e.response["Error"]["Code"], e.response["Error"]["Message"], e.response["ResponseMetadata"]["HTTPStatusCode"]]

fed = user_sts.get_federation_token(Name="pyfed", Policy=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
out["fed_user"] = fed["FederatedUser"]
out["fed_packed"] = fed["PackedPolicySize"]
out["key_account"] = user_sts.get_access_key_info(AccessKeyId=key["AccessKeyId"])["Account"]
try:
    user_sts.decode_authorization_message(EncodedMessage="garbage")
except user_sts.exceptions.InvalidAuthorizationMessageException as e:
    out["decode_error"] = [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
print(json.dumps(out))
`;

function python(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'python3',
      ['-c', PROGRAM, ...args],
      { timeout: 60_000, env: { ...process.env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' } },
      (error, stdout, stderr) => {
        resolve({ code: error ? 1 : 0, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

suite('MFA, GetSessionToken, GetFederationToken, GetAccessKeyInfo (boto3)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  test("boto3 reads every shape and error as it reads AWS's", async () => {
    const result = await python([server.url, server.admin.accessKeyId, server.admin.secretAccessKey]);
    assert.equal(result.code, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    const acct = server.accountId;
    assert.equal(out.seed_type, 'bytes', 'Base32StringSeed is a blob: boto3 gives bytes');
    assert.equal(out.seed_len, 64);
    assert.deepEqual(out.listed, [`arn:aws:iam::${acct}:mfa/py-phone`]);
    assert.equal(out.enable_date_tz, true);
    assert.equal(out.session_key, 'ASIA');
    assert.equal(out.session_arn, `arn:aws:iam::${acct}:user/py`);
    assert.deepEqual(out.replay, ['AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.', 403]);
    assert.deepEqual(out.fed_user, { FederatedUserId: `${acct}:pyfed`, Arn: `arn:aws:sts::${acct}:federated-user/pyfed` });
    assert.ok(out.fed_packed > 0);
    assert.equal(out.key_account, acct);
    assert.deepEqual(out.decode_error, ['InvalidAuthorizationMessageException', 400]);
  });
});

suite('STS AssumeRole (boto3)', () => {
  let server: TestServer;
  let admin: IAMClient;
  /** A user allowed (by identity policy) to assume any role, tag sessions and set a source identity. */
  let alice: TestUser;
  before(async () => {
    server = await startTestServer();
    admin = iamClient(server.url, server.admin);
    alice = await createUser(admin, 'alice', policyDoc(allow(['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'])));
  });
  after(async () => {
    await server?.close();
  });

  test('the seed’s boto3 snippet (first half): assume_role, then the credentials with get_caller_identity; boto3 parses STS errors', async () => {
    const role = await createRole(
      admin,
      'BotoRole',
      trustDoc(`arn:aws:iam::${ACCOUNT}:root`, ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']),
      {
        maxSessionDuration: 7200,
        policy: policyDoc(allow('sts:AssumeRole'), allow('iam:ListRoles')),
      },
    );
    const script = join(repoRoot, 'test/fixtures/sts/boto3_assume_role.py');
    const env = clientEnv({
      ...credentialEnv(alice.creds),
      KEYSMITH_ENDPOINT: server.url,
      ROLE_ARN: role.arn,
      PYTHONDONTWRITEBYTECODE: '1',
    });
    const result = await runProcess('python3', [script], { env, timeoutMs: 60_000 });
    assert.equal(result.code, 0, describe(result));
    const seen = JSON.parse(result.stdout) as Record<string, any>;
    const ok = (name: string) => {
      assert.ok(seen[name] && 'ok' in seen[name], `${name}: ${JSON.stringify(seen[name])}`);
      return seen[name].ok;
    };
    const assumed = ok('assume_role');
    assert.equal(assumed.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/BotoRole/AssumeRoleSession1`);
    assert.equal(assumed.AssumedRoleId, `${role.roleId}:AssumeRoleSession1`);
    assert.match(assumed.AccessKeyId, /^ASIA/);
    assert.equal(assumed.ExpirationTz, 'UTC', 'Expiration parses as a timezone-aware datetime');
    assert.ok(assumed.SecondsLeft > 3590 && assumed.SecondsLeft <= 3601, String(assumed.SecondsLeft));
    assert.equal(assumed.HasPackedPolicySize, false);
    const id = ok('whoami_as_role');
    assert.equal(id.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/BotoRole/AssumeRoleSession1`);
    assert.equal(id.UserId, `${role.roleId}:AssumeRoleSession1`);
    assert.equal(id.Account, ACCOUNT);
    assert.ok(ok('list_roles_as_role') >= 1);

    const tagged = ok('assume_role_with_everything');
    assert.equal(tagged.SourceIdentity, 'boto-src');
    assert.equal(typeof tagged.PackedPolicySize, 'number');

    assert.deepEqual(seen.chain_over_one_hour?.error, {
      code: 'ValidationError',
      message: CHAIN_LIMIT,
      status: 400,
      class: 'ClientError',
    });
    assert.deepEqual(ok('malformed_policy'), {
      caught: 'MalformedPolicyDocumentException',
      code: 'MalformedPolicyDocument',
      status: 400,
    });
    assert.deepEqual(ok('packed_too_large'), { caught: 'PackedPolicyTooLargeException', code: 'PackedPolicyTooLarge', status: 400 });
    assert.equal(seen.tampered_token?.error?.code, 'InvalidClientTokenId');
    assert.equal(seen.tampered_token?.error?.message, INVALID_TOKEN);
  });
});
