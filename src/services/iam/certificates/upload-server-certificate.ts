import { AwsError } from '../../../errors/aws-error.js';
import { QUOTAS } from '../../../model/rules.js';
import { newId } from '../../../model/unique-ids.js';
import { shape } from '../../../model/shapes.js';
import { DuplicateError } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { tagListOutput } from '../shared/output-shapes.js';
import { checkNoDuplicates } from '../shared/tags.js';
import { certificateMember } from './certificate-members.js';
import { privateKeyAssociatedData, serverCertificateArn, serverCertificates } from './server-certificate-record.js';
import { serverCertificateMetadataOutput, serverCertificateMetadataView } from './server-certificate-views.js';
import { validateServerCertificate } from './validate-server-certificate.js';

/**
 * Stores a certificate, its chain and its private key (sealed; never returned). Quota and insert
 * share a transaction so two uploads cannot both take the last of the 20 slots. Tags come back
 * only when some were given, as AWS answers.
 */
export const uploadServerCertificate = defineOperation({
  name: 'UploadServerCertificate',
  action: 'iam:UploadServerCertificate',
  readOnly: false,
  input: shape.struct({
    Path: member.path(),
    ServerCertificateName: certificateMember.serverCertificateName(),
    CertificateBody: certificateMember.certificateBody(),
    PrivateKey: certificateMember.privateKey(),
    CertificateChain: certificateMember.certificateChain(),
    Tags: member.tags(),
  }),
  authorization: { resource: (input, ctx) => serverCertificateArn(ctx.caller.accountId, input.Path ?? '/', input.ServerCertificateName) },
  output: shape.struct({ ServerCertificateMetadata: serverCertificateMetadataOutput, Tags: tagListOutput }),
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    const tags = (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value }));
    checkNoDuplicates(tags, 'sensitive');
    const expiration = validateServerCertificate({
      body: input.CertificateBody,
      privateKey: input.PrivateKey,
      chain: input.CertificateChain,
      now: ctx.now,
    });
    const serverCertificateId = newId('ASCA', accountId, ctx.random);
    const record = {
      accountId,
      name: input.ServerCertificateName,
      path: input.Path ?? '/',
      createDate: ctx.now,
      value: {
        serverCertificateId,
        // Kept without surrounding whitespace, as AWS returns it: Terraform's provider trims the
        // body and chain in its state (not a signing certificate's, which AWS returns as given),
        // and would otherwise see a PEM file's trailing newline as a change.
        certificateBody: input.CertificateBody.trim(),
        ...(input.CertificateChain !== undefined ? { certificateChain: input.CertificateChain.trim() } : {}),
        privateKeySealed: ctx.secrets.seal(input.PrivateKey, privateKeyAssociatedData(serverCertificateId)),
        expiration,
        uploadDate: ctx.now,
        tags,
      },
    };
    try {
      await ctx.store.transaction(async (tx) => {
        if ((await serverCertificates.count(tx, accountId)) >= QUOTAS.ServerCertificatesQuota) {
          throw new AwsError('LimitExceeded', `Cannot exceed quota for ServerCertificatesPerAccount: ${QUOTAS.ServerCertificatesQuota}`);
        }
        await serverCertificates.create(tx, record);
      });
    } catch (e) {
      if (e instanceof DuplicateError) {
        throw new AwsError('EntityAlreadyExists', `The Server Certificate with name ${input.ServerCertificateName} already exists.`);
      }
      throw e;
    }
    return { ServerCertificateMetadata: serverCertificateMetadataView(record), Tags: tags.length > 0 ? tags : undefined };
  },
});
