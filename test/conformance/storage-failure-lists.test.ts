import { after, before, describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { IAMServiceException, ListUsersCommand } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { sendLookupEvents, sendSigned } from '../support/clients-signer.js';
import { encodeMarker } from '../../src/storage/sql/paging.js';
import { createLogger } from '../../src/platform/node-logger.js';

/**
 * A paged list whose store fails is the server's fault, not the caller's: only a marker the store
 * cannot read is answered with a 400 (IAM's ValidationError, S3's InvalidArgument, CloudTrail's
 * InvalidNextTokenException); a database outage is each service's generic internal error, its
 * detail in the log.
 */
describe('a storage failure during a paged list', () => {
  let server: TestServer;
  const logLines: string[] = [];
  const logged = (code: string) =>
    logLines.some((line) => line.includes(`"code":"${code}"`) && line.includes('database connection is not open'));
  // A marker the store reads (it gets as far as the database).
  const marker = encodeMarker(['m', 'm']);
  const listBuckets = (query: Record<string, string>) => sendSigned(server.url, server.admin, { method: 'GET', query, service: 's3' });

  before(async () => {
    server = await startTestServer({}, { logger: createLogger('error', (line) => void logLines.push(line)) });
    // Warm the credential and policy caches, then take the database away under the running server.
    await iamClient(server.url, server.admin).send(new ListUsersCommand({}));
    assert.equal((await listBuckets({})).status, 200);
    assert.equal((await sendLookupEvents(server.url, server.admin, {})).status, 200);
    await server.keysmith.app.store.close();
  });

  after(async () => {
    await server.close().catch(() => undefined);
  });

  it('is InternalFailure for IAM ListUsers with a Marker', async () => {
    await assert.rejects(iamClient(server.url, server.admin).send(new ListUsersCommand({ Marker: marker })), (e: unknown) => {
      assert.ok(e instanceof IAMServiceException);
      assert.equal(e.$metadata.httpStatusCode, 500);
      assert.equal(e.name, 'InternalFailure');
      return true;
    });
    assert.ok(logged('InternalFailure'), logLines.join(''));
  });

  it('is InternalError for S3 ListBuckets with a continuation token', async () => {
    const reply = await listBuckets({ 'continuation-token': marker });
    assert.equal(reply.status, 500, reply.text);
    assert.match(reply.text, /<Code>InternalError<\/Code>/);
    assert.ok(logged('InternalError'), logLines.join(''));
  });

  it('is InternalFailure for CloudTrail LookupEvents', async () => {
    const reply = await sendLookupEvents(server.url, server.admin, { MaxResults: 5 });
    assert.equal(reply.status, 500, reply.text);
    assert.equal((JSON.parse(reply.text) as { __type: string }).__type, 'InternalFailure');
  });
});
