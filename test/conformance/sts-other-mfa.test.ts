import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteUserCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  type IAMClient,
  ListMFADevicesCommand,
  ListUsersCommand,
  ListVirtualMFADevicesCommand,
  PutUserPolicyCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { base32Decode, hotp, totpStep } from '../../src/services/iam/mfa/totp.js';
import type { TestServer } from '../support/server.js';
import { type Credentials, iamClient, stsClient } from '../support/sdk-clients.js';
import { allowDoc, allPages, rejects, startIamTestServer } from './iam-test-helpers.js';

/**
 * Virtual MFA devices (IAM CreateVirtualMFADevice … ListVirtualMFADevices) and STS
 * GetSessionToken with and without MFA, through AWS SDK v3 against a real keysmith: AWS's
 * shapes (Base32StringSeed is a blob), error codes and texts (recorded replies where known),
 * TOTP codes as an authenticator app computes them, and the rules of GetSessionToken sessions.
 */
let server: TestServer;
let iam: IAMClient;
let acct: string;

const INVALID_CODE = 'MultiFactorAuthentication failed with invalid MFA one time pass code.';
const UNKNOWN_DEVICE =
  'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.';
const MFA_ONLY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }],
});

const step = () => totpStep(Date.now());

interface Device {
  serial: string;
  key: Uint8Array;
  /** The step of the last code the server accepted. */
  lastStep: number;
}

async function newUser(name: string, policy = allowDoc('iam:ListUsers')): Promise<Credentials> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
}

async function newDevice(name: string): Promise<{ serial: string; key: Uint8Array }> {
  const created = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }))).VirtualMFADevice!;
  return { serial: created.SerialNumber!, key: base32Decode(Buffer.from(created.Base32StringSeed!).toString('ascii')) };
}

/** Creates a device and enables it for `userName` with the codes of the previous and current step. */
async function enabledDevice(userName: string, deviceName = `${userName}-mfa`): Promise<Device> {
  const { serial, key } = await newDevice(deviceName);
  const s = step();
  await iam.send(
    new EnableMFADeviceCommand({
      UserName: userName,
      SerialNumber: serial,
      AuthenticationCode1: hotp(key, s - 1),
      AuthenticationCode2: hotp(key, s),
    }),
  );
  return { serial, key, lastStep: s };
}

