import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import {
  AttachUserPolicyCommand,
  CreateLoginProfileCommand,
  CreateOpenIDConnectProviderCommand,
  CreatePolicyCommand,
  CreateSAMLProviderCommand,
  CreateUserCommand,
  GetOpenIDConnectProviderCommand,
  GetSAMLProviderCommand,
  type IAMClient,
  ListOpenIDConnectProviderTagsCommand,
  ListPolicyTagsCommand,
  ListSAMLProviderTagsCommand,
  type Tag,
} from '@aws-sdk/client-iam';
import { launchBrowser, newConsolePage, screenshot, signInWithPassword } from '../support/browser.js';
import { iamClient } from '../support/sdk-clients.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { idpMetadata, OTHER_CERT } from '../support/saml-idp.js';

/**
 * The identity-provider and policy details AWS's IAM console has, in a real headless Chromium, each
 * change made through the browser and read back with the AWS SDK: an OIDC provider's audiences
 * (added, removed), its thumbprints (a wrong one refused in the page, then the list replaced) and
 * tags; a SAML provider's metadata document replaced (pasted, then read from a file) and its tags;
 * a customer managed policy's Tags tab (an AWS managed policy has none).
 */
const ACCOUNT = '123456789012';
const PASSWORD = 'Console-Admin-42';
const ISSUER = 'token.actions.githubusercontent.com';
const OIDC_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`;
const SAML_ARN = `arn:aws:iam::${ACCOUNT}:saml-provider/corp-idp`;
const THUMB_A = '6938fd4d98bab03faadb97b34396831e3780aea1';
const THUMB_B = '1c58a3a8518e8759bf075b76b750d4f2df264fcd';

let server: TestServer;
let iam: IAMClient;
let browser: Browser;
let policyArn: string;

async function signIn(options: { width?: number } = {}): Promise<{ page: Page; errors: string[] }> {
  const opened = await newConsolePage(browser, options);
  await signInWithPassword(opened.page, server.url, { account: ACCOUNT, user: 'ada', password: PASSWORD });
  await opened.page.getByRole('heading', { name: 'IAM dashboard' }).waitFor();
  return opened;
}

async function open(page: Page, route: string, heading: string): Promise<void> {
  await page.goto(`${server.url}/_keysmith/console/#/${route}`);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

const sorted = (tags: Tag[] | undefined) =>
  (tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })).sort((a, b) => String(a.Key).localeCompare(String(b.Key)));

/** Edits the Tags tab on the current page: sets key → value for the rows given, removes the keys given, saves. */
async function editTags(page: Page, add: [string, string][], remove: string[] = []): Promise<void> {
  await page.getByRole('tab', { name: 'Tags' }).click();
  await page.getByRole('button', { name: 'Save tags' }).waitFor();
  for (const key of remove) {
    const keys = page.getByLabel(/^Tag \d+ key$/);
    const count = await keys.count();
    for (let i = 1; i <= count; i++) {
      if ((await page.getByLabel(`Tag ${i} key`).inputValue()) === key) {
        await page.getByRole('button', { name: `Remove tag ${i}` }).click();
        break;
      }
    }
  }
  for (const [key, value] of add) {
    const count = await page.getByLabel(/^Tag \d+ key$/).count();
    let row = 0;
    for (let i = 1; i <= count; i++) if ((await page.getByLabel(`Tag ${i} key`).inputValue()) === key) row = i;
    if (!row) {
      await page.getByRole('button', { name: 'Add tag' }).click();
      row = count + 1;
      await page.getByLabel(`Tag ${row} key`).fill(key);
    }
    await page.getByLabel(`Tag ${row} value`).fill(value);
  }
  await page.getByRole('button', { name: 'Save tags' }).click();
  await page.getByRole('status').filter({ hasText: 'Tags saved.' }).waitFor();
}

