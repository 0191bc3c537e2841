import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { evaluate, parsePolicy, type ContextValue } from '../../src/policy/index.js';

// String operators (UG reference_policies_elements_condition_operators#Conditions_String).
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

test('StringEquals is exact and case-sensitive; values are ORed', () => {
  assert.equal(holds('StringEquals', 'aws:username', 'alice', { 'aws:username': 'alice' }), true);
  assert.equal(holds('StringEquals', 'aws:username', 'alice', { 'aws:username': 'Alice' }), false);
  assert.equal(holds('StringEquals', 'aws:username', ['bob', 'alice'], { 'aws:username': 'alice' }), true);
  assert.equal(holds('StringEquals', 'aws:username', 'al*', { 'aws:username': 'alice' }), false, 'no wildcards in Equals');
  assert.equal(holds('StringEquals', 'aws:username', 'al*', { 'aws:username': 'al*' }), true);
});

test('StringNotEquals: key must match none of the values', () => {
  assert.equal(holds('StringNotEquals', 'aws:username', ['bob', 'carol'], { 'aws:username': 'alice' }), true);
  assert.equal(holds('StringNotEquals', 'aws:username', ['bob', 'alice'], { 'aws:username': 'alice' }), false);
});

test('IgnoreCase operators', () => {
  assert.equal(holds('StringEqualsIgnoreCase', 'aws:username', 'ALICE', { 'aws:username': 'alice' }), true);
  assert.equal(holds('StringNotEqualsIgnoreCase', 'aws:username', 'ALICE', { 'aws:username': 'alice' }), false);
  assert.equal(holds('StringNotEqualsIgnoreCase', 'aws:username', 'bob', { 'aws:username': 'alice' }), true);
});

test('StringLike: * and ? anywhere, case-sensitive', () => {
  assert.equal(holds('StringLike', 's3:prefix', 'home/*', { 's3:prefix': 'home/alice/x' }), true);
  assert.equal(holds('StringLike', 's3:prefix', 'home/?lice', { 's3:prefix': 'home/alice' }), true);
  assert.equal(holds('StringLike', 's3:prefix', 'home/?lice', { 's3:prefix': 'home/aalice' }), false);
  assert.equal(holds('StringLike', 's3:prefix', '*ice*', { 's3:prefix': 'home/alice/x' }), true);
  assert.equal(holds('StringLike', 's3:prefix', 'HOME/*', { 's3:prefix': 'home/x' }), false);
  assert.equal(holds('StringLike', 's3:prefix', ['', 'home/'], { 's3:prefix': '' }), true, 'empty string is a value');
  assert.equal(holds('StringNotLike', 's3:prefix', ['home/*', 'tmp/*'], { 's3:prefix': 'etc/x' }), true);
  assert.equal(holds('StringNotLike', 's3:prefix', ['home/*', 'tmp/*'], { 's3:prefix': 'tmp/x' }), false);
});

test('StringLike with ${*} escape matches a literal star', () => {
  assert.equal(holds('StringLike', 's3:prefix', 'a${*}', { 's3:prefix': 'a*' }), true);
  assert.equal(holds('StringLike', 's3:prefix', 'a${*}', { 's3:prefix': 'ab' }), false);
});

test('condition key names are case-insensitive, including the tag-key suffix', () => {
  assert.equal(holds('StringEquals', 'AWS:PrincipalTag/Team', 'red', { 'aws:principaltag/team': 'red' }), true);
  assert.equal(holds('StringEquals', 'aws:ResourceTag/CostCenter', 'x', { 'aws:resourcetag/COSTCENTER': 'x' }), true);
});

test('numbers and booleans in a String operator compare as their text', () => {
  assert.equal(holds('StringEquals', 'ec2:Count', 3, { 'ec2:Count': '3' }), true);
  assert.equal(holds('StringEquals', 'x:flag', true, { 'x:flag': 'true' }), true);
});
