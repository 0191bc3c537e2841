import type { Page, S3Bucket, S3BucketRepository } from '../store.js';
import type { SqlDriver } from './driver.js';
import { prefixRange } from './key-range.js';
import { pageSql, toPage } from './paging.js';
import { compact, num, optStr, orNull, tagsFromText, tagsToText } from './rows.js';
import { insertUnique } from './writes.js';

export interface BucketRow {
  bucket_name: string;
  account_id: string;
  region: string;
  create_date: number | string;
  policy: string | null;
  tags: string | null;
}

export const toBucket = (r: BucketRow): S3Bucket =>
  compact({
    name: r.bucket_name,
    accountId: r.account_id,
    region: r.region,
    createDate: num(r.create_date),
    policy: optStr(r.policy),
    tags: r.tags === null ? undefined : tagsFromText(r.tags),
  });

export class SqlS3BucketRepository implements S3BucketRepository {
  constructor(private readonly d: SqlDriver) {}

  async create(bucket: S3Bucket): Promise<void> {
    await insertUnique(
      this.d,
      `INSERT INTO s3_buckets (bucket_name, account_id, region, create_date, policy, tags)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [
        bucket.name,
        bucket.accountId,
        bucket.region,
        bucket.createDate,
        orNull(bucket.policy),
        bucket.tags === undefined ? null : tagsToText(bucket.tags),
      ],
      `bucket ${bucket.name}`,
    );
  }

  async get(name: string): Promise<S3Bucket | undefined> {
    const rows = await this.d.query<BucketRow>('SELECT * FROM s3_buckets WHERE bucket_name = ?', [name]);
    return rows[0] && toBucket(rows[0]);
  }

  async list(accountId: string, options: { after?: string; limit: number; prefix?: string }): Promise<Page<S3Bucket>> {
    // Bucket names are lower case, so the folded and the exact sort key are the same column.
    const p = pageSql({ after: options.after, limit: options.limit }, { folded: 'bucket_name', exact: 'bucket_name' });
    const range = prefixRange('bucket_name', options.prefix);
    const rows = await this.d.query<BucketRow>(`SELECT * FROM s3_buckets WHERE account_id = ?${range.sql}${p.where}${p.tail}`, [
      accountId,
      ...range.params,
      ...p.whereParams,
      ...p.tailParams,
    ]);
    return toPage(rows, options.limit, toBucket, (r) => [r.bucket_name, r.bucket_name]);
  }

  async update(bucket: S3Bucket): Promise<boolean> {
    const changed = await this.d.run('UPDATE s3_buckets SET policy = ?, tags = ? WHERE bucket_name = ? AND account_id = ?', [
      orNull(bucket.policy),
      bucket.tags === undefined ? null : tagsToText(bucket.tags),
      bucket.name,
      bucket.accountId,
    ]);
    return changed > 0;
  }

  async delete(name: string): Promise<boolean> {
    return (await this.d.run('DELETE FROM s3_buckets WHERE bucket_name = ?', [name])) > 0;
  }
}
