import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { evaluate, parsePolicy, type ContextValue } from '../../src/policy/index.js';

// Arn operators (UG reference_policies_elements_condition_operators#Conditions_ARN).
const USER = { type: 'User' as const, arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' };
function holds(op: string, values: unknown, context: Record<string, ContextValue>): boolean {
  const doc = {
    Version: '2012-10-17',
    Statement: { Effect: 'Allow', Action: 'sns:Publish', Resource: '*', Condition: { [op]: { 'aws:SourceArn': values } } },
  };
  const policy = parsePolicy(JSON.stringify(doc), 'identity');
  return (
    evaluate(
      { principal: USER, action: 'sns:Publish', resource: 'arn:aws:sns:us-east-1:111122223333:t', context },
      { identity: [{ id: 'p', policy }] },
    ).decision === 'allowed'
  );
}
const src = (v: string) => ({ 'aws:SourceArn': v });

test('ArnLike matches part by part: the region * cannot swallow later parts (doc example)', () => {
  const pattern = 'arn:aws:someservice:*:111122223333:finance/*';
  const tricky = 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt';
  assert.equal(holds('ArnLike', pattern, src(tricky)), false);
  assert.equal(holds('StringLike', pattern, src(tricky)), true, 'StringLike does match');
  assert.equal(holds('ArnLike', pattern, src('arn:aws:someservice:us-east-2:111122223333:finance/doc.txt')), true);
});

test('ArnEquals behaves like ArnLike; both are case-sensitive', () => {
  assert.equal(holds('ArnEquals', 'arn:aws:s3:::bucket-*', src('arn:aws:s3:::bucket-1')), true);
  assert.equal(holds('ArnEquals', 'arn:aws:s3:::Bucket', src('arn:aws:s3:::bucket')), false);
  assert.equal(holds('ArnLike', 'arn:aws:sqs:us-east-?:*:q', src('arn:aws:sqs:us-east-1:111122223333:q')), true);
});

test('negated ARN operators and missing keys', () => {
  assert.equal(holds('ArnNotLike', 'arn:aws:s3:::bucket/*', src('arn:aws:s3:::other/x')), true);
  assert.equal(holds('ArnNotLike', 'arn:aws:s3:::bucket/*', src('arn:aws:s3:::bucket/x')), false);
  assert.equal(holds('ArnNotEquals', 'arn:aws:s3:::bucket', {}), true, 'absent key: negated is true');
  assert.equal(holds('ArnLike', 'arn:aws:s3:::bucket', {}), false);
});

test('ArnLike with a variable', () => {
  assert.equal(
    holds('ArnLike', 'arn:aws:iam::${aws:PrincipalAccount}:role/*', {
      'aws:SourceArn': 'arn:aws:iam::111122223333:role/x',
      'aws:PrincipalAccount': '111122223333',
    }),
    true,
  );
});
