import assert from 'node:assert/strict';
import { describe, test } from '../support/node-test.js';
import type { Shape } from '../../src/model/shapes.js';
import { isSecretMember } from '../../src/audit/redact.js';
import { IAM_OPERATIONS } from '../../src/services/iam/operations.js';
import { STS_OPERATIONS } from '../../src/services/sts/operations.js';
import { auditRecordOf } from '../../src/audit/audit-record.js';
import { REDACTED } from '../../src/audit/redact.js';

const OPERATIONS = [...IAM_OPERATIONS.values(), ...STS_OPERATIONS.values()];

/** Every member path of a shape with its shape, depth first. */
function* members(shape: Shape, path: string): Generator<[string, string, Shape]> {
  if (shape.kind === 'struct') {
    for (const [name, member] of Object.entries(shape.members)) {
      yield [`${path}.${name}`, name, member];
      yield* members(member, `${path}.${name}`);
    }
  } else if (shape.kind === 'list') yield* members(shape.member, `${path}[]`);
}

describe('output shapes', () => {
  test('a member named like a secret is marked sensitive (the audit redacts by the marks)', () => {
    const unmarked: string[] = [];
    for (const operation of OPERATIONS) {
      if (operation.output === undefined || operation.output === 'none') continue;
      for (const [path, name, member] of members(operation.output, operation.name)) {
        if (isSecretMember(name) && !member.sensitive) unmarked.push(path);
      }
    }
    assert.deepEqual(unmarked, []);
  });

  test('IAM policy documents are marked as such wherever IAM returns one', () => {
    const unmarked: string[] = [];
    for (const operation of IAM_OPERATIONS.values()) {
      if (operation.output === undefined || operation.output === 'none') continue;
      for (const [path, name, member] of members(operation.output, operation.name)) {
        const policyName = name === 'AssumeRolePolicyDocument' || name === 'PolicyDocument' || name === 'Document';
        if (policyName && member.kind === 'string' && !member.policyDocument) unmarked.push(path);
      }
    }
    assert.deepEqual(unmarked, []);
  });

  test("the audit keeps an operation's output by its shape: sensitive members hidden, undeclared ones left out", () => {
    const assumeRole = STS_OPERATIONS.get('AssumeRole')!;
    assert.ok(assumeRole.output !== undefined && assumeRole.output !== 'none');
    const record = auditRecordOf({
      requestId: 'r',
      time: 0,
      service: 'sts',
      operation: 'AssumeRole',
      sourceIp: '127.0.0.1',
      userAgent: 'test',
      region: 'us-east-1',
      readOnly: true,
      responseShape: assumeRole.output,
      responseElements: {
        Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 'the-secret', SessionToken: 'the-token', Expiration: 'soon' },
        AssumedRoleUser: { AssumedRoleId: 'AROA:s', Arn: 'arn:aws:sts::111122223333:assumed-role/r/s' },
        Undeclared: 'never recorded',
      },
    });
    assert.deepEqual(record.responseElements, {
      Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: REDACTED, SessionToken: REDACTED, Expiration: 'soon' },
      AssumedRoleUser: { AssumedRoleId: 'AROA:s', Arn: 'arn:aws:sts::111122223333:assumed-role/r/s' },
    });
  });
});
