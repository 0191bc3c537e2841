import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { ArnPattern } from '../../src/policy/arn-pattern.js';
import { ActionSpec } from '../../src/policy/action.js';
import { serviceId } from '../../src/policy/service-ids.js';
import { Glob } from '../../src/policy/glob.js';
import { PrincipalSpec } from '../../src/policy/principal.js';
import { tokenize } from '../../src/policy/template.js';
import type { RequestPrincipal } from '../../src/policy/index.js';

// Action, resource and principal matching (UG reference_policies_elements_action / _resource / _principal).
const arn = (p: string) => new ArnPattern(tokenize(p, { wildcards: true, variables: false }), { variablesOnlyInResourcePart: true });
const glob = (p: string) => new Glob(tokenize(p, { wildcards: true, variables: false }));

test('glob: * any run including none, ? exactly one', () => {
  assert.ok(glob('*').test(''));
  assert.ok(glob('a*b*c').test('aXXbYYc'));
  assert.ok(!glob('a*b*c').test('aXXbYY'));
  assert.ok(glob('a?c').test('abc'));
  assert.ok(!glob('a?c').test('ac'));
  assert.ok(glob('**a').test('a'));
  assert.ok(glob('*a*a*').test('aa'));
  assert.ok(!glob('*a*a*').test('ab'));
  assert.ok(glob('ab*').test('ab'));
  assert.ok(glob('*ab').test('cab'));
});

test('actions: case-insensitive, wildcards in the name, the prefix is literal', () => {
  const a = new ActionSpec(['IAM:listaccesskeys', 's3:Get*', 'ec2:Describe?nstances']);
  assert.ok(a.matches(serviceId('iam'), 'listaccesskeys'));
  assert.ok(a.matches(serviceId('s3'), 'getobject'));
  assert.ok(!a.matches(serviceId('s3'), 'putobject'));
  assert.ok(a.matches(serviceId('ec2'), 'describeinstances'));
  assert.ok(!new ActionSpec(['s3:*']).matches(serviceId('s3-object-lambda'), 'getobject'));
  assert.ok(new ActionSpec(['*']).matches(serviceId('anything'), 'at-all'));
  assert.ok(new ActionSpec(['iam:*AccessKey*']).matches(serviceId('iam'), 'createaccesskey'));
});

test('resources: case-sensitive, * crosses / in the resource part (doc examples)', () => {
  const p = arn('arn:aws:s3:::bucket/*/test/*');
  assert.ok(p.test('arn:aws:s3:::bucket/1/2/test/3/o.jpg'));
  assert.ok(p.test('arn:aws:s3:::bucket//test/o.jpg'));
  assert.ok(!p.test('arn:aws:s3:::bucket/1/2/test.jpg'));
  assert.ok(arn('arn:aws:iam::111122223333:user/Bob').test('arn:aws:iam::111122223333:user/Bob'));
  assert.ok(!arn('arn:aws:iam::111122223333:user/Bob').test('arn:aws:iam::111122223333:user/bob'));
  assert.ok(arn('arn:aws:s3:::b/?').test('arn:aws:s3:::b//'));
});

test('resources: a trailing * of the last pattern part runs past later colons', () => {
  assert.ok(arn('arn:aws:ec2:us-east-1:*').test('arn:aws:ec2:us-east-1:111122223333:instance/i-1'));
  assert.ok(
    arn('arn:aws:logs:us-east-1:111122223333:log-group:app-*').test('arn:aws:logs:us-east-1:111122223333:log-group:app-1:log-stream:s1'),
  );
  assert.ok(!arn('arn:aws:ec2:us-east-1:*').test('arn:aws:ec2:us-west-2:111122223333:instance/i-1'));
  assert.ok(
    !arn('arn:aws:ec2:*:111122223333:instance/*').test('arn:aws:ec2:us-east-1:999:x:111122223333:instance/i'),
    'region * stays in its part',
  );
});

test('resources: "*" matches everything including the * resource; ARN patterns do not match "*"', () => {
  assert.ok(arn('*').test('*'));
  assert.ok(arn('*').test('arn:aws:s3:::b'));
  assert.ok(!arn('arn:aws:s3:::*').test('*'));
  assert.ok(!arn('arn:aws:s3:::b').test('arn:aws:s3:::b:extra'), 'no more parts');
});

