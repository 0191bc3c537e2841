import type { Operation } from '../../operation.js';
import { deleteSshPublicKey, getSshPublicKey, listSshPublicKeys, updateSshPublicKey } from './manage-ssh-public-keys.js';
import { uploadSshPublicKey } from './upload-ssh-public-key.js';

/** Users' SSH public keys (CodeCommit). */
export const SSH_KEY_OPERATIONS: readonly Operation[] = [
  uploadSshPublicKey,
  getSshPublicKey,
  listSshPublicKeys,
  updateSshPublicKey,
  deleteSshPublicKey,
];