suite('console: identity provider and policy details (headless Chromium)', () => {
  before(async () => {
    server = await startTestServer();
    iam = iamClient(server.url, server.admin);
    browser = await launchBrowser();
    await iam.send(new CreateUserCommand({ UserName: 'ada' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'ada', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'ada', Password: PASSWORD }));
    await iam.send(
      new CreateOpenIDConnectProviderCommand({ Url: `https://${ISSUER}`, ClientIDList: ['sts.amazonaws.com'], ThumbprintList: [THUMB_A] }),
    );
    await iam.send(new CreateSAMLProviderCommand({ Name: 'corp-idp', SAMLMetadataDocument: idpMetadata() }));
    const policy = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'read-reports',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
        Tags: [{ Key: 'team', Value: 'finance' }],
      }),
    );
    policyArn = policy.Policy!.Arn!;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('OIDC provider: an audience added and one removed, the thumbprints replaced (a wrong one refused first), tags set and changed', async () => {
    const { page, errors } = await signIn();
    await open(page, `providers/${encodeURIComponent(OIDC_ARN)}`, ISSUER);
    const audiences = page.getByRole('list', { name: 'Audiences' });
    await audiences.getByText('sts.amazonaws.com').waitFor();

    await page.getByLabel('New audience').fill('my-cluster');
    await page.getByRole('button', { name: 'Add audience' }).click();
    await page.getByRole('status').filter({ hasText: 'Audience my-cluster added.' }).waitFor();
    await page.getByRole('button', { name: 'Remove audience sts.amazonaws.com' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('status').filter({ hasText: 'Audience sts.amazonaws.com removed.' }).waitFor();
    assert.deepEqual(await audiences.getByRole('listitem').allTextContents(), ['my-cluster Remove']);
    let p = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: OIDC_ARN }));
    assert.deepEqual(p.ClientIDList, ['my-cluster']);

    await page.getByRole('tab', { name: 'Thumbprints' }).click();
    await page.getByRole('list', { name: 'Current thumbprints' }).getByText(THUMB_A).waitFor();
    const list = page.getByLabel('Thumbprint list');
    assert.equal(await list.inputValue(), THUMB_A);
    await list.fill(`${THUMB_A}\nnot-a-thumbprint`);
    await page.getByRole('button', { name: 'Save thumbprints' }).click();
    await page.getByRole('alert').filter({ hasText: 'not-a-thumbprint' }).waitFor();
    p = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: OIDC_ARN }));
    assert.deepEqual(p.ThumbprintList, [THUMB_A]);
    await list.fill(`${THUMB_B}\n${THUMB_A.toUpperCase()}`);
    await page.getByRole('button', { name: 'Save thumbprints' }).click();
    await page.getByRole('status').filter({ hasText: 'Thumbprints saved.' }).waitFor();
    p = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: OIDC_ARN }));
    assert.deepEqual(
      p.ThumbprintList?.map((t) => t.toLowerCase()),
      [THUMB_B, THUMB_A],
    );
    // The tab is kept in the URL: a reload opens the thumbprints again.
    assert.match(page.url(), /\?tab=thumbprints$/);

    await editTags(page, [
      ['env', 'prod'],
      ['owner', 'platform'],
    ]);
    const tagged = await iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: OIDC_ARN }));
    assert.deepEqual(sorted(tagged.Tags), [
      { Key: 'env', Value: 'prod' },
      { Key: 'owner', Value: 'platform' },
    ]);
    await screenshot(page, 'provider-oidc-tags');
    await editTags(page, [['env', 'staging']], ['owner']);
    const retagged = await iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: OIDC_ARN }));
    assert.deepEqual(sorted(retagged.Tags), [{ Key: 'env', Value: 'staging' }]);
    await page.getByRole('heading', { name: 'Tags (1)' }).waitFor();
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('SAML provider: the metadata document replaced — pasted, then read from a file — and its tags', async () => {
    const { page, errors } = await signIn();
    await open(page, `providers/${encodeURIComponent(SAML_ARN)}`, 'corp-idp');
    await page.getByText('Valid', { exact: true }).waitFor();

    const pasted = idpMetadata(OTHER_CERT, 'https://other-idp.keysmith.test/saml');
    await page.getByText('Replace metadata document').click();
    await page.getByLabel('New metadata document').fill(pasted);
    await page.getByRole('button', { name: 'Replace metadata' }).click();
    await page.getByRole('status').filter({ hasText: 'Metadata document replaced.' }).waitFor();
    await page.getByLabel('SAML metadata document').getByText('https://other-idp.keysmith.test/saml', { exact: false }).waitFor();
    let p = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: SAML_ARN }));
    assert.equal(p.SAMLMetadataDocument, pasted);
    await screenshot(page, 'provider-saml-metadata');

    const fromFile = idpMetadata(undefined, 'https://idp.keysmith.test/saml-2026');
    await page.getByText('Replace metadata document').click();
    await page
      .getByLabel('New metadata file')
      .setInputFiles({ name: 'metadata.xml', mimeType: 'application/xml', buffer: Buffer.from(fromFile) });
    // Read in the browser with FileReader into the document field.
    await page.waitForFunction("document.querySelector('textarea.metadata')?.value.includes('saml-2026')");
    await page.getByRole('button', { name: 'Replace metadata' }).click();
    await page.getByLabel('SAML metadata document').getByText('saml-2026', { exact: false }).waitFor();
    p = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: SAML_ARN }));
    assert.equal(p.SAMLMetadataDocument, fromFile);

    // Not metadata at all: IAM's error is shown, the document is unchanged.
    await page.getByText('Replace metadata document').click();
    await page.getByLabel('New metadata document').fill('<not-metadata/>');
    await page.getByRole('button', { name: 'Replace metadata' }).click();
    await page.getByRole('alert').waitFor();
    p = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: SAML_ARN }));
    assert.equal(p.SAMLMetadataDocument, fromFile);

    await editTags(page, [['idp', 'okta']]);
    const tags = await iam.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: SAML_ARN }));
    assert.deepEqual(sorted(tags.Tags), [{ Key: 'idp', Value: 'okta' }]);
    await editTags(page, [], ['idp']);
    const none = await iam.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: SAML_ARN }));
    assert.deepEqual(sorted(none.Tags), []);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('policy: a customer managed policy’s Tags tab lists, changes and removes tags; an AWS managed policy has no Tags tab', async () => {
    const { page, errors } = await signIn();
    await open(page, `policies/${encodeURIComponent(policyArn)}`, 'read-reports');
    await page.getByRole('tab', { name: 'Tags' }).click();
    await page.getByRole('heading', { name: 'Tags (1)' }).waitFor();
    assert.equal(await page.getByLabel('Tag 1 key').inputValue(), 'team');
    assert.equal(await page.getByLabel('Tag 1 value').inputValue(), 'finance');

    await editTags(page, [
      ['team', 'treasury'],
      ['cost-centre', '4711'],
    ]);
    let tags = await iam.send(new ListPolicyTagsCommand({ PolicyArn: policyArn }));
    assert.deepEqual(sorted(tags.Tags), [
      { Key: 'cost-centre', Value: '4711' },
      { Key: 'team', Value: 'treasury' },
    ]);
    await screenshot(page, 'policy-tags');

    // A key twice is refused in the page, before any call.
    await page.getByRole('button', { name: 'Add tag' }).click();
    await page.getByLabel('Tag 3 key').fill('team');
    await page.getByRole('button', { name: 'Save tags' }).click();
    await page.getByRole('alert').filter({ hasText: 'Each key may be used once: team.' }).waitFor();

    await editTags(page, [], ['team', 'cost-centre']);
    tags = await iam.send(new ListPolicyTagsCommand({ PolicyArn: policyArn }));
    assert.deepEqual(sorted(tags.Tags), []);
    await page.getByRole('heading', { name: 'Tags (0)' }).waitFor();

    await open(page, `policies/${encodeURIComponent('arn:aws:iam::aws:policy/ReadOnlyAccess')}`, 'ReadOnlyAccess');
    await page.getByRole('tab', { name: 'Entities attached' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Tags' }).count(), 0);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a narrow window (400 px): the provider’s tabs and thumbprint editor are usable with the keyboard', async () => {
    const { page, errors } = await signIn({ width: 400 });
    await open(page, `providers/${encodeURIComponent(OIDC_ARN)}`, ISSUER);
    const audiencesTab = page.getByRole('tab', { name: 'Audiences' });
    await audiencesTab.focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tab', { name: 'Thumbprints', selected: true }).waitFor();
    await page.getByLabel('Thumbprint list').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(THUMB_A);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Thumbprints saved.' }).waitFor();
    const p = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: OIDC_ARN }));
    assert.deepEqual(p.ThumbprintList, [THUMB_A]);
    // A long issuer host name wraps in the heading rather than widening the page.
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    await screenshot(page, 'provider-oidc-narrow');
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
