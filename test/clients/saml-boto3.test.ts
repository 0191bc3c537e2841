import { after, before, describe as suite, it as test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { CreateSAMLProviderCommand } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { createRole, policyDoc } from '../support/sts-helpers.js';
import { b64, idpMetadata, signedAssertionResponse } from '../support/saml-idp.js';

/**
 * AssumeRoleWithSAML through boto3 with no AWS credentials at all: botocore sends the call
 * unsigned (its disable_signing handler), parses the answer (SAML's extra members) and the
 * modeled InvalidIdentityToken error; the credentials then work. The SDK v3 suite, with every
 * attack, is test/conformance/sts-saml.test.ts.
 */
const PROGRAM = String.raw`
import json, sys
import boto3
from botocore.exceptions import ClientError

url, role, provider, good, bad = sys.argv[1:6]
sts = boto3.client("sts", endpoint_url=url, region_name="us-east-1")
out = {}
r = sts.assume_role_with_saml(RoleArn=role, PrincipalArn=provider, SAMLAssertion=good)
out["arn"] = r["AssumedRoleUser"]["Arn"]
out["subject"] = [r["Subject"], r["SubjectType"], r["Issuer"], r["Audience"]]
out["qualifier"] = r["NameQualifier"]
out["expiration_tz"] = r["Credentials"]["Expiration"].tzinfo is not None
c = r["Credentials"]
me = boto3.client("sts", endpoint_url=url, region_name="us-east-1", aws_access_key_id=c["AccessKeyId"],
                  aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"]).get_caller_identity()
out["whoami"] = me["Arn"]
try:
    sts.assume_role_with_saml(RoleArn=role, PrincipalArn=provider, SAMLAssertion=bad)
except sts.exceptions.InvalidIdentityTokenException as e:
    out["bad"] = [e.response["Error"]["Code"], e.response["Error"]["Message"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
print(json.dumps(out))
`;

function python(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // No AWS credentials anywhere in the environment: the call must go out unsigned.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return new Promise((resolve) => {
    execFile('python3', ['-c', PROGRAM, ...args], { timeout: 60_000, env }, (error, stdout, stderr) => {
      resolve({ code: error ? 1 : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

suite('STS AssumeRoleWithSAML (boto3)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  test('boto3 signs in with a SAML response and no credentials, and reads the refusal', async () => {
    const admin = iamClient(server.url, server.admin);
    const provider = (await admin.send(new CreateSAMLProviderCommand({ Name: 'BotoIdP', SAMLMetadataDocument: idpMetadata() })))
      .SAMLProviderArn!;
    const trust = policyDoc({ Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithSAML' });
    const role = await createRole(admin, 'BotoSaml', trust);
    const good = signedAssertionResponse({ roles: [`${role.arn},${provider}`] });
    const bad = good.replace('alice@example.com', 'mallory@example.com');
    const result = await python([server.url, role.arn, provider, b64(good), b64(bad)]);
    assert.equal(result.code, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    assert.equal(out.arn, `arn:aws:sts::${server.accountId}:assumed-role/BotoSaml/alice`);
    assert.deepEqual(out.subject, [
      'alice@example.com',
      'persistent',
      'https://idp.keysmith.test/saml',
      'https://signin.aws.amazon.com/saml',
    ]);
    assert.equal(typeof out.qualifier, 'string');
    assert.equal(out.expiration_tz, true);
    assert.equal(out.whoami, out.arn);
    assert.deepEqual(out.bad, ['InvalidIdentityToken', 'Response signature invalid', 400]);
  });
});
