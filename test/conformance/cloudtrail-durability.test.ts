import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from '../support/node-test.js';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { awsCli } from '../support/clients-aws-cli.js';
import { stsClient } from '../support/sdk-clients.js';
import { startTestServer, TEST_ADMIN } from '../support/server.js';

/**
 * Issue 5 item 7: audit writing is batched off the request path, yet a clean shutdown loses no
 * event, and events survive a restart. The flush interval is set to ten minutes so that every
 * event is still queued in memory when the server closes.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'keysmith-audit-restart-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

async function lookupAll(url: string): Promise<{ EventId: string; EventName: string; CloudTrailEvent: string }[]> {
  const result = await awsCli(url, TEST_ADMIN, ['cloudtrail', 'lookup-events', '--page-size', '50']);
  assert.equal(result.code, 0, result.stderr);
  return result.json.Events;
}

describe('audit events across a clean shutdown and a restart', () => {
  it('a clean shutdown writes every queued event; after the restart LookupEvents and the file have each exactly once', async () => {
    const env = { KEYSMITH_DATA_DIR: dataDir, KEYSMITH_AUDIT_FLUSH_MS: '600000', KEYSMITH_AUDIT_BATCH_SIZE: '100000' };
    const first = await startTestServer(env);
    const sts = stsClient(first.url, first.admin);
    const requestIds: string[] = [];
    for (let i = 0; i < 120; i += 1) requestIds.push((await sts.send(new GetCallerIdentityCommand({}))).$metadata.requestId!);
    const file = join(dataDir, 'audit.jsonl');
    assert.equal(readFileSync(file, 'utf8'), '', 'nothing written yet: the events wait in the queue');
    await first.keysmith.close();

    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((e) => e.requestID),
      requestIds,
      'every request once, in order',
    );

    const second = await startTestServer(env);
    try {
      const events = (await lookupAll(second.url)).filter((e) => e.EventName === 'GetCallerIdentity');
      const seen = events.map((e) => JSON.parse(e.CloudTrailEvent).requestID);
      assert.deepEqual(seen, [...requestIds].reverse(), 'all 120, newest first, none twice');
      await stsClient(second.url, second.admin).send(new GetCallerIdentityCommand({}));
      assert.equal(
        (await lookupAll(second.url)).filter((e) => e.EventName === 'GetCallerIdentity').length,
        121,
        'old and new events together',
      );
    } finally {
      await second.keysmith.close();
    }
    const after = readFileSync(file, 'utf8').trimEnd().split('\n');
    assert.ok(after.length > lines.length, 'the file is appended to across restarts');
  });

  it('with audit turned off nothing is recorded, and requests still work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keysmith-audit-off-'));
    try {
      const server = await startTestServer({ KEYSMITH_DATA_DIR: dir, KEYSMITH_AUDIT: 'false' });
      await stsClient(server.url, server.admin).send(new GetCallerIdentityCommand({}));
      assert.deepEqual(await lookupAll(server.url), []);
      await server.keysmith.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
