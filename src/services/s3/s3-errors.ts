// S3's error class and codes live in src/errors/ with the other families; S3's handlers import them from here.
export { S3Error, isS3Error } from '../../errors/s3-error.js';
export { S3_ERRORS, type S3ErrorCode } from '../../errors/s3-catalogue.js';
