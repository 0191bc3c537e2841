import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import {
  CreateLoginProfileCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  type IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { base32Decode, hotp, totpStep } from '../../src/services/iam/mfa/totp.js';
import { launchBrowser, newConsolePage, screenshot, signInWithPassword } from '../support/browser.js';
import { iamClient } from '../support/sdk-clients.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { allow, createRole, createUser, OffsetClock, policyDoc } from '../support/sts-helpers.js';
import { sendLookupEvents } from '../support/clients-signer.js';

/**
 * The console's sign-in in a real headless Chromium: a browser opening keysmith's root lands on the
 * console; an IAM user signs in with a password (then the MFA code, then a new password when one
 * must be chosen) or with an access key pair; the dashboard answers through keysmith's own APIs,
 * signed in the browser; sign-out and session expiry return to the sign-in page; CloudTrail has
 * the ConsoleLogin.
 */
const ACCOUNT = '123456789012';
let server: TestServer;
let iam: IAMClient;
let browser: Browser;
const clock = new OffsetClock();

suite('console: sign-in (headless Chromium)', () => {
  before(async () => {
    server = await startTestServer({}, { clock });
    iam = iamClient(server.url, server.admin);
    browser = await launchBrowser();
    await createUser(iam, 'alice', policyDoc(allow(['iam:Get*', 'iam:List*', 'iam:GenerateCredentialReport'])));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Correct-Horse-9' }));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('a browser at keysmith’s root lands on the sign-in page; a password signs in to the dashboard', async () => {
    const { page, errors } = await newConsolePage(browser);
    await page.goto(server.url);
    assert.match(page.url(), /\/_keysmith\/console\/$/);
    await screenshot(page, 'sign-in');
    await signInWithPassword(page, server.url, { account: ACCOUNT, user: 'alice', password: 'wrong-password-1' });
    await page.getByRole('alert').filter({ hasText: 'Your authentication information is incorrect' }).waitFor();
    await page.getByLabel('Password', { exact: true }).fill('Correct-Horse-9');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'IAM dashboard' }).waitFor();
    await page.getByText('alice @ 123456789012').waitFor();
    await page.getByRole('heading', { name: 'Security recommendations' }).waitFor();
    await screenshot(page, 'dashboard');
    assert.deepEqual(errors, []);

    await server.keysmith.app.audit.flush?.();
    const events = await sendLookupEvents(server.url, server.admin, {
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'ConsoleLogin' }],
    });
    const parsed = (JSON.parse(events.text) as { Events: { CloudTrailEvent: string }[] }).Events.map((e) => JSON.parse(e.CloudTrailEvent));
    assert.ok(
      parsed.some(
        (e) =>
          e.eventSource === 'signin.amazonaws.com' && e.responseElements?.ConsoleLogin === 'Success' && e.userIdentity.userName === 'alice',
      ),
      events.text,
    );
    assert.ok(parsed.some((e) => e.responseElements?.ConsoleLogin === 'Failure'));
    assert.ok(!events.text.includes('Correct-Horse-9'));
    await page.context().close();
  });

  test('MFA: the code is asked for and checked; a reset password must be changed first', async () => {
    await createUser(iam, 'bob', policyDoc(allow(['iam:Get*', 'iam:List*'])));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'bob', Password: 'Old-Password-7', PasswordResetRequired: true }));
    const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'bob-phone' }))).VirtualMFADevice!;
    const seed = base32Decode(Buffer.from(device.Base32StringSeed!).toString('ascii'));
    const step = totpStep(Date.now());
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: 'bob',
        SerialNumber: device.SerialNumber!,
        AuthenticationCode1: hotp(seed, step - 1),
        AuthenticationCode2: hotp(seed, step),
      }),
    );
    const { page, errors } = await newConsolePage(browser);
    await signInWithPassword(page, server.url, { account: ACCOUNT, user: 'bob', password: 'Old-Password-7' });
    await page.getByLabel('New password', { exact: true }).fill('New-Password-8');
    await page.getByLabel('Confirm new password').fill('New-Password-8');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('MFA code').fill('000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'MultiFactorAuthentication failed' }).waitFor();
    await page.getByLabel('MFA code').fill(hotp(seed, step + 1));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'IAM dashboard' }).waitFor();
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('switch role: the console works as the role (display name and colour in the header), then back', async () => {
    const trust = policyDoc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }, Action: 'sts:AssumeRole' });
    await createRole(iam, 'auditor', trust, { policy: policyDoc(allow(['iam:Get*', 'iam:List*', 'iam:GenerateCredentialReport'])) });
    await iam.send(
      new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'assume', PolicyDocument: policyDoc(allow('sts:AssumeRole')) }),
    );
    const { page, errors } = await newConsolePage(browser);
    await signInWithPassword(page, server.url, { account: ACCOUNT, user: 'alice', password: 'Correct-Horse-9' });
    await page.getByRole('heading', { name: 'IAM dashboard' }).waitFor();
    await page.getByRole('link', { name: 'Switch role' }).click();
    await page.getByLabel('Role name or ARN').fill('auditor');
    await page.getByLabel('Display name').fill('Auditing');
    await page.getByLabel('Colour').selectOption({ index: 2 });
    await page.getByRole('button', { name: 'Switch role' }).click();
    const badge = page.locator('.role-badge');
    await badge.filter({ hasText: 'Auditing' }).waitFor();
    assert.match((await badge.getAttribute('title')) ?? '', /^arn:aws:sts::123456789012:assumed-role\/auditor\/alice$/);
    assert.notEqual(await badge.evaluate((el) => (el as unknown as { style: { background: string } }).style.background), '');
    await page.getByRole('heading', { name: 'IAM dashboard' }).waitFor();
    await screenshot(page, 'switched-role');
    await page.getByRole('button', { name: 'Back to alice' }).click();
    await page.getByRole('link', { name: 'Switch role' }).waitFor();
    assert.equal(await page.locator('.role-badge').count(), 0);

    await server.keysmith.app.audit.flush?.();
    const events = await sendLookupEvents(server.url, server.admin, {
      LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'alice' }],
    });
    const assumed = (JSON.parse(events.text) as { Events: { CloudTrailEvent: string }[] }).Events.map((e) =>
      JSON.parse(e.CloudTrailEvent),
    ).find((e) => e.eventName === 'AssumeRole');
    assert.equal(assumed?.userIdentity.sessionCredentialFromConsole, 'true', events.text);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('an access key pair signs in; sign-out and an expired session return to the sign-in page', async () => {
    const carol = await createUser(iam, 'carol', policyDoc(allow(['iam:Get*', 'iam:List*'])));
    const { page, errors } = await newConsolePage(browser);
    await page.goto(server.url);
    await page.getByRole('tab', { name: 'Access key' }).click();
    await page.getByLabel('Access key ID').fill(carol.creds.accessKeyId);
    await page.getByLabel('Secret access key').fill(carol.creds.secretAccessKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('carol @ 123456789012').waitFor();
    const stored = String(await page.evaluate("sessionStorage.getItem('keysmith.console.session') ?? ''"));
    assert.ok(!stored.includes(carol.creds.secretAccessKey), 'the long-term secret is not kept');
    assert.match(stored, /"accessKeyId":"ASIA/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to keysmith' }).waitFor();

    await signInWithPassword(page, server.url, { account: ACCOUNT, user: 'alice', password: 'Correct-Horse-9' });
    await page.getByRole('heading', { name: 'IAM dashboard' }).waitFor();
    clock.advance(13 * 3600_000);
    try {
      await page.getByRole('link', { name: 'Dashboard' }).click();
      await page.reload();
      await page.getByText('Your session has expired. Sign in again.').waitFor();
    } finally {
      clock.reset();
    }
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
