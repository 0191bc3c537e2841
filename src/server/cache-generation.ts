import type { Store } from '../storage/store.js';
import type { Logger } from '../kernel/logger.js';

/** The stored counter every process polls (exported for tests). */
export const CACHE_GENERATION_SETTING = 'iam-cache-generation';
const SETTING = CACHE_GENERATION_SETTING;

/**
 * Keeps the per-process IAM caches (credentials, compiled policy sets) honest when several
 * processes share one database (`--workers`, or several nodes on PostgreSQL). Every IAM write
 * bumps a counter in the store; every process polls it and drops its caches when it moves. A
 * write is seen at once by the process that made it and within `pollMs` by the others — the
 * eventual consistency AWS IAM documents for itself, with a far shorter delay.
 */
export class CacheGeneration {
  private seen: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly onChange: () => void,
    private readonly logger: Logger,
  ) {}

  async start(pollMs = 500): Promise<void> {
    this.seen = await this.store.settings.get(SETTING);
    this.timer = setInterval(() => void this.poll(), pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** After an IAM write: tell the other processes. */
  async bump(): Promise<void> {
    try {
      this.seen = await this.store.transaction(async (tx) => {
        const next = String(Number((await tx.settings.get(SETTING)) ?? '0') + 1);
        await tx.settings.set(SETTING, next);
        return next;
      });
    } catch (error) {
      this.logger.warn('could not publish an IAM change to other processes', { detail: String(error) });
    }
  }

  private async poll(): Promise<void> {
    try {
      const current = await this.store.settings.get(SETTING);
      if (current !== this.seen) {
        this.seen = current;
        this.onChange();
      }
    } catch (error) {
      this.logger.warn('could not check for IAM changes from other processes', { detail: String(error) });
    }
  }
}
