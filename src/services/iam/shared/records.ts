import type { IamRecord, ListOptions, Page, Store } from '../../../storage/store.js';

/**
 * A typed view of one kind of the Store's IAM records (store.ts, `IamRecordRepository`): the
 * services keep a kind's own fields in `value` and never see the JSON text the row holds.
 */
export interface StoredRecord<T> {
  accountId: string;
  name: string;
  path: string;
  ownerId?: string;
  createDate: number;
  value: T;
}

export interface RecordKind<T> {
  readonly kind: string;
  get(store: Store, accountId: string, name: string): Promise<StoredRecord<T> | undefined>;
  list(store: Store, accountId: string, options: ListOptions & { ownerId?: string }): Promise<Page<StoredRecord<T>>>;
  listForOwner(store: Store, ownerId: string): Promise<StoredRecord<T>[]>;
  /** `DuplicateError` when the name is taken (ignoring case). */
  create(store: Store, record: StoredRecord<T>): Promise<void>;
  update(store: Store, record: StoredRecord<T>): Promise<boolean>;
  delete(store: Store, accountId: string, name: string): Promise<boolean>;
  count(store: Store, accountId: string, ownerId?: string): Promise<number>;
}

/** `kind` names the rows in the table: never change it once released (stored data carries it). */
export function recordKind<T>(kind: string): RecordKind<T> {
  const fromRow = (row: IamRecord): StoredRecord<T> => {
    const out: StoredRecord<T> = {
      accountId: row.accountId,
      name: row.name,
      path: row.path,
      createDate: row.createDate,
      value: JSON.parse(row.body) as T,
    };
    if (row.ownerId !== undefined) out.ownerId = row.ownerId;
    return out;
  };
  const toRow = (record: StoredRecord<T>): IamRecord => {
    const row: IamRecord = {
      kind,
      accountId: record.accountId,
      name: record.name,
      path: record.path,
      createDate: record.createDate,
      body: JSON.stringify(record.value),
    };
    if (record.ownerId !== undefined) row.ownerId = record.ownerId;
    return row;
  };
  return {
    kind,
    async get(store, accountId, name) {
      const row = await store.records.get(kind, accountId, name);
      return row && fromRow(row);
    },
    async list(store, accountId, options) {
      const page = await store.records.list(kind, accountId, options);
      return { ...page, items: page.items.map(fromRow) };
    },
    async listForOwner(store, ownerId) {
      return (await store.records.listForOwner(kind, ownerId)).map(fromRow);
    },
    create: (store, record) => store.records.create(toRow(record)),
    update: (store, record) => store.records.update(toRow(record)),
    delete: (store, accountId, name) => store.records.delete(kind, accountId, name),
    count: (store, accountId, ownerId) => store.records.count(kind, accountId, ownerId),
  };
}
