import type { SettingsRepository } from '../store.js';
import type { SqlDriver } from './driver.js';

export class SqlSettingsRepository implements SettingsRepository {
  constructor(private readonly d: SqlDriver) {}

  async get(key: string): Promise<string | undefined> {
    const rows = await this.d.query<{ value: string }>('SELECT value FROM settings WHERE name = ?', [key]);
    return rows[0]?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.d.run('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value', [
      key,
      value,
    ]);
  }
}
