import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { evaluate, parsePolicy, type ContextValue } from '../../src/policy/index.js';

// Numeric operators (UG reference_policies_elements_condition_operators#Conditions_Numeric).
const USER = { type: 'User' as const, arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' };
function holds(op: string, values: unknown, context: Record<string, ContextValue>): boolean {
  const doc = {
    Version: '2012-10-17',
    Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { [op]: { 's3:max-keys': values } } },
  };
  const policy = parsePolicy(JSON.stringify(doc), 'identity');
  return (
    evaluate({ principal: USER, action: 's3:ListBucket', resource: 'arn:aws:s3:::b', context }, { identity: [{ id: 'p', policy }] })
      .decision === 'allowed'
  );
}
const mk = (v: string) => ({ 's3:max-keys': v });

test('NumericEquals / NotEquals compare numbers, not text', () => {
  assert.equal(holds('NumericEquals', '10', mk('10.0')), true);
  assert.equal(holds('NumericEquals', 10, mk('10')), true, 'unquoted number in the policy');
  assert.equal(holds('NumericEquals', ['5', '10'], mk('5')), true);
  assert.equal(holds('NumericNotEquals', ['5', '10'], mk('7')), true);
  assert.equal(holds('NumericNotEquals', ['5', '10'], mk('10')), false);
});

test('ordering operators', () => {
  assert.equal(holds('NumericLessThan', '10', mk('9')), true);
  assert.equal(holds('NumericLessThan', '10', mk('10')), false);
  assert.equal(holds('NumericLessThanEquals', '10', mk('10')), true);
  assert.equal(holds('NumericGreaterThan', '10', mk('10.5')), true);
  assert.equal(holds('NumericGreaterThanEquals', '10', mk('9.99')), false);
  assert.equal(holds('NumericGreaterThanEquals', '-1.5', mk('-1.5')), true);
});

test('a request value that is not a number makes the condition false, negated or not', () => {
  assert.equal(holds('NumericLessThan', '10', mk('ten')), false);
  assert.equal(holds('NumericNotEquals', '10', mk('ten')), false);
});

test('a policy value that is not a number is refused at write time', () => {
  assert.throws(
    () =>
      parsePolicy(
        JSON.stringify({
          Version: '2012-10-17',
          Statement: { Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { NumericEquals: { 's3:max-keys': 'ten' } } },
        }),
        'identity',
      ),
    { name: 'MalformedPolicyDocument', message: 'The policy failed legacy parsing' },
  );
});
