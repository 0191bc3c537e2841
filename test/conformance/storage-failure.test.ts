import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { CreateUserCommand, IAMServiceException } from '@aws-sdk/client-iam';
import { startTestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';

describe('a storage failure', () => {
  it('answers a generic internal error and keeps the detail out of the response', async () => {
    const server = await startTestServer();
    const iam = iamClient(server.url, server.admin);
    // Warm the credential cache, then take the database away under the running server.
    await iam.send(new CreateUserCommand({ UserName: 'before' }));
    await server.keysmith.app.store.close();
    await assert.rejects(iam.send(new CreateUserCommand({ UserName: 'after' })), (e: unknown) => {
      assert.ok(e instanceof IAMServiceException);
      assert.equal(e.$metadata.httpStatusCode, 500);
      assert.equal(e.name, 'InternalFailure');
      assert.equal(e.message, 'An internal error occurred. Try again later.');
      return true;
    });
    const health = await fetch(`${server.url}/_keysmith/health`);
    assert.equal(health.status, 200);
    await server.close().catch(() => undefined);
  });
});
