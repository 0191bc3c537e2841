import assert from 'node:assert/strict';
import { describe, it } from '../support/node-test.js';
import { toPostgresPlaceholders } from '../../src/storage/postgres/placeholders.js';

describe('toPostgresPlaceholders', () => {
  it('numbers ? in order', () => {
    assert.equal(
      toPostgresPlaceholders('SELECT * FROM t WHERE a = ? AND b > ? LIMIT ?'),
      'SELECT * FROM t WHERE a = $1 AND b > $2 LIMIT $3',
    );
  });

  it('leaves ? alone inside strings, quoted identifiers and comments', () => {
    assert.equal(
      toPostgresPlaceholders(`SELECT '?', 'it''s ?', "col?" FROM t -- why?\nWHERE a = ? /* ? */ AND b = ?`),
      `SELECT '?', 'it''s ?', "col?" FROM t -- why?\nWHERE a = $1 /* ? */ AND b = $2`,
    );
  });

  it('needs no placeholders', () => {
    assert.equal(toPostgresPlaceholders('SELECT 1'), 'SELECT 1');
  });
});
