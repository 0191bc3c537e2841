import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startTestServer, type TestServer } from '../support/server.js';
import { signedRequest } from '../support/clients-signer.js';
import { describe, runProcess } from '../support/clients-process.js';

/**
 * Every operation of botocore's IAM and STS models (the preinstalled botocore, the newest model
 * on the machine), called on a real keysmith with admin credentials and empty input: none may
 * answer InvalidAction (keysmith does not know it) or fail inside keysmith (5xx). Empty input
 * mostly ends in a ValidationError or a NoSuchEntity — that is fine: the point is that the
 * operation exists and answers as an AWS error.
 */

interface ServiceModel {
  metadata: { apiVersion: string };
  operations: Record<string, unknown>;
}

/** The directory of the botocore python3 imports. */
async function botocoreDir(): Promise<string> {
  const result = await runProcess('python3', ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))']);
  assert.equal(result.code, 0, describe(result));
  return result.stdout.trim();
}

/** The newest `service-2.json(.gz)` of a service in botocore's data folder. */
function readModel(dir: string, service: string): ServiceModel {
  const base = join(dir, 'data', service);
  const version = readdirSync(base).sort().at(-1)!;
  const files = readdirSync(join(base, version));
  const file = files.find((f) => f === 'service-2.json.gz') ?? files.find((f) => f === 'service-2.json');
  assert.ok(file, `no service-2.json(.gz) in ${join(base, version)}`);
  const raw = readFileSync(join(base, version, file));
  return JSON.parse((file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')) as ServiceModel;
}

/** The error code of a Query error body, or undefined for a success. */
function errorCode(body: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
}

let server: TestServer;

suite('botocore model walk: every IAM and STS operation answers', () => {
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  test('no operation of the IAM and STS models is unknown to keysmith or fails inside it', { timeout: 10 * 60_000 }, async () => {
    const dir = await botocoreDir();
    const failures: string[] = [];
    let count = 0;
    for (const service of ['iam', 'sts'] as const) {
      const model = readModel(dir, service);
      for (const operation of Object.keys(model.operations).sort()) {
        count += 1;
        const { url, init } = await signedRequest(server.url, server.admin, {
          service,
          form: { Action: operation, Version: model.metadata.apiVersion },
        });
        const response = await fetch(url, init);
        const body = await response.text();
        const code = errorCode(body);
        const name = `${service}:${operation}`;
        if (code === 'InvalidAction' || code === 'InternalFailure' || response.status >= 500) {
          failures.push(`${name}: ${response.status} ${code ?? ''}`);
        }
      }
    }
    if (failures.length > 0) console.log(`operations that do not answer (${failures.length} of ${count}):\n${failures.join('\n')}`);
    assert.ok(count > 180, `the models list ${count} operations`);
    assert.deepEqual(failures, []);
  });
});
