import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { S3Error } from '../s3-errors.js';
import { BlobCache } from './blob-cache.js';
import { type BlobDigests, BlobHashes, type HashOptions } from './blob-hashes.js';
import { isLocalFilesystem } from './local-filesystem.js';
import { readRange, readRangeSync, SMALL_BLOB_BYTES, writeDurably } from './small-blob-io.js';
import { TemporaryFile } from './temporary-file.js';

export type { HashOptions } from './blob-hashes.js';

/** Data received (in memory, or in a temporary file when large), not yet visible anywhere. */
export interface ReceivedBlob extends BlobDigests {
  /** Puts the data in place, durably; resolves to its blob id. */
  commit(): Promise<string>;
  /** Drops the data (removes a temporary file). */
  discard(): Promise<void>;
}

const BLOB_ID = /^[0-9a-f]{32}$/;
/** Memory for the bytes of recently read small blobs (blob-cache.ts). */
const BLOB_CACHE_BYTES = 32 * 1024 * 1024;
const STALE_TMP_MS = 24 * 60 * 60 * 1000;

/** A new random file name: 32 hex digits (a v4 UUID's; randomUUID draws from a pool, randomBytes does not). */
const newId = (): string => randomUUID().replace(/-/g, '');

/**
 * Object data on the local filesystem: `<root>/blobs/<id[0..2]>/<id>`, one immutable file per
 * object version or upload part, named by a random id (never by the key, which may hold any
 * text). Every write goes to `<root>/tmp/` first and is renamed into place only once it is
 * complete, synced and checked, and the metadata row that makes it visible is written after
 * that: a crash leaves at worst an unreferenced file, never a half object.
 *
 * Small data (up to SMALL_BLOB_BYTES) is held in memory while it is received and hashed, and
 * written in one piece when committed; small reads are one read into a Buffer, synchronous on a
 * local disk (small-blob-io.ts has the figures), and whole small blobs stay in a cache keyed by
 * their (immutable) blob id (blob-cache.ts).
 */
export class ObjectFiles {
  private readonly tmp: string;
  private readonly blobs: string;
  /** Small reads without the libuv pool: only where they cannot wait on a network. */
  private readonly syncReads: boolean;
  private readonly cache = new BlobCache(BLOB_CACHE_BYTES);

  constructor(readonly root: string) {
    this.tmp = join(root, 'tmp');
    this.blobs = join(root, 'blobs');
    mkdirSync(this.tmp, { recursive: true, mode: 0o700 });
    mkdirSync(this.blobs, { recursive: true, mode: 0o700 });
    this.syncReads = isLocalFilesystem(this.blobs);
  }

  /** Removes temporary files a crashed process left (old enough not to be another node's write in progress). */
  async sweepTemporaryFiles(now: number): Promise<void> {
    for (const name of await readdir(this.tmp)) {
      const path = join(this.tmp, name);
      const info = await stat(path).catch(() => undefined);
      if (info && now - info.mtimeMs > STALE_TMP_MS) await rm(path, { force: true });
    }
  }

  pathOf(blobId: string): string {
    if (!BLOB_ID.test(blobId)) throw new Error(`not a blob id: ${blobId}`);
    return join(this.blobs, blobId.slice(0, 2), blobId);
  }

  /**
   * Receives `source`, hashing as it goes: held in memory while it stays within SMALL_BLOB_BYTES
   * (written when committed: a refused upload never touches the disk), streamed into a temporary
   * file beyond that.
   */
  async receive(source: AsyncIterable<Uint8Array>, options: HashOptions): Promise<ReceivedBlob> {
    const hashes = new BlobHashes(options);
    let held: Buffer[] = [];
    let writer: TemporaryFile | undefined;
    try {
      for await (const chunk of source) {
        hashes.update(chunk);
        if (writer) await writer.write(chunk);
        else if (hashes.size <= SMALL_BLOB_BYTES)
          held.push(Buffer.from(chunk)); // a copy: the producer may reuse its buffer
        else {
          writer = await this.temporaryFile();
          for (const part of held) await writer.write(part);
          held = [];
          await writer.write(chunk);
        }
      }
      if (writer) await writer.finish();
    } catch (error) {
      await writer?.discard();
      throw error;
    }
    if (writer)
      return this.received(
        hashes.digests(),
        () => writer.moveIntoPlace(),
        () => writer.discard(),
      );
    const data = held.length === 1 ? held[0]! : Buffer.concat(held);
    return this.received(
      hashes.digests(),
      async () => {
        const tmpPath = join(this.tmp, newId());
        await writeDurably(tmpPath, data);
        return this.moveIntoPlace(tmpPath);
      },
      async () => undefined,
    );
  }

