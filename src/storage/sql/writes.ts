import { DuplicateError } from '../store.js';
import type { SqlDriver, SqlValue } from './driver.js';

/**
 * Writes that may meet a uniqueness rule. On PostgreSQL a failed statement poisons the whole
 * transaction ("current transaction is aborted"), while SQLite carries on; to behave alike:
 * - inserts use `ON CONFLICT DO NOTHING` and report a duplicate when no row was inserted;
 * - updates that may collide run inside a savepoint when a transaction is open.
 */
export async function insertUnique(d: SqlDriver, sql: string, params: readonly SqlValue[], what: string): Promise<void> {
  if (!/ON CONFLICT DO NOTHING\s*$/.test(sql)) throw new Error('insertUnique needs ON CONFLICT DO NOTHING');
  if ((await d.run(sql, params)) === 0) throw new DuplicateError(what);
}

export async function updateUnique(d: SqlDriver, sql: string, params: readonly SqlValue[], what: string): Promise<number> {
  try {
    return d.inTransaction ? await d.transaction((sp) => sp.run(sql, params)) : await d.run(sql, params);
  } catch (error) {
    if (error instanceof DuplicateError) throw new DuplicateError(what);
    throw error;
  }
}
