import { describe, it, after } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobCache } from '../../src/services/s3/files/blob-cache.js';
import { isLocalFilesystem } from '../../src/services/s3/files/local-filesystem.js';
import { ObjectFiles } from '../../src/services/s3/files/object-files.js';
import { readRange, readRangeSync, SMALL_BLOB_BYTES, writeDurably } from '../../src/services/s3/files/small-blob-io.js';

const root = mkdtempSync(join(tmpdir(), 'keysmith-object-files-'));
after(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
const freshFiles = () => new ObjectFiles(join(root, `objects-${++n}`));
const tmpNames = (files: ObjectFiles) => readdirSync(join(files.root, 'tmp'));
async function* chunks(...parts: Buffer[]): AsyncIterable<Uint8Array> {
  for (const part of parts) yield part;
}
const bytes = (size: number, seed: number) => Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + seed) & 0xff));

describe('S3 object files: small blobs in one piece, large ones streamed', () => {
  it('holds small data in memory until commit, then writes it in place; discard leaves nothing', async () => {
    const files = freshFiles();
    const data = bytes(4096, 1);
    const blob = await files.receive(chunks(data.subarray(0, 1000), data.subarray(1000)), { sha256: true, maxBytes: 1 << 20 });
    assert.equal(blob.size, 4096);
    assert.deepEqual(blob.md5, createHash('md5').update(data).digest());
    assert.equal(blob.sha256Hex, createHash('sha256').update(data).digest('hex'));
    assert.deepEqual(tmpNames(files), [], 'nothing on disk before commit');
    const id = await blob.commit();
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.deepEqual(readFileSync(files.pathOf(id)), data);
    assert.deepEqual(tmpNames(files), []);
    await assert.rejects(blob.commit(), /already committed/);
    const dropped = await files.receive(chunks(data), { maxBytes: 1 << 20 });
    await dropped.discard();
    await assert.rejects(dropped.commit(), /already committed or discarded/);
    assert.deepEqual(tmpNames(files), []);
  });

  it('streams data beyond SMALL_BLOB_BYTES through a temporary file', async () => {
    const files = freshFiles();
    const part = bytes(SMALL_BLOB_BYTES / 2 + 1, 2);
    const data = Buffer.concat([part, part, part]);
    const blob = await files.receive(chunks(part, part, part), { maxBytes: 1 << 20 });
    assert.equal(blob.size, data.length);
    assert.deepEqual(blob.md5, createHash('md5').update(data).digest());
    assert.equal(tmpNames(files).length, 1, 'the temporary file');
    const id = await blob.commit();
    assert.deepEqual(readFileSync(files.pathOf(id)), data);
    assert.deepEqual(tmpNames(files), []);
    const dropped = await files.receive(chunks(part, part, part), { maxBytes: 1 << 20 });
    await dropped.discard();
    assert.deepEqual(tmpNames(files), [], 'discard removes the temporary file');
  });

  it('refuses data past maxBytes, small or streamed, and leaves nothing behind', async () => {
    const files = freshFiles();
    await assert.rejects(
      files.receive(chunks(bytes(10, 3), bytes(10, 4)), { maxBytes: 15 }),
      (e: { code?: string }) => e.code === 'EntityTooLarge',
    );
    const big = bytes(SMALL_BLOB_BYTES, 5);
    await assert.rejects(
      files.receive(chunks(big, big, big), { maxBytes: 2 * SMALL_BLOB_BYTES + 1 }),
      (e: { code?: string }) => e.code === 'EntityTooLarge',
    );
    assert.deepEqual(tmpNames(files), []);
  });

  it('keeps a copy of each small chunk: a producer may reuse its buffer', async () => {
    const files = freshFiles();
    const reused = Buffer.alloc(8, 0x61);
    async function* reusing(): AsyncIterable<Uint8Array> {
      yield reused;
      reused.fill(0x62);
      yield reused;
    }
    const id = await (await files.receive(reusing(), { maxBytes: 100 })).commit();
    assert.equal(readFileSync(files.pathOf(id), 'latin1'), 'aaaaaaaabbbbbbbb');
  });

  it('re-creates a blob folder that went away (the admin reset) when moving a blob into place', async () => {
    const files = freshFiles();
    await files.clear();
    const id = await (await files.receive(chunks(bytes(100, 6)), { maxBytes: 1000 })).commit();
    assert.deepEqual(readFileSync(files.pathOf(id)), bytes(100, 6));
  });

  it('reads a range of a small blob from the whole blob, cached by blob id, and says when the blob is gone', async () => {
    const files = freshFiles();
    const data = bytes(5000, 7);
    const id = await (await files.receive(chunks(data), { maxBytes: 10_000 })).commit();
    assert.deepEqual(await files.readSmall(id, 5000, 0, 4999), data);
    assert.deepEqual(await files.readSmall(id, 5000, 10, 19), data.subarray(10, 20));
    await assert.rejects(files.readSmall(id, 5000, 0, SMALL_BLOB_BYTES), /readSmall of/);
    // A blob id names one immutable file: what was read stays right for that id.
    rmSync(files.pathOf(id));
    assert.deepEqual(await files.readSmall(id, 5000, 10, 19), data.subarray(10, 20), 'from the cache');
    await files.remove([id]);
    assert.equal(await files.readSmall(id, 5000, 0, 9), undefined, 'removing a blob drops it from the cache');
    const other = await (await files.receive(chunks(data), { maxBytes: 10_000 })).commit();
    await files.clear();
    assert.equal(await files.readSmall(other, 5000, 0, 9), undefined, 'the reset empties the cache');
  });

  it('reads a small range of a large blob on its own, uncached', async () => {
    const files = freshFiles();
    const part = bytes(SMALL_BLOB_BYTES, 10);
    const id = await (await files.receive(chunks(part, part), { maxBytes: 1 << 20 })).commit();
    const size = 2 * SMALL_BLOB_BYTES;
    assert.deepEqual(
      await files.readSmall(id, size, SMALL_BLOB_BYTES - 5, SMALL_BLOB_BYTES + 4),
      Buffer.concat([part, part]).subarray(SMALL_BLOB_BYTES - 5, SMALL_BLOB_BYTES + 5),
    );
    rmSync(files.pathOf(id));
    assert.equal(await files.readSmall(id, size, 0, 9), undefined);
  });
});

