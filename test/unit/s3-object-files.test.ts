import { describe, it, after } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('reads a range of a small blob whole, and says when the blob is gone', async () => {
    const files = freshFiles();
    const data = bytes(5000, 7);
    const id = await (await files.receive(chunks(data), { maxBytes: 10_000 })).commit();
    assert.deepEqual(await files.readSmall(id, 0, 4999), data);
    assert.deepEqual(await files.readSmall(id, 10, 19), data.subarray(10, 20));
    await assert.rejects(files.readSmall(id, 0, SMALL_BLOB_BYTES), /readSmall of/);
    await files.remove([id]);
    assert.equal(await files.readSmall(id, 0, 9), undefined);
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
