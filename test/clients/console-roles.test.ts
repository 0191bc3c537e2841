import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import {
  AddRoleToInstanceProfileCommand,
  AttachUserPolicyCommand,
  CreateInstanceProfileCommand,
  CreateLoginProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetRoleCommand,
  type IAMClient,
  ListInstanceProfilesForRoleCommand,
} from '@aws-sdk/client-iam';
import { createAccount } from '../../src/services/accounts/create-account.js';
import { nodeRandom } from '../../src/platform/node-random.js';
import { launchBrowser, newConsolePage, screenshot, signInWithPassword } from '../support/browser.js';
import { clientEnv, credentialEnv, describe as describeProcess, runProcess } from '../support/clients-process.js';
import { iamClient } from '../support/sdk-clients.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { awsError } from '../support/sts-helpers.js';
import { idpMetadata } from '../support/saml-idp.js';

/**
 * The roles, policies and identity-provider pages in a real headless Chromium. First the seed's
 * walk-through (the IAM console: Roles → Create role → another AWS account with an external id →
 * a managed policy → a name → review → create; then the trust relationship edited and saved), and
 * the role then assumed from the AWS CLI by the trusted account's user. Then a web-identity role
 * (GitHub's OIDC provider added on the providers page, the repo/branch `sub` condition), a service
 * role (EC2), the policy editor's findings with their lines, policy versions, and deleting a role
 * that still has policies and an instance profile.
 */
const ACCOUNT = '123456789012';
const OTHER = '210987654321';
const PASSWORD = 'Console-Admin-42';
const EXTERNAL_ID = 'partner-7f3a';

let server: TestServer;
let iam: IAMClient;
let browser: Browser;
let other: { accessKeyId: string; secretAccessKey: string };

async function signIn(): Promise<{ page: Page; errors: string[] }> {
  const opened = await newConsolePage(browser);
  await signInWithPassword(opened.page, server.url, { account: ACCOUNT, user: 'ada', password: PASSWORD });
  await opened.page.getByRole('heading', { name: 'IAM dashboard' }).waitFor();
  return opened;
}

/** A link of the console's side navigation. */
function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true });
}

