import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { isAwsError } from '../../src/errors/aws-error.js';
import { storePage } from '../../src/services/iam/groups/store-page.js';
import { InvalidMarkerError } from '../../src/storage/store.js';

describe("IAM's store pages", () => {
  it('answer a marker the store did not issue with ValidationError "Invalid Marker."', async () => {
    await assert.rejects(
      storePage(() => Promise.reject(new InvalidMarkerError())),
      (e: unknown) => isAwsError(e) && e.code === 'ValidationError' && e.status === 400 && e.message === 'Invalid Marker.',
    );
  });

  it('leave any other failure as it is, even one whose text names a marker (a database outage stays a 500)', async () => {
    const outage = new Error('connection lost while reading the marker column');
    await assert.rejects(
      storePage(() => Promise.reject(outage)),
      (e: unknown) => e === outage,
    );
  });

  it('pass a page through', async () => {
    assert.deepEqual(await storePage(() => Promise.resolve({ items: [1, 2], nextMarker: 'm' })), { items: [1, 2], nextMarker: 'm' });
  });
});
