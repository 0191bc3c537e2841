/** The buffer is kept for the next call up to this size; a larger batch gets one of its own. */
const KEPT_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * A batch of lines (JSON texts, which hold no raw newline) encoded as UTF-8 one after another,
 * each followed by `\n`, into a buffer kept from batch to batch — for the files written a batch
 * at a time with one write (the audit's `audit.jsonl`, the SQLite store's audit body files).
 * Encoding line by line into a kept buffer, rather than joining the batch into one string: V8
 * flattened a ~600 kB string and Node encoded it into a fresh ~600 kB allocation each time, whose
 * pages the kernel had to fault in and zero again every batch.
 */
export class JsonLinesBuffer {
  private kept = Buffer.alloc(0);

  /**
   * The lines in a buffer (valid up to `length`, until the next call); `lineBytes`, when given,
   * receives each line's UTF-8 length, its newline not counted.
   */
  encode(lines: readonly string[], lineBytes?: number[]): { buffer: Buffer; length: number } {
    const buffer = this.bufferFor(lines);
    let length = 0;
    for (const line of lines) {
      const bytes = buffer.write(line, length);
      lineBytes?.push(bytes);
      length += bytes;
      buffer[length++] = 0x0a;
    }
    return { buffer, length };
  }

  /** A buffer the batch surely fits in: a UTF-16 code unit is at most 3 bytes of UTF-8. */
  private bufferFor(lines: readonly string[]): Buffer {
    let bound = 0;
    for (const line of lines) bound += line.length * 3 + 1;
    if (bound <= this.kept.length) return this.kept;
    const buffer = Buffer.allocUnsafe(bound);
    if (bound <= KEPT_BUFFER_BYTES) this.kept = buffer;
    return buffer;
  }
}
