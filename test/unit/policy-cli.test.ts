import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { run as simulate, principalFrom } from '../../src/cli/policy-simulate.js';
import { run as validate } from '../../src/cli/policy-validate.js';

// `keysmith policy validate` and `keysmith policy simulate` (issue 3, item 8), driven through their run() with fake I/O.
function io(files: Record<string, string>, stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (s: string) => void out.push(s),
      stderr: (s: string) => void err.push(s),
      readFile: async (p: string) => {
        const f = files[p];
        if (f === undefined) throw new Error('ENOENT');
        return f;
      },
      readStdin: async () => stdin,
    },
  };
}

test('validate: a good identity policy exits 0', async () => {
  const t = io({
    'p.json': JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } }),
  });
  assert.equal(await validate(['p.json'], t.io), 0);
  assert.match(t.out.join(''), /valid identity policy/);
});

test('validate: errors print AWS messages with positions and exit 1', async () => {
  const t = io({ 'p.json': '{"Statement":{"Effect":"Allow","Action":"s3:GetObject"}}' });
  assert.equal(await validate(['p.json'], t.io), 1);
  const text = t.out.join('');
  assert.match(text, /MalformedPolicyDocument: Policy document must be version 2012-10-17 or greater\./);
  assert.match(text, /p\.json:1:14: MalformedPolicyDocument: Policy statement must contain resources\./);
});

test('validate: --kind trust and --json', async () => {
  const t = io({
    't.json': JSON.stringify({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 's3:GetObject' },
    }),
  });
  assert.equal(await validate(['t.json', '--kind', 'trust', '--json'], t.io), 1);
  const out = JSON.parse(t.out.join(''));
  assert.equal(out.valid, false);
  assert.equal(out.findings[0].message, 'AssumeRole policy may only specify STS AssumeRole actions.');
});

test('validate: usage errors exit 2', async () => {
  assert.equal(await validate([], io({}).io), 2);
  assert.equal(await validate(['x', '--kind', 'nope'], io({}).io), 2);
  assert.equal(await validate(['missing.json'], io({}).io), 2);
});

