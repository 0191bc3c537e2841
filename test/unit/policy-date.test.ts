import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { evaluate, parsePolicy, type ContextValue } from '../../src/policy/index.js';
import { parseDate } from '../../src/policy/conditions/date.js';

// Date operators (UG reference_policies_elements_condition_operators#Conditions_Date): ISO 8601 or epoch seconds.
const USER = { type: 'User' as const, arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' };
function holds(op: string, values: unknown, context: Record<string, ContextValue>, key = 'aws:CurrentTime'): boolean {
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
const now = (v: string) => ({ 'aws:CurrentTime': v });

test('parseDate: ISO forms, zones, epoch', () => {
  assert.equal(parseDate('2020-01-01T00:00:00Z'), Date.UTC(2020, 0, 1));
  assert.equal(parseDate('2020-01-01'), Date.UTC(2020, 0, 1));
  assert.equal(parseDate('2020-01-01T02:00:00+02:00'), Date.UTC(2020, 0, 1));
  assert.equal(parseDate('2020-01-01T00:00:00.500Z'), Date.UTC(2020, 0, 1) + 500);
  assert.equal(parseDate('1577836800'), Date.UTC(2020, 0, 1));
  assert.equal(parseDate('2020-02-30'), undefined);
  assert.equal(parseDate('sdfdsf'), undefined);
  assert.equal(parseDate('234-13'), undefined);
});

test('instants are compared, not strings: ISO vs epoch on either side', () => {
  assert.equal(holds('DateGreaterThan', '2020-01-01T00:00:00Z', now('2021-06-01T12:00:00Z')), true);
  assert.equal(holds('DateGreaterThan', '2020-01-01T00:00:00Z', now('1577836801')), true, 'epoch request value');
  assert.equal(holds('DateLessThan', '1577836800', now('2019-12-31T23:59:59Z')), true, 'epoch policy value');
  assert.equal(holds('DateEquals', '2020-01-01T01:00:00+01:00', now('2020-01-01T00:00:00Z')), true);
  assert.equal(holds('DateNotEquals', '2020-01-01T00:00:00Z', now('2020-01-01T00:00:01Z')), true);
  assert.equal(holds('DateLessThanEquals', '2020-01-01T00:00:00Z', now('2020-01-01T00:00:00Z')), true);
  assert.equal(holds('DateGreaterThanEquals', '2020-01-01T00:00:00Z', now('2019-01-01T00:00:00Z')), false);
});

test('aws:EpochTime with a date operator', () => {
  assert.equal(holds('DateGreaterThan', '2020-01-01T00:00:00Z', { 'aws:EpochTime': '1700000000' }, 'aws:EpochTime'), true);
});

test('an unparseable date in the policy fails legacy parsing; in the request, the condition is false', () => {
  for (const bad of ['sdfdsf', '234-13', '9223372036854775808']) {
    assert.throws(
      () =>
        parsePolicy(
          JSON.stringify({
            Version: '2012-10-17',
            Statement: {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: '*',
              Condition: { DateGreaterThan: { 'aws:CurrentTime': bad } },
            },
          }),
          'identity',
        ),
      { message: 'The policy failed legacy parsing' },
      bad,
    );
  }
  assert.equal(holds('DateGreaterThan', '2020-01-01T00:00:00Z', now('yesterday')), false);
  assert.equal(holds('DateNotEquals', '2020-01-01T00:00:00Z', now('yesterday')), false);
});
