import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { CreateGroupCommand, CreateLoginProfileCommand, PutGroupPolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { launchBrowser, newConsolePage, screenshot, signInWithPassword } from '../support/browser.js';
import { sendSigned } from '../support/clients-signer.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { allow, assume, createRole, createUser, policyDoc, trustDoc, type TestUser } from '../support/sts-helpers.js';

/**
 * The console's analysis pages on a narrow window (400 px) and with the keyboard alone — access
 * analysis, sessions, event history, the policy simulator: no sideways scroll of the page (only the
 * graph scrolls, in its own box), every flow done with Tab/Enter/Space/arrows, focus visible on
 * every control reached — and the gaps filled beside them: sessions voided by the admin API (no
 * CloudTrail event) marked revoked, through keysmith's ListSessionRevocations; the create-user form
 * adding the user to groups; the user's "Last accessed" tab (the access advisor).
 */
const ACCOUNT = '123456789012';
const ADMIN_TOKEN = 'console-a11y-admin-token';
let server: TestServer;
let iam: IAMClient;
let browser: Browser;
let page: Page;
let errors: string[];
let alice: TestUser;
let roleArn: string;

/** The browser's globals, inside `evaluate` callbacks (the tests compile without the DOM library). */
declare const document: { activeElement: unknown; documentElement: { scrollWidth: number } };
declare const window: { innerWidth: number };
declare function getComputedStyle(el: unknown): { outlineStyle: string };

/** Presses Tab (or Shift+Tab) until `target` has the focus — it must be reachable — and checks the focus is drawn. */
async function tabTo(target: Locator, options: { back?: boolean; max?: number } = {}): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < (options.max ?? 120); i++) {
    if (await target.evaluate((el) => el === document.activeElement)) {
      const outline = await target.evaluate((el) => getComputedStyle(el).outlineStyle);
      assert.notEqual(outline, 'none', 'the focused control shows its focus');
      return;
    }
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  assert.fail(`not reachable with the keyboard: ${(await target.getAttribute('aria-label')) ?? (await target.textContent()) ?? ''}`);
}

async function noSidewaysScroll(what: string): Promise<void> {
  const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scrollWidth <= innerWidth, `${what}: the page is ${scrollWidth} px wide in a ${innerWidth} px window`);
}

