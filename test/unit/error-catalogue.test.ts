import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { AwsError, isAwsError } from '../../src/errors/aws-error.js';
import { CLOUDTRAIL_ERRORS, ERROR_CATALOGUE, S3_ERRORS, statusOf } from '../../src/errors/catalogue.js';
import { CloudTrailError, type CloudTrailErrorCode } from '../../src/services/cloudtrail/cloudtrail-error.js';
import { S3Error, isS3Error, type S3ErrorCode } from '../../src/services/s3/s3-errors.js';
import { jsonErrorOf } from '../../src/protocol/json/json-error.js';

const keysOf = <T extends object>(table: T) => Object.keys(table) as (keyof T)[];

describe('the error catalogue', () => {
  it('gives a Query-family error its status and fault type', () => {
    for (const code of keysOf(ERROR_CATALOGUE)) {
      const error = new AwsError(code, 'm');
      assert.equal(error.status, ERROR_CATALOGUE[code], code);
      assert.equal(error.type, error.status >= 500 ? 'Receiver' : 'Sender', code);
      assert.equal(error.name, code);
    }
    assert.equal(new AwsError('InternalFailure', 'm').type, 'Receiver');
  });

  it('gives every S3 code its status and default message, as an AwsError', () => {
    for (const code of keysOf(S3_ERRORS)) {
      const error = new S3Error(code);
      assert.ok(isAwsError(error) && isS3Error(error));
      assert.equal(error.code, code);
      assert.equal(error.status, S3_ERRORS[code][0], code);
      assert.equal(error.message, S3_ERRORS[code][1], code);
      assert.equal(error.type, error.status >= 500 ? 'Receiver' : 'Sender', code);
      assert.equal(statusOf({ family: 's3', code }), S3_ERRORS[code][0]);
    }
  });

  it('keeps an S3 error message, fields, detail and headers', () => {
    const code: S3ErrorCode = 'InvalidRange';
    const error = new S3Error(code, 'custom', { RangeRequested: 'bytes=9-' }, 'detail', { 'Content-Range': 'bytes */3' });
    assert.equal(error.message, 'custom');
    assert.deepEqual(error.fields, { RangeRequested: 'bytes=9-' });
    assert.equal(error.internalDetail, 'detail');
    assert.deepEqual(error.headers, { 'Content-Range': 'bytes */3' });
    assert.deepEqual(new S3Error('NoSuchKey').fields, {});
    assert.deepEqual(new S3Error('NoSuchKey').headers, {});
  });

  it('tells one name apart by family: ExpiredToken is 403 in IAM and STS, 400 in S3', () => {
    assert.equal(new AwsError('ExpiredToken', 'm').status, 403);
    assert.equal(new S3Error('ExpiredToken').status, 400);
  });

  it('gives every CloudTrail exception status 400, as an AwsError', () => {
    for (const code of keysOf(CLOUDTRAIL_ERRORS)) {
      const error = new CloudTrailError(code, 'm');
      assert.ok(isAwsError(error) && error instanceof CloudTrailError);
      assert.equal(error.code, code);
      assert.equal(error.name, code);
      assert.equal(error.status, 400, code);
      assert.equal(error.type, 'Sender');
      assert.equal(error.message, 'm');
    }
  });

  it('sends CloudTrail exceptions unrenamed on the JSON wire, the shared errors under their JSON names', () => {
    const code: CloudTrailErrorCode = 'InvalidNextTokenException';
    assert.deepEqual(jsonErrorOf(new CloudTrailError(code, 'Invalid NextToken.')), {
      type: 'InvalidNextTokenException',
      message: 'Invalid NextToken.',
      status: 400,
    });
    assert.deepEqual(jsonErrorOf(new AwsError('AccessDenied', 'no')), { type: 'AccessDeniedException', message: 'no', status: 403 });
    assert.deepEqual(jsonErrorOf(new AwsError('InternalFailure', 'x')), { type: 'InternalFailure', message: 'x', status: 500 });
  });
});
