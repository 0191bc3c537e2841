import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { evaluate, parsePolicy, type ContextValue } from '../../src/policy/index.js';

// Null (UG reference_policies_elements_condition_operators#Conditions_Null).
const USER = { type: 'User' as const, arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' };
function holds(values: unknown, context: Record<string, ContextValue>, op = 'Null'): boolean {
  const doc = {
    Version: '2012-10-17',
    Statement: { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*', Condition: { [op]: { 'aws:TokenIssueTime': values } } },
  };
  const policy = parsePolicy(JSON.stringify(doc), 'identity');
  return (
    evaluate({ principal: USER, action: 'ec2:RunInstances', resource: '*', context }, { identity: [{ id: 'p', policy }] }).decision ===
    'allowed'
  );
}

test('Null true means absent, false means present', () => {
  assert.equal(holds('true', {}), true);
  assert.equal(holds('true', { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' }), false);
  assert.equal(holds('false', { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' }), true);
  assert.equal(holds(false, {}), false);
  assert.equal(holds('true', { 'aws:TokenIssueTime': '' }), false, 'an empty string is present');
  assert.equal(holds('true', { 'aws:TokenIssueTime': [] }), true, 'an empty multivalued key is absent');
});

test('NullIfExists and a set qualifier on Null are refused', () => {
  assert.throws(() => holds('true', {}, 'NullIfExists'), { message: 'Syntax errors in policy.' });
  assert.throws(() => holds('true', {}, 'ForAnyValue:Null'), { message: 'Syntax errors in policy.' });
});

test('Null does not take variables', () => {
  assert.throws(() => holds('${aws:username}', {}), { message: 'The policy failed legacy parsing' });
});
