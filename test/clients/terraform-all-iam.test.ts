import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateServiceSpecificCredentialCommand,
  GetAccountPasswordPolicyCommand,
  GetInstanceProfileCommand,
  GetLoginProfileCommand,
  GetOpenIDConnectProviderCommand,
  GetRoleCommand,
  GetSAMLProviderCommand,
  GetServerCertificateCommand,
  GetUserCommand,
  type IAMClient,
  ListAccountAliasesCommand,
  ListSSHPublicKeysCommand,
  ListServiceSpecificCredentialsCommand,
  ListSigningCertificatesCommand,
  UploadSSHPublicKeyCommand,
  UploadSigningCertificateCommand,
} from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../support/server.js';
import { describe } from '../support/clients-process.js';
import { terraformWorkspace, type TerraformWorkspace } from '../support/clients-terraform.js';
import { iamClient } from '../support/sdk-clients.js';
import { repoRoot } from '../support/paths.js';

/**
 * Issue 11's round trip: Terraform's AWS provider (5.100.0, local mirror) applies one of every IAM
 * resource keysmith serves — instance profile with its role, OIDC and SAML providers, a
 * service-linked role, a user with an access key, login profile, SSH key, signing certificate and
 * service-specific credential, group membership, policy attachments, inline policies, virtual MFA
 * device, password policy, account alias, server certificate — then a second plan finds no
 * change, and destroy removes it all, including a `force_destroy` user given every kind of
 * credential outside Terraform (the provider deletes them before DeleteUser).
 */

const FIXTURE = join(repoRoot, 'test/fixtures/terraform/all-iam');
const PREFIX = 'tfa';

let server: TestServer;
let tf: TerraformWorkspace;
let iam: IAMClient;
const vars = (): string[] => ['-var', `endpoint=${server.url}`, '-var', `prefix=${PREFIX}`];

async function notFound(what: string, send: () => Promise<unknown>): Promise<void> {
  await assert.rejects(send, (e: Error) => {
    assert.equal(e.name, 'NoSuchEntityException', `${what}: ${String(e)}`);
    return true;
  });
}

