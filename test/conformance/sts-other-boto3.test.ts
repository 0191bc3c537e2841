import { after, before, describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The same operations through boto3 (botocore parses blobs, timestamps and errors its own way):
 * a virtual MFA device made and enabled with pyotp-free TOTP in Python, GetSessionToken with MFA,
 * GetFederationToken, GetAccessKeyInfo and DecodeAuthorizationMessage's modeled error.
 */
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

describe('MFA, GetSessionToken, GetFederationToken, GetAccessKeyInfo (boto3)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  it("boto3 reads every shape and error as it reads AWS's", async () => {
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
