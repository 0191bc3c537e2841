import type { CredentialFetcher, FetchOutcome, RoleCredentials, RoleDelivery } from './credential-fetch.js';

/**
 * The local endpoint's copy of the role's credentials. SDKs give a metadata endpoint one second
 * (SDK v3's IMDS and container providers) before they give up, so the endpoint answers from this
 * copy and refreshes it ahead of time, in the background, instead of fetching while the program
 * waits. Like AWS's endpoints it keeps serving credentials that are still valid when a refresh
 * fails (static stability), and answers the failure only once it has nothing valid left.
 */

export interface CachedCredentials {
  credentials: RoleCredentials;
  /** When these credentials (this AccessKeyId) were first received: IMDS's LastUpdated. */
  receivedAt: number;
}

export type CacheOutcome = ({ ok: true } & CachedCredentials) | Extract<FetchOutcome, { ok: false }>;

interface Entry {
  current?: CachedCredentials;
  expiresAt: number;
  /** When to ask keysmith again. */
  refreshAt: number;
  inFlight?: Promise<CacheOutcome>;
  timer?: NodeJS.Timeout;
}

/** Start asking for new credentials this long before expiry at most (AWS: 5–15 minutes)… */
const MAX_LEAD_MS = 15 * 60_000;
/** …and no earlier than a third of their lifetime before it. */
const LEAD_FRACTION = 1 / 3;
/** While keysmith still answers the same credentials, ask again at this pace at most. */
const RECHECK_MS = 30_000;
/** Credentials this close to expiry are not handed out (the program could not use them). */
const MIN_VALID_MS = 2_000;

export class CredentialCache {
  private readonly entries = new Map<RoleDelivery | 'none', Entry>();
  private closed = false;

  constructor(
    private readonly fetchUpstream: CredentialFetcher,
    private readonly now: () => number = Date.now,
  ) {}

  /** The credentials for a program that asked this way, fresh enough to use; refreshed as needed. */
  async get(delivery?: RoleDelivery): Promise<CacheOutcome> {
    const entry = this.entry(delivery);
    const now = this.now();
    if (entry.current && now < entry.refreshAt && entry.expiresAt - now > MIN_VALID_MS) return { ok: true, ...entry.current };
    return this.refresh(delivery, entry);
  }

  /** Stops the background refreshes (the endpoint is closing). */
  close(): void {
    this.closed = true;
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
  }

  private entry(delivery: RoleDelivery | undefined): Entry {
    const key = delivery ?? 'none';
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = { expiresAt: 0, refreshAt: 0 }));
    return entry;
  }

  private refresh(delivery: RoleDelivery | undefined, entry: Entry): Promise<CacheOutcome> {
    entry.inFlight ??= this.fetchInto(delivery, entry).finally(() => {
      entry.inFlight = undefined;
    });
    return entry.inFlight;
  }

  private async fetchInto(delivery: RoleDelivery | undefined, entry: Entry): Promise<CacheOutcome> {
    const outcome = await this.fetchUpstream(delivery);
    const now = this.now();
    if (outcome.ok) {
      const credentials = outcome.credentials;
      const expiresAt = Date.parse(credentials.Expiration);
      const renewed = entry.current?.credentials.AccessKeyId !== credentials.AccessKeyId;
      if (renewed) entry.current = { credentials, receivedAt: now };
      else entry.current = { credentials, receivedAt: entry.current!.receivedAt };
      entry.expiresAt = expiresAt;
      const lifetime = Math.max(0, expiresAt - entry.current.receivedAt);
      const lead = Math.min(MAX_LEAD_MS, lifetime * LEAD_FRACTION);
      // New credentials: keep them until the lead time before expiry. The same ones again: keysmith's
      // refresh window has not opened yet, so ask again soon, but well before they run out.
      entry.refreshAt = renewed ? expiresAt - lead : now + Math.max(1_000, Math.min(RECHECK_MS, (expiresAt - now) / 4));
      this.schedule(delivery, entry);
      return { ok: true, ...entry.current };
    }
    if (entry.current && entry.expiresAt - now > MIN_VALID_MS) {
      // Static stability: still-valid credentials are better than an error; try again a little later.
      entry.refreshAt = now + Math.max(1_000, Math.min(RECHECK_MS, (entry.expiresAt - now) / 4));
      this.schedule(delivery, entry);
      return { ok: true, ...entry.current };
    }
    entry.current = undefined;
    return outcome;
  }

  private schedule(delivery: RoleDelivery | undefined, entry: Entry): void {
    clearTimeout(entry.timer);
    if (this.closed) return;
    const wait = Math.max(0, entry.refreshAt - this.now());
    entry.timer = setTimeout(() => void this.refresh(delivery, entry), wait);
    // The background refresh never keeps the process alive on its own.
    entry.timer.unref();
  }
}