suite('Terraform AWS provider: every IAM resource against keysmith', () => {
  before(async () => {
    server = await startTestServer();
    tf = terraformWorkspace(FIXTURE, server.admin);
    iam = iamClient(server.url, server.admin);
  });
  after(async () => {
    iam?.destroy();
    tf?.cleanup();
    await server?.close();
  });

  test('apply, an empty re-plan, force_destroy of a user with every credential, destroy', { timeout: 600_000 }, async () => {
    const init = await tf.run(['init', '-input=false', '-no-color']);
    assert.equal(init.code, 0, describe(init));
    const apply = await tf.run(['apply', '-auto-approve', '-input=false', '-no-color', ...vars()]);
    assert.equal(apply.code, 0, describe(apply));

    const outputs = await tf.run(['output', '-json', '-no-color']);
    assert.equal(outputs.code, 0, describe(outputs));
    const out = JSON.parse(outputs.stdout) as Record<string, { value: string }>;
    const account = server.accountId;
    assert.equal(out.instance_profile_arn?.value, `arn:aws:iam::${account}:instance-profile/apps/${PREFIX}-profile`);
    assert.equal(out.oidc_provider_arn?.value, `arn:aws:iam::${account}:oidc-provider/token.actions.githubusercontent.com`);
    assert.equal(out.saml_provider_arn?.value, `arn:aws:iam::${account}:saml-provider/${PREFIX}-sso`);
    assert.equal(
      out.service_linked_role_arn?.value,
      `arn:aws:iam::${account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling_${PREFIX}`,
    );
    assert.equal(out.server_certificate_arn?.value, `arn:aws:iam::${account}:server-certificate/cloudfront/${PREFIX}-web`);
    assert.equal(out.mfa_arn?.value, `arn:aws:iam::${account}:mfa/${PREFIX}-dev-mfa`);

    // What Terraform made is really there, as keysmith reports it.
    const profile = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: `${PREFIX}-profile` }));
    assert.deepEqual(
      profile.InstanceProfile?.Roles?.map((r) => r.RoleName),
      [`${PREFIX}-instance`],
    );
    const oidc = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: out.oidc_provider_arn.value }));
    assert.equal(oidc.Url, 'token.actions.githubusercontent.com');
    assert.deepEqual(oidc.ClientIDList, ['sts.amazonaws.com']);
    const saml = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: out.saml_provider_arn.value }));
    assert.equal(saml.SAMLMetadataDocument, readFileSync(join(FIXTURE, 'saml-metadata.xml'), 'utf8'));
    const slr = await iam.send(new GetRoleCommand({ RoleName: `AWSServiceRoleForAutoScaling_${PREFIX}` }));
    assert.equal(slr.Role?.Path, '/aws-service-role/autoscaling.amazonaws.com/');
    const login = await iam.send(new GetLoginProfileCommand({ UserName: `${PREFIX}-dev` }));
    assert.equal(login.LoginProfile?.PasswordResetRequired, true);
    const policy = await iam.send(new GetAccountPasswordPolicyCommand({}));
    assert.equal(policy.PasswordPolicy?.MinimumPasswordLength, 12);
    const aliases = await iam.send(new ListAccountAliasesCommand({}));
    assert.deepEqual(aliases.AccountAliases, [`${PREFIX}-alias`]);
    const cert = await iam.send(new GetServerCertificateCommand({ ServerCertificateName: `${PREFIX}-web` }));
    assert.equal(cert.ServerCertificate?.CertificateBody?.trim(), readFileSync(join(FIXTURE, 'server-cert.pem'), 'utf8').trim());

    // A second plan must find nothing to change: every read round-trips exactly.
    const plan = await tf.run(['plan', '-detailed-exitcode', '-input=false', '-no-color', ...vars()]);
    assert.equal(plan.code, 0, `plan found changes or failed:\n${describe(plan)}`);

    // The force_destroy user gets every kind of credential behind Terraform's back.
    const forced = `${PREFIX}-forced`;
    await iam.send(new CreateAccessKeyCommand({ UserName: forced }));
    await iam.send(new CreateAccessKeyCommand({ UserName: forced }));
    await iam.send(new CreateLoginProfileCommand({ UserName: forced, Password: 'Forced-Destroy-2026!' }));
    await iam.send(
      new UploadSSHPublicKeyCommand({ UserName: forced, SSHPublicKeyBody: readFileSync(join(FIXTURE, 'ssh-key-forced.pub'), 'utf8') }),
    );
    await iam.send(
      new UploadSigningCertificateCommand({
        UserName: forced,
        CertificateBody: readFileSync(join(FIXTURE, 'signing-cert-forced.pem'), 'utf8'),
      }),
    );
    await iam.send(new CreateServiceSpecificCredentialCommand({ UserName: forced, ServiceName: 'codecommit.amazonaws.com' }));
    assert.equal((await iam.send(new ListSSHPublicKeysCommand({ UserName: forced }))).SSHPublicKeys?.length, 1);
    assert.equal((await iam.send(new ListSigningCertificatesCommand({ UserName: forced }))).Certificates?.length, 1);
    assert.equal((await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: forced }))).ServiceSpecificCredentials?.length, 1);

    const destroy = await tf.run(['destroy', '-auto-approve', '-input=false', '-no-color', ...vars()]);
    assert.equal(destroy.code, 0, describe(destroy));

    await notFound('forced user', () => iam.send(new GetUserCommand({ UserName: forced })));
    await notFound('dev user', () => iam.send(new GetUserCommand({ UserName: `${PREFIX}-dev` })));
    await notFound('instance profile', () => iam.send(new GetInstanceProfileCommand({ InstanceProfileName: `${PREFIX}-profile` })));
    await notFound('role', () => iam.send(new GetRoleCommand({ RoleName: `${PREFIX}-instance` })));
    await notFound('OIDC provider', () =>
      iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: out.oidc_provider_arn!.value })),
    );
    await notFound('SAML provider', () => iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: out.saml_provider_arn!.value })));
    await notFound('server certificate', () => iam.send(new GetServerCertificateCommand({ ServerCertificateName: `${PREFIX}-web` })));
    await notFound('password policy', () => iam.send(new GetAccountPasswordPolicyCommand({})));
    assert.deepEqual((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases, []);
  });
});
