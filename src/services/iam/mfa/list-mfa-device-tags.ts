import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { paging } from '../shared/members.js';
import { pageOutput, tagListOutput } from '../shared/output-shapes.js';
import { paginateArray } from '../shared/pagination.js';
import { requireDevice } from './device-lookup.js';
import { mfaMember } from './mfa-members.js';

/** A device's tags in insertion order; `Tags` is always present (required by the model). */
export const listMfaDeviceTags = defineOperation({
  name: 'ListMFADeviceTags',
  action: 'iam:ListMFADeviceTags',
  readOnly: true,
  input: shape.struct({ SerialNumber: mfaMember.serialNumber(), ...paging }),
  authorization: { resource: (input) => input.SerialNumber },
  output: shape.struct({ Tags: tagListOutput, ...pageOutput }),
  async handler(input, ctx) {
    const device = await requireDevice(ctx.store, ctx.caller.accountId, input.SerialNumber);
    const page = paginateArray(device.tags, input);
    return { Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
