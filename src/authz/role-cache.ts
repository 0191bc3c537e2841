import type { Role } from '../model/entities.js';
import type { Store } from '../storage/store.js';

/**
 * Roles by account and name, for AssumeRole's hot path (no store read per call once warm).
 * Cleared with the other IAM caches on every IAM write, in this process and (through the cache
 * generation) in the others. Missing roles are not cached: a role created later must be found.
 */
export class RoleCache {
  private readonly roles = new Map<string, Role>();

  constructor(private readonly store: Store) {}

  async get(accountId: string, roleName: string): Promise<Role | undefined> {
    const key = `${accountId}/${roleName.toLowerCase()}`;
    let role = this.roles.get(key);
    if (role === undefined) {
      role = await this.store.roles.getByName(accountId, roleName);
      if (role !== undefined) {
        if (this.roles.size >= 10_000) this.roles.clear();
        this.roles.set(key, role);
      }
    }
    return role;
  }

  invalidate(): void {
    this.roles.clear();
  }
}
