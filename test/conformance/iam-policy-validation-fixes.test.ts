import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { CreatePolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { rejects, startIamTestServer } from './iam-test-helpers.js';

/**
 * CreatePolicy through the SDK v3 with what IAM's validator accepts and refuses that keysmith got
 * wrong before (test/unit/policy-validation-fixes.test.ts has the rules): lenient ISO 8601 dates,
 * the resource a bad-partition message names, a null Resource.
 */
let server: TestServer;
let iam: IAMClient;

const doc = (statement: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: statement });
const dated = (value: string) =>
  doc({
    Effect: 'Allow',
    Action: 's3:ListBucket',
    Resource: 'arn:aws:s3:::example_bucket',
    Condition: { DateLessThan: { 'aws:CurrentTime': value } },
  });

suite('CreatePolicy: the validation fixes (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
  });
  after(async () => {
    iam?.destroy();
    await server?.close();
  });

  test('dates AWS accepts are stored; dates it refuses fail legacy parsing', async () => {
    let n = 0;
    for (const value of ['01T', '2016-12-13t2:00:00.593194+23', '-292275054']) {
      const out = await iam.send(new CreatePolicyCommand({ PolicyName: `dated-${n++}`, PolicyDocument: dated(value) }));
      assert.ok(out.Policy?.Arn, value);
    }
    for (const value of ['2016-12-13t2:00:00.593194+1', '234-13']) {
      await rejects(
        iam.send(new CreatePolicyCommand({ PolicyName: `bad-${n++}`, PolicyDocument: dated(value) })),
        'MalformedPolicyDocument',
        'The policy failed legacy parsing',
        400,
      );
    }
  });

  test('a bad partition names the first resource; a null Resource is a missing one', async () => {
    await rejects(
      iam.send(
        new CreatePolicyCommand({
          PolicyName: 'partition',
          PolicyDocument: doc({
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: ['arn:error:s3:::example_bucket', 'arn:error:s3::example_bucket'],
          }),
        }),
      ),
      'MalformedPolicyDocument',
      'Partition "error" is not valid for resource "arn:error:s3:::example_bucket".',
      400,
    );
    await rejects(
      iam.send(
        new CreatePolicyCommand({
          PolicyName: 'null-resource',
          PolicyDocument: doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: null }),
        }),
      ),
      'MalformedPolicyDocument',
      'Policy statement must contain resources.',
      400,
    );
  });
});
