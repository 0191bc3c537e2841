import { createHash, randomBytes, type Hash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { S3Error } from '../s3-errors.js';
import { type ChecksumAlgorithm, type Checksummer, newChecksummer } from './checksums.js';

/** What hashing a write needs besides the MD5 every object gets (its ETag). */
export interface HashOptions {
  sha256?: boolean;
  checksum?: ChecksumAlgorithm;
  /** Refuse (EntityTooLarge) beyond this many bytes. */
  maxBytes: number;
}

/** Data written to a temporary file, not yet visible anywhere. */
export interface ReceivedBlob {
  size: number;
  md5: Buffer;
  sha256Hex?: string;
  /** Base64 digest in `HashOptions.checksum`'s algorithm. */
  checksum?: string;
  /** Moves the file into place; resolves to its blob id. */
  commit(): Promise<string>;
  /** Removes the temporary file. */
  discard(): Promise<void>;
}

const BLOB_ID = /^[0-9a-f]{32}$/;
const STALE_TMP_MS = 24 * 60 * 60 * 1000;

/**
 * Object data on the local filesystem: `<root>/blobs/<id[0..2]>/<id>`, one immutable file per
 * object version or upload part, named by a random id (never by the key, which may hold any
 * text). Every write goes to `<root>/tmp/` first and is renamed into place only once it is
 * complete, synced and checked, and the metadata row that makes it visible is written after
 * that: a crash leaves at worst an unreferenced file, never a half object.
 */
export class ObjectFiles {
  private readonly tmp: string;
  private readonly blobs: string;

  constructor(readonly root: string) {
    this.tmp = join(root, 'tmp');
    this.blobs = join(root, 'blobs');
    mkdirSync(this.tmp, { recursive: true, mode: 0o700 });
    mkdirSync(this.blobs, { recursive: true, mode: 0o700 });
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

  /** Streams `source` into a temporary file, hashing as it goes. */
  async receive(source: AsyncIterable<Uint8Array>, options: HashOptions): Promise<ReceivedBlob> {
    const writer = await this.startWrite(options);
    try {
      for await (const chunk of source) await writer.write(chunk);
    } catch (error) {
      await writer.discard();
      throw error;
    }
    return writer.finish();
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

  /** Deletes blobs; already-missing ones are fine. */
  async remove(blobIds: readonly string[]): Promise<void> {
    for (const id of blobIds) {
      await unlink(this.pathOf(id)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
  }

  /** Removes every blob (the admin reset). */
  async clear(): Promise<void> {
    await rm(this.blobs, { recursive: true, force: true });
    await mkdir(this.blobs, { recursive: true, mode: 0o700 });
  }

  private async startWrite(options: HashOptions) {
    const tmpPath = join(this.tmp, randomBytes(16).toString('hex'));
    const file = await open(tmpPath, 'wx', 0o600);
    const md5: Hash = createHash('md5');
    const sha256: Hash | undefined = options.sha256 ? createHash('sha256') : undefined;
    const checksum: Checksummer | undefined = options.checksum ? newChecksummer(options.checksum) : undefined;
    let size = 0;
    let closed = false;
    const close = async () => {
      if (!closed) {
        closed = true;
        await file.close();
      }
    };
    const discard = async () => {
      await close().catch(() => undefined);
      await rm(tmpPath, { force: true });
    };
    const blobs = this.blobs;
    return {
      async write(chunk: Uint8Array): Promise<void> {
        size += chunk.length;
        if (size > options.maxBytes) throw new S3Error('EntityTooLarge', undefined, { MaxSizeAllowed: String(options.maxBytes) });
        md5.update(chunk);
        sha256?.update(chunk);
        checksum?.update(chunk);
        let offset = 0;
        while (offset < chunk.length) {
          const { bytesWritten } = await file.write(chunk, offset, chunk.length - offset);
          offset += bytesWritten;
        }
      },
      discard,
      async finish(): Promise<ReceivedBlob> {
        try {
          // Durable before it can become visible: the rename and the metadata row come after.
          await file.datasync();
          await close();
        } catch (error) {
          await discard();
          throw error;
        }
        let done = false;
        return {
          size,
          md5: md5.digest(),
          sha256Hex: sha256?.digest('hex'),
          checksum: checksum?.digestBase64(),
          async commit(): Promise<string> {
            if (done) throw new Error('blob already committed or discarded');
            done = true;
            const blobId = randomBytes(16).toString('hex');
            const dir = join(blobs, blobId.slice(0, 2));
            await mkdir(dir, { recursive: true, mode: 0o700 });
            await rename(tmpPath, join(dir, blobId));
            return blobId;
          },
          async discard(): Promise<void> {
            if (done) return;
            done = true;
            await rm(tmpPath, { force: true });
          },
        };
      },
    };
  }
}
