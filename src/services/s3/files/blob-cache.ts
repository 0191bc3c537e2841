/**
 * The bytes of recently read small blobs, keyed by blob id, least recently used out first.
 *
 * Safe without any invalidation across processes because a blob id names one immutable file: a
 * new version of an object is a new blob with a new random id, never a rewrite (object-files.ts).
 * Every request still reads the object's row from the store, which says which blob is current; the
 * cache only saves reading that blob's file again (open, read, close: about 28 µs of the main
 * thread per 4 KiB GetObject in the S3 pipeline bench, of about 150). A cached blob whose object
 * was replaced or deleted elsewhere is never asked for again and ages out; local removals drop
 * their entries at once.
 */
/** What an entry costs besides its bytes (Map entry, Buffer and ArrayBuffer objects), counted against the limit. */
const ENTRY_OVERHEAD = 512;

export class BlobCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(blobId: string): Buffer | undefined {
    const data = this.entries.get(blobId);
    if (data !== undefined) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(blobId);
      this.entries.set(blobId, data);
    }
    return data;
  }

  set(blobId: string, data: Buffer): void {
    if (data.length + ENTRY_OVERHEAD > this.maxBytes) return;
    this.delete(blobId);
    this.entries.set(blobId, data);
    this.bytes += data.length + ENTRY_OVERHEAD;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.length + ENTRY_OVERHEAD;
    }
  }

  delete(blobId: string): void {
    const data = this.entries.get(blobId);
    if (data === undefined) return;
    this.entries.delete(blobId);
    this.bytes -= data.length + ENTRY_OVERHEAD;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}
