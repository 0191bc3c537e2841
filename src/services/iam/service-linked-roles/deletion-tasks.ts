import type { Random } from '../../../kernel/random.js';
import { RECORD_KINDS } from '../../../model/record-kinds.js';
import { recordKind } from '../shared/records.js';

/**
 * A DeleteServiceLinkedRole task, kept so GetServiceLinkedRoleDeletionStatus can answer for it.
 * keysmith deletes the role at once (no service holds resources through it), so every task it
 * records has succeeded. Record name: the task id; ownerId: the deleted role's id.
 */
export interface DeletionTaskValue {
  status: 'SUCCEEDED';
  roleName: string;
}

export const deletionTasks = recordKind<DeletionTaskValue>(RECORD_KINDS.serviceLinkedRoleDeletion);

/** `task/aws-service-role/<service>/<role>/<uuid>`, AWS's documented format (the role's path, name, a task uuid). */
export function deletionTaskId(rolePath: string, roleName: string, random: Random): string {
  return `task${rolePath}${roleName}/${uuidV4(random)}`;
}

/** The service and role a task id names, or undefined when it is not in AWS's format. */
export function parseDeletionTaskId(taskId: string): { service: string; roleName: string } | undefined {
  const m = /^task\/aws-service-role\/([\w+=,.@-]+)\/([\w+=,.@-]+)\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.exec(
    taskId,
  );
  return m ? { service: m[1]!, roleName: m[2]! } : undefined;
}

/** An RFC 9562 version-4 UUID from the random port (reproducible in tests). */
function uuidV4(random: Random): string {
  const b = random.bytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
