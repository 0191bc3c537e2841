import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../support/server.js';
import { clientEnv, credentialEnv, describe, runProcess } from '../support/clients-process.js';
import { repoRoot } from '../support/paths.js';

/**
 * boto3 against keysmith's IAM resource areas: instance profiles, a service-linked role, OpenID
 * Connect and SAML providers, server and signing certificates, SSH public keys, service-specific
 * credentials, the STS preferences and an Organizations-dependent action. What boto3 decodes (the
 * trust policy as a dict, timestamps as datetimes, the provider Url without its scheme) and AWS's
 * error texts exactly as boto3 surfaces them (code, message, HTTP status). The SDK v3 side of the
 * same areas is in test/conformance/iam-*.test.ts.
 */

let server: TestServer;
let seen: Record<string, { ok?: any; error?: any; crash?: any }>;
let acct: string;

function ok(name: string): any {
  const step = seen[name];
  assert.ok(step, `step ${name} did not run`);
  assert.ok('ok' in step, `step ${name} failed: ${JSON.stringify(step.error ?? step.crash, null, 1)}`);
  return step.ok;
}

function refused(name: string, code: string, message: string, status: number): void {
  const step = seen[name];
  assert.ok(step, `step ${name} did not run`);
  assert.deepEqual(step.error, { code, message, status }, `step ${name}: ${JSON.stringify(step, null, 1)}`);
}

/** A timestamp as boto3 decoded it: a timezone-aware datetime. */
function isDatetime(value: { type: string; iso: string }, what: string): void {
  assert.equal(value.type, 'datetime', what);
  assert.match(value.iso, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/, what);
}

const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

