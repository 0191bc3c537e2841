import type { Operation } from '../../operation.js';
import { acceptDelegationRequest } from './accept-delegation-request.js';
import { associateDelegationRequest } from './associate-delegation-request.js';
import { createDelegationRequest } from './create-delegation-request.js';
import { getDelegationRequest } from './get-delegation-request.js';
import { listDelegationRequests } from './list-delegation-requests.js';
import { rejectDelegationRequest } from './reject-delegation-request.js';
import { sendDelegationToken } from './send-delegation-token.js';
import { updateDelegationRequest } from './update-delegation-request.js';

/** Delegation requests: a partner's request for temporary access, and its owner's answers. */
export const DELEGATION_REQUEST_OPERATIONS: readonly Operation[] = [
  createDelegationRequest,
  getDelegationRequest,
  listDelegationRequests,
  associateDelegationRequest,
  updateDelegationRequest,
  acceptDelegationRequest,
  rejectDelegationRequest,
  sendDelegationToken,
];
