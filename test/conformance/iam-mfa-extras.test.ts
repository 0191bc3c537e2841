import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetMFADeviceCommand,
  type IAMClient,
  ListMFADeviceTagsCommand,
  PutUserPolicyCommand,
  ResyncMFADeviceCommand,
  TagMFADeviceCommand,
  UntagMFADeviceCommand,
} from '@aws-sdk/client-iam';
import QRCode from 'qrcode';
import { base32Decode, hotp, totpStep } from '../../src/services/iam/mfa/totp.js';
import { otpauthUri, qrCodePng } from '../../src/services/iam/mfa/otpauth-uri.js';
import type { TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { allowDoc, allPages, rejects, startIamTestServer } from './iam-test-helpers.js';

/**
 * CreateVirtualMFADevice's QRCodePNG, GetMFADevice, ResyncMFADevice and the MFA device tag
 * operations through the AWS SDK v3 against a real keysmith: happy paths, AWS's errors and texts,
 * pagination, and authorization on the right resource (the user, or the device's ARN).
 */
let server: TestServer;
let iam: IAMClient;
let acct: string;

const INVALID_CODE = 'Authentication code for device is not valid.';
const noDevice = (serial: string) => `MFA Device with serial number ${serial} does not exist.`;

async function newDevice(name: string): Promise<{ serial: string; seed: string; key: Uint8Array; png: Uint8Array }> {
  const d = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }))).VirtualMFADevice!;
  const seed = Buffer.from(d.Base32StringSeed!).toString('ascii');
  return { serial: d.SerialNumber!, seed, key: base32Decode(seed), png: d.QRCodePNG! };
}

async function enabledDevice(userName: string, name: string) {
  const d = await newDevice(name);
  const s = totpStep(Date.now());
  await iam.send(
    new EnableMFADeviceCommand({
      UserName: userName,
      SerialNumber: d.serial,
      AuthenticationCode1: hotp(d.key, s - 1),
      AuthenticationCode2: hotp(d.key, s),
    }),
  );
  return d;
}

async function userClient(name: string, policy?: string): Promise<IAMClient> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (policy) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
  const k = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return iamClient(server.url, { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! });
}