const input = {
  identityPolicies: [
    {
      Version: '2012-10-17',
      Statement: [{ Sid: 'Home', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:username}/*' }],
    },
  ],
  permissionBoundaries: [{ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } }],
  request: { principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::b/alice/x', context: {} },
};

test('simulate: the context is verbatim; --derive adds aws:username', async () => {
  const plain = io({ 'in.json': JSON.stringify(input) });
  assert.equal(await simulate(['in.json'], plain.io), 3);
  const a = JSON.parse(plain.out.join(''));
  assert.equal(a.decision, 'implicitDeny');
  assert.deepEqual(a.missingContextValues, ['aws:username']);

  const derived = io({ 'in.json': JSON.stringify(input) });
  assert.equal(await simulate(['in.json', '--derive'], derived.io), 0);
  const b = JSON.parse(derived.out.join(''));
  assert.equal(b.decision, 'allowed');
  assert.equal(b.context['aws:username'], 'alice');
  assert.deepEqual(
    b.matchedStatements.map((m: { policy: string; statementIndex: number }) => `${m.policy}#${m.statementIndex}`),
    ['identityPolicies[0]#0', 'permissionBoundaries[0]#0'],
  );
});

test('simulate: reads stdin, --explain prints a readable account', async () => {
  const t = io({}, JSON.stringify({ ...input, request: { ...input.request, action: 's3:PutObject' } }));
  assert.equal(await simulate(['-', '--explain', '--derive'], t.io), 3);
  const text = t.out.join('');
  assert.match(text, /^DENIED \(implicit deny\): s3:PutObject/);
  assert.match(text, /because no identity-based policy allows the s3:PutObject action/);
  assert.match(text, /identityPolicies\[0\] \(identity\) statement 0 "Home" \(Allow\): action does not match/);
});

test('simulate: trust policy for sts:AssumeRole, SCP levels, and bad input', async () => {
  const trust = {
    identityPolicies: [],
    resourcePolicy: {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
    },
    request: { principal: 'ec2.amazonaws.com', action: 'sts:AssumeRole', resource: 'arn:aws:iam::111122223333:role/R' },
  };
  const t = io({ 'trust.json': JSON.stringify(trust) });
  assert.equal(await simulate(['trust.json'], t.io), 0);
  const scp = {
    identityPolicies: [{ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }],
    scps: [
      [{ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }],
      [{ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } }],
    ],
    request: { principal: 'arn:aws:iam::111122223333:user/alice', action: 'ec2:RunInstances', resource: '*' },
  };
  const s = io({ 'scp.json': JSON.stringify(scp) });
  assert.equal(await simulate(['scp.json'], s.io), 3);
  assert.equal(JSON.parse(s.out.join('')).layer, 'scp');
  const bad = io({ 'bad.json': JSON.stringify({ identityPolicies: ['{"Statement":[]}'], request: input.request }) });
  assert.equal(await simulate(['bad.json'], bad.io), 1);
  assert.match(bad.err.join(''), /identityPolicies\[0\]: MalformedPolicyDocument: Syntax errors in policy\./);
});

test('simulate: principal strings', () => {
  assert.equal(principalFrom('arn:aws:iam::111122223333:root').type, 'Root');
  assert.equal(principalFrom('arn:aws:sts::111122223333:assumed-role/Dev/s1').roleArn, 'arn:aws:iam::111122223333:role/Dev');
  assert.equal(principalFrom('arn:aws:iam::111122223333:role/team/Dev').type, 'AssumedRole');
  assert.equal(principalFrom('arn:aws:sts::111122223333:federated-user/fred').type, 'FederatedUser');
  assert.equal(principalFrom('accounts.google.com').type, 'Federated');
  assert.equal(principalFrom('arn:aws:iam::111122223333:saml-provider/Corp').type, 'Federated');
  assert.equal(principalFrom('lambda.amazonaws.com').type, 'Service');
  assert.equal(principalFrom('anonymous').type, 'Anonymous');
});

test('validate: unknown actions warn with a suggestion; a trust policy gets a --kind trust hint', async () => {
  const t = io({
    'p.json': JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'sts:AssumeRoel', Resource: '*' } }),
  });
  assert.equal(await validate(['p.json'], t.io), 0);
  assert.match(
    t.out.join(''),
    /p\.json:1:37: warning invalid-action: Invalid action: The action sts:AssumeRoel does not exist\. Did you mean sts:AssumeRole\? \(statement 0, Action\)\n/,
  );
  assert.match(t.out.join(''), /p\.json: valid identity policy \(1 warning\)/);

  const trust = io({
    't.json': JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  });
  assert.equal(await validate(['t.json'], trust.io), 1);
  const text = trust.out.join('');
  assert.match(
    text,
    /Policy document should not specify a principal\. \(statement 0, Principal\) \[.*role trust policy.*\] \(try --kind trust\)/,
  );
  assert.match(text, /t\.json: hint: this looks like a role trust policy; check it with: keysmith policy validate t\.json --kind trust\n/);
  const json = io({ 't.json': await trust.io.readFile('t.json') });
  assert.equal(await validate(['t.json', '--json'], json.io), 1);
  assert.equal(JSON.parse(json.out.join('')).findings[0].suggestedKind, 'trust');
});

test('simulate --help documents the input with an example that runs', async () => {
  const h = io({});
  assert.equal(await simulate(['--help'], h.io), 0);
  const help = h.out.join('');
  for (const member of [
    'identityPolicies',
    'resourcePolicy',
    'permissionBoundaries',
    'sessionPolicies',
    'scps',
    'request',
    'principal',
    'context',
  ])
    assert.ok(help.includes(member), member);
  const example = /Example[^\n]*:\n([\s\S]*?)\n\n/.exec(help);
  assert.ok(example, 'an "Example:" paragraph');
  const t = io({ 'ex.json': example[1]! });
  const status = await simulate(['ex.json'], t.io);
  assert.ok(status === 0 || status === 3, t.err.join(''));
  assert.ok(['allowed', 'implicitDeny', 'explicitDeny'].includes(JSON.parse(t.out.join('')).decision));
});
