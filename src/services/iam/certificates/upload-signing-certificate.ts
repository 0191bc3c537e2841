import { AwsError } from '../../../errors/aws-error.js';
import { QUOTAS } from '../../../model/rules.js';
import { shape } from '../../../model/shapes.js';
import { DuplicateError } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { userResource } from '../shared/resources.js';
import { certificateMember } from './certificate-members.js';
import { notAfter, notBefore, parseCertificates } from './pem-certificates.js';
import { signingCertificateId } from './signing-certificate-id.js';
import { certificateOwner, signingCertificateOutput, signingCertificateView } from './signing-certificate-owner.js';
import { signingCertificates } from './signing-certificate-record.js';

/**
 * A new Active signing certificate for a user (or the root). Inactive ones count toward the quota
 * of 2; count and insert share a transaction. AWS's malformed text echoes the body it got.
 */
export const uploadSigningCertificate = defineOperation({
  name: 'UploadSigningCertificate',
  action: 'iam:UploadSigningCertificate',
  readOnly: false,
  input: shape.struct({ UserName: member.optionalEntityName(128), CertificateBody: certificateMember.certificateBody() }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: shape.struct({ Certificate: signingCertificateOutput }),
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    const cert = parseCertificates(input.CertificateBody)?.[0];
    const record = await ctx.store.transaction(async (tx) => {
      const owner = await certificateOwner(ctx, tx, input.UserName);
      if (!cert) throw new AwsError('MalformedCertificate', `Certificate ${input.CertificateBody} is malformed.`);
      if (notAfter(cert) < ctx.now || notBefore(cert) > ctx.now) {
        throw new AwsError('InvalidCertificate', 'The certificate is expired or not yet valid.');
      }
      if ((await signingCertificates.count(tx, accountId, owner.ownerId)) >= QUOTAS.SigningCertificatesPerUserQuota) {
        throw new AwsError('LimitExceeded', `Cannot exceed quota for CertificatesPerUser: ${QUOTAS.SigningCertificatesPerUserQuota}`);
      }
      const certificateId = signingCertificateId(cert);
      const created = {
        accountId,
        name: certificateId,
        path: '/',
        ownerId: owner.ownerId,
        createDate: ctx.now,
        value: {
          certificateId,
          ...(owner.userName !== undefined ? { userName: owner.userName } : {}),
          certificateBody: input.CertificateBody,
          status: 'Active' as const,
          uploadDate: ctx.now,
        },
      };
      try {
        await signingCertificates.create(tx, created);
      } catch (e) {
        if (e instanceof DuplicateError)
          throw new AwsError('DuplicateCertificate', `The Certificate with id ${certificateId} already exists.`);
        throw e;
      }
      return created;
    });
    return { Certificate: signingCertificateView(record) };
  },
});
