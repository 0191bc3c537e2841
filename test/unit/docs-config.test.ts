import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_SCHEMA } from '../../src/config/schema.js';
import { repoRoot } from '../support/paths.js';

/** Docs follow the code: every setting of the schema is in README's configuration table. */
describe('README configuration table', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const rows = readme.split('\n').filter((l) => l.startsWith('| `KEYSMITH_'));
  for (const entry of CONFIG_SCHEMA) {
    it(`documents ${entry.env}`, () => {
      const row = rows.find((r) => r.startsWith(`| \`${entry.env}\``));
      assert.ok(row, `README.md has no row for ${entry.env}`);
      if (entry.flag) assert.ok(row.includes(`\`${entry.flag}\``), `README.md row for ${entry.env} lacks ${entry.flag}`);
    });
  }
  it('lists nothing the schema does not know', () => {
    const known = new Set(CONFIG_SCHEMA.map((e) => e.env));
    for (const r of rows) assert.ok(known.has(/`(KEYSMITH_[A-Z0-9_]+)`/.exec(r)![1]!), `README.md documents an unknown setting: ${r}`);
  });
});
