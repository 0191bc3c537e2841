import type { Operation } from '../../operation.js';
import { createServiceLinkedRole } from './create-service-linked-role.js';
import { deleteServiceLinkedRole } from './delete-service-linked-role.js';
import { getServiceLinkedRoleDeletionStatus } from './get-service-linked-role-deletion-status.js';

/** Service-linked roles: CreateServiceLinkedRole, DeleteServiceLinkedRole, GetServiceLinkedRoleDeletionStatus. */
export const SERVICE_LINKED_ROLE_OPERATIONS: readonly Operation[] = [
  createServiceLinkedRole,
  deleteServiceLinkedRole,
  getServiceLinkedRoleDeletionStatus,
];