describe('BlobCache', () => {
  it('keeps the most recently used blobs within its byte limit (each entry also counts 512 bytes)', () => {
    const cache = new BlobCache(3 * (1000 + 512));
    for (const id of ['a', 'b', 'c']) cache.set(id, bytes(1000, 1));
    assert.ok(cache.get('a'), 'a is now the most recently used');
    cache.set('d', bytes(1000, 2));
    assert.equal(cache.get('b'), undefined, 'the least recently used went');
    assert.ok(cache.get('a') && cache.get('c') && cache.get('d'));
    cache.set('a', bytes(10, 3));
    assert.equal(cache.get('a')!.length, 10, 'replaced, counted once');
    cache.set('huge', bytes(5000, 4));
    assert.equal(cache.get('huge'), undefined, 'larger than the whole cache: not kept');
    assert.ok(cache.get('c'), 'and nothing evicted for it');
    cache.delete('c');
    assert.equal(cache.get('c'), undefined);
    cache.clear();
    assert.equal(cache.get('d'), undefined);
  });
});

describe('small-blob-io', () => {
  it('reads ranges the same way synchronously and through the pool; a short file is an error, not a short answer', async () => {
    const path = join(root, 'range');
    const data = bytes(3000, 8);
    writeFileSync(path, data);
    assert.deepEqual(readRangeSync(path, 100, 50), data.subarray(100, 150));
    assert.deepEqual(await readRange(path, 100, 50), data.subarray(100, 150));
    assert.throws(() => readRangeSync(path, 2990, 20), /ended 10 bytes early/);
    await assert.rejects(readRange(path, 2990, 20), /ended 10 bytes early/);
  });

  it('writes a new file durably and refuses to replace one', async () => {
    const path = join(root, 'durable');
    await writeDurably(path, bytes(10, 9));
    assert.deepEqual(readFileSync(path), bytes(10, 9));
    await assert.rejects(writeDurably(path, bytes(5, 1)), (e: NodeJS.ErrnoException) => e.code === 'EEXIST');
    assert.deepEqual(readFileSync(path), bytes(10, 9), 'left as it was');
    await assert.rejects(writeDurably(join(root, 'no-such-dir', 'x'), bytes(5, 1)), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
    assert.equal(existsSync(join(root, 'no-such-dir')), false);
  });

  it('treats only known local filesystems as local', () => {
    assert.equal(isLocalFilesystem(join(root, 'does-not-exist')), false);
    if (process.platform !== 'linux') assert.equal(isLocalFilesystem(root), false);
  });
});