  /** Copies a byte range of a blob (inclusive `end`) into a new temporary file. */
  async copy(blobId: string, options: HashOptions, range?: { start: number; end: number }): Promise<ReceivedBlob> {
    const handle = await this.open(blobId);
    if (!handle) throw new S3Error('InternalError', undefined, {}, `blob ${blobId} is missing`);
    const stream = this.readStream(handle, range?.start ?? 0, range?.end);
    try {
      return await this.receive(stream, options);
    } finally {
      // Closes the handle when the copy never started reading (the temporary file could not be
      // created); after a complete read it is already closed and this does nothing.
      stream.destroy();
    }
  }

  /** Concatenates blobs (a multipart upload's parts, in order) into a new temporary file. */
  async concat(blobIds: readonly string[], options: HashOptions): Promise<ReceivedBlob> {
    const open = this.open.bind(this);
    const readStream = this.readStream.bind(this);
    async function* all(): AsyncIterable<Uint8Array> {
      for (const id of blobIds) {
        const handle = await open(id);
        if (!handle) throw new S3Error('InternalError', undefined, {}, `part blob ${id} is missing`);
        yield* readStream(handle, 0);
      }
    }
    return this.receive(all(), options);
  }

  /** Opens a blob for reading; undefined when it is gone (replaced or deleted meanwhile). */
  async open(blobId: string): Promise<FileHandle | undefined> {
    try {
      return await open(this.pathOf(blobId), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** A stream of `[start, end]` (inclusive; to the end when omitted) that closes the handle when done. */
  readStream(handle: FileHandle, start: number, end?: number): Readable {
    return handle.createReadStream({ start, end, highWaterMark: 256 * 1024 });
  }

  /**
   * `[start, end]` (inclusive) of a blob of `size` bytes in one Buffer, for ranges up to
   * SMALL_BLOB_BYTES; undefined when the blob is gone (replaced or deleted meanwhile). A small blob
   * is read whole and cached; a range of a larger one is read on its own.
   */
  async readSmall(blobId: string, size: number, start: number, end: number): Promise<Buffer | undefined> {
    if (end - start + 1 > SMALL_BLOB_BYTES) throw new Error(`readSmall of ${end - start + 1} bytes`);
    if (size > SMALL_BLOB_BYTES) return this.read(blobId, start, end - start + 1);
    let whole = this.cache.get(blobId);
    if (whole === undefined) {
      whole = await this.read(blobId, 0, size);
      if (whole === undefined) return undefined;
      this.cache.set(blobId, whole);
    }
    return start === 0 && end === size - 1 ? whole : whole.subarray(start, end + 1);
  }

  /** Deletes blobs; already-missing ones are fine. */
  async remove(blobIds: readonly string[]): Promise<void> {
    for (const id of blobIds) {
      this.cache.delete(id);
      await unlink(this.pathOf(id)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
  }

  /** Removes every blob (the admin reset). */
  async clear(): Promise<void> {
    this.cache.clear();
    await rm(this.blobs, { recursive: true, force: true });
    await mkdir(this.blobs, { recursive: true, mode: 0o700 });
  }

  /** `length` bytes of a blob from `start`; undefined when it is gone. */
  private async read(blobId: string, start: number, length: number): Promise<Buffer | undefined> {
    const path = this.pathOf(blobId);
    try {
      return this.syncReads ? readRangeSync(path, start, length) : await readRange(path, start, length);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** A ReceivedBlob whose commit and discard each run at most once, and not after the other. */
  private received(digests: BlobDigests, commit: () => Promise<string>, discard: () => Promise<void>): ReceivedBlob {
    let done = false;
    return {
      ...digests,
      async commit(): Promise<string> {
        if (done) throw new Error('blob already committed or discarded');
        done = true;
        return commit();
      },
      async discard(): Promise<void> {
        if (done) return;
        done = true;
        await discard();
      },
    };
  }

  /**
   * Renames a complete, synced temporary file to a new blob id. The blob's folder is created
   * only when the rename says it is missing: one call per write instead of a mkdir every time.
   */
  private async moveIntoPlace(tmpPath: string): Promise<string> {
    const blobId = newId();
    const path = this.pathOf(blobId);
    try {
      await rename(tmpPath, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(join(this.blobs, blobId.slice(0, 2)), { recursive: true, mode: 0o700 });
      await rename(tmpPath, path);
    }
    return blobId;
  }

  /** A temporary file that large data streams into. */
  private async temporaryFile(): Promise<TemporaryFile> {
    const tmpPath = join(this.tmp, newId());
    return new TemporaryFile(tmpPath, await open(tmpPath, 'wx', 0o600), (path) => this.moveIntoPlace(path));
  }
}