suite('boto3: IAM resources (profiles, service-linked roles, providers, certificates, keys, settings)', () => {
  before(async () => {
    server = await startTestServer();
    acct = server.accountId;
    const script = join(repoRoot, 'test/fixtures/python/boto3_iam_resources.py');
    const env = clientEnv({ ...credentialEnv(server.admin), KEYSMITH_ENDPOINT: server.url, PYTHONDONTWRITEBYTECODE: '1' });
    const result = await runProcess('python3', [script], { env, timeoutMs: 150_000 });
    assert.equal(result.code, 0, describe(result));
    seen = JSON.parse(result.stdout);
  });
  after(async () => {
    await server?.close();
  });

  test('instance profile: created with path and tags, one role, the role decoded, conflicts, deleted', () => {
    const created = ok('ip_create');
    assert.equal(created.InstanceProfileName, 'boto-web');
    assert.equal(created.Path, '/app/');
    assert.equal(created.Arn, `arn:aws:iam::${acct}:instance-profile/app/boto-web`);
    assert.match(created.InstanceProfileId, /^AIPA[A-Z2-7]{17}$/);
    assert.deepEqual(created.Roles, []);
    assert.deepEqual(created.Tags, [{ Key: 'team', Value: 'blue' }]);
    isDatetime(created.CreateDate, 'CreateDate');
    assert.deepEqual(ok('ip_add'), {});

    const got = ok('ip_get');
    assert.equal(got.Roles, 1);
    assert.equal(got.RoleName, 'boto-ip-role');
    assert.equal(got.RoleArn, `arn:aws:iam::${acct}:role/svc/boto-ip-role`);
    isDatetime(got.RoleCreateDate, 'the role’s CreateDate');
    // boto3 URL-decodes and parses the role's trust policy (SDK v3 hands back the encoded text).
    assert.equal(got.TrustType, 'dict');
    assert.deepEqual(got.Trust, TRUST);
    assert.deepEqual(got.Tags, [{ Key: 'team', Value: 'blue' }]);
    assert.deepEqual(ok('ip_for_role'), { IsTruncated: false, Profiles: [['boto-web', ['boto-ip-role']]] });

    refused('ip_second_role', 'LimitExceeded', 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1', 409);
    refused('ip_delete_role', 'DeleteConflict', 'Cannot delete entity, must remove roles from instance profile first.', 409);
    assert.deepEqual(ok('ip_remove'), {});
    assert.deepEqual(ok('ip_delete'), {});
    refused('ip_get_missing', 'NoSuchEntity', 'Instance Profile boto-web cannot be found.', 404);
  });

  test('service-linked role: AWS’s name, path and trust; UnmodifiableEntity; deleted through a task that SUCCEEDED', () => {
    const role = ok('slr_create');
    assert.equal(role.RoleName, 'AWSServiceRoleForAutoScaling_boto');
    assert.equal(role.Path, '/aws-service-role/autoscaling.amazonaws.com/');
    assert.equal(role.Arn, `arn:aws:iam::${acct}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_boto`);
    assert.deepEqual(role.AssumeRolePolicyDocument, {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: ['autoscaling.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
    });
    refused(
      'slr_put_policy',
      'UnmodifiableEntity',
      "Cannot perform the operation on the protected role 'AWSServiceRoleForAutoScaling_boto' - this role is only modifiable by AWS",
      400,
    );
    const deleted = ok('slr_delete');
    assert.match(
      deleted.DeletionTaskId,
      /^task\/aws-service-role\/autoscaling\.amazonaws\.com\/AWSServiceRoleForAutoScaling_boto\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.deepEqual(deleted.status, { Status: 'SUCCEEDED' }, 'no Reason when the deletion succeeded');
    refused('slr_get_deleted', 'NoSuchEntity', 'The role with name AWSServiceRoleForAutoScaling_boto cannot be found.', 404);
  });

  test('OpenID Connect provider: Url without its scheme, client ids and thumbprints changed, AWS’s texts', () => {
    const arn = `arn:aws:iam::${acct}:oidc-provider/token.actions.githubusercontent.com`;
    assert.deepEqual(ok('oidc_create'), { OpenIDConnectProviderArn: arn }, 'no Tags member when none were given');
    const got = ok('oidc_get');
    assert.equal(got.Url, 'token.actions.githubusercontent.com');
    assert.deepEqual(got.ClientIDList, ['sts.amazonaws.com']);
    assert.deepEqual(got.ThumbprintList, ['6938fd4d98bab03faadb97b34396831e3780aea1']);
    assert.deepEqual(got.Tags, []);
    isDatetime(got.CreateDate, 'CreateDate');
    assert.deepEqual(ok('oidc_change'), { ClientIDList: ['boto-app'], ThumbprintList: ['1c58a3a8518e8759bf075b76b750d4f2df264fcd'] });
    assert.deepEqual(ok('oidc_list'), [arn]);
    refused('oidc_duplicate', 'EntityAlreadyExists', 'Provider with url https://token.actions.githubusercontent.com already exists.', 409);
    refused('oidc_invalid_url', 'ValidationError', 'Invalid Open ID Connect Provider URL', 400);
    assert.deepEqual(ok('oidc_delete'), {});
    refused('oidc_get_missing', 'NoSuchEntity', `OpenIDConnect Provider not found for arn ${arn}`, 404);
  });

  test('SAML provider: metadata round-trips, ValidUntil from the metadata, AWS’s texts', () => {
    const arn = `arn:aws:iam::${acct}:saml-provider/BotoIdP`;
    assert.deepEqual(ok('saml_create'), { SAMLProviderArn: arn });
    const got = ok('saml_get');
    assert.equal(got.MetadataRoundTrips, true, 'SAMLMetadataDocument comes back as uploaded');
    assert.deepEqual(got.ValidUntil, { type: 'datetime', iso: '2099-01-01T00:00:00+00:00' });
    isDatetime(got.CreateDate, 'CreateDate');
    assert.match(got.SAMLProviderUUID, /^[A-Z0-9]{22,64}$/);
    assert.equal(got.AssertionEncryptionMode, 'Allowed');
    assert.deepEqual(got.PrivateKeyList, []);
    assert.deepEqual(got.Tags, []);
    const listed = ok('saml_list');
    assert.equal(listed.length, 1);
    assert.equal(listed[0].Arn, arn);
    assert.deepEqual(listed[0].ValidUntil, { type: 'datetime', iso: '2099-01-01T00:00:00+00:00' });
    assert.deepEqual(listed[0].CreateDate, got.CreateDate);
    assert.deepEqual(ok('saml_update'), { SAMLProviderArn: arn, MetadataRoundTrips: true });
    refused('saml_bad_metadata', 'InvalidInput', 'Could not parse metadata', 400);
    assert.deepEqual(ok('saml_delete'), {});
    refused('saml_get_missing', 'NoSuchEntity', `Manifest not found for arn ${arn}`, 404);
  });

  test('server certificate: upload, get (trimmed, never the key), list, delete; AWS’s texts', () => {
    const up = ok('sc_upload');
    assert.equal(up.HasTags, false, 'no Tags member when none were given');
    assert.equal(up.ServerCertificateName, 'boto-web');
    assert.equal(up.Path, '/cloudfront/');
    assert.equal(up.Arn, `arn:aws:iam::${acct}:server-certificate/cloudfront/boto-web`);
    assert.match(up.ServerCertificateId, /^ASCA[A-Z2-7]{17}$/);
    isDatetime(up.UploadDate, 'UploadDate');
    isDatetime(up.Expiration, 'Expiration');
    assert.ok(up.Expiration.iso > up.UploadDate.iso, 'expiration from the certificate');
    assert.deepEqual(ok('sc_get'), { BodyIsTrimmed: true, ChainIsTrimmed: true, Tags: [], Name: 'boto-web', HasPrivateKey: false });
    assert.deepEqual(ok('sc_list'), ['boto-web']);
    refused('sc_malformed', 'MalformedCertificate', 'Unable to parse certificate. Please ensure the certificate is in PEM format.', 400);
    assert.deepEqual(ok('sc_delete'), {});
    refused('sc_get_missing', 'NoSuchEntity', 'The Server Certificate with name boto-web cannot be found.', 404);
  });

  test('signing certificate: upload, duplicate refused, deactivated, deleted', () => {
    const up = ok('sign_upload');
    assert.equal(up.UserName, 'boto-keys');
    assert.match(up.CertificateId, /^[A-Z2-7]{28}$/);
    assert.equal(up.Status, 'Active');
    assert.equal(up.BodyMatches, true);
    isDatetime(up.UploadDate, 'UploadDate');
    refused('sign_duplicate', 'DuplicateCertificate', `The Certificate with id ${up.CertificateId} already exists.`, 409);
    assert.deepEqual(ok('sign_update_list'), [[up.CertificateId, 'Inactive']]);
    assert.deepEqual(ok('sign_delete'), {});
  });

  test('SSH public key: the fingerprint, the body in SSH and PEM encodings, AWS’s texts', () => {
    const up = ok('ssh_upload');
    const fingerprint = 'f4:45:da:c3:d9:de:ad:35:8f:40:45:96:8b:3f:b4:2d';
    assert.equal(up.UserName, 'boto-keys');
    assert.match(up.SSHPublicKeyId, /^APKA[A-Z2-7]{16}$/);
    assert.equal(up.Fingerprint, fingerprint);
    assert.equal(up.Status, 'Active');
    assert.equal(up.BodyMatches, true);
    isDatetime(up.UploadDate, 'UploadDate');
    assert.deepEqual(ok('ssh_get_ssh'), { Fingerprint: fingerprint, BodyMatches: true, Status: 'Active' });
    assert.deepEqual(ok('ssh_get_pem'), { Fingerprint: fingerprint, BodyMatches: true, Status: 'Active' }, 'the PEM fixture');
    assert.deepEqual(ok('ssh_list'), [[up.SSHPublicKeyId, 'Active']]);
    refused('ssh_duplicate', 'DuplicateSSHPublicKey', 'The SSH public key is already associated with the specified IAM user.', 400);
    assert.deepEqual(ok('ssh_delete'), {});
    refused('ssh_get_missing', 'NoSuchEntity', `The Public Key with id ${up.SSHPublicKeyId} cannot be found.`, 404);
  });

  test('service-specific credential: the password once at create and reset, never in lists', () => {
    const created = ok('ssc_create');
    assert.equal(created.UserName, 'boto-keys');
    assert.equal(created.ServiceName, 'codecommit.amazonaws.com');
    assert.equal(created.ServiceUserName, `boto-keys-at-${acct}`);
    assert.match(created.ServiceSpecificCredentialId, /^ACCA[A-Z2-7]{17}$/);
    assert.match(created.ServicePassword, /^[A-Za-z0-9+/]{43}=$/);
    assert.equal(created.Status, 'Active');
    isDatetime(created.CreateDate, 'CreateDate');
    assert.deepEqual(ok('ssc_list'), { Items: [[created.ServiceSpecificCredentialId, 'Active', false]], ShowsPassword: false });
    assert.deepEqual(ok('ssc_reset'), { Id: created.ServiceSpecificCredentialId, NewPassword: true });
    assert.deepEqual(ok('ssc_delete'), {});
    refused('ssc_delete_again', 'NoSuchEntity', `No such credential ${created.ServiceSpecificCredentialId} exists`, 404);
  });

  test('STS preferences: the version GetAccountSummary reports; an unknown version refused', () => {
    assert.deepEqual(ok('sts_preferences'), { set: {}, v2: 2, v1: 1 });
    refused(
      'sts_bad_version',
      'ValidationError',
      "1 validation error detected: Value at 'globalEndpointTokenVersion' failed to satisfy constraint: Member must satisfy enum value set: [v1Token, v2Token]",
      400,
    );
  });

  test('ListOrganizationsFeatures: boto3’s modeled OrganizationNotFoundException', () => {
    const message = 'The request was rejected because no organization is associated with your account.';
    assert.deepEqual(ok('organizations'), {
      raised: 'OrganizationNotFoundException',
      modeled: true,
      code: 'OrganizationNotFoundException',
      message,
      status: 400,
      text: `An error occurred (OrganizationNotFoundException) when calling the ListOrganizationsFeatures operation: ${message}`,
    });
  });

  test('boto3 parsed every answer: no step crashed', () => {
    const crashed = Object.entries(seen).filter(([, step]) => 'crash' in step);
    assert.deepEqual(crashed, []);
  });
});
