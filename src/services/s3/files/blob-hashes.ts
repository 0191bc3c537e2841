import { createHash, type Hash } from 'node:crypto';
import { S3Error } from '../s3-errors.js';
import { type ChecksumAlgorithm, type Checksummer, newChecksummer } from './checksums.js';

/** What hashing a write needs besides the MD5 every object gets (its ETag). */
export interface HashOptions {
  sha256?: boolean;
  checksum?: ChecksumAlgorithm;
  /** Refuse (EntityTooLarge) beyond this many bytes. */
  maxBytes: number;
}

/** The digests of a write's bytes, as ReceivedBlob carries them. */
export interface BlobDigests {
  size: number;
  md5: Buffer;
  sha256Hex?: string;
  /** Base64 digest in `HashOptions.checksum`'s algorithm. */
  checksum?: string;
}

/** The size and digests of data as it streams in: MD5 always, SHA-256 and a checksum when asked. */
export class BlobHashes {
  size = 0;
  private readonly md5: Hash = createHash('md5');
  private readonly sha256: Hash | undefined;
  private readonly checksum: Checksummer | undefined;

  constructor(private readonly options: HashOptions) {
    this.sha256 = options.sha256 ? createHash('sha256') : undefined;
    this.checksum = options.checksum ? newChecksummer(options.checksum) : undefined;
  }

  /** Counts and hashes a chunk; EntityTooLarge past the limit. */
  update(chunk: Uint8Array): void {
    this.size += chunk.length;
    if (this.size > this.options.maxBytes)
      throw new S3Error('EntityTooLarge', undefined, { MaxSizeAllowed: String(this.options.maxBytes) });
    this.md5.update(chunk);
    this.sha256?.update(chunk);
    this.checksum?.update(chunk);
  }

  digests(): BlobDigests {
    return { size: this.size, md5: this.md5.digest(), sha256Hex: this.sha256?.digest('hex'), checksum: this.checksum?.digestBase64() };
  }
}