suite('console: analysis pages at 400 px and by keyboard, admin revocations, user groups and access advisor (headless Chromium)', () => {
  before(async () => {
    server = await startTestServer({ KEYSMITH_ADMIN_TOKEN: ADMIN_TOKEN });
    iam = iamClient(server.url, server.admin);
    browser = await launchBrowser();
    await createUser(iam, 'auditor', policyDoc(allow('*')));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'auditor', Password: 'Audit-Horse-9' }));
    alice = await createUser(iam, 'alice', policyDoc(allow('sts:AssumeRole'), allow('s3:GetObject')));
    roleArn = (
      await createRole(iam, 'DeployerWithAVeryLongRoleNameForNarrowWindows', trustDoc(alice.arn), { policy: policyDoc(allow('s3:*')) })
    ).arn;
    const sts = stsClient(server.url, alice.creds);
    for (const name of ['kbd-session', 'admin-api-session', 'kept-session']) await assume(sts, { RoleArn: roleArn, RoleSessionName: name });
    sts.destroy();
    await iam.send(new CreateGroupCommand({ GroupName: 'developers' }));
    await iam.send(
      new PutGroupPolicyCommand({ GroupName: 'developers', PolicyName: 'work', PolicyDocument: policyDoc(allow(['s3:*', 'sqs:*'])) }),
    );
    await iam.send(new CreateGroupCommand({ GroupName: 'readers' }));
    await server.keysmith.app.audit.flush?.();
    ({ page, errors } = await newConsolePage(browser, { width: 400, height: 800 }));
    await signInWithPassword(page, server.url, { account: ACCOUNT, user: 'auditor', password: 'Audit-Horse-9' });
    await page.getByRole('heading', { name: 'IAM dashboard' }).waitFor();
  });
  after(async () => {
    await browser?.close();
    iam?.destroy();
    await server?.close();
  });

  test('at 400 px the four pages, and their results, never scroll the page sideways', async () => {
    const role = 'DeployerWithAVeryLongRoleNameForNarrowWindows';
    await page.goto(`${server.url}/_keysmith/console/#/access`);
    await page.getByRole('heading', { name: 'Access analysis' }).waitFor();
    await noSidewaysScroll('access analysis');
    await page.goto(`${server.url}/_keysmith/console/#/access/role/${role}`);
    await page.getByRole('table', { name: 'Paths' }).waitFor();
    await noSidewaysScroll('who can assume the role');
    // The graph is wider than the window: it scrolls in its own box, which the keyboard can focus.
    const graphBox = page.getByRole('region', { name: /Access graph/ });
    assert.ok(await graphBox.evaluate((el) => el.scrollWidth > el.clientWidth), 'the graph scrolls in its box');
    await screenshot(page, 'a11y-access-400');
    await page.goto(`${server.url}/_keysmith/console/#/sessions`);
    await page.getByText('kept-session').waitFor();
    await noSidewaysScroll('sessions');
    await screenshot(page, 'a11y-sessions-400');
    await page.goto(`${server.url}/_keysmith/console/#/events`);
    await page.getByRole('table', { name: 'Events' }).waitFor();
    await noSidewaysScroll('event history');
    await screenshot(page, 'a11y-events-400');
    await page.goto(`${server.url}/_keysmith/console/#/simulator`);
    await page.getByRole('heading', { name: 'Policy simulator' }).waitFor();
    await noSidewaysScroll('policy simulator');
    assert.deepEqual(errors, []);
  });

  test('access analysis by keyboard: pick the role, show who can assume it, follow a node of the graph', async () => {
    await page.goto(`${server.url}/_keysmith/console/#/access`);
    const select = page.getByLabel('Role', { exact: true });
    await tabTo(select);
    await page.keyboard.type('Deployer');
    await tabTo(page.getByRole('button', { name: 'Show who can assume it' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Who can assume Deployer/ }).waitFor();
    await tabTo(page.getByRole('region', { name: /Access graph/ }));
    await tabTo(page.getByRole('link', { name: 'IAM user alice' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Roles alice can reach' }).waitFor();
    await noSidewaysScroll('roles alice can reach');
  });

  test('sessions by keyboard: revoke one session with Enter and Space; the admin API’s revocation shows as revoked', async () => {
    await page.goto(`${server.url}/_keysmith/console/#/sessions`);
    await tabTo(page.getByRole('button', { name: 'Revoke session kbd-session' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Revoke sessions' });
    await tabTo(dialog.getByRole('button', { name: 'Revoke' }));
    await page.keyboard.press('Space');
    await page.getByRole('row').filter({ hasText: 'kbd-session' }).filter({ hasText: 'revoked (keysmith)' }).waitFor();

    // The admin API leaves no CloudTrail event: the page learns of it from ListSessionRevocations.
    const res = await fetch(`${server.url}/_keysmith/sessions/revoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ roleArn, sessionName: 'admin-api-session' }),
    });
    assert.equal(res.status, 200);
    // ListSessionRevocations, signed: the role's entries for iam:GetRole on it; alice may not read the role.
    const list = (creds: { accessKeyId: string; secretAccessKey: string }, arn: string) =>
      sendSigned(server.url, creds, {
        form: { Action: 'ListSessionRevocations', Version: '2026-12-01', RoleArn: arn },
        service: 'keysmith',
      });
    const listed = await list(server.admin, roleArn);
    assert.equal(listed.status, 200, listed.text);
    assert.match(listed.text, /<SessionName>kbd-session<\/SessionName>/);
    assert.match(listed.text, /<SessionName>admin-api-session<\/SessionName>/);
    assert.doesNotMatch(listed.text, /kept-session/);
    const denied = await list(alice.creds, roleArn);
    assert.equal(denied.status, 403, denied.text);
    assert.match(denied.text, /iam:GetRole/);
    const missing = await list(server.admin, `arn:aws:iam::${ACCOUNT}:role/Nope`);
    assert.match(missing.text, /NoSuchEntity/);
    await page.reload();
    await page.getByRole('row').filter({ hasText: 'admin-api-session' }).filter({ hasText: 'revoked (keysmith)' }).waitFor();
    const kept = (await page.getByRole('row').filter({ hasText: 'kept-session' }).textContent()) ?? '';
    assert.match(kept, /active/);
    assert.doesNotMatch(kept, /revoked/);
    await noSidewaysScroll('sessions after revoking');
    await screenshot(page, 'a11y-sessions-revoked-400');
    assert.deepEqual(errors, []);
  });

  test('event history by keyboard: search by user, open an event’s JSON with Enter, close it with Escape', async () => {
    await page.goto(`${server.url}/_keysmith/console/#/events`);
    await tabTo(page.getByLabel('Lookup attribute'));
    await page.keyboard.type('User name');
    await tabTo(page.getByLabel('Attribute value'));
    await page.keyboard.type('alice');
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: /event\(s\)/ })
      .waitFor();
    const first = page.getByRole('table', { name: 'Events' }).getByRole('button', { name: 'AssumeRole' }).first();
    await tabTo(first);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /AssumeRole/ });
    await dialog.waitFor();
    assert.match((await dialog.getByLabel('Event JSON').textContent()) ?? '', /"userName": "alice"|alice/);
    await noSidewaysScroll('an event’s JSON');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  test('policy simulator by keyboard: choose pasted policies with the arrows, add a context key with Space, run with Enter', async () => {
    await page.goto(`${server.url}/_keysmith/console/#/simulator`);
    await tabTo(page.getByRole('radio', { name: 'A user or role of this account' }));
    await page.keyboard.press('ArrowDown');
    assert.ok(await page.getByRole('radio', { name: 'Policies I paste' }).isChecked());
    await tabTo(page.getByLabel('Identity policy'));
    await page.keyboard.insertText(policyDoc(allow('s3:GetObject')));
    await tabTo(page.getByLabel('Actions'));
    await page.keyboard.type('s3:GetObject, s3:PutObject');
    await tabTo(page.getByRole('button', { name: 'Add context key' }));
    await page.keyboard.press('Space');
    // The new row's name field has the focus.
    assert.ok(await page.getByLabel('Context key 1 name').evaluate((el) => el === document.activeElement));
    await page.keyboard.type('aws:MultiFactorAuthPresent');
    await page.keyboard.press('Tab');
    await page.keyboard.type('boolean');
    await page.keyboard.press('Tab');
    await page.keyboard.type('true');
    await tabTo(page.getByRole('button', { name: 'Run simulation' }));
    await page.keyboard.press('Enter');
    const results = page.locator('.sim-results');
    await results
      .getByRole('heading', { name: 'Results' })
      .waitFor({ timeout: 5000 })
      .catch(async () => assert.fail(`no results: ${await results.textContent()}`));
    await page.getByRole('article', { name: 's3:GetObject on *' }).getByText('Allowed', { exact: true }).waitFor();
    await page.getByRole('article', { name: 's3:PutObject on *' }).getByText('Denied (implicit deny)', { exact: true }).waitFor();
    // Back up with Shift+Tab to the form's submit button.
    await tabTo(page.getByRole('button', { name: 'Run simulation' }), { back: true });
    await noSidewaysScroll('simulation results');
    await screenshot(page, 'a11y-simulator-400');
    assert.deepEqual(errors, []);
  });

  test('create a user in two groups from the form, then its "Last accessed" tab lists the groups’ services', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}/_keysmith/console/#/users`);
    await page.getByRole('button', { name: 'Create user' }).click();
    const form = page.getByRole('form', { name: 'Create user' });
    await form.getByLabel('User name').fill('newbie');
    await form.getByRole('group', { name: 'Add to groups (optional)' }).getByLabel('developers').check();
    await form.getByLabel('readers').check();
    await form.getByRole('button', { name: 'Create user' }).click();
    await page.getByText('Added to developers.').waitFor();
    await page.getByText('Added to readers.').waitFor();
    await page.getByRole('link', { name: 'View user newbie' }).click();
    await page.getByRole('heading', { name: 'newbie', exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Groups' }).click();
    await page.getByRole('table', { name: 'Groups of the user' }).getByRole('link', { name: 'developers' }).waitFor();
    await page.getByRole('table', { name: 'Groups of the user' }).getByRole('link', { name: 'readers' }).waitFor();

    // newbie has used nothing; alice's AssumeRole calls show as her last use of STS.
    await page.getByRole('tab', { name: 'Last accessed' }).click();
    const table = page.getByRole('table', { name: 'Services last accessed' });
    await table.getByRole('row').filter({ hasText: 'sqs' }).waitFor();
    const s3 =
      (await table
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: 's3', exact: true }) })
        .textContent()) ?? '';
    assert.match(s3, /Not accessed/);
    await screenshot(page, 'user-last-accessed');

    await page.goto(`${server.url}/_keysmith/console/#/users/alice?tab=last-accessed`);
    const aliceSts =
      (await page
        .getByRole('table', { name: 'Services last accessed' })
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: 'sts', exact: true }) })
        .textContent()) ?? '';
    assert.doesNotMatch(aliceSts, /Not accessed/, aliceSts);
    assert.match(aliceSts, /DeployerWithAVeryLongRoleNameForNarrowWindows|alice|UTC/);
    assert.deepEqual(errors, []);
  });
});
