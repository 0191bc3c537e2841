import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { CreateLoginProfileCommand, CreateOpenIDConnectProviderCommand, GetRolePolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { launchBrowser, newConsolePage, screenshot, signInWithPassword } from '../support/browser.js';
import { awsCli } from '../support/clients-aws-cli.js';
import { sendSigned } from '../support/clients-signer.js';
import { iamClient } from '../support/sdk-clients.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { createRole, createUser, policyDoc, allow, deny, type TestUser } from '../support/sts-helpers.js';

/**
 * The console's access analysis, sessions, event history and policy simulator in a real headless
 * Chromium, against a real keysmith: who can assume a role — a user named by the trust policy, a
 * chain through another role, a service, an OIDC provider — in the graph and in the list, with the
 * statements; the simulator's explanation of an allowed and an explicitly denied action; a role
 * session the AWS CLI got, revoked in the console, and the CLI's next call refused; the event
 * history showing those calls, filtered by user, with an event's JSON opened.
 */
const ACCOUNT = '123456789012';
const GH = 'token.actions.githubusercontent.com';
let server: TestServer;
let iam: IAMClient;
let browser: Browser;
let page: Page;
let errors: string[];
let alice: TestUser;

const trust = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

suite('console: access analysis, sessions, events, simulator (headless Chromium)', () => {
  before(async () => {
    server = await startTestServer();
    iam = iamClient(server.url, server.admin);
    browser = await launchBrowser();
    await createUser(iam, 'auditor', policyDoc(allow('*')));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'auditor', Password: 'Audit-Horse-9' }));
    alice = await createUser(
      iam,
      'alice',
      policyDoc(
        allow('sts:AssumeRole', '*', { Sid: 'MayAssume' }),
        allow('s3:*', '*', { Sid: 'S3Work' }),
        deny('s3:DeleteBucket', '*', { Sid: 'NoBucketDeletes' }),
      ),
    );
    const provider = (
      await iam.send(
        new CreateOpenIDConnectProviderCommand({
          Url: `https://${GH}`,
          ClientIDList: ['sts.amazonaws.com'],
          ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
        }),
      )
    ).OpenIDConnectProviderArn!;
    await createRole(
      iam,
      'Direct',
      trust({ Sid: 'TrustAlice', Effect: 'Allow', Principal: { AWS: alice.arn }, Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'] }),
    );
    const hop = await createRole(
      iam,
      'Hop',
      trust({ Sid: 'AliceToHop', Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'sts:AssumeRole' }),
      { policy: policyDoc(allow('sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/Target`, { Sid: 'HopMayAssume' })) },
    );
    await createRole(
      iam,
      'Target',
      trust(
        { Sid: 'FromHop', Effect: 'Allow', Principal: { AWS: hop.arn }, Action: 'sts:AssumeRole' },
        { Sid: 'LambdaRuns', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
        {
          Sid: 'GitHubDeploys',
          Effect: 'Allow',
          Principal: { Federated: provider },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${GH}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${GH}:sub`]: 'repo:octo-org/*' } },
        },
      ),
    );
    ({ page, errors } = await newConsolePage(browser));
    await signInWithPassword(page, server.url, { account: ACCOUNT, user: 'auditor', password: 'Audit-Horse-9' });
    await page.getByRole('heading', { name: 'IAM dashboard' }).waitFor();
  });
  after(async () => {
    await browser?.close();
    iam?.destroy();
    await server?.close();
  });

  test('who can assume a role: a user directly, a chain through a role, a service, an OIDC provider — graph and text', async () => {
    await page.getByRole('link', { name: 'Access analysis' }).click();
    await page.getByLabel('Role', { exact: true }).selectOption('Target');
    await page.getByRole('button', { name: 'Show who can assume it' }).click();
    await page.getByRole('heading', { name: 'Who can assume Target' }).waitFor();

    const graph = page.getByRole('img', { name: /Access graph/ });
    await graph.waitFor();
    const svgText = (await graph.textContent()) ?? '';
    for (const name of ['alice', 'Hop', 'Target', 'lambda.amazonaws.com', `${GH} (OIDC)`])
      assert.ok(svgText.includes(name), `${name} in ${svgText}`);
    assert.ok(svgText.includes('WebIdentity · conditional'), svgText);
    // Users and roles are links (keyboard-reachable) to their own analysis.
    await page.getByRole('link', { name: 'Role Hop' }).waitFor();
    await page.getByRole('link', { name: 'IAM user alice' }).waitFor();

    const paths = page.getByRole('table', { name: 'Paths' });
    const chain = paths.getByRole('row').filter({ hasText: 'alice → Hop → Target' });
    await chain.waitFor();
    const chainText = (await chain.textContent()) ?? '';
    assert.match(chainText, /AliceToHop/);
    assert.match(chainText, /FromHop/);
    // The trust names the role itself, in its account: the engine needs no identity policy of the session.
    assert.doesNotMatch(chainText, /HopMayAssume/);
    const service = paths.getByRole('row').filter({ hasText: 'lambda.amazonaws.com → Target' });
    assert.match((await service.textContent()) ?? '', /LambdaRuns.*allowed|allowed.*LambdaRuns/s);
    const oidc = paths.getByRole('row').filter({ hasText: `${GH} (OIDC) → Target` });
    const oidcText = (await oidc.textContent()) ?? '';
    assert.match(oidcText, /conditional/);
    assert.match(oidcText, /GitHubDeploys/);
    assert.match(oidcText, new RegExp(`${GH}:aud, ${GH}:sub|${GH}:sub, ${GH}:aud`));
    await screenshot(page, 'access-graph');

    // A user named directly by a trust policy: alice → Direct, and from alice's side, every role she reaches.
    await page.getByRole('link', { name: 'IAM user alice' }).click();
    await page.getByRole('heading', { name: 'Roles alice can reach' }).waitFor();
    const direct = page
      .getByRole('table', { name: 'Paths' })
      .getByRole('row')
      .filter({ hasText: /^alice → Direct/ });
    assert.match((await direct.textContent()) ?? '', /TrustAlice/);
    await page.getByRole('table', { name: 'Paths' }).getByRole('row').filter({ hasText: 'alice → Hop → Target' }).waitFor();
    assert.deepEqual(errors, []);
  });

  test('AnalyzeAccess through the server: signed, authorized as iam:GetAccountAuthorizationDetails, the subject of the caller’s account', async () => {
    const call = (creds: { accessKeyId: string; secretAccessKey: string }, form: Record<string, string>) =>
      sendSigned(server.url, creds, { form: { Action: 'AnalyzeAccess', Version: '2026-12-01', ...form }, service: 'keysmith' });
    const ok = await call(server.admin, { PrincipalArn: alice.arn });
    assert.equal(ok.status, 200, ok.text);
    assert.match(ok.text, /<Direction>can-reach<\/Direction>/);
    assert.match(ok.text, /<Sid>TrustAlice<\/Sid>/);
    const denied = await call(alice.creds, { RoleArn: `arn:aws:iam::${ACCOUNT}:role/Direct` });
    assert.equal(denied.status, 403, denied.text);
    assert.match(denied.text, /iam:GetAccountAuthorizationDetails/);
    const missing = await call(server.admin, { RoleArn: `arn:aws:iam::${ACCOUNT}:role/Nope` });
    assert.match(missing.text, /<Code>NoSuchEntity<\/Code>/);
    const other = await call(server.admin, { RoleArn: 'arn:aws:iam::210987654321:role/Direct' });
    assert.match(other.text, /<Code>NoSuchEntity<\/Code>/);
  });

  test('the simulator explains an allowed and an explicitly denied action: layer and statements', async () => {
    await page.getByRole('link', { name: 'Policy simulator' }).click();
    // Exact: until the simulator has replaced the page, the access analysis' "Principals" table matches a loose 'Principal'.
    await page.getByLabel('Principal', { exact: true }).selectOption({ label: 'User: alice' });
    await page.getByLabel('Actions').fill('s3:GetObject\ns3:DeleteBucket');
    await page.getByRole('button', { name: 'Add context key' }).click();
    await page.getByLabel('Context key 1 name').fill('aws:MultiFactorAuthPresent');
    await page.getByLabel('Context key 1 type').selectOption('boolean');
    await page.getByLabel('Context key 1 values').fill('true');
    await page.getByRole('button', { name: 'Run simulation' }).click();
    const allowed = page.getByRole('article', { name: 's3:GetObject on *' });
    await allowed.waitFor();
    const allowedText = (await allowed.textContent()) ?? '';
    assert.match(allowedText, /Allowed/);
    assert.match(allowedText, /Decided by: identity-based policy/);
    assert.match(allowedText, /Allow · identity · inline statement 1 “S3Work”/);
    const denied = page.getByRole('article', { name: 's3:DeleteBucket on *' });
    const deniedText = (await denied.textContent()) ?? '';
    assert.match(deniedText, /Denied \(explicit deny\)/);
    assert.match(deniedText, /with an explicit deny in an identity-based policy/);
    assert.match(deniedText, /Deny · identity · inline statement 2 “NoBucketDeletes”/);
    await denied.getByText('How the decision was reached').click();
    await denied.getByText(/explicit Deny: identity inline statement 2 "NoBucketDeletes"/).waitFor();
    await screenshot(page, 'simulator');
    assert.deepEqual(errors, []);
  });

  test('a session the AWS CLI got is listed, revoked in the console, and the CLI’s next call is refused', async () => {
    const assumed = await awsCli(server.url, alice.creds, [
      'sts',
      'assume-role',
      '--role-arn',
      `arn:aws:iam::${ACCOUNT}:role/Direct`,
      '--role-session-name',
      'cli-session',
      '--source-identity',
      'alice-laptop',
    ]);
    assert.equal(assumed.code, 0, assumed.stderr);
    const c = assumed.json.Credentials as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
    const asRole = (args: string[]) =>
      awsCli(server.url, { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey }, args, {
        env: { AWS_SESSION_TOKEN: c.SessionToken },
      });
    const before = await asRole(['sts', 'get-caller-identity']);
    assert.equal(before.code, 0, before.stderr);
    assert.match(before.json.Arn, /assumed-role\/Direct\/cli-session$/);
    await server.keysmith.app.audit.flush?.();

    await page.getByRole('link', { name: 'Sessions', exact: true }).click();
    const row = page.getByRole('table', { name: 'Sessions of Direct' }).getByRole('row').filter({ hasText: 'cli-session' });
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    assert.match(rowText, /alice-laptop/);
    assert.match(rowText, new RegExp(alice.arn));
    assert.match(rowText, /active/);
    await screenshot(page, 'sessions');
    await row.getByRole('button', { name: 'Revoke session cli-session' }).click();
    await page.getByRole('dialog', { name: 'Revoke sessions' }).getByRole('button', { name: 'Revoke' }).click();
    await page
      .getByRole('table', { name: 'Sessions of Direct' })
      .getByRole('row')
      .filter({ hasText: 'cli-session' })
      .filter({ hasText: 'revoked (keysmith)' })
      .waitFor();

    const afterRevoke = await asRole(['sts', 'get-caller-identity']);
    assert.notEqual(afterRevoke.code, 0, 'the revoked session is refused');
    assert.equal(afterRevoke.error?.code, 'InvalidClientTokenId', afterRevoke.stderr);

    // The AWS way: the AWSRevokeOlderSessions inline policy on the role.
    await page.getByRole('button', { name: 'Revoke the AWS way (AWSRevokeOlderSessions)' }).click();
    await page.getByRole('dialog', { name: 'Revoke active sessions (AWS)' }).getByRole('button', { name: 'Revoke' }).click();
    // The heading is on the page before and after: wait for the console's PutRolePolicy itself
    // (under load it lands after the dialog closes; the session row already says "revoked").
    const written = await writtenPolicy('Direct', 'AWSRevokeOlderSessions');
    assert.match(decodeURIComponent(written.PolicyDocument!), /"aws:TokenIssueTime"/);
    assert.deepEqual(errors, []);
  });

  /** The role's inline policy once the console has written it (polled: the console writes it asynchronously). */
  async function writtenPolicy(roleName: string, policyName: string) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        return await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));
      } catch (error) {
        if ((error as { name?: string }).name !== 'NoSuchEntityException' || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  test('event history shows the calls just made, filtered by user, and an event’s JSON opens', async () => {
    const refused = await awsCli(server.url, alice.creds, ['iam', 'list-users']);
    assert.equal(refused.error?.code, 'AccessDenied', refused.stderr);
    await server.keysmith.app.audit.flush?.();
    await page.getByRole('link', { name: 'Event history' }).click();
    await page.getByLabel('Lookup attribute').selectOption('Username');
    await page.getByLabel('Attribute value').fill('alice');
    await page.getByRole('button', { name: 'Search' }).click();
    const events = page.getByRole('table', { name: 'Events' });
    await events.getByRole('row').filter({ hasText: 'AssumeRole' }).first().waitFor();
    const names = await events.locator('tbody tr td:nth-child(3)').allTextContents();
    assert.ok(names.length > 0 && names.every((n) => n === 'alice'), names.join(','));
    await events.getByRole('button', { name: 'AssumeRole' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('"roleSessionName": "cli-session"').waitFor();
    await screenshot(page, 'event-history');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Error code: no LookupEvents attribute, filtered in the browser — alice's refused ListUsers.
    await page.getByLabel('Error code').fill('AccessDenied');
    await page.getByRole('button', { name: 'Search' }).click();
    await events.getByRole('row').filter({ hasText: 'ListUsers' }).first().waitFor();
    // alice's ListUsers row was already on the page from the search before: wait (5 s at most)
    // for the new search's rows to replace the old ones before reading them.
    const shownCodes = () => events.locator('tbody tr td:nth-child(6)').allTextContents();
    const onlyDenied = (codes: string[]) => codes.length > 0 && codes.every((code) => code === 'AccessDenied');
    let codes = await shownCodes();
    for (let i = 0; i < 50 && !onlyDenied(codes); i++) {
      await page.waitForTimeout(100);
      codes = await shownCodes();
    }
    assert.ok(onlyDenied(codes), codes.join(','));
    assert.equal(await events.getByRole('row').filter({ hasText: 'AssumeRole' }).count(), 0);
    assert.deepEqual(errors, []);
  });
});
