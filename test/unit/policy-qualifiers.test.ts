import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { evaluate, parsePolicy, type ContextValue } from '../../src/policy/index.js';

// IfExists, ForAllValues, ForAnyValue, negated operators with missing keys, AND/OR combination
// (UG reference_policies_multi-value-conditions; reference_policies_elements_condition_operators "Important").
const USER = { type: 'User' as const, arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' };
function holds(condition: Record<string, unknown>, context: Record<string, ContextValue>): boolean {
  const doc = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'iam:TagUser', Resource: '*', Condition: condition } };
  const policy = parsePolicy(JSON.stringify(doc), 'identity');
  return (
    evaluate(
      { principal: USER, action: 'iam:TagUser', resource: 'arn:aws:iam::111122223333:user/bob', context },
      { identity: [{ id: 'p', policy }] },
    ).decision === 'allowed'
  );
}

test('missing key: positive false, negated true, IfExists true', () => {
  assert.equal(holds({ StringEquals: { 'aws:RequestTag/env': 'dev' } }, {}), false);
  assert.equal(holds({ StringNotEquals: { 'aws:RequestTag/env': 'dev' } }, {}), true);
  assert.equal(holds({ StringNotLike: { 'aws:RequestTag/env': 'dev*' } }, {}), true);
  assert.equal(holds({ StringEqualsIfExists: { 'aws:RequestTag/env': 'dev' } }, {}), true);
  assert.equal(holds({ StringEqualsIfExists: { 'aws:RequestTag/env': 'dev' } }, { 'aws:RequestTag/env': 'prod' }), false);
  assert.equal(holds({ StringNotEqualsIfExists: { 'aws:RequestTag/env': 'dev' } }, {}), true);
  assert.equal(holds({ NumericLessThanIfExists: { 'aws:MultiFactorAuthAge': '3600' } }, {}), true);
});

test('ForAllValues: subset test; true when the key is absent or empty', () => {
  const c = { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } };
  assert.equal(holds(c, { 'aws:TagKeys': ['env'] }), true);
  assert.equal(holds(c, { 'aws:TagKeys': ['env', 'team'] }), true);
  assert.equal(holds(c, { 'aws:TagKeys': ['env', 'owner'] }), false);
  assert.equal(holds(c, {}), true, 'absent');
  assert.equal(holds(c, { 'aws:TagKeys': [] }), true, 'empty');
});

test('ForAnyValue: intersection test; false when the key is absent or empty', () => {
  const c = { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env', 'team'] } };
  assert.equal(holds(c, { 'aws:TagKeys': ['owner', 'team'] }), true);
  assert.equal(holds(c, { 'aws:TagKeys': ['owner'] }), false);
  assert.equal(holds(c, {}), false);
  assert.equal(holds(c, { 'aws:TagKeys': [] }), false);
  assert.equal(holds({ 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'env' } }, {}), true, 'IfExists + absent');
});

test('set qualifiers with negated operators apply the negated test per value', () => {
  const all = { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } };
  assert.equal(holds(all, { 'aws:TagKeys': ['env', 'team'] }), true);
  assert.equal(holds(all, { 'aws:TagKeys': ['env', 'secret'] }), false);
  const any = { 'ForAnyValue:StringNotLike': { 'aws:TagKeys': ['sec*'] } };
  assert.equal(holds(any, { 'aws:TagKeys': ['secret', 'env'] }), true);
  assert.equal(holds(any, { 'aws:TagKeys': ['secret'] }), false);
});

test('a single string is a one-element set for set qualifiers', () => {
  assert.equal(holds({ 'ForAnyValue:StringLike': { 'aws:TagKeys': 'e*' } }, { 'aws:TagKeys': 'env' }), true);
});

test('a multivalued key without a set qualifier does not match (documented gap; oracle behaviour)', () => {
  assert.equal(holds({ StringEquals: { 'aws:TagKeys': 'env' } }, { 'aws:TagKeys': ['env'] }), false);
  assert.equal(holds({ StringNotEquals: { 'aws:TagKeys': 'env' } }, { 'aws:TagKeys': ['x'] }), false);
});

test('operators are ANDed, keys are ANDed, values are ORed', () => {
  const c = {
    StringEquals: { 'aws:RequestTag/env': ['dev', 'test'], 'aws:RequestTag/team': 'red' },
    Bool: { 'aws:SecureTransport': 'true' },
  };
  const ok = { 'aws:RequestTag/env': 'test', 'aws:RequestTag/team': 'red', 'aws:SecureTransport': 'true' };
  assert.equal(holds(c, ok), true);
  assert.equal(holds(c, { ...ok, 'aws:RequestTag/team': 'blue' }), false);
  assert.equal(holds(c, { ...ok, 'aws:SecureTransport': 'false' }), false);
  assert.equal(holds(c, { ...ok, 'aws:RequestTag/env': 'prod' }), false);
});

test('an empty Condition or an empty unknown operator block imposes nothing', () => {
  assert.equal(holds({}, {}), true);
  assert.equal(holds({ SomethingNew: {} }, {}), true);
});

test('an unknown operator with keys makes the policy invalid', () => {
  for (const op of [
    'StringEqualz',
    'ForAnyValue::StringEqualsIfExists',
    'stringequals',
    'ForSomeValues:StringEquals',
    'StringEqualsIfExistsIfExists',
  ]) {
    assert.throws(
      () => holds({ [op]: { 'aws:username': 'x' } }, {}),
      { name: 'MalformedPolicyDocument', message: 'Syntax errors in policy.' },
      op,
    );
  }
});

test('context keys differing only in case merge into one multivalued key', () => {
  assert.equal(
    holds({ 'ForAnyValue:StringEquals': { 'aws:ResourceTag/ec2': 'b' } }, { 'aws:ResourceTag/ec2': 'a', 'aws:ResourceTag/EC2': 'b' }),
    true,
  );
});
