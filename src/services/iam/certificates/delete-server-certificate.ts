import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { certificateMember } from './certificate-members.js';
import { serverCertificates } from './server-certificate-record.js';
import { requireServerCertificate, serverCertificateResource } from './server-certificate-views.js';

/** Deletes a certificate with its sealed key; keysmith has no load balancers, so no DeleteConflict. */
export const deleteServerCertificate = defineOperation({
  name: 'DeleteServerCertificate',
  action: 'iam:DeleteServerCertificate',
  readOnly: false,
  input: shape.struct({ ServerCertificateName: certificateMember.serverCertificateName() }),
  authorization: { resource: (input, ctx) => serverCertificateResource(ctx.store, ctx.caller.accountId, input.ServerCertificateName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const record = await requireServerCertificate(tx, ctx.caller.accountId, input.ServerCertificateName);
      await serverCertificates.delete(tx, ctx.caller.accountId, record.name);
    });
    return undefined;
  },
});
