/** Where one event body kept outside the database lies: a file of the bodies folder and its bytes there. */
export interface BodyPlace {
  file: string;
  at: number;
  bytes: number;
}

/**
 * Audit event bodies kept beside the database instead of in it (the SQLite backend). An event's
 * ~1.3 KB CloudTrail body is most of what appending it costs SQLite — its bytes go through the
 * WAL and again into the table at each checkpoint, ~10 µs an event — while an append-only file
 * takes a whole batch in one write. The row keeps every column LookupEvents filters and orders
 * on, and the body's place.
 */
export interface AuditBodyFiles {
  /**
   * The places of these events' bodies, in order: those not written yet appended as one write,
   * on disk (fdatasync) before it resolves. An event object written before — a batch the store
   * failed to commit and is given again — keeps its place while its file exists: a retried
   * batch is not written twice (a store locked for an hour would otherwise append the waiting
   * events again at every retry), and one whose file `clear` removed is written again.
   */
  place(events: readonly { body: string }[]): Promise<BodyPlace[]>;
  /** The bodies at these places; undefined for one that is not there (a file removed, or cut short by a power loss). */
  read(places: readonly BodyPlace[]): Promise<(string | undefined)[]>;
  /** Removes every body file (the store's reset); later appends start a new file. */
  clear(): void;
  close(): Promise<void>;
}
