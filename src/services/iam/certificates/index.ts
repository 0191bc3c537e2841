import type { Operation } from '../../operation.js';
import { deleteServerCertificate } from './delete-server-certificate.js';
import { getServerCertificate } from './get-server-certificate.js';
import { listServerCertificates } from './list-server-certificates.js';
import { deleteSigningCertificate, listSigningCertificates, updateSigningCertificate } from './manage-signing-certificates.js';
import { listServerCertificateTags, tagServerCertificate, untagServerCertificate } from './server-certificate-tags.js';
import { updateServerCertificate } from './update-server-certificate.js';
import { uploadServerCertificate } from './upload-server-certificate.js';
import { uploadSigningCertificate } from './upload-signing-certificate.js';

/** Server certificates and users' signing certificates. */
export const CERTIFICATE_OPERATIONS: readonly Operation[] = [
  uploadServerCertificate,
  getServerCertificate,
  listServerCertificates,
  updateServerCertificate,
  deleteServerCertificate,
  tagServerCertificate,
  untagServerCertificate,
  listServerCertificateTags,
  uploadSigningCertificate,
  listSigningCertificates,
  updateSigningCertificate,
  deleteSigningCertificate,
];
