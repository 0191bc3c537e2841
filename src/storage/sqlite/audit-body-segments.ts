import { randomBytes } from 'node:crypto';
import { existsSync, fstatSync, mkdirSync, readdirSync, unlinkSync, writeSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonLinesBuffer } from '../json-lines-buffer.js';
import type { AuditBodyFiles, BodyPlace } from '../sql/audit-body-files.js';

/** The folder beside keysmith.db that holds the audit event bodies. */
export const AUDIT_BODIES_DIR = 'audit-bodies';

/** A segment past this size is finished and the next append starts a new one. */
const DEFAULT_SEGMENT_BYTES = 256 * 1024 * 1024;

/** Bodies this close together in a file are read with one read (a page's events are mostly neighbours). */
const READ_GAP_BYTES = 64 * 1024;
/** …up to this much in one read. */
const READ_RUN_BYTES = 1024 * 1024;

/** Only names this code makes are ever opened: a row's file name never reaches a path unchecked. */
const SEGMENT_NAME = /^[0-9a-z]{1,12}-[0-9a-f]{12}\.jsonl$/;

interface Segment {
  name: string;
  handle: FileHandle;
  size: number;
}

/**
 * Audit event bodies in append-only segment files, `audit-bodies/<time>-<random>.jsonl`: one
 * CloudTrail event per line (so `jq` reads them too), each file written by one store instance
 * only — the server's and its audit thread's connections, and every `--workers` process, have
 * their own — so appends never interleave. A batch is one `write` and one `fdatasync` before
 * its rows are committed: a row that survives a power cut finds its body on disk. Files are
 * created owner-only (events name users, keys and addresses).
 */
export class AuditBodySegments implements AuditBodyFiles {
  private current: Segment | undefined;
  /** Where the events given to `place` went: a batch given again keeps its places. */
  private readonly written = new WeakMap<object, BodyPlace>();
  private opening: Promise<Segment> | undefined;
  private readonly lines = new JsonLinesBuffer();

  constructor(
    private readonly dir: string,
    private readonly segmentBytes = DEFAULT_SEGMENT_BYTES,
  ) {}

  async place(events: readonly { body: string }[]): Promise<BodyPlace[]> {
    const places = new Array<BodyPlace>(events.length);
    const unwritten: number[] = [];
    const exists = new Map<string, boolean>();
    events.forEach((event, i) => {
      const known = this.written.get(event);
      if (known !== undefined && this.fileExists(known.file, exists)) places[i] = known;
      else unwritten.push(i);
    });
    if (unwritten.length === 0) return places;
    const fresh = await this.append(unwritten.map((i) => events[i]!.body));
    unwritten.forEach((i, k) => {
      places[i] = fresh[k]!;
      this.written.set(events[i]!, fresh[k]!);
    });
    return places;
  }

  /** Appends the bodies as one write, on disk (fdatasync) before it resolves; their places, in order. */
  private async append(bodies: readonly string[]): Promise<BodyPlace[]> {
    const segment = await this.writable();
    const lineBytes: number[] = [];
    const { buffer, length } = this.lines.encode(bodies, lineBytes);
    const places: BodyPlace[] = [];
    let at = segment.size;
    for (const bytes of lineBytes) {
      places.push({ file: segment.name, at, bytes });
      at += bytes + 1;
    }
    // Synchronous and whole before anything else runs on this thread: two appends of this
    // instance can never mix their bytes or both claim one offset. At explicit positions: a write
    // that fails half-way (a full disk) leaves the size where it was, and the next batch writes
    // over the broken bytes instead of after them (its places are counted from the size).
    for (let done = 0; done < length;) done += writeSync(segment.handle.fd, buffer, done, length - done, segment.size + done);
    segment.size += length;
    await segment.handle.datasync();
    return places;
  }

  async read(places: readonly BodyPlace[]): Promise<(string | undefined)[]> {
    const bodies: (string | undefined)[] = new Array<string | undefined>(places.length).fill(undefined);
    const byFile = new Map<string, number[]>();
    places.forEach((place, i) => {
      const indexes = byFile.get(place.file);
      if (indexes === undefined) byFile.set(place.file, [i]);
      else indexes.push(i);
    });
    for (const [file, indexes] of byFile) {
      if (!SEGMENT_NAME.test(file)) continue;
      let handle: FileHandle;
      try {
        handle = await open(join(this.dir, file), 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      try {
        for (const run of runsOf(places, indexes)) {
          const buffer = Buffer.allocUnsafe(run.end - run.start);
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, run.start);
          for (const i of run.indexes) {
            const { at, bytes } = places[i]!;
            if (at + bytes - run.start <= bytesRead) bodies[i] = buffer.toString('utf8', at - run.start, at + bytes - run.start);
          }
        }
      } finally {
        await handle.close();
      }
    }
    return bodies;
  }

  clear(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const name of names) if (SEGMENT_NAME.test(name)) unlinkSync(join(this.dir, name));
  }

  async close(): Promise<void> {
    await this.opening?.catch(() => undefined);
    const segment = this.current;
    this.current = undefined;
    await segment?.handle.close();
  }

  /**
   * Whether a file of this folder still exists (`seen` keeps the answers of one call). The file
   * being appended to is asked through its descriptor: `clear` may have unlinked it under us.
   */
  private fileExists(file: string, seen: Map<string, boolean>): boolean {
    let exists = seen.get(file);
    if (exists === undefined) {
      const segment = this.current;
      exists = segment !== undefined && segment.name === file ? fstatSync(segment.handle.fd).nlink > 0 : existsSync(join(this.dir, file));
      seen.set(file, exists);
    }
    return exists;
  }

  /** The segment to append to: the current one while it has room and still exists, else a new one. */
  private writable(): Promise<Segment> | Segment {
    const segment = this.current;
    if (segment !== undefined && segment.size < this.segmentBytes && fstatSync(segment.handle.fd).nlink > 0) return segment;
    if (this.opening === undefined) {
      this.current = undefined;
      // A FileHandle's close waits for its pending datasync, so a finished segment can be let go at once.
      if (segment !== undefined) void segment.handle.close().catch(() => undefined);
      this.opening = this.openNew()
        .then((opened) => (this.current = opened))
        .finally(() => (this.opening = undefined));
    }
    return this.opening;
  }

  private async openNew(): Promise<Segment> {
    // The folder only, never its parents: a data folder removed under a running server (a test's
    // clean-up, an operator) is not made again by an audit write, which fails instead.
    try {
      mkdirSync(this.dir, { mode: 0o700 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const name = `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}.jsonl`;
    const handle = await open(join(this.dir, name), 'wx', 0o600);
    return { name, handle, size: 0 };
  }
}

interface ReadRun {
  start: number;
  end: number;
  indexes: number[];
}

/** One file's places in file order, gathered into reads of neighbouring bytes. */
function runsOf(places: readonly BodyPlace[], indexes: readonly number[]): ReadRun[] {
  const sorted = [...indexes].sort((a, b) => places[a]!.at - places[b]!.at);
  const runs: ReadRun[] = [];
  let run: ReadRun | undefined;
  for (const i of sorted) {
    const { at, bytes } = places[i]!;
    if (run !== undefined && at - run.end <= READ_GAP_BYTES && at + bytes - run.start <= READ_RUN_BYTES) {
      run.end = Math.max(run.end, at + bytes);
      run.indexes.push(i);
    } else {
      run = { start: at, end: at + bytes, indexes: [i] };
      runs.push(run);
    }
  }
  return runs;
}
