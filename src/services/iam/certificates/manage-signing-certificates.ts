import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member, paging } from '../shared/members.js';
import { pageOutput } from '../shared/output-shapes.js';
import { paginateArray } from '../shared/pagination.js';
import { userResource } from '../shared/resources.js';
import { certificateMember } from './certificate-members.js';
import {
  certificateOwner,
  requireOwnedCertificate,
  signingCertificateOutput,
  signingCertificateView,
} from './signing-certificate-owner.js';
import { signingCertificates } from './signing-certificate-record.js';

/** List, Update and DeleteSigningCertificate: the owner's certificates, by id. */
export const listSigningCertificates = defineOperation({
  name: 'ListSigningCertificates',
  action: 'iam:ListSigningCertificates',
  readOnly: true,
  input: shape.struct({ UserName: member.optionalEntityName(128), ...paging }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: shape.struct({ Certificates: shape.list(signingCertificateOutput), ...pageOutput }),
  async handler(input, ctx) {
    const owner = await certificateOwner(ctx, ctx.store, input.UserName);
    const mine = (await signingCertificates.listForOwner(ctx.store, owner.ownerId)).filter((r) => r.accountId === ctx.caller.accountId);
    const page = paginateArray(mine, input);
    return { Certificates: page.items.map(signingCertificateView), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});

/** `Expired` is in the model's enum but is not a status a caller can set. */
export const updateSigningCertificate = defineOperation({
  name: 'UpdateSigningCertificate',
  action: 'iam:UpdateSigningCertificate',
  readOnly: false,
  input: shape.struct({
    UserName: member.optionalEntityName(128),
    CertificateId: certificateMember.certificateId(),
    Status: certificateMember.status(),
  }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: 'none',
  async handler(input, ctx) {
    const status = input.Status;
    await ctx.store.transaction(async (tx) => {
      const owner = await certificateOwner(ctx, tx, input.UserName);
      const record = await requireOwnedCertificate(ctx, tx, owner, input.CertificateId);
      if (status !== 'Active' && status !== 'Inactive') throw new AwsError('InvalidInput', `Invalid status: ${status}`);
      await signingCertificates.update(tx, { ...record, value: { ...record.value, status } });
    });
    return undefined;
  },
});

export const deleteSigningCertificate = defineOperation({
  name: 'DeleteSigningCertificate',
  action: 'iam:DeleteSigningCertificate',
  readOnly: false,
  input: shape.struct({ UserName: member.optionalEntityName(128), CertificateId: certificateMember.certificateId() }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const owner = await certificateOwner(ctx, tx, input.UserName);
      const record = await requireOwnedCertificate(ctx, tx, owner, input.CertificateId);
      await signingCertificates.delete(tx, ctx.caller.accountId, record.name);
    });
    return undefined;
  },
});