const user: RequestPrincipal = {
  type: 'User',
  arn: 'arn:aws:iam::111122223333:user/team/alice',
  accountId: '111122223333',
  userId: 'AIDAEXAMPLEEXAMPLE01',
};
const session: RequestPrincipal = {
  type: 'AssumedRole',
  arn: 'arn:aws:sts::111122223333:assumed-role/Admin/s1',
  accountId: '111122223333',
  roleArn: 'arn:aws:iam::111122223333:role/Admin',
  userId: 'AROAEXAMPLEEXAMPLE01:s1',
};

test('principals: account, user, role, session, unique ids, no partial wildcards', () => {
  const P = (e: Record<string, string[]> | '*') => new PrincipalSpec(e);
  assert.equal(P({ AWS: ['111122223333'] }).match(user), 'account');
  assert.equal(P({ AWS: ['arn:aws:iam::111122223333:root'] }).match(session), 'account');
  assert.equal(P({ AWS: ['arn:aws:iam::111122223333:user/team/alice'] }).match(user), 'user');
  assert.equal(P({ AWS: ['arn:aws:iam::111122223333:user/team/ALICE'] }).match(user), null);
  assert.equal(P({ AWS: ['arn:aws:iam::111122223333:user/team/al*'] }).match(user), null);
  assert.equal(P({ AWS: ['arn:aws:iam::111122223333:role/Admin'] }).match(session), 'role');
  assert.equal(P({ AWS: ['arn:aws:sts::111122223333:assumed-role/Admin/s1'] }).match(session), 'session');
  assert.equal(P({ AWS: ['arn:aws:sts::111122223333:assumed-role/Admin/s2'] }).match(session), null);
  assert.equal(P({ AWS: ['AIDAEXAMPLEEXAMPLE01'] }).match(user), 'user');
  assert.equal(P({ AWS: ['AROAEXAMPLEEXAMPLE01'] }).match(session), 'role');
  assert.equal(P('*').match({ type: 'Anonymous', arn: '', accountId: '' }), 'any');
  assert.equal(P({ AWS: ['*'] }).match(user), 'any');
  assert.equal(P({ AWS: ['*', 'arn:aws:iam::111122223333:role/Admin'] }).match(session), 'any', 'the strongest name wins');
  assert.equal(P({ AWS: ['111122223333', 'arn:aws:iam::111122223333:role/Admin'] }).match(session), 'role');
  assert.equal(P({ AWS: ['999999999999'] }).match(user), null);
  assert.equal(
    P({ Service: ['ec2.amazonaws.com'] }).match({ type: 'Service', arn: '', accountId: '', service: 'ec2.amazonaws.com' }),
    'service',
  );
  assert.equal(P({ Service: ['ec2.amazonaws.com'] }).match(user), null);
  assert.equal(
    P({ Federated: ['accounts.google.com'] }).match({
      type: 'Federated',
      arn: '',
      accountId: '',
      federatedProvider: 'accounts.google.com',
    }),
    'federated',
  );
  assert.equal(P({ CanonicalUser: ['abc'] }).match({ ...user, canonicalUserId: 'abc' }), 'canonicalUser');
});

test('NotPrincipal exempts a caller only when its whole chain is listed', () => {
  const P = (aws: string[]) => new PrincipalSpec({ AWS: aws });
  assert.equal(P(['arn:aws:iam::111122223333:user/team/alice']).exempts(user), false, 'account missing');
  assert.equal(P(['arn:aws:iam::111122223333:user/team/alice', '111122223333']).exempts(user), true);
  assert.equal(P(['111122223333']).exempts(user), false, 'account alone exempts nobody');
  assert.equal(P(['arn:aws:iam::111122223333:role/Admin', '111122223333']).exempts(session), false, 'session missing');
  assert.equal(
    P([
      'arn:aws:iam::111122223333:role/Admin',
      'arn:aws:sts::111122223333:assumed-role/Admin/s1',
      'arn:aws:iam::111122223333:root',
    ]).exempts(session),
    true,
  );
});
