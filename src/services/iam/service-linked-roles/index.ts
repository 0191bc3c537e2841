import type { Operation } from '../../operation.js';

/** Service-linked roles: CreateServiceLinkedRole, DeleteServiceLinkedRole, GetServiceLinkedRoleDeletionStatus. */
export const SERVICE_LINKED_ROLE_OPERATIONS: readonly Operation[] = [];
