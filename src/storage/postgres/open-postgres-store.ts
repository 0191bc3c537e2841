import type { Store } from '../store.js';
import { SqlStore } from '../sql/sql-store.js';
import { PostgresDriver } from './postgres-driver.js';

/** The scale-out backend: any number of keysmith nodes may open the same database. */
export async function openPostgresStore(databaseUrl: string): Promise<Store> {
  return SqlStore.open(PostgresDriver.open(databaseUrl));
}
