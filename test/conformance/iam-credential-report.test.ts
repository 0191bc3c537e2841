import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  GetUserCommand,
  type IAMClient,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { RECORD_KINDS } from '../../src/model/record-kinds.js';
import { signingCertificates } from '../../src/services/iam/certificates/signing-certificate-record.js';
import { loginProfiles } from '../../src/services/iam/login-profiles/login-profile-record.js';
import { base32Decode, hotp, totpStep } from '../../src/services/iam/mfa/totp.js';
import { CREDENTIAL_REPORT_COLUMNS, reportTime } from '../../src/services/iam/reports/credential-report-csv.js';
import { credentialReports, passwordPolicies } from '../../src/services/iam/reports/report-records.js';
import type { TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { allowDoc, rejects, startIamTestServer } from './iam-test-helpers.js';

/**
 * GenerateCredentialReport / GetCredentialReport through the AWS SDK v3 against a real keysmith:
 * the report's states, AWS's errors (no Message, 410/404), and the CSV's columns fed by users,
 * access keys (with last use), MFA devices, login profiles, signing certificates and the password
 * policy's maximum age (those records are written directly: other areas own their operations).
 */
let server: TestServer;
let iam: IAMClient;
let acct: string;

const DAY = 24 * 60 * 60 * 1000;

async function csvRows(): Promise<Map<string, Record<string, string>>> {
  const out = await iam.send(new GetCredentialReportCommand({}));
  assert.equal(out.ReportFormat, 'text/csv');
  assert.ok(out.GeneratedTime instanceof Date);
  const text = Buffer.from(out.Content!).toString('utf8');
  const [header, ...lines] = text.split('\n');
  assert.equal(header, CREDENTIAL_REPORT_COLUMNS.join(','));
  const rows = new Map<string, Record<string, string>>();
  for (const line of lines) {
    const cells = line.split(',');
    assert.equal(cells.length, CREDENTIAL_REPORT_COLUMNS.length, line);
    rows.set(cells[0]!, Object.fromEntries(CREDENTIAL_REPORT_COLUMNS.map((c, i) => [c, cells[i]!])));
  }
  assert.equal(lines[0]!.split(',')[0], '<root_account>', 'the root row comes first');
  return rows;
}

suite('IAM credential report (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    acct = server.accountId;
  });
  after(async () => {
    iam?.destroy();
    await server?.close();
  });

  test('before any report: ReportNotPresent (410), with no Message as AWS sends none', async () => {
    const e = await rejects(iam.send(new GetCredentialReportCommand({})), 'ReportNotPresent', undefined, 410);
    // The SDK words a missing Message as botocore does: "Unknown".
    assert.equal(e.message, 'Unknown');
  });

  test('a user without permission is denied both actions on resource *', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'nobody' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' }))).AccessKey!;
    const client = iamClient(server.url, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    for (const [call, action] of [
      [client.send(new GenerateCredentialReportCommand({})), 'GenerateCredentialReport'],
      [client.send(new GetCredentialReportCommand({})), 'GetCredentialReport'],
    ] as const) {
      await rejects(
        call,
        'AccessDenied',
        new RegExp(`^User: arn:aws:iam::${acct}:user/nobody is not authorized to perform: iam:${action} on resource: \\* `),
        403,
      );
    }
    await iam.send(new PutUserPolicyCommand({ UserName: 'nobody', PolicyName: 'p', PolicyDocument: allowDoc('iam:GetCredentialReport') }));
    await rejects(client.send(new GetCredentialReportCommand({})), 'ReportNotPresent');
    client.destroy();
  });

  test('every column from what keysmith knows; STARTED, then COMPLETE; Get right after STARTED', async () => {
    const store = server.keysmith.app.store;
    const now = Date.now();
    // alice: password (never used), two keys (one used, one inactive), an MFA device, a certificate.
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    const alice = (await iam.send(new GetUserCommand({ UserName: 'alice' }))).User!;
    const k1 = (await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    const k2 = (await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: k2.AccessKeyId, Status: 'Inactive' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'p', PolicyDocument: allowDoc('iam:GetUser') }));
    const aliceClient = iamClient(server.url, { accessKeyId: k1.AccessKeyId!, secretAccessKey: k1.SecretAccessKey! }, 'eu-west-1');
    await aliceClient.send(new GetUserCommand({}));
    aliceClient.destroy();
    await server.keysmith.app.usage.flush();
    const changed = now - 10 * DAY;
    await loginProfiles.create(store, {
      accountId: acct,
      name: alice.UserId!,
      path: '/',
      ownerId: alice.UserId!,
      createDate: changed,
      value: { userName: 'alice', passwordHash: 'x', passwordResetRequired: false, passwordLastChanged: changed },
    });
    await passwordPolicies.create(store, { accountId: acct, name: 'policy', path: '/', createDate: now, value: { maxPasswordAge: 90 } });
    await signingCertificates.create(store, {
      accountId: acct,
      name: 'CERTIDALICE000000000000000000001',
      path: '/',
      ownerId: alice.UserId!,
      createDate: now - DAY,
      value: {
        certificateId: 'CERTIDALICE000000000000000000001',
        userName: 'alice',
        certificateBody: 'x',
        status: 'Active',
        uploadDate: now - DAY,
      },
    });
    const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-mfa' }))).VirtualMFADevice!;
    const seed = base32Decode(Buffer.from(device.Base32StringSeed!).toString('ascii'));
    const s = totpStep(Date.now());
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: 'alice',
        SerialNumber: device.SerialNumber,
        AuthenticationCode1: hotp(seed, s - 1),
        AuthenticationCode2: hotp(seed, s),
      }),
    );
    // bob: a password that was used, no key, no MFA.
    await iam.send(new CreateUserCommand({ UserName: 'bob' }));
    const bob = (await iam.send(new GetUserCommand({ UserName: 'bob' }))).User!;
    await loginProfiles.create(store, {
      accountId: acct,
      name: bob.UserId!,
      path: '/',
      ownerId: bob.UserId!,
      createDate: now - DAY,
      value: {
        userName: 'bob',
        passwordHash: 'x',
        passwordResetRequired: true,
        passwordLastChanged: now - DAY,
        passwordLastUsed: now - 60_000,
      },
    });

    const first = await iam.send(new GenerateCredentialReportCommand({}));
    assert.equal(first.State, 'STARTED');
    assert.equal(first.Description, 'No report exists. Starting a new report generation task');
    const rows = await csvRows();
    const again = await iam.send(new GenerateCredentialReportCommand({}));
    assert.equal(again.State, 'COMPLETE');
    assert.equal(again.Description, undefined);

    const root = rows.get('<root_account>')!;
    assert.equal(root.arn, `arn:aws:iam::${acct}:root`);
    assert.match(root.user_creation_time!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    assert.deepEqual(
      [root.password_enabled, root.password_last_used, root.password_last_changed, root.password_next_rotation, root.mfa_active],
      ['not_supported', 'no_information', 'not_supported', 'not_supported', 'false'],
    );
    assert.equal(root.access_key_1_active, 'true', 'the bootstrap root key');

    const a = rows.get('alice')!;
    assert.equal(a.arn, alice.Arn);
    assert.equal(a.user_creation_time, reportTime(alice.CreateDate!.getTime()));
    assert.equal(a.password_enabled, 'true');
    assert.equal(a.password_last_used, 'no_information');
    assert.equal(a.password_last_changed, reportTime(changed));
    assert.equal(a.password_next_rotation, reportTime(changed + 90 * DAY));
    assert.equal(a.mfa_active, 'true');
    assert.equal(a.access_key_1_active, 'true');
    assert.match(a.access_key_1_last_rotated!, /\+00:00$/);
    assert.match(a.access_key_1_last_used_date!, /\+00:00$/);
    assert.equal(a.access_key_1_last_used_region, 'eu-west-1');
    assert.equal(a.access_key_1_last_used_service, 'iam');
    assert.equal(a.access_key_2_active, 'false');
    assert.match(a.access_key_2_last_rotated!, /\+00:00$/);
    assert.deepEqual(
      [a.access_key_2_last_used_date, a.access_key_2_last_used_region, a.access_key_2_last_used_service],
      ['N/A', 'N/A', 'N/A'],
    );
    assert.deepEqual(
      [a.cert_1_active, a.cert_1_last_rotated, a.cert_2_active, a.cert_2_last_rotated],
      ['true', reportTime(now - DAY), 'false', 'N/A'],
    );

    const b = rows.get('bob')!;
    assert.deepEqual([b.password_enabled, b.password_last_used, b.mfa_active], ['true', reportTime(now - 60_000), 'false']);
    assert.deepEqual(
      [
        b.access_key_1_active,
        b.access_key_1_last_rotated,
        b.access_key_1_last_used_date,
        b.access_key_2_active,
        b.cert_1_active,
        b.cert_1_last_rotated,
      ],
      ['false', 'N/A', 'N/A', 'false', 'false', 'N/A'],
    );
    const n = rows.get('nobody')!;
    assert.deepEqual(
      [n.password_enabled, n.password_last_used, n.password_last_changed, n.password_next_rotation],
      ['false', 'N/A', 'N/A', 'N/A'],
    );
    assert.deepEqual([...rows.keys()], ['<root_account>', 'admin', 'alice', 'bob', 'nobody'], 'users in name order after the root');
  });

  test('after four hours the report expires (ReportExpired, 410) and Generate starts a new one', async () => {
    const store = server.keysmith.app.store;
    const report = (await credentialReports.get(store, acct, 'report'))!;
    assert.equal(report.ownerId, acct);
    assert.ok((await store.records.get(RECORD_KINDS.credentialReport, acct, 'report')) !== undefined);
    const old = Date.now() - 4 * 60 * 60 * 1000 - 1000;
    await credentialReports.update(store, { ...report, value: { ...report.value, generatedTime: old } });
    await rejects(iam.send(new GetCredentialReportCommand({})), 'ReportExpired', undefined, 410);
    const started = await iam.send(new GenerateCredentialReportCommand({}));
    assert.equal(started.State, 'STARTED');
    const out = await iam.send(new GetCredentialReportCommand({}));
    assert.ok(out.GeneratedTime!.getTime() > old + 60_000);
  });
});
