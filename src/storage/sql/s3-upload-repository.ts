import type { S3Upload, S3UploadPart, S3UploadRepository } from '../store.js';
import type { SqlDriver } from './driver.js';
import { prefixRange } from './key-range.js';
import { compact, num, optStr, orNull, tagsFromText, tagsToText } from './rows.js';
import { recordFromText, recordToText } from './s3-rows.js';
import { insertUnique } from './writes.js';

interface UploadRow {
  upload_id: string;
  bucket_name: string;
  object_key: string;
  initiated: number | string;
  initiator_arn: string;
  account_id: string;
  headers: string;
  metadata: string;
  tags: string;
  checksum_algorithm: string | null;
}

interface PartRow {
  upload_id: string;
  part_number: number | string;
  blob_id: string;
  size: number | string;
  etag: string;
  last_modified: number | string;
  checksum: string | null;
}

const toUpload = (r: UploadRow): S3Upload =>
  compact({
    uploadId: r.upload_id,
    bucket: r.bucket_name,
    key: r.object_key,
    initiated: num(r.initiated),
    initiatorArn: r.initiator_arn,
    accountId: r.account_id,
    headers: recordFromText(r.headers),
    metadata: recordFromText(r.metadata),
    tags: tagsFromText(r.tags),
    checksumAlgorithm: optStr(r.checksum_algorithm),
  });

const toPart = (r: PartRow): S3UploadPart =>
  compact({
    uploadId: r.upload_id,
    partNumber: num(r.part_number),
    blobId: r.blob_id,
    size: num(r.size),
    etag: r.etag,
    lastModified: num(r.last_modified),
    checksum: optStr(r.checksum),
  });

export class SqlS3UploadRepository implements S3UploadRepository {
  constructor(private readonly d: SqlDriver) {}

  async create(upload: S3Upload): Promise<void> {
    await insertUnique(
      this.d,
      `INSERT INTO s3_uploads (upload_id, bucket_name, object_key, initiated, initiator_arn, account_id, headers, metadata,
         tags, checksum_algorithm)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      [
        upload.uploadId,
        upload.bucket,
        upload.key,
        upload.initiated,
        upload.initiatorArn,
        upload.accountId,
        recordToText(upload.headers),
        recordToText(upload.metadata),
        tagsToText(upload.tags),
        orNull(upload.checksumAlgorithm),
      ],
      `upload ${upload.uploadId}`,
    );
  }

  async get(uploadId: string): Promise<S3Upload | undefined> {
    const rows = await this.d.query<UploadRow>('SELECT * FROM s3_uploads WHERE upload_id = ?', [uploadId]);
    return rows[0] && toUpload(rows[0]);
  }

  async list(bucket: string, options: { prefix?: string; afterKey?: string; afterUploadId?: string; limit: number }): Promise<S3Upload[]> {
    const range = prefixRange('object_key', options.prefix);
    let start = '';
    const startParams: string[] = [];
    if (options.afterKey !== undefined) {
      if (options.afterUploadId !== undefined) {
        start = ' AND (object_key > ? OR (object_key = ? AND upload_id > ?))';
        startParams.push(options.afterKey, options.afterKey, options.afterUploadId);
      } else {
        start = ' AND object_key > ?';
        startParams.push(options.afterKey);
      }
    }
    const rows = await this.d.query<UploadRow>(
      `SELECT * FROM s3_uploads WHERE bucket_name = ?${range.sql}${start} ORDER BY object_key, upload_id LIMIT ?`,
      [bucket, ...range.params, ...startParams, options.limit],
    );
    return rows.map(toUpload);
  }

  async delete(uploadId: string): Promise<S3UploadPart[] | undefined> {
    return this.d.transaction(async (tx) => {
      const parts = (await tx.query<PartRow>('SELECT * FROM s3_upload_parts WHERE upload_id = ? ORDER BY part_number', [uploadId])).map(
        toPart,
      );
      if ((await tx.run('DELETE FROM s3_uploads WHERE upload_id = ?', [uploadId])) === 0) return undefined;
      await tx.run('DELETE FROM s3_upload_parts WHERE upload_id = ?', [uploadId]);
      return parts;
    });
  }

  async putPart(part: S3UploadPart): Promise<S3UploadPart | undefined> {
    return this.d.transaction(async (tx) => {
      const rows = await tx.query<PartRow>('SELECT * FROM s3_upload_parts WHERE upload_id = ? AND part_number = ?', [
        part.uploadId,
        part.partNumber,
      ]);
      await tx.run(
        `INSERT INTO s3_upload_parts (upload_id, part_number, blob_id, size, etag, last_modified, checksum)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (upload_id, part_number) DO UPDATE SET blob_id = excluded.blob_id, size = excluded.size,
           etag = excluded.etag, last_modified = excluded.last_modified, checksum = excluded.checksum`,
        [part.uploadId, part.partNumber, part.blobId, part.size, part.etag, part.lastModified, orNull(part.checksum)],
      );
      return rows[0] && toPart(rows[0]);
    });
  }

  async listParts(uploadId: string, options: { after?: number; limit: number }): Promise<S3UploadPart[]> {
    const rows = await this.d.query<PartRow>(
      'SELECT * FROM s3_upload_parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?',
      [uploadId, options.after ?? 0, options.limit],
    );
    return rows.map(toPart);
  }

  async deleteForBucket(bucket: string): Promise<S3UploadPart[]> {
    return this.d.transaction(async (tx) => {
      const parts = (
        await tx.query<PartRow>(
          `SELECT p.* FROM s3_upload_parts p JOIN s3_uploads u ON u.upload_id = p.upload_id
           WHERE u.bucket_name = ? ORDER BY p.upload_id, p.part_number`,
          [bucket],
        )
      ).map(toPart);
      const ids = (await tx.query<{ upload_id: string }>('SELECT upload_id FROM s3_uploads WHERE bucket_name = ?', [bucket])).map(
        (r) => r.upload_id,
      );
      for (const id of ids) {
        await tx.run('DELETE FROM s3_upload_parts WHERE upload_id = ?', [id]);
        await tx.run('DELETE FROM s3_uploads WHERE upload_id = ?', [id]);
      }
      return parts;
    });
  }
}
