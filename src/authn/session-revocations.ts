import type { SessionClaims } from '../model/session.js';
import type { Store } from '../storage/store.js';
import type { Logger } from '../kernel/logger.js';

/** Sessions of a role (or one named session of it) issued before `before` (epoch s) are void. */
export interface Revocation {
  roleId: string;
  sessionName?: string;
  before: number;
}

const SETTING = 'session-revocations';
/** Longer than any session can live (GetSessionToken: 36 h), so old entries can go. */
const KEEP_SECONDS = 36 * 3600;

/**
 * Admin revocation of temporary credentials. The list is one small row in the store; each node
 * keeps a copy in memory (checked on every session request, no I/O) and re-reads it every
 * second, so a revocation made on any node holds everywhere within about a second — and at once
 * on the node that made it.
 */
export class SessionRevocations {
  private entries: Revocation[] = [];
  /**
   * The entries by role id: every ended credential grant adds one (RevokeCredentialGrant), so the
   * list can hold thousands, and a session request looks only at its own role's.
   */
  private byRole = new Map<string, Revocation[]>();
  private lastText: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
  ) {}

  async start(pollMs = 1000): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  isRevoked(claims: SessionClaims): boolean {
    if (this.entries.length === 0 || claims.kind !== 'AssumedRole') return false;
    for (const r of this.byRole.get(claims.roleId) ?? []) {
      if (claims.issuedAt < r.before && (r.sessionName === undefined || r.sessionName === claims.sessionName)) return true;
    }
    return false;
  }

  /** The role's entries (the console's ListSessionRevocations shows them), from the in-memory copy. */
  forRole(roleId: string): readonly Revocation[] {
    return [...(this.byRole.get(roleId) ?? [])];
  }

  async revoke(revocation: Revocation, now: number): Promise<void> {
    this.use(
      await this.store.transaction(async (tx) => {
        const current = parse(await tx.settings.get(SETTING));
        const next = [...current.filter((r) => r.before > Math.floor(now / 1000) - KEEP_SECONDS), revocation];
        await tx.settings.set(SETTING, JSON.stringify(next));
        return next;
      }),
    );
  }

  private use(entries: Revocation[]): void {
    this.entries = entries;
    this.byRole = indexByRole(entries);
  }

  async refresh(): Promise<void> {
    try {
      const text = await this.store.settings.get(SETTING);
      // Re-read every second: parse and index only when it changed.
      if (text === this.lastText) return;
      this.lastText = text;
      this.use(parse(text));
    } catch (error) {
      this.logger.warn('could not refresh session revocations', { detail: String(error) });
    }
  }
}

function indexByRole(entries: readonly Revocation[]): Map<string, Revocation[]> {
  const map = new Map<string, Revocation[]>();
  for (const r of entries) {
    const list = map.get(r.roleId);
    if (list) list.push(r);
    else map.set(r.roleId, [r]);
  }
  return map;
}

function parse(text: string | undefined): Revocation[] {
  return text === undefined ? [] : (JSON.parse(text) as Revocation[]);
}
