import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { mergeTags } from '../shared/tags.js';
import { requireDevice } from './device-lookup.js';
import { mfaMember } from './mfa-members.js';

/** MFA device tag keys compare ignoring case, as CreateVirtualMFADevice's do (a new casing replaces the old tag). */
export const tagMfaDevice = defineOperation({
  name: 'TagMFADevice',
  action: 'iam:TagMFADevice',
  readOnly: false,
  input: shape.struct({ SerialNumber: mfaMember.serialNumber(), Tags: { ...member.tags(), required: true as const } }),
  authorization: { resource: (input) => input.SerialNumber },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const device = await requireDevice(tx, ctx.caller.accountId, input.SerialNumber);
      await tx.mfaDevices.update({ ...device, tags: mergeTags(device.tags, input.Tags, 'insensitive') });
    });
    return undefined;
  },
});
