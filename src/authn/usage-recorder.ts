import type { Store } from '../storage/store.js';
import type { Logger } from '../kernel/logger.js';

interface KeyUse {
  at: number;
  service: string;
  region: string;
}

/**
 * Remembers when access keys and roles were last used (GetAccessKeyLastUsed, GetRole's
 * RoleLastUsed) without touching the database on the request path: uses are noted in memory and
 * written in one transaction every few seconds, and on shutdown. AWS itself reports these with
 * a delay, so nothing depends on them being immediate.
 */
export class UsageRecorder {
  private keys = new Map<string, KeyUse>();
  private roles = new Map<string, { at: number; region: string }>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    intervalMs = 5000,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  keyUsed(accessKeyId: string, service: string, region: string, at: number): void {
    this.keys.set(accessKeyId, { at, service, region });
  }

  roleUsed(roleId: string, region: string, at: number): void {
    this.roles.set(roleId, { at, region });
  }

  async flush(): Promise<void> {
    if (this.keys.size === 0 && this.roles.size === 0) return;
    const keys = this.keys;
    const roles = this.roles;
    this.keys = new Map();
    this.roles = new Map();
    try {
      await this.store.transaction(async (tx) => {
        for (const [id, use] of keys) {
          const key = await tx.accessKeys.get(id);
          if (key) await tx.accessKeys.update({ ...key, lastUsedDate: use.at, lastUsedService: use.service, lastUsedRegion: use.region });
        }
        for (const [id, use] of roles) {
          const role = await tx.roles.getById(id);
          if (role) await tx.roles.update({ ...role, lastUsedDate: use.at, lastUsedRegion: use.region });
        }
      });
    } catch (error) {
      this.logger.warn('could not record last-used times', { detail: String(error) });
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
