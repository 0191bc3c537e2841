import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { evaluate, parsePolicy, type ContextValue } from '../../src/policy/index.js';

// Bool and BinaryEquals (UG reference_policies_elements_condition_operators#Conditions_Boolean, #Conditions_BinaryEquals).
const USER = { type: 'User' as const, arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' };
function holds(op: string, key: string, values: unknown, context: Record<string, ContextValue>): boolean {
  const doc = {
    Version: '2012-10-17',
    Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { [op]: { [key]: values } } },
  };
  const policy = parsePolicy(JSON.stringify(doc), 'identity');
  return (
    evaluate({ principal: USER, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context }, { identity: [{ id: 'p', policy }] })
      .decision === 'allowed'
  );
}

test('Bool accepts quoted and JSON booleans, compares ignoring case', () => {
  assert.equal(holds('Bool', 'aws:SecureTransport', 'true', { 'aws:SecureTransport': 'true' }), true);
  assert.equal(holds('Bool', 'aws:SecureTransport', true, { 'aws:SecureTransport': 'TRUE' }), true);
  assert.equal(holds('Bool', 'aws:SecureTransport', false, { 'aws:SecureTransport': 'true' }), false);
  assert.equal(holds('Bool', 'aws:SecureTransport', 'true', {}), false, 'absent key');
  assert.equal(holds('BoolIfExists', 'aws:MultiFactorAuthPresent', 'true', {}), true, 'IfExists: absent is true');
  assert.equal(holds('BoolIfExists', 'aws:MultiFactorAuthPresent', 'true', { 'aws:MultiFactorAuthPresent': 'false' }), false);
  assert.equal(holds('Bool', 'aws:SecureTransport', 'true', { 'aws:SecureTransport': 'yes' }), false, 'not a boolean');
});

test('Bool takes a policy variable (2023 docs)', () => {
  assert.equal(
    holds('Bool', 'aws:SecureTransport', '${aws:PrincipalTag/needsTls}', {
      'aws:SecureTransport': 'true',
      'aws:PrincipalTag/needsTls': 'true',
    }),
    true,
  );
  assert.equal(
    holds('Bool', 'aws:SecureTransport', '${aws:PrincipalTag/needsTls}', { 'aws:SecureTransport': 'true' }),
    false,
    'unresolvable',
  );
});

test('a Bool value that is not true/false is refused', () => {
  assert.throws(
    () =>
      parsePolicy(
        JSON.stringify({
          Version: '2012-10-17',
          Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'yes' } } },
        }),
        'identity',
      ),
    { message: 'The policy failed legacy parsing' },
  );
});

test('BinaryEquals compares decoded bytes', () => {
  assert.equal(holds('BinaryEquals', 'key', 'QmluYXJ5VmFsdWU=', { key: 'QmluYXJ5VmFsdWU=' }), true);
  assert.equal(holds('BinaryEquals', 'key', 'QmluYXJ5VmFsdWU=', { key: 'QmluYXJ5VmFsdWF=' }), false);
  assert.equal(holds('BinaryEquals', 'key', 'QmluYXJ5VmFsdWU=', { key: 'not base64!' }), false);
  assert.equal(holds('BinaryEquals', 'key', ['AAAA', 'QmluYXJ5VmFsdWU='], { key: 'QmluYXJ5VmFsdWU=' }), true);
});
