import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { parsePolicy } from '../../src/policy/index.js';
import { parseDate } from '../../src/policy/conditions/date.js';

// IAM's date reader is Joda-Time's lenient ISO 8601 grammar (src/policy/conditions/date.ts); the
// accepted and refused values are those moto and LocalStack recorded against AWS.
function messageOf(statement: Record<string, unknown>): string | undefined {
  try {
    parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statement }), 'identity', { requireCurrentVersion: true });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
const dateStatement = (value: string) => ({
  Effect: 'Allow',
  Action: 's3:ListBucket',
  Resource: 'arn:aws:s3:::example_bucket',
  Condition: { DateLessThan: { a: value } },
});

test('dates AWS accepts: short years, lower-case T, one-digit hours, hour-only zones, far-past years', () => {
  for (const v of ['01T', '2016-12-13t2:00:00.593194+23', '-292275054', '2019-07-01T13:20:15Z', '2016-12-13T21:20:37.593194+00:00']) {
    assert.equal(messageOf(dateStatement(v)), undefined, v);
  }
  assert.equal(parseDate('01T'), yearOne(), 'year 1, not 2001');
  assert.equal(parseDate('2016-12-13t2:00:00.593194+23'), Date.UTC(2016, 11, 12, 3, 0, 0, 593));
  assert.ok(parseDate('-292275054')! < -9e18, 'year -292275054, before any JavaScript Date');
});

/** 0001-01-01T00:00Z in epoch milliseconds (Date.UTC maps year 1 to 1901). */
function yearOne(): number {
  const d = new Date(Date.UTC(2000, 0, 1));
  d.setUTCFullYear(1);
  return d.getTime();
}

test('dates AWS refuses fail legacy parsing', () => {
  for (const v of [
    'sdfdsf',
    '234-13',
    '2016-12-13t2:00:00.593194+1',
    '2016-12-13t2:00:00.1999999999+10:59',
    '9223372036854775808',
    '-292275055',
  ]) {
    assert.equal(messageOf(dateStatement(v)), 'The policy failed legacy parsing', v);
  }
});

test('parseDate: the other ISO 8601 forms of the grammar', () => {
  assert.equal(parseDate('2020-01-01'), Date.UTC(2020, 0, 1));
  assert.equal(parseDate('2020'.concat('-01')), Date.UTC(2020, 0, 1));
  assert.equal(parseDate('2020-032'), Date.UTC(2020, 1, 1), 'ordinal date');
  assert.equal(parseDate('2020-W01-1'), Date.UTC(2019, 11, 30), 'week date: ISO week 1 of 2020 starts on 30 December 2019');
  assert.equal(parseDate('2020-01-01T10:30'), Date.UTC(2020, 0, 1, 10, 30));
  assert.equal(parseDate('2020-01-01T10.5'), Date.UTC(2020, 0, 1, 10, 30), 'fraction of an hour');
  assert.equal(parseDate('2020-01-01T10:00:00,250Z'), Date.UTC(2020, 0, 1, 10, 0, 0, 250), 'comma fraction');
  assert.equal(parseDate('2020-01-01T10:00-0130'), Date.UTC(2020, 0, 1, 11, 30), 'zone without a colon');
  assert.equal(parseDate('2020-01-01Tz'), Date.UTC(2020, 0, 1), 'zone alone after T, lower-case z');
  assert.equal(parseDate('T10:00Z'), Date.UTC(1970, 0, 1, 10), 'time alone');
  assert.equal(parseDate('9223372036854775807'), Number('9223372036854775807') * 1000, 'the largest epoch value');
  for (const bad of [
    '2020-02-30',
    '2020-01-01T24:00',
    '2020-01-01+02:00',
    '2020-01-01T10:00+2',
    '2020-01-01T10:00+24',
    '2020-W54',
    '2020--01',
    'T',
  ]) {
    assert.equal(parseDate(bad), undefined, bad);
  }
});

test('a bad partition names the first offending resource in sorted order, filled out to six parts', () => {
  const resources = (r: unknown) => messageOf({ Effect: 'Allow', Action: 's3:ListBucket', Resource: r });
  assert.equal(
    resources(['arn:error:s3:::example_bucket', 'arn:error:s3::example_bucket']),
    'Partition "error" is not valid for resource "arn:error:s3:::example_bucket".',
  );
  assert.equal(resources(['arn:zz:s3:::b', 'arn:aa:s3:::a']), 'Partition "aa" is not valid for resource "arn:aa:s3:::a".');
  assert.equal(resources('a:bsdfdsafsad'), 'Partition "bsdfdsafsad" is not valid for resource "arn:bsdfdsafsad:*:*:*:*".');
  assert.equal(resources('a:b:c:d:e:f:g:h'), 'Partition "b" is not valid for resource "arn:b:c:d:e:f:g:h".');
});

test('a null Resource is read as absent', () => {
  assert.equal(messageOf({ Effect: 'Allow', Action: 's3:ListBucket', Resource: null }), 'Policy statement must contain resources.');
  assert.equal(messageOf({ Effect: 'Allow', Action: 's3:ListBucket', Resource: null, NotResource: '*' }), undefined);
  assert.equal(messageOf({ Effect: 'Allow', Action: 's3:ListBucket', Resource: [null] }), 'Syntax errors in policy.');
});

test('the delegation-request resource type is a valid IAM resource path', () => {
  assert.equal(
    messageOf({
      Effect: 'Allow',
      Action: 'iam:GetDelegationRequest',
      Resource: 'arn:aws:iam::123456789012:delegation-request/abcdefabcdefabcdef',
    }),
    undefined,
  );
});
