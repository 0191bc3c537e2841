import { shape } from '../../../model/shapes.js';
import { defineOperation, type OperationContext } from '../../operation.js';
import { member, paging } from '../shared/members.js';
import { pageOutput, tagListOutput } from '../shared/output-shapes.js';
import { paginateArray } from '../shared/pagination.js';
import { mergeTags, removeTags } from '../shared/tags.js';
import { certificateMember } from './certificate-members.js';
import { serverCertificates } from './server-certificate-record.js';
import { requireServerCertificate, serverCertificateResource } from './server-certificate-views.js';

/**
 * Tag, Untag and ListServerCertificateTags. Keys compare ignoring case, as for the other IAM
 * resources that are not managed policies (reference §4.1).
 */
const nameMember = certificateMember.serverCertificateName;
const resource = (input: { ServerCertificateName: string }, ctx: OperationContext) =>
  serverCertificateResource(ctx.store, ctx.caller.accountId, input.ServerCertificateName);

export const tagServerCertificate = defineOperation({
  name: 'TagServerCertificate',
  action: 'iam:TagServerCertificate',
  readOnly: false,
  input: shape.struct({ ServerCertificateName: nameMember(), Tags: { ...member.tags(), required: true as const } }),
  authorization: { resource },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const record = await requireServerCertificate(tx, ctx.caller.accountId, input.ServerCertificateName);
      const tags = mergeTags(record.value.tags, input.Tags, 'sensitive');
      await serverCertificates.update(tx, { ...record, value: { ...record.value, tags } });
    });
    return undefined;
  },
});

export const untagServerCertificate = defineOperation({
  name: 'UntagServerCertificate',
  action: 'iam:UntagServerCertificate',
  readOnly: false,
  input: shape.struct({ ServerCertificateName: nameMember(), TagKeys: member.tagKeys() }),
  authorization: { resource },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const record = await requireServerCertificate(tx, ctx.caller.accountId, input.ServerCertificateName);
      const tags = removeTags(record.value.tags, input.TagKeys, 'sensitive');
      await serverCertificates.update(tx, { ...record, value: { ...record.value, tags } });
    });
    return undefined;
  },
});

export const listServerCertificateTags = defineOperation({
  name: 'ListServerCertificateTags',
  action: 'iam:ListServerCertificateTags',
  readOnly: true,
  input: shape.struct({ ServerCertificateName: nameMember(), ...paging }),
  authorization: { resource },
  output: shape.struct({ Tags: tagListOutput, ...pageOutput }),
  async handler(input, ctx) {
    const record = await requireServerCertificate(ctx.store, ctx.caller.accountId, input.ServerCertificateName);
    const page = paginateArray(record.value.tags, input);
    return { Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
