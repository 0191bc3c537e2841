import { liveSuite } from '../support/live-context.js';
import { S3_CASES } from './live-context-s3-cases.js';

/**
 * S3's condition keys live (the table and what it covers: live-context-s3-cases.ts). The cases
 * whose call goes through a boto3 presigned URL run in test/clients/boto3-s3.test.ts.
 */
liveSuite('S3 keys', S3_CASES);
