import type { Store } from '../storage/store.js';
import type { TokenKeyRing } from './key-ring.js';
import { loadTokenKeyRing } from './key-ring-store.js';
import type { SecretBox } from './secret-box.js';

/**
 * The node's current view of the token key ring. A token sealed with a key this node has not
 * seen (another node rotated) triggers one reload, at most once a second.
 */
export class TokenKeys {
  private lastReload = 0;

  constructor(
    private ring: TokenKeyRing,
    private readonly store: Store,
    private readonly secrets: SecretBox,
    private readonly now: () => number,
  ) {}

  get current(): TokenKeyRing {
    return this.ring;
  }

  /**
   * Re-reads the ring. Unknown-key reloads (driven by whatever tokens callers send) are limited
   * to one a second; `force` is for the store telling us it changed.
   */
  async reload(force = false): Promise<TokenKeyRing> {
    const now = this.now();
    if (force || now - this.lastReload >= 1000) {
      this.lastReload = now;
      this.ring = await loadTokenKeyRing(this.store, this.secrets, now);
    }
    return this.ring;
  }

  replace(ring: TokenKeyRing): void {
    this.ring = ring;
  }
}
