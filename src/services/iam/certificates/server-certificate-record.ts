import { partition } from '../../../model/arns.js';
import type { Tag } from '../../../model/entities.js';
import { RECORD_KINDS } from '../../../model/record-kinds.js';
import { recordKind } from '../shared/records.js';

/**
 * A server certificate (UploadServerCertificate), as stored: record name is the certificate's
 * name, path its path, `ownerId` unset (the account owns it). The private key is kept sealed with
 * the at-rest key, bound to the certificate id, and is never returned. Times are epoch ms.
 */
export interface ServerCertificateValue {
  serverCertificateId: string;
  certificateBody: string;
  certificateChain?: string;
  privateKeySealed: string;
  expiration: number;
  uploadDate: number;
  tags: Tag[];
}

export const serverCertificates = recordKind<ServerCertificateValue>(RECORD_KINDS.serverCertificate);

/** `arn:aws:iam::ACCOUNT:server-certificate/PATH/NAME` (reference §3.2). */
export function serverCertificateArn(accountId: string, path: string, name: string): string {
  return `arn:${partition}:iam::${accountId}:server-certificate${path}${name}`;
}

/** The associated data the private key is sealed with: a sealed key moved to another record won't open. */
export const privateKeyAssociatedData = (serverCertificateId: string) => `server-certificate-key:${serverCertificateId}`;
