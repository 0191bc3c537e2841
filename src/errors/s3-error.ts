import { AwsError } from './aws-error.js';
import { S3_ERRORS, type S3ErrorCode } from './s3-catalogue.js';

/**
 * An S3 error: code, AWS's message (the catalogue's unless given), and the extra elements S3
 * puts in its error XML (BucketName, Key, Condition, …). Its status comes from S3's family of the
 * catalogue; being an AwsError, the audit log and the logs treat it like any other.
 */
export class S3Error extends AwsError {
  declare readonly code: S3ErrorCode;

  constructor(
    code: S3ErrorCode,
    message?: string,
    readonly fields: Readonly<Record<string, string>> = {},
    internalDetail?: string,
    /** Response headers this error carries (InvalidRange's Content-Range). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super({ family: 's3', code }, message ?? S3_ERRORS[code][1], internalDetail);
  }
}

export function isS3Error(value: unknown): value is S3Error {
  return value instanceof S3Error;
}
