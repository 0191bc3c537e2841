import type { Account } from '../../model/entities.js';
import type { AccountRepository } from '../store.js';
import type { SqlDriver } from './driver.js';
import { num } from './rows.js';
import { insertUnique } from './writes.js';

interface AccountRow {
  account_id: string;
  create_date: number | string;
}

const toAccount = (r: AccountRow): Account => ({ accountId: r.account_id, createDate: num(r.create_date) });

export class SqlAccountRepository implements AccountRepository {
  constructor(private readonly d: SqlDriver) {}

  async create(account: Account): Promise<void> {
    await insertUnique(
      this.d,
      'INSERT INTO accounts (account_id, create_date) VALUES (?, ?) ON CONFLICT DO NOTHING',
      [account.accountId, account.createDate],
      `account ${account.accountId}`,
    );
  }

  async get(accountId: string): Promise<Account | undefined> {
    const rows = await this.d.query<AccountRow>('SELECT * FROM accounts WHERE account_id = ?', [accountId]);
    return rows[0] && toAccount(rows[0]);
  }

  async list(): Promise<Account[]> {
    return (await this.d.query<AccountRow>('SELECT * FROM accounts ORDER BY account_id')).map(toAccount);
  }
}