suite('IAM MFA extras (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    acct = server.accountId;
    await iam.send(new CreateUserCommand({ UserName: 'mia' }));
  });
  after(async () => {
    iam?.destroy();
    await server?.close();
  });

  suite('CreateVirtualMFADevice QRCodePNG', () => {
    test('a PNG (signature, IHDR) of the otpauth:// URI with the seed, issuer and label', async () => {
      const d = await newDevice('qr-device');
      const png = Buffer.from(d.png);
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.equal(png.subarray(12, 16).toString('ascii'), 'IHDR');
      const width = png.readUInt32BE(16);
      assert.equal(width, png.readUInt32BE(20), 'square');
      const uri = otpauthUri('qr-device', acct, d.seed);
      assert.equal(uri, `otpauth://totp/Amazon%20Web%20Services:qr-device%40${acct}?secret=${d.seed}&issuer=Amazon%20Web%20Services`);
      // The same encoder on the same text draws the same image: the code holds exactly this URI.
      assert.ok(png.equals(await qrCodePng(uri)), 'the PNG encodes the URI');
      const modules = QRCode.create(uri, { errorCorrectionLevel: 'M' }).modules.size;
      assert.equal(width, (modules + 8) * 4, 'qrcode default scale 4 and margin 4');
    });
  });

  suite('GetMFADevice', () => {
    test('the enabled device of a user: UserName, SerialNumber, EnableDate; no Certifications', async () => {
      const d = await enabledDevice('mia', 'mia-get');
      const out = await iam.send(new GetMFADeviceCommand({ UserName: 'mia', SerialNumber: d.serial }));
      assert.equal(out.UserName, 'mia');
      assert.equal(out.SerialNumber, d.serial);
      assert.ok(out.EnableDate instanceof Date && Math.abs(out.EnableDate.getTime() - Date.now()) < 60_000);
      assert.equal(out.Certifications, undefined);
    });

    test('unknown, unassigned or another user’s device: NoSuchEntity; unknown user: its own text', async () => {
      const unknown = `arn:aws:iam::${acct}:mfa/none`;
      await rejects(iam.send(new GetMFADeviceCommand({ UserName: 'mia', SerialNumber: unknown })), 'NoSuchEntity', noDevice(unknown), 404);
      const loose = await newDevice('loose');
      await rejects(
        iam.send(new GetMFADeviceCommand({ UserName: 'mia', SerialNumber: loose.serial })),
        'NoSuchEntity',
        noDevice(loose.serial),
      );
      await rejects(
        iam.send(new GetMFADeviceCommand({ UserName: 'ghost', SerialNumber: loose.serial })),
        'NoSuchEntity',
        'The user with name ghost cannot be found.',
      );
      await rejects(iam.send(new GetMFADeviceCommand({ UserName: 'mia', SerialNumber: 'short' })), 'ValidationError', /serialNumber/);
    });

    test('without UserName a user reads its own device; without permission AccessDenied on the user', async () => {
      const client = await userClient('gus', allowDoc('iam:GetMFADevice', `arn:aws:iam::${acct}:user/gus`));
      const d = await enabledDevice('gus', 'gus-mfa');
      assert.equal((await client.send(new GetMFADeviceCommand({ SerialNumber: d.serial }))).UserName, 'gus');
      await rejects(
        client.send(new GetMFADeviceCommand({ UserName: 'mia', SerialNumber: d.serial })),
        'AccessDenied',
        new RegExp(
          `^User: arn:aws:iam::${acct}:user/gus is not authorized to perform: iam:GetMFADevice on resource: arn:aws:iam::${acct}:user/mia `,
        ),
        403,
      );
      client.destroy();
    });
  });

  suite('ResyncMFADevice', () => {
    test('two consecutive codes of a drifted device resync it; the same codes never work again', async () => {
      const d = await enabledDevice('mia', 'mia-resync');
      const drifted = totpStep(Date.now()) + 6; // three minutes ahead: beyond sign-in's ±1 step
      const codes = { AuthenticationCode1: hotp(d.key, drifted - 1), AuthenticationCode2: hotp(d.key, drifted) };
      await iam.send(new ResyncMFADeviceCommand({ UserName: 'mia', SerialNumber: d.serial, ...codes }));
      await rejects(
        iam.send(new ResyncMFADeviceCommand({ UserName: 'mia', SerialNumber: d.serial, ...codes })),
        'InvalidAuthenticationCode',
        INVALID_CODE,
        403,
      );
    });

    test('wrong or non-consecutive codes: InvalidAuthenticationCode; unknown device or user: NoSuchEntity', async () => {
      const d = await enabledDevice('mia', 'mia-bad');
      const s = totpStep(Date.now()) + 2;
      for (const [c1, c2] of [
        ['000000', '000000'],
        [hotp(d.key, s - 2), hotp(d.key, s)],
        [hotp(d.key, s + 100), hotp(d.key, s + 101)],
      ] as const) {
        await rejects(
          iam.send(
            new ResyncMFADeviceCommand({ UserName: 'mia', SerialNumber: d.serial, AuthenticationCode1: c1, AuthenticationCode2: c2 }),
          ),
          'InvalidAuthenticationCode',
          INVALID_CODE,
        );
      }
      const codes = { AuthenticationCode1: '123456', AuthenticationCode2: '654321' };
      const loose = await newDevice('resync-loose');
      await rejects(
        iam.send(new ResyncMFADeviceCommand({ UserName: 'mia', SerialNumber: loose.serial, ...codes })),
        'NoSuchEntity',
        noDevice(loose.serial),
      );
      await rejects(
        iam.send(new ResyncMFADeviceCommand({ UserName: 'ghost', SerialNumber: d.serial, ...codes })),
        'NoSuchEntity',
        'The user with name ghost cannot be found.',
      );
      await rejects(
        iam.send(
          new ResyncMFADeviceCommand({
            UserName: 'mia',
            SerialNumber: d.serial,
            AuthenticationCode1: '12345',
            AuthenticationCode2: '123456',
          }),
        ),
        'ValidationError',
      );
    });
  });

  suite('TagMFADevice / UntagMFADevice / ListMFADeviceTags', () => {
    test('tags are added, replaced ignoring case, listed in pages and removed', async () => {
      const d = await newDevice('tagged');
      await iam.send(
        new TagMFADeviceCommand({
          SerialNumber: d.serial,
          Tags: [
            { Key: 'team', Value: 'a' },
            { Key: 'env', Value: 'dev' },
            { Key: 'x', Value: '' },
          ],
        }),
      );
      await iam.send(new TagMFADeviceCommand({ SerialNumber: d.serial, Tags: [{ Key: 'TEAM', Value: 'b' }] }));
      const pages = await allPages((Marker) => iam.send(new ListMFADeviceTagsCommand({ SerialNumber: d.serial, MaxItems: 2, Marker })));
      assert.equal(pages.length, 2);
      assert.deepEqual(
        pages.flatMap((p) => p.Tags),
        [
          { Key: 'env', Value: 'dev' },
          { Key: 'x', Value: '' },
          { Key: 'TEAM', Value: 'b' },
        ],
      );
      await iam.send(new UntagMFADeviceCommand({ SerialNumber: d.serial, TagKeys: ['Env', 'missing'] }));
      const left = await iam.send(new ListMFADeviceTagsCommand({ SerialNumber: d.serial }));
      assert.deepEqual(left.Tags, [
        { Key: 'x', Value: '' },
        { Key: 'TEAM', Value: 'b' },
      ]);
      assert.equal(left.IsTruncated, false);
    });

    test('errors: unknown device, duplicate keys, aws: keys, more than 50 tags', async () => {
      const unknown = `arn:aws:iam::${acct}:mfa/nothing`;
      await rejects(iam.send(new ListMFADeviceTagsCommand({ SerialNumber: unknown })), 'NoSuchEntity', noDevice(unknown), 404);
      await rejects(
        iam.send(new TagMFADeviceCommand({ SerialNumber: unknown, Tags: [{ Key: 'a', Value: 'b' }] })),
        'NoSuchEntity',
        noDevice(unknown),
      );
      await rejects(iam.send(new UntagMFADeviceCommand({ SerialNumber: unknown, TagKeys: ['a'] })), 'NoSuchEntity', noDevice(unknown));
      const d = await newDevice('tag-errors');
      await rejects(
        iam.send(
          new TagMFADeviceCommand({
            SerialNumber: d.serial,
            Tags: [
              { Key: 'a', Value: '1' },
              { Key: 'A', Value: '2' },
            ],
          }),
        ),
        'InvalidInput',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      );
      await rejects(
        iam.send(new TagMFADeviceCommand({ SerialNumber: d.serial, Tags: [{ Key: 'aws:x', Value: '1' }] })),
        'InvalidInput',
        'User-defined tag keys can\'t start with "aws:".',
      );
      const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
      await iam.send(new TagMFADeviceCommand({ SerialNumber: d.serial, Tags: many }));
      await rejects(
        iam.send(new TagMFADeviceCommand({ SerialNumber: d.serial, Tags: [{ Key: 'one-more', Value: 'v' }] })),
        'LimitExceeded',
        'The number of tags has reached the maximum limit.',
      );
    });

    test('authorized on the device ARN, with its tags as aws:ResourceTag', async () => {
      const d = await newDevice('guarded');
      await iam.send(new TagMFADeviceCommand({ SerialNumber: d.serial, Tags: [{ Key: 'owner', Value: 'ivy' }] }));
      const other = await newDevice('unguarded');
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'iam:ListMFADeviceTags',
            Resource: '*',
            Condition: { StringEquals: { 'aws:ResourceTag/owner': 'ivy' } },
          },
        ],
      });
      const client = await userClient('ivy', policy);
      assert.deepEqual((await client.send(new ListMFADeviceTagsCommand({ SerialNumber: d.serial }))).Tags, [
        { Key: 'owner', Value: 'ivy' },
      ]);
      await rejects(
        client.send(new ListMFADeviceTagsCommand({ SerialNumber: other.serial })),
        'AccessDenied',
        new RegExp(
          `^User: arn:aws:iam::${acct}:user/ivy is not authorized to perform: iam:ListMFADeviceTags on resource: ${other.serial} `,
        ),
        403,
      );
      await rejects(
        client.send(new TagMFADeviceCommand({ SerialNumber: d.serial, Tags: [{ Key: 'a', Value: 'b' }] })),
        'AccessDenied',
        /iam:TagMFADevice on resource: arn:aws:iam::\d+:mfa\/guarded /,
      );
      client.destroy();
    });
  });
});
