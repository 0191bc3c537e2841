import { RECORD_KINDS } from '../../../model/record-kinds.js';
import { recordKind } from '../shared/records.js';

/**
 * A signing certificate (UploadSigningCertificate), as stored: record name is the certificate id,
 * `ownerId` the user's unique id (AIDA…), or the account id for the root's own. Times are epoch
 * ms. The credential report (reports/) reads `status` and `uploadDate` from here.
 */
export interface SigningCertificateValue {
  certificateId: string;
  /** The user's name when uploaded (for output; look users up by id). */
  userName?: string;
  certificateBody: string;
  status: 'Active' | 'Inactive';
  uploadDate: number;
}

export const signingCertificates = recordKind<SigningCertificateValue>(RECORD_KINDS.signingCertificate);
