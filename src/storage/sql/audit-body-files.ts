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
  /** Appends the bodies as one write, on disk (fdatasync) before it resolves; their places, in order. */
  append(bodies: readonly string[]): Promise<BodyPlace[]>;
  /**
   * Whether the files these places are in are surely still the folder's: false once `clear`
   * removed one (and, conservatively, once appends have moved on to a newer file: writing the
   * bodies again then costs only bytes). Asked inside the transaction that writes the rows, which
   * `clear`'s transaction excludes.
   */
  intact(places: readonly BodyPlace[]): boolean;
  /** The bodies at these places; undefined for one that is not there (a file removed, or cut short by a power loss). */
  read(places: readonly BodyPlace[]): Promise<(string | undefined)[]>;
  /** Removes every body file (the store's reset); later appends start a new file. */
  clear(): void;
  close(): Promise<void>;
}
