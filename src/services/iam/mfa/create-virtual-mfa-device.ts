import { AwsError } from '../../../errors/aws-error.js';
import { iamArn } from '../../../model/arns.js';
import { PATH_PATTERN } from '../../../model/rules.js';
import { newTotpSeed } from './totp.js';
import { shape } from '../../../model/shapes.js';
import { DuplicateError } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { checkNoDuplicates } from '../shared/tags.js';
import { sealSeed } from './device-seed.js';
import { mfaMember } from './mfa-members.js';
import { virtualMfaDeviceOutput } from '../shared/output-shapes.js';
import { otpauthUri, qrCodePng } from './otpauth-uri.js';

const BAD_PATH =
  'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.';

/**
 * A new virtual MFA device: a fresh TOTP seed, returned once and stored sealed. Base32StringSeed
 * and QRCodePNG are blobs, so the wire carries their base64 (of the base32 text, and of the PNG of
 * the otpauth:// URI), as AWS's does; both hold the seed, so both are sensitive.
 */
export const createVirtualMfaDevice = defineOperation({
  name: 'CreateVirtualMFADevice',
  action: 'iam:CreateVirtualMFADevice',
  readOnly: false,
  input: shape.struct({ Path: mfaMember.path(), VirtualMFADeviceName: mfaMember.deviceName(), Tags: member.tags() }),
  authorization: { resource: (input, ctx) => iamArn(ctx.caller.accountId, 'mfa', input.Path ?? '/', input.VirtualMFADeviceName) },
  output: shape.struct({ VirtualMFADevice: virtualMfaDeviceOutput }),
  async handler(input, ctx) {
    const path = input.Path ?? '/';
    if (!PATH_PATTERN.test(path)) throw new AwsError('ValidationError', BAD_PATH);
    const tags = (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value }));
    checkNoDuplicates(tags, 'insensitive');
    const accountId = ctx.caller.accountId;
    const serialNumber = iamArn(accountId, 'mfa', path, input.VirtualMFADeviceName);
    const seed = newTotpSeed(ctx.random);
    try {
      await ctx.store.mfaDevices.create({
        accountId,
        serialNumber,
        deviceName: input.VirtualMFADeviceName,
        path,
        seedSealed: sealSeed(ctx.secrets, serialNumber, seed),
        createDate: ctx.now,
        tags,
      });
    } catch (e) {
      if (e instanceof DuplicateError) throw new AwsError('EntityAlreadyExists', 'MFA device already exists.');
      throw e;
    }
    const png = await qrCodePng(otpauthUri(input.VirtualMFADeviceName, accountId, seed));
    return {
      VirtualMFADevice: {
        SerialNumber: serialNumber,
        Base32StringSeed: Buffer.from(seed, 'ascii').toString('base64'),
        QRCodePNG: png.toString('base64'),
        Tags: tags.length > 0 ? tags : undefined,
      },
    };
  },
});
