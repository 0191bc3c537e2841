import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { DuplicateError } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { certificateMember } from './certificate-members.js';
import { serverCertificateArn, serverCertificates } from './server-certificate-record.js';
import { requireServerCertificate, serverCertificateResource } from './server-certificate-views.js';

/**
 * Moves and/or renames a certificate. The caller needs the permission on the old name (the
 * pipeline checks it) and on the new one (checked here, as AWS documents). A rename is a delete
 * and a create in one transaction: record names are keys, and a taken name fails the whole call.
 */
export const updateServerCertificate = defineOperation({
  name: 'UpdateServerCertificate',
  action: 'iam:UpdateServerCertificate',
  readOnly: false,
  input: shape.struct({
    ServerCertificateName: certificateMember.serverCertificateName(),
    NewPath: member.path(),
    NewServerCertificateName: certificateMember.optionalServerCertificateName(),
  }),
  authorization: { resource: (input, ctx) => serverCertificateResource(ctx.store, ctx.caller.accountId, input.ServerCertificateName) },
  output: 'none',
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    const current = await requireServerCertificate(ctx.store, accountId, input.ServerCertificateName);
    const path = input.NewPath ?? current.path;
    const name = input.NewServerCertificateName ?? current.name;
    if (path !== current.path || name !== current.name) {
      await ctx.authorizer.authorize(ctx.caller, 'iam:UpdateServerCertificate', serverCertificateArn(accountId, path, name), ctx.facts, {
        input,
      });
    }
    try {
      await ctx.store.transaction(async (tx) => {
        const record = await requireServerCertificate(tx, accountId, input.ServerCertificateName);
        if (name === record.name) {
          await serverCertificates.update(tx, { ...record, path });
          return;
        }
        await serverCertificates.delete(tx, accountId, record.name);
        await serverCertificates.create(tx, { ...record, name, path });
      });
    } catch (e) {
      if (e instanceof DuplicateError)
        throw new AwsError('EntityAlreadyExists', `The Server Certificate with name ${name} already exists.`);
      throw e;
    }
    return undefined;
  },
});
