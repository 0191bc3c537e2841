import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { evaluate, parsePolicy, type ContextValue } from '../../src/policy/index.js';

// Policy variables (UG reference_policies_variables).
const USER = { type: 'User' as const, arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' };
function decide(statement: Record<string, unknown>, resource: string, context: Record<string, ContextValue>, version?: string): string {
  const doc = { ...(version ? { Version: version } : {}), Statement: statement };
  const policy = parsePolicy(JSON.stringify(doc), 'identity');
  return evaluate({ principal: USER, action: 's3:GetObject', resource, context }, { identity: [{ id: 'p', policy }] }).decision;
}
const allowRes = (r: string) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: r });

test('${aws:username} in the resource part', () => {
  const st = allowRes('arn:aws:s3:::bucket/home/${aws:username}/*');
  assert.equal(decide(st, 'arn:aws:s3:::bucket/home/alice/f', { 'aws:username': 'alice' }, '2012-10-17'), 'allowed');
  assert.equal(decide(st, 'arn:aws:s3:::bucket/home/bob/f', { 'aws:username': 'alice' }, '2012-10-17'), 'implicitDeny');
});

test('variable key names are case-insensitive', () => {
  const st = allowRes('arn:aws:s3:::bucket/${AWS:UserName}/*');
  assert.equal(decide(st, 'arn:aws:s3:::bucket/alice/f', { 'aws:username': 'alice' }, '2012-10-17'), 'allowed');
});

test('without Version 2012-10-17 a variable is literal text', () => {
  const st = allowRes('arn:aws:s3:::bucket/${aws:username}/*');
  assert.equal(decide(st, 'arn:aws:s3:::bucket/alice/f', { 'aws:username': 'alice' }), 'implicitDeny');
  assert.equal(decide(st, 'arn:aws:s3:::bucket/${aws:username}/f', { 'aws:username': 'alice' }), 'allowed');
  assert.equal(decide(st, 'arn:aws:s3:::bucket/${aws:username}/f', { 'aws:username': 'alice' }, '2008-10-17'), 'allowed');
});

test('unresolvable variable in Resource: that entry matches nothing', () => {
  const st = allowRes('arn:aws:s3:::bucket/${aws:username}/*');
  assert.equal(decide(st, 'arn:aws:s3:::bucket//f', {}, '2012-10-17'), 'implicitDeny');
  const not = { Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::bucket/${aws:username}/*' };
  assert.equal(decide(not, 'arn:aws:s3:::bucket/alice/f', {}, '2012-10-17'), 'allowed', 'NotResource: nothing excluded');
});

test("default values: ${key, 'default'}", () => {
  const st = allowRes("arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'company-wide'}/*");
  assert.equal(decide(st, 'arn:aws:s3:::bucket/company-wide/f', {}, '2012-10-17'), 'allowed');
  assert.equal(decide(st, 'arn:aws:s3:::bucket/red/f', { 'aws:PrincipalTag/team': 'red' }, '2012-10-17'), 'allowed');
  assert.equal(decide(st, 'arn:aws:s3:::bucket/company-wide/f', { 'aws:PrincipalTag/team': 'red' }, '2012-10-17'), 'implicitDeny');
});

test('escapes ${*} ${?} ${$} are literal characters', () => {
  assert.equal(decide(allowRes('arn:aws:s3:::bucket/${*}'), 'arn:aws:s3:::bucket/*', {}, '2012-10-17'), 'allowed');
  assert.equal(decide(allowRes('arn:aws:s3:::bucket/${*}'), 'arn:aws:s3:::bucket/x', {}, '2012-10-17'), 'implicitDeny');
  assert.equal(decide(allowRes('arn:aws:s3:::bucket/${?}'), 'arn:aws:s3:::bucket/?', {}, '2012-10-17'), 'allowed');
  assert.equal(decide(allowRes('arn:aws:s3:::bucket/${?}'), 'arn:aws:s3:::bucket/x', {}, '2012-10-17'), 'implicitDeny');
  assert.equal(decide(allowRes('arn:aws:s3:::bucket/${$}x'), 'arn:aws:s3:::bucket/$x', {}, '2012-10-17'), 'allowed');
});

test('substituted text is literal: a * in a tag value is not a wildcard', () => {
  const st = allowRes('arn:aws:s3:::bucket/${aws:PrincipalTag/dir}/f');
  assert.equal(decide(st, 'arn:aws:s3:::bucket/anything/f', { 'aws:PrincipalTag/dir': '*' }, '2012-10-17'), 'implicitDeny');
  assert.equal(decide(st, 'arn:aws:s3:::bucket/*/f', { 'aws:PrincipalTag/dir': '*' }, '2012-10-17'), 'allowed');
});

test('a multivalued key cannot be a variable', () => {
  const st = allowRes('arn:aws:s3:::bucket/${aws:TagKeys}/f');
  assert.equal(decide(st, 'arn:aws:s3:::bucket/a/f', { 'aws:TagKeys': ['a'] }, '2012-10-17'), 'implicitDeny');
});

test('variables in condition values: positive operators do not match when unresolvable, negated ones do', () => {
  const cond = (op: string) => ({
    Effect: 'Allow',
    Action: 's3:GetObject',
    Resource: '*',
    Condition: { [op]: { 's3:ExistingObjectTag/Team': '${aws:PrincipalTag/Team}' } },
  });
  const r = 'arn:aws:s3:::b/k';
  assert.equal(
    decide(cond('StringEquals'), r, { 's3:ExistingObjectTag/Team': 'red', 'aws:PrincipalTag/Team': 'red' }, '2012-10-17'),
    'allowed',
  );
  assert.equal(decide(cond('StringEquals'), r, { 's3:ExistingObjectTag/Team': 'red' }, '2012-10-17'), 'implicitDeny');
  assert.equal(decide(cond('StringNotEquals'), r, { 's3:ExistingObjectTag/Team': 'red' }, '2012-10-17'), 'allowed');
  assert.equal(
    decide(cond('StringNotEquals'), r, { 's3:ExistingObjectTag/Team': 'red', 'aws:PrincipalTag/Team': 'red' }, '2012-10-17'),
    'implicitDeny',
  );
  assert.equal(
    decide(cond('StringLike'), r, { 's3:ExistingObjectTag/Team': 'red', 'aws:PrincipalTag/Team': 'r*' }, '2012-10-17'),
    'implicitDeny',
    'literal',
  );
});

test('the docs example: Deny StringNotEquals with the principal tag denies principals without the tag', () => {
  const policy = parsePolicy(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { StringNotEquals: { 's3:ExistingObjectTag/Team': '${aws:PrincipalTag/Team}' } },
        },
      ],
    }),
    'identity',
  );
  const run = (context: Record<string, string>) =>
    evaluate({ principal: USER, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context }, { identity: [{ id: 'p', policy }] })
      .decision;
  assert.equal(run({ 's3:ExistingObjectTag/Team': 'red' }), 'explicitDeny');
  assert.equal(run({ 's3:ExistingObjectTag/Team': 'red', 'aws:PrincipalTag/Team': 'red' }), 'allowed');
});

test('variables outside the resource part of a Resource ARN are literal', () => {
  const st = allowRes('arn:aws:sqs:${aws:RequestedRegion}:111122223333:q');
  assert.equal(decide(st, 'arn:aws:sqs:us-east-1:111122223333:q', { 'aws:RequestedRegion': 'us-east-1' }, '2012-10-17'), 'implicitDeny');
});