/** The create-role wizard from its start to "Name and details": an AWS service role for EC2, no policies. */
async function ec2RoleWizardToDetails(page: Page): Promise<void> {
  await page.goto(`${server.url}/_keysmith/console/#/roles/create`);
  await page.getByRole('radio', { name: /^AWS service/ }).check();
  await page.getByLabel('Search services').fill('ec2');
  await page.getByRole('radio', { name: /^EC2 ec2\.amazonaws\.com/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'Permissions', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
}

async function aws(args: string[], creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  const env = clientEnv({ ...credentialEnv(creds), ...(creds.sessionToken ? { AWS_SESSION_TOKEN: creds.sessionToken } : {}) });
  return runProcess('aws', [...args, '--endpoint-url', server.url, '--output', 'json'], { env });
}

suite('console: roles, policies, identity providers (headless Chromium)', () => {
  before(async () => {
    server = await startTestServer();
    iam = iamClient(server.url, server.admin);
    browser = await launchBrowser();
    await iam.send(new CreateUserCommand({ UserName: 'ada' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'ada', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'ada', Password: PASSWORD }));
    const app = server.keysmith.app;
    const created = await createAccount(app.store, app.secrets, nodeRandom, { accountId: OTHER, now: Date.now() });
    other = { accessKeyId: created.admin.accessKeyId, secretAccessKey: created.admin.secretAccessKey };
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the seed’s walk-through: a role for another account with the wizard, its trust edited, then assumed from the AWS CLI', async () => {
    const { page, errors } = await signIn();
    await nav(page, 'Roles').click();
    await page.getByRole('heading', { name: 'Roles' }).waitFor();
    await screenshot(page, 'roles');

    await page.getByRole('link', { name: 'Create role' }).click();
    await page.getByRole('heading', { name: 'Trusted entity' }).waitFor();
    assert.equal(await page.getByRole('radio', { name: /^AWS account/ }).isChecked(), true);
    await page.getByLabel('Another AWS account', { exact: true }).check();
    await page.getByLabel('Account ID', { exact: true }).fill(OTHER);
    await page.getByLabel(/Require external ID/).check();
    await page.getByLabel('External ID', { exact: true }).fill(EXTERNAL_ID);
    await screenshot(page, 'role-wizard-entity');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('heading', { name: 'Permissions', exact: true }).waitFor();
    await page.getByLabel('Search permissions policies').fill('IAMReadOnly');
    await page.getByRole('checkbox', { name: 'IAMReadOnlyAccess' }).check();
    // Back and Next keep what was entered.
    await page.getByRole('button', { name: 'Back' }).click();
    assert.equal(await page.getByLabel('Account ID', { exact: true }).inputValue(), OTHER);
    assert.equal(await page.getByLabel('External ID', { exact: true }).inputValue(), EXTERNAL_ID);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Permissions', exact: true }).waitFor();
    await page.getByText('1 selected').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByLabel('Role name').fill('partner-reader');
    await page.getByLabel('Description').fill('Read-only access for our partner');
    await page.getByRole('button', { name: 'Next' }).click();

    const review = page.getByLabel('Trust policy JSON');
    await review.waitFor();
    const trust = JSON.parse((await review.textContent()) ?? '') as { Statement: Record<string, unknown>[] };
    assert.deepEqual(trust.Statement[0], {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } },
    });
    await page.getByRole('list', { name: 'Policies to attach' }).getByText('IAMReadOnlyAccess').waitFor();
    await screenshot(page, 'role-wizard-review');
    await page.getByRole('button', { name: 'Create role' }).click();

    await page.getByRole('heading', { name: 'partner-reader' }).waitFor();
    await page.getByRole('link', { name: 'IAMReadOnlyAccess' }).waitFor();
    await page.getByRole('tab', { name: 'Trust relationships' }).click();
    const editor = page.getByLabel('Trust policy', { exact: true });
    await page.getByText('No findings').waitFor();
    const doc = JSON.parse(await editor.inputValue()) as { Statement: { Condition: Record<string, Record<string, string>> }[] };
    doc.Statement[0]!.Condition.StringLike = { 'aws:PrincipalArn': `arn:aws:iam::${OTHER}:user/*` };
    await editor.fill(JSON.stringify(doc, null, 2));
    await page.getByText('No findings').waitFor();
    await page.getByRole('table', { name: 'Policy summary' }).getByText('aws:PrincipalArn').waitFor();
    await screenshot(page, 'role-trust');
    await page.getByRole('button', { name: 'Update policy' }).click();
    await page.getByText('Trust policy updated.').waitFor();
    // From the role's page: who can assume it (the other account, as its trust policy now says).
    await page.getByRole('link', { name: 'Who can assume it' }).click();
    await page.getByRole('heading', { name: 'Who can assume partner-reader' }).waitFor();
    await page.getByRole('table').getByText(`Account ${OTHER}`).first().waitFor();
    assert.deepEqual(errors, []);
    await page.context().close();

    const role = (await iam.send(new GetRoleCommand({ RoleName: 'partner-reader' }))).Role!;
    assert.match(decodeURIComponent(role.AssumeRolePolicyDocument!), /aws:PrincipalArn/);

    // The trusted account's user assumes it from the AWS CLI: only with the external id.
    const refused = await aws(['sts', 'assume-role', '--role-arn', role.Arn!, '--role-session-name', 'cli'], other);
    assert.notEqual(refused.code, 0, describeProcess(refused));
    assert.match(refused.stderr, /AccessDenied/);
    const assumed = await aws(
      ['sts', 'assume-role', '--role-arn', role.Arn!, '--role-session-name', 'cli', '--external-id', EXTERNAL_ID],
      other,
    );
    assert.equal(assumed.code, 0, describeProcess(assumed));
    const c = (JSON.parse(assumed.stdout) as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string } })
      .Credentials;
    const creds = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
    const who = await aws(['sts', 'get-caller-identity'], creds);
    assert.equal(who.code, 0, describeProcess(who));
    assert.match(who.stdout, new RegExp(`arn:aws:sts::${ACCOUNT}:assumed-role/partner-reader/cli`));
    const roles = await aws(['iam', 'list-roles'], creds);
    assert.equal(roles.code, 0, describeProcess(roles));
    assert.match(roles.stdout, /partner-reader/);
    const write = await aws(['iam', 'create-user', '--user-name', 'not-allowed'], creds);
    assert.notEqual(write.code, 0, describeProcess(write));
  });

  test('a web-identity role: GitHub’s OIDC provider added on the providers page, the repo and branch in the trust policy', async () => {
    const { page, errors } = await signIn();
    await nav(page, 'Identity providers').click();
    await page.getByRole('heading', { name: 'Identity providers' }).waitFor();
    await page.getByRole('link', { name: 'Add provider' }).click();
    await page.getByLabel('Provider URL').fill('https://token.actions.githubusercontent.com');
    await page.getByLabel('Audiences').fill('sts.amazonaws.com');
    await page.getByRole('button', { name: 'Add provider' }).click();
    await page.getByRole('heading', { name: 'token.actions.githubusercontent.com' }).waitFor();
    await page.getByRole('list', { name: 'Audiences' }).getByText('sts.amazonaws.com').waitFor();
    await nav(page, 'Identity providers').click();
    await page.getByRole('link', { name: 'token.actions.githubusercontent.com' }).waitFor();
    await screenshot(page, 'providers');

    await page.goto(`${server.url}/_keysmith/console/#/roles/create`);
    await page.getByRole('radio', { name: /^Web identity/ }).check();
    await page.getByLabel('Identity provider', { exact: true }).selectOption({ label: 'token.actions.githubusercontent.com' });
    assert.equal(await page.getByLabel('Audience', { exact: true }).inputValue(), 'sts.amazonaws.com');
    await page.getByLabel('GitHub organization').fill('octo-org');
    await page.getByLabel('GitHub repository').fill('octo-repo');
    await page.getByLabel('GitHub branch').fill('main');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Permissions', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Role name').fill('gh-deploy');
    await page.getByRole('button', { name: 'Next' }).click();
    const trust = JSON.parse((await page.getByLabel('Trust policy JSON').textContent()) ?? '') as { Statement: Record<string, unknown>[] };
    assert.deepEqual(trust.Statement[0], {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:ref:refs/heads/main',
        },
      },
    });
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.getByRole('heading', { name: 'gh-deploy' }).waitFor();
    const role = (await iam.send(new GetRoleCommand({ RoleName: 'gh-deploy' }))).Role!;
    assert.match(decodeURIComponent(role.AssumeRolePolicyDocument!), /repo:octo-org\/octo-repo:ref:refs\/heads\/main/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('SAML: a provider added from a metadata file, a role for it; a custom trust policy with an error cannot go on', async () => {
    const { page, errors } = await signIn();
    await page.goto(`${server.url}/_keysmith/console/#/providers/create`);
    await page.getByLabel('SAML 2.0').check();
    await page.getByLabel('Provider name').fill('corp-idp');
    await page
      .getByLabel('Metadata file')
      .setInputFiles({ name: 'metadata.xml', mimeType: 'application/xml', buffer: Buffer.from(idpMetadata()) });
    // Read in the browser with FileReader into the metadata field.
    await page.waitForFunction("document.querySelector('textarea.metadata')?.value.includes('EntityDescriptor')");
    await page.getByRole('button', { name: 'Add provider' }).click();
    await page.getByRole('heading', { name: 'corp-idp' }).waitFor();
    await page.getByText('Valid', { exact: true }).waitFor();

    await page.goto(`${server.url}/_keysmith/console/#/roles/create`);
    await page.getByRole('radio', { name: /^SAML 2\.0 federation/ }).check();
    assert.equal(await page.getByLabel('SAML 2.0 provider').inputValue(), `arn:aws:iam::${ACCOUNT}:saml-provider/corp-idp`);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Permissions', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Role name').fill('corp-admins');
    await page.getByRole('button', { name: 'Next' }).click();
    const trust = JSON.parse((await page.getByLabel('Trust policy JSON').textContent()) ?? '') as { Statement: Record<string, unknown>[] };
    assert.deepEqual(trust.Statement[0], {
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/corp-idp` },
      Action: 'sts:AssumeRoleWithSAML',
      Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    });
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.getByRole('heading', { name: 'corp-admins' }).waitFor();

    await page.goto(`${server.url}/_keysmith/console/#/roles/create`);
    await page.getByRole('radio', { name: /^Custom trust policy/ }).check();
    const editor = page.getByLabel('Trust policy', { exact: true });
    await editor.fill(
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject' }] }, null, 2),
    );
    await page
      .getByRole('list', { name: 'Policy findings' })
      .getByText('AssumeRole policy may only specify STS AssumeRole actions.')
      .waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('alert').filter({ hasText: 'Fix the trust policy’s errors first.' }).waitFor();
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a service role (EC2): the service principal in the trust policy and the roles list', async () => {
    const { page, errors } = await signIn();
    await ec2RoleWizardToDetails(page);
    await page.getByLabel('Role name').fill('web-server');
    await page.getByLabel('Maximum session duration').selectOption({ label: '4 hours' });
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.getByRole('heading', { name: 'web-server' }).waitFor();
    await page.getByText('4 hours').waitFor();
    await page.getByRole('tab', { name: 'Trust relationships' }).click();
    assert.match(await page.getByLabel('Trust policy', { exact: true }).inputValue(), /"Service": "ec2\.amazonaws\.com"/);
    await page.setViewportSize({ width: 400, height: 800 });
    await screenshot(page, 'role-trust-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });
    await nav(page, 'Roles').click();
    const row = page.getByRole('row').filter({ hasText: 'web-server' });
    await row.getByText('AWS service: ec2').waitFor();
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('the wizard waits for a step that is still loading: a slow policy list never replaces the next step', async () => {
    const { page, errors } = await signIn();
    // The permissions step's policy list held back 1.5 s. Next used to work at once (the step had
    // set no check yet), and the list, arriving late, then replaced the "Name and details" step.
    await page.route(`${server.url}/`, async (route) => {
      if ((route.request().postData() ?? '').includes('Action=ListPolicies')) await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await ec2RoleWizardToDetails(page);
    await page.getByRole('heading', { name: 'Name and details', exact: true }).waitFor();
    // Past the moment the held-back list would have landed: still the details step.
    await page.waitForTimeout(2000);
    assert.equal(await page.getByLabel('Role name').isVisible(), true);
    assert.equal(await page.getByRole('heading', { name: 'Name and details', exact: true }).isVisible(), true);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('the policy editor: findings from keysmith’s validator at their line, then a policy with versions', async () => {
    const { page, errors } = await signIn();
    await nav(page, 'Policies').click();
    await page.getByRole('heading', { name: 'Policies' }).waitFor();
    await page.getByRole('link', { name: 'Create policy' }).click();
    const editor = page.getByLabel('Policy document');
    const misspelt = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Effect": "Allow",',
      '      "Action": ["s3:ListAllMyBucket"],',
      '      "Resource": "*"',
      '    }',
      '  ]',
      '}',
    ].join('\n');
    await editor.fill(misspelt);
    const findings = page.getByRole('list', { name: 'Policy findings' });
    await findings.getByText('Invalid action: The action s3:ListAllMyBucket does not exist. Did you mean s3:ListAllMyBuckets?').waitFor();
    await findings.getByRole('button', { name: 'Line 6, column 18' }).click();
    const selected = await editor.evaluate((el) => {
      const t = el as unknown as { value: string; selectionStart: number; selectionEnd: number };
      return t.value.slice(t.selectionStart, t.selectionEnd);
    });
    assert.equal(selected, '"s3:ListAllMyBucket"');
    await page.locator('.pe-mirror mark.pe-warning').filter({ hasText: 's3:ListAllMyBucket' }).waitFor();
    await screenshot(page, 'policy-editor-finding');

    await editor.fill(misspelt.replace('"Effect": "Allow",', '"Effect": "Allow"'));
    await findings.getByText('Syntax errors in policy.').waitFor();
    await findings.getByRole('button', { name: /^Line 6, column/ }).waitFor();

    await editor.fill(misspelt.replace('ListAllMyBucket"', 'ListAllMyBuckets"'));
    await page.getByText('No findings').waitFor();
    await page.getByLabel('Policy name').fill('bucket-lister');
    await page.getByRole('button', { name: 'Create policy' }).click();
    await page.getByRole('heading', { name: 'bucket-lister' }).waitFor();
    await page.getByRole('heading', { name: 'Default version v1' }).waitFor();
    await page.getByRole('table', { name: 'Policy summary' }).getByText('ListAllMyBuckets').waitFor();

    await page.getByRole('tab', { name: 'Policy versions' }).click();
    await page.getByRole('button', { name: 'Create version' }).click();
    const next = page.getByLabel('New version');
    await page.getByText('No findings').waitFor();
    await next.fill((await next.inputValue()).replace('"s3:ListAllMyBuckets"', '"s3:ListAllMyBuckets", "s3:GetBucketLocation"'));
    await page.getByText('No findings').waitFor();
    await page.getByRole('button', { name: 'Save new version' }).click();
    const versions = page.getByRole('table', { name: 'Policy versions' });
    await versions.getByRole('row').filter({ hasText: 'v2' }).getByText('Default').waitFor();
    await page.getByRole('button', { name: 'View v1' }).click();
    await page.getByRole('heading', { name: 'Version v1' }).waitFor();
    assert.doesNotMatch((await page.getByLabel('Version v1 JSON').textContent()) ?? '', /GetBucketLocation/);
    await page.getByRole('button', { name: 'Set v1 as default' }).click();
    await page.getByText('v1 is now the default version.').waitFor();
    await versions.getByRole('row').filter({ hasText: 'v1' }).getByText('Default').waitFor();
    await page.getByRole('button', { name: 'View v2' }).click();
    await page.getByRole('heading', { name: 'Version v2' }).waitFor();
    await screenshot(page, 'policy-versions');
    await page.getByRole('button', { name: 'Delete v2' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await versions.getByRole('row').filter({ hasText: 'v2' }).waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a thousand roles (the account quota): the list shows them all, searchable', async () => {
    const names = Array.from({ length: 990 }, (_, i) => `bulk-${String(i).padStart(4, '0')}`);
    const trust = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    for (let i = 0; i < names.length; i += 50) {
      await Promise.all(
        names.slice(i, i + 50).map((n) => iam.send(new CreateRoleCommand({ RoleName: n, AssumeRolePolicyDocument: trust }))),
      );
    }
    const { page, errors } = await signIn();
    const started = Date.now();
    await nav(page, 'Roles').click();
    await page.getByText(/^\d+ of 99\d$/).waitFor();
    const elapsed = Date.now() - started;
    // Reported, never asserted (benchmarks are not tests; docs/console.md has the figures).
    console.log(`roles list (${names.length} roles and the suite’s own): ${elapsed} ms`);
    await page.getByLabel('Search roles').fill('bulk-0989');
    await page.getByRole('link', { name: 'bulk-0989' }).waitFor();
    await page.getByText(/^1 of 99\d$/).waitFor();
    await page.getByRole('button', { name: 'Delete role bulk-0989' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    // The list is drawn again without it.
    await page.getByText(/^99\d of 99\d$/).waitFor();
    await page.getByLabel('Search roles').fill('bulk-0989');
    await page.getByText(/^0 of 99\d$/).waitFor();
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('deleting a role detaches its policies and takes it out of its instance profile first', async () => {
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web-server-profile' }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web-server-profile', RoleName: 'web-server' }));
    const { page, errors } = await signIn();
    await page.goto(`${server.url}/_keysmith/console/#/roles/web-server`);
    await page.getByRole('heading', { name: 'web-server' }).waitFor();
    await page.getByRole('button', { name: 'Attach policies' }).click();
    await page.getByLabel('Search permissions policies').fill('AmazonS3ReadOnly');
    await page.getByRole('checkbox', { name: 'AmazonS3ReadOnlyAccess' }).check();
    await page.getByRole('button', { name: 'Attach policies' }).last().click();
    await page.getByRole('link', { name: 'AmazonS3ReadOnlyAccess' }).waitFor();
    await page.getByRole('button', { name: 'Delete role' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('detach 1 managed policy, remove it from 1 instance profile').waitFor();
    await dialog.getByRole('button', { name: 'Detach, remove and delete' }).click();
    await page.getByRole('heading', { name: 'Roles' }).waitFor();
    assert.equal((await awsError(iam.send(new GetRoleCommand({ RoleName: 'web-server' })))).code, 'NoSuchEntity');
    assert.equal((await awsError(iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'web-server' })))).code, 'NoSuchEntity');
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
