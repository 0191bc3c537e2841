import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from '../support/node-test.js';
import { openStore } from '../../src/storage/open-store.js';
import { runStoreContract } from './contract.js';

const root = mkdtempSync(join(tmpdir(), 'keysmith-memory-test-'));
after(() => rmSync(root, { recursive: true, force: true }));
const dataDir = join(root, 'never-created');

// Each open is a new, empty database: not persistent, not shareable.
runStoreContract('memory', () => openStore({ memory: true, dataDir }));

describe('memory backend', () => {
  it('writes nothing to disk, and each store is its own database', async () => {
    const one = await openStore({ memory: true, dataDir });
    const two = await openStore({ memory: true, dataDir });
    await one.settings.set('k', 'v');
    assert.equal(await two.settings.get('k'), undefined);
    await one.close();
    await two.close();
    assert.equal(existsSync(dataDir), false);
  });
});
