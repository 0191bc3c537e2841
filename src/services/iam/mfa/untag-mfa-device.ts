import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { removeTags } from '../shared/tags.js';
import { requireDevice } from './device-lookup.js';
import { mfaMember } from './mfa-members.js';

/** Removing a key that is not there succeeds, as for every IAM resource (reference §4.1). */
export const untagMfaDevice = defineOperation({
  name: 'UntagMFADevice',
  action: 'iam:UntagMFADevice',
  readOnly: false,
  input: shape.struct({ SerialNumber: mfaMember.serialNumber(), TagKeys: member.tagKeys() }),
  authorization: { resource: (input) => input.SerialNumber },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const device = await requireDevice(tx, ctx.caller.accountId, input.SerialNumber);
      await tx.mfaDevices.update({ ...device, tags: removeTags(device.tags, input.TagKeys, 'insensitive') });
    });
    return undefined;
  },
});