suite('virtual MFA devices and GetSessionToken (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    acct = server.accountId;
    iam = iamClient(server.url, server.admin);
  });
  after(async () => {
    await server?.close();
  });

  suite('CreateVirtualMFADevice', () => {
    test('returns the serial number ARN and a base32 seed (a blob: base64 of the base32 text on the wire)', async () => {
      const out = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'phone', Path: '/team/' }));
      const device = out.VirtualMFADevice!;
      assert.equal(device.SerialNumber, `arn:aws:iam::${acct}:mfa/team/phone`);
      const seed = Buffer.from(device.Base32StringSeed!).toString('ascii');
      assert.match(seed, /^[A-Z2-7]{64}$/);
      assert.equal(base32Decode(seed).length, 40);
      assert.equal(
        Buffer.from(device.QRCodePNG!).subarray(1, 4).toString('ascii'),
        'PNG',
        'the QR code is a PNG (iam-mfa-extras.test.ts checks its content)',
      );
      const other = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'phone2' }));
      assert.notEqual(Buffer.from(other.VirtualMFADevice!.Base32StringSeed!).toString('ascii'), seed);
    });

    test('accepts paths with empty segments, as AWS does', async () => {
      const out = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'double', Path: '/test//double/' }));
      assert.equal(out.VirtualMFADevice!.SerialNumber, `arn:aws:iam::${acct}:mfa/test//double/double`);
    });

    test('errors: duplicate name (any case), bad path, long path, bad name, tags', async () => {
      await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'dup' }));
      await rejects(
        iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'dup' })),
        'EntityAlreadyExists',
        'MFA device already exists.',
        409,
      );
      await rejects(
        iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'DUP', Path: '/x/' })),
        'EntityAlreadyExists',
        'MFA device already exists.',
        409,
      );
      const badPath =
        'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.';
      await rejects(
        iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'p1', Path: 'invalid-path/' })),
        'ValidationError',
        badPath,
        400,
      );
      await rejects(
        iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'p2', Path: '/invalid-path' })),
        'ValidationError',
        badPath,
        400,
      );
      await rejects(
        iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'p3', Path: `/${'a'.repeat(512)}/` })),
        'ValidationError',
        "1 validation error detected: Value at 'path' failed to satisfy constraint: Member must have length less than or equal to 512",
        400,
      );
      await rejects(
        iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'has space' })),
        'ValidationError',
        /virtualMFADeviceName/,
        400,
      );
      await rejects(
        iam.send(
          new CreateVirtualMFADeviceCommand({
            VirtualMFADeviceName: 'tagged',
            Tags: [
              { Key: 'a', Value: '1' },
              { Key: 'A', Value: '2' },
            ],
          }),
        ),
        'InvalidInput',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      );
    });

    test('needs iam:CreateVirtualMFADevice on the device ARN', async () => {
      const creds = await newUser('mfa-creator', allowDoc('iam:CreateVirtualMFADevice', `arn:aws:iam::${acct}:mfa/allowed-*`));
      const mine = iamClient(server.url, creds);
      await mine.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'allowed-1' }));
      await rejects(
        mine.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'other-1' })),
        'AccessDenied',
        /^User: arn:aws:iam::\d{12}:user\/mfa-creator is not authorized to perform: iam:CreateVirtualMFADevice on resource: arn:aws:iam::\d{12}:mfa\/other-1/,
        403,
      );
    });
  });

  suite('EnableMFADevice, ListMFADevices, ListVirtualMFADevices, DeactivateMFADevice, DeleteVirtualMFADevice', () => {
    test('the whole lifecycle, with the list shapes AWS returns', async () => {
      await iam.send(new CreateUserCommand({ UserName: 'lifecycle' }));
      const { serial, key } = await newDevice('lifecycle-mfa');
      assert.deepEqual((await iam.send(new ListMFADevicesCommand({ UserName: 'lifecycle' }))).MFADevices, []);
      const unassigned = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }));
      const mine = unassigned.VirtualMFADevices!.find((d) => d.SerialNumber === serial);
      assert.deepEqual(mine, { SerialNumber: serial }, 'an unassigned device shows its serial number only');

      const s = step();
      await iam.send(
        new EnableMFADeviceCommand({
          UserName: 'lifecycle',
          SerialNumber: serial,
          AuthenticationCode1: hotp(key, s - 1),
          AuthenticationCode2: hotp(key, s),
        }),
      );
      const listed = await iam.send(new ListMFADevicesCommand({ UserName: 'lifecycle' }));
      assert.equal(listed.IsTruncated, false);
      assert.equal(listed.MFADevices!.length, 1);
      assert.equal(listed.MFADevices![0]!.SerialNumber, serial);
      assert.equal(listed.MFADevices![0]!.UserName, 'lifecycle');
      assert.ok(Math.abs(listed.MFADevices![0]!.EnableDate!.getTime() - Date.now()) < 60_000);

      const assigned = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
      const entry = assigned.VirtualMFADevices!.find((d) => d.SerialNumber === serial)!;
      assert.equal(entry.User?.UserName, 'lifecycle');
      assert.equal(entry.User?.Arn, `arn:aws:iam::${acct}:user/lifecycle`);
      assert.ok(entry.EnableDate instanceof Date);
      assert.equal(entry.Base32StringSeed, undefined, 'the seed is never listed');
      assert.ok(
        !(await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }))).VirtualMFADevices!.some(
          (d) => d.SerialNumber === serial,
        ),
      );

      await rejects(iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })), 'DeleteConflict', undefined, 409);

      await iam.send(new DeactivateMFADeviceCommand({ UserName: 'lifecycle', SerialNumber: serial }));
      assert.deepEqual((await iam.send(new ListMFADevicesCommand({ UserName: 'lifecycle' }))).MFADevices, []);
      assert.ok(
        (await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }))).VirtualMFADevices!.some(
          (d) => d.SerialNumber === serial,
        ),
      );
      await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
      assert.ok(!(await iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices!.some((d) => d.SerialNumber === serial));
    });

    test('DeleteUser refuses a user that still has an MFA device', async () => {
      await iam.send(new CreateUserCommand({ UserName: 'undeletable' }));
      await enabledDevice('undeletable');
      await rejects(
        iam.send(new DeleteUserCommand({ UserName: 'undeletable' })),
        'DeleteConflict',
        'Cannot delete entity, must delete MFA device first.',
        409,
      );
    });

    test('enabling needs two consecutive current codes; a device is used by one user only', async () => {
      await iam.send(new CreateUserCommand({ UserName: 'enabler' }));
      await iam.send(new CreateUserCommand({ UserName: 'enabler2' }));
      const { serial, key } = await newDevice('enabler-mfa');
      const s = step();
      const invalid = 'Authentication code for device is not valid.';
      const enable = (c1: string, c2: string, user = 'enabler') =>
        iam.send(new EnableMFADeviceCommand({ UserName: user, SerialNumber: serial, AuthenticationCode1: c1, AuthenticationCode2: c2 }));
      await rejects(enable(hotp(key, s), hotp(key, s - 1)), 'InvalidAuthenticationCode', invalid, 403);
      await rejects(enable(hotp(key, s), hotp(key, s)), 'InvalidAuthenticationCode', invalid, 403);
      await rejects(enable(hotp(key, s - 11), hotp(key, s - 10)), 'InvalidAuthenticationCode', invalid, 403);
      await rejects(enable('000000', '000000'), 'InvalidAuthenticationCode', invalid, 403);
      await enable(hotp(key, s - 1), hotp(key, s));
      await rejects(enable(hotp(key, s), hotp(key, s + 1), 'enabler2'), 'EntityAlreadyExists', 'MFA Device is already in use.', 409);
      await rejects(enable(hotp(key, s), hotp(key, s + 1)), 'EntityAlreadyExists', 'MFA Device is already in use.', 409);
    });

    test('errors with AWS texts: unknown user, unknown device, device of another user, bad codes', async () => {
      const { serial } = await newDevice('errors-mfa');
      await iam.send(new CreateUserCommand({ UserName: 'errors-user' }));
      const missing = `arn:aws:iam::${acct}:mfa/nonexistent-mfa`;
      await rejects(
        iam.send(
          new EnableMFADeviceCommand({
            UserName: 'nonexistent-user',
            SerialNumber: serial,
            AuthenticationCode1: '123456',
            AuthenticationCode2: '654321',
          }),
        ),
        'NoSuchEntity',
        'The user with name nonexistent-user cannot be found.',
        404,
      );
      await rejects(
        iam.send(
          new EnableMFADeviceCommand({
            UserName: 'errors-user',
            SerialNumber: missing,
            AuthenticationCode1: '123456',
            AuthenticationCode2: '654321',
          }),
        ),
        'NoSuchEntity',
        `MFA Device with serial number ${missing} does not exist.`,
        404,
      );
      await rejects(
        iam.send(new DeactivateMFADeviceCommand({ UserName: 'nonexistent-user', SerialNumber: serial })),
        'NoSuchEntity',
        'The user with name nonexistent-user cannot be found.',
        404,
      );
      await rejects(
        iam.send(new DeactivateMFADeviceCommand({ UserName: 'errors-user', SerialNumber: missing })),
        'NoSuchEntity',
        `MFA Device with serial number ${missing} does not exist.`,
        404,
      );
      await rejects(
        iam.send(new DeactivateMFADeviceCommand({ UserName: 'errors-user', SerialNumber: serial })),
        'NoSuchEntity',
        `MFA Device with serial number ${serial} does not exist.`,
        404,
      );
      await rejects(
        iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: missing })),
        'NoSuchEntity',
        `MFA Device with serial number ${missing} does not exist.`,
        404,
      );
      await rejects(
        iam.send(new ListMFADevicesCommand({ UserName: 'nonexistent-user' })),
        'NoSuchEntity',
        'The user with name nonexistent-user cannot be found.',
        404,
      );
      await rejects(
        iam.send(new ListVirtualMFADevicesCommand({ Marker: 'invalid-marker-value' })),
        'ValidationError',
        'Invalid Marker.',
        400,
      );
      await rejects(
        iam.send(
          new EnableMFADeviceCommand({
            UserName: 'errors-user',
            SerialNumber: serial,
            AuthenticationCode1: '12345',
            AuthenticationCode2: '654321',
          }),
        ),
        'ValidationError',
        /authenticationCode1/,
        400,
      );
    });

    test("ListVirtualMFADevices pages by name; ListMFADevices without UserName lists the caller's", async () => {
      for (const n of ['page-c', 'page-a', 'page-b']) await newDevice(n);
      const pages = await allPages((marker) => iam.send(new ListVirtualMFADevicesCommand({ MaxItems: 2, Marker: marker })));
      const names = pages.flatMap((p) => p.VirtualMFADevices!.map((d) => d.SerialNumber!.split('/').pop()!));
      const paged = names.filter((n) => n.startsWith('page-'));
      assert.deepEqual(paged, ['page-a', 'page-b', 'page-c']);
      assert.deepEqual(
        names,
        [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
      );

      const creds = await newUser('self-lister', allowDoc('iam:ListMFADevices', `arn:aws:iam::${acct}:user/self-lister`));
      const device = await enabledDevice('self-lister');
      const own = await iamClient(server.url, creds).send(new ListMFADevicesCommand({}));
      assert.deepEqual(
        own.MFADevices!.map((d) => d.SerialNumber),
        [device.serial],
      );
    });

    test('a renamed user keeps its device', async () => {
      await iam.send(new CreateUserCommand({ UserName: 'before-rename' }));
      const device = await enabledDevice('before-rename');
      await iam.send(new UpdateUserCommand({ UserName: 'before-rename', NewUserName: 'after-rename' }));
      const listed = await iam.send(new ListMFADevicesCommand({ UserName: 'after-rename' }));
      assert.deepEqual(
        listed.MFADevices!.map((d) => [d.SerialNumber, d.UserName]),
        [[device.serial, 'after-rename']],
      );
    });
  });

  suite('GetSessionToken', () => {
    test('returns credentials that act as the user; default 12 hours, bounds 900..129600', async () => {
      const creds = await newUser('gst-plain');
      const sts = stsClient(server.url, creds);
      const out = await sts.send(new GetSessionTokenCommand({}));
      const c = out.Credentials!;
      assert.match(c.AccessKeyId!, /^ASIA[A-Z2-7]{16}$/);
      assert.equal(c.SecretAccessKey!.length, 40);
      assert.ok(c.SessionToken!.length > 0);
      assert.ok(Math.abs((c.Expiration!.getTime() - Date.now()) / 1000 - 43200) < 60);
      const session = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
      const who = await stsClient(server.url, session).send(new GetCallerIdentityCommand({}));
      assert.equal(who.Arn, `arn:aws:iam::${acct}:user/gst-plain`);
      assert.equal(who.Account, acct);
      assert.match(who.UserId!, /^AIDA/);

      const long = await sts.send(new GetSessionTokenCommand({ DurationSeconds: 129600 }));
      assert.ok(Math.abs((long.Credentials!.Expiration!.getTime() - Date.now()) / 1000 - 129600) < 60);
      const short = await sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
      assert.ok(Math.abs((short.Credentials!.Expiration!.getTime() - Date.now()) / 1000 - 900) < 60);
      await rejects(
        sts.send(new GetSessionTokenCommand({ DurationSeconds: 600 })),
        'ValidationError',
        "1 validation error detected: Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
        400,
      );
      await rejects(
        sts.send(new GetSessionTokenCommand({ DurationSeconds: 129601 })),
        'ValidationError',
        "1 validation error detected: Value '129601' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 129600",
        400,
      );
    });

    test('needs no permission at all', async () => {
      const creds = await newUser(
        'gst-no-perms',
        JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:*', Resource: '*' }] }),
      );
      const out = await stsClient(server.url, creds).send(new GetSessionTokenCommand({}));
      assert.ok(out.Credentials?.AccessKeyId);
    });

    test("the root user's session is clamped to one hour, not refused", async () => {
      const out = await stsClient(server.url, server.root).send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
      assert.ok(Math.abs((out.Credentials!.Expiration!.getTime() - Date.now()) / 1000 - 3600) < 60);
      const c = out.Credentials!;
      const who = await stsClient(server.url, {
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: c.SessionToken!,
      }).send(new GetCallerIdentityCommand({}));
      assert.equal(who.Arn, `arn:aws:iam::${acct}:root`);
      assert.equal(who.UserId, acct);
    });

    test('session credentials cannot call it', async () => {
      const creds = await newUser('gst-twice');
      const c = (await stsClient(server.url, creds).send(new GetSessionTokenCommand({}))).Credentials!;
      const session = stsClient(server.url, {
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: c.SessionToken!,
      });
      await rejects(
        session.send(new GetSessionTokenCommand({})),
        'AccessDenied',
        'Cannot call GetSessionToken with session credentials',
        403,
      );
    });

    test('with a valid MFA code the session has aws:MultiFactorAuthPresent = true', async () => {
      const creds = await newUser('gst-mfa', MFA_ONLY);
      const device = await enabledDevice('gst-mfa');
      await rejects(iamClient(server.url, creds).send(new ListUsersCommand({})), 'AccessDenied', undefined, 403);
      const out = await stsClient(server.url, creds).send(
        new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: hotp(device.key, device.lastStep + 1), DurationSeconds: 900 }),
      );
      const c = out.Credentials!;
      const session = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
      const listed = await iamClient(server.url, session).send(new ListUsersCommand({}));
      assert.ok(listed.Users!.some((u) => u.UserName === 'gst-mfa'));
    });

    test("MFA failures: wrong code, reused code, unknown device, another user's device, half the pair", async () => {
      const creds = await newUser('gst-mfa-errors');
      const device = await enabledDevice('gst-mfa-errors');
      const sts = stsClient(server.url, creds);
      const s = device.lastStep;
      const wrong = hotp(device.key, s + 1) === '000000' ? '111111' : '000000';
      await rejects(
        sts.send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: wrong })),
        'AccessDenied',
        INVALID_CODE,
        403,
      );
      await rejects(
        sts.send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: hotp(device.key, s) })),
        'AccessDenied',
        INVALID_CODE,
        403,
      ); // the enabling code: already used
      await sts.send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: hotp(device.key, s + 1) }));
      await rejects(
        sts.send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: hotp(device.key, s + 1) })),
        'AccessDenied',
        INVALID_CODE,
        403,
      ); // replayed
      await rejects(
        sts.send(new GetSessionTokenCommand({ SerialNumber: `arn:aws:iam::${acct}:mfa/none-such`, TokenCode: '123456' })),
        'AccessDenied',
        UNKNOWN_DEVICE,
        403,
      );
      await newUser('gst-mfa-other');
      const others = await enabledDevice('gst-mfa-other');
      await rejects(
        sts.send(new GetSessionTokenCommand({ SerialNumber: others.serial, TokenCode: hotp(others.key, others.lastStep + 1) })),
        'AccessDenied',
        UNKNOWN_DEVICE,
        403,
      );
      const { serial: unassigned, key } = await newDevice('gst-unassigned');
      await rejects(
        sts.send(new GetSessionTokenCommand({ SerialNumber: unassigned, TokenCode: hotp(key, step()) })),
        'AccessDenied',
        UNKNOWN_DEVICE,
        403,
      );
      await rejects(
        sts.send(new GetSessionTokenCommand({ TokenCode: '123456' })),
        'AccessDenied',
        /must provide both MFA serial number and one time pass code/,
        403,
      );
      await rejects(
        sts.send(new GetSessionTokenCommand({ SerialNumber: device.serial })),
        'AccessDenied',
        /must provide both MFA serial number and one time pass code/,
        403,
      );
      await rejects(
        sts.send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: '12345' })),
        'ValidationError',
        "1 validation error detected: Value '12345' at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6",
        400,
      );
    });

    test('a deactivated device no longer authenticates', async () => {
      const creds = await newUser('gst-deactivated');
      const device = await enabledDevice('gst-deactivated');
      await iam.send(new DeactivateMFADeviceCommand({ UserName: 'gst-deactivated', SerialNumber: device.serial }));
      await rejects(
        stsClient(server.url, creds).send(
          new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: hotp(device.key, device.lastStep + 1) }),
        ),
        'AccessDenied',
        UNKNOWN_DEVICE,
        403,
      );
    });
  });
});
