import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { tagListOutput } from '../shared/output-shapes.js';
import { certificateMember } from './certificate-members.js';
import {
  requireServerCertificate,
  serverCertificateMetadataOutput,
  serverCertificateMetadataView,
  serverCertificateResource,
} from './server-certificate-views.js';

/** The certificate and its chain, never the private key; Tags is always present (AWS: `[]` when none). */
export const getServerCertificate = defineOperation({
  name: 'GetServerCertificate',
  action: 'iam:GetServerCertificate',
  readOnly: true,
  input: shape.struct({ ServerCertificateName: certificateMember.serverCertificateName() }),
  authorization: { resource: (input, ctx) => serverCertificateResource(ctx.store, ctx.caller.accountId, input.ServerCertificateName) },
  output: shape.struct({
    ServerCertificate: shape.struct({
      ServerCertificateMetadata: serverCertificateMetadataOutput,
      CertificateBody: shape.string(),
      CertificateChain: shape.string(),
      Tags: tagListOutput,
    }),
  }),
  async handler(input, ctx) {
    const record = await requireServerCertificate(ctx.store, ctx.caller.accountId, input.ServerCertificateName);
    return {
      ServerCertificate: {
        ServerCertificateMetadata: serverCertificateMetadataView(record),
        CertificateBody: record.value.certificateBody,
        CertificateChain: record.value.certificateChain,
        Tags: record.value.tags.map((t) => ({ Key: t.Key, Value: t.Value })),
      },
    };
  },
});
