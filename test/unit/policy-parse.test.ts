import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { parsePolicy, validatePolicy, type PolicyKind } from '../../src/policy/index.js';
import { isAwsError } from '../../src/errors/aws-error.js';

// MalformedPolicyDocument texts and their order (aws-sts-iam-facts §4.6; policy-semantics §7;
// the recorded-against-AWS cases of getmoto/moto tests/test_iam/test_iam_policies.py).
function messageOf(doc: unknown, kind: PolicyKind = 'identity', requireCurrentVersion = true): string | undefined {
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
  try {
    parsePolicy(text, kind, { requireCurrentVersion });
    return undefined;
  } catch (e) {
    assert.ok(isAwsError(e));
    assert.equal(e.code, 'MalformedPolicyDocument');
    assert.equal(e.status, 400);
    return e.message;
  }
}
const V = '2012-10-17';
const st = (s: Record<string, unknown>) => ({ Version: V, Statement: s });

test('grammar errors → Syntax errors in policy.', () => {
  const cases: unknown[] = [
    'not json',
    '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:x","Resource":"*","Effect":"Deny"}}',
    [],
    { Version: V },
    { Version: V, Statement: [] },
    { Version: '2013-10-17', Statement: { Effect: 'Allow', Action: 's3:x', Resource: '*' } },
    { Version: V, Id: 5, Statement: { Effect: 'Allow', Action: 's3:x', Resource: '*' } },
    { Version: V, Extra: 'x', Statement: { Effect: 'Allow', Action: 's3:x', Resource: '*' } },
    st({ Effect: 'Allow', Action: 's3:x', Resource: '*', 'Extra field': 'v' }),
    st({ Action: 's3:x', Resource: '*' }),
    st({ Effect: 'Maybe', Action: 's3:x', Resource: '*' }),
    st({ Effect: 'Allow', Action: 's3:x', NotAction: 's3:y', Resource: '*' }),
    st({ Effect: 'Allow', Action: 's3:x', Resource: '*', NotResource: '*' }),
    st({ Effect: 'Allow', Action: ['s3:x', 5], Resource: '*' }),
    st({ Effect: 'Allow', Action: 's3:x', Resource: '*', Condition: [] }),
    st({ Effect: 'Allow', Action: 's3:x', Resource: '*', Condition: { StringEquals: 'x' } }),
    st({ Effect: 'Allow', Action: 's3:x', Resource: '*', Condition: { StringEquals: { a: { b: 'c' } } } }),
    st({ Effect: 'Allow', Action: 's3:x', Resource: '*', Condition: { 'ForAnyValue::StringEqualsIfExists': { a: 'b' } } }),
    st({ Sid: 5, Effect: 'Allow', Action: 's3:x', Resource: '*' }),
  ];
  for (const c of cases) assert.equal(messageOf(c), 'Syntax errors in policy.', JSON.stringify(c));
});

test('trust policy that is not JSON → This policy contains invalid Json', () => {
  assert.equal(messageOf('{"Version": ', 'trust'), 'This policy contains invalid Json');
});

test('Version missing or 2008-10-17 refused only when required', () => {
  const doc = { Statement: { Effect: 'Allow', Action: 's3:x', Resource: '*' } };
  assert.equal(messageOf(doc), 'Policy document must be version 2012-10-17 or greater.');
  assert.equal(messageOf({ ...doc, Version: '2008-10-17' }), 'Policy document must be version 2012-10-17 or greater.');
  assert.equal(messageOf(doc, 'identity', false), undefined);
  assert.equal(messageOf({ ...doc, Version: '2008-10-17' }, 'identity', false), undefined);
  assert.equal(
    messageOf({ Statement: { Effect: 'Deny', Principal: '*', Action: 's3:x', Resource: '*' } }, 'rcp', false),
    'Policy document must be version 2012-10-17 or greater.',
  );
});

test('legacy parsing: Effect case, dates, short ARNs', () => {
  assert.equal(messageOf(st({ Effect: 'allow', Action: 's3:x', Resource: '*' })), 'The policy failed legacy parsing');
  assert.equal(messageOf(st({ Effect: 'denY', Action: 's3:x', Resource: '*' })), 'The policy failed legacy parsing');
  assert.equal(
    messageOf(st({ Effect: 'Allow', Action: 's3:x', Resource: '*', Condition: { DateGreaterThan: { 'a:b': 'sdfdsf' } } })),
    'The policy failed legacy parsing',
  );
  assert.equal(
    messageOf(st({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3::example_bucket' })),
    'The policy failed legacy parsing',
  );
  assert.equal(messageOf(st({ Effect: 'Allow', Resource: 'arn:aws:s3::example_bucket' })), 'The policy failed legacy parsing');
});

test('Sid rules', () => {
  const two = {
    Version: V,
    Statement: [
      { Sid: 'A', Effect: 'Allow', Action: 's3:x', Resource: '*' },
      { Sid: 'A', Effect: 'Allow', Action: 's3:y', Resource: '*' },
    ],
  };
  assert.equal(messageOf(two), 'Statement IDs (SID) in a single policy must be unique.');
  assert.equal(
    messageOf(st({ Sid: 'my-sid', Effect: 'Allow', Action: 's3:x', Resource: '*' })),
    'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
  );
  assert.equal(
    messageOf({ Version: V, Statement: { Sid: 'my sid', Effect: 'Allow', Principal: '*', Action: 's3:x', Resource: '*' } }, 'resource'),
    undefined,
    'resource policies are laxer',
  );
  const empties = {
    Version: V,
    Statement: [
      { Sid: '', Effect: 'Allow', Action: 's3:x', Resource: '*' },
      { Sid: '', Effect: 'Allow', Action: 's3:y', Resource: '*' },
    ],
  };
  assert.equal(messageOf(empties), undefined, 'empty Sids are not compared');
});

test('actions', () => {
  assert.equal(messageOf(st({ Effect: 'Allow', Resource: '*' })), 'Policy statement must contain actions.');
  assert.equal(messageOf(st({ Effect: 'Allow', Action: [], Resource: '*' })), 'Policy statement must contain actions.');
  assert.equal(
    messageOf(st({ Effect: 'Allow', Action: 'invalid', Resource: '*' })),
    'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  );
  assert.equal(
    messageOf(st({ Effect: 'Allow', Action: 's3:List:Bucket', Resource: '*' })),
    'Actions/Condition can contain only one colon.',
  );
  assert.equal(messageOf(st({ Effect: 'Allow', Action: 'a a:ListBucket', Resource: '*' })), 'Vendor a a is not valid');
  assert.equal(messageOf(st({ Effect: 'Allow', Action: 'fsx:ListBucket', Resource: '*' })), undefined, 'existence is not checked');
});

test('resources', () => {
  assert.equal(messageOf(st({ Effect: 'Allow', Action: 's3:x' })), 'Policy statement must contain resources.');
  assert.equal(messageOf(st({ Effect: 'Allow', Action: 's3:x', Resource: [] })), 'Policy statement must contain resources.');
  assert.equal(messageOf(st({ Effect: 'Allow', Action: 's3:x', Resource: 'invalid' })), 'Resource invalid must be in ARN format or "*".');
  assert.equal(
    messageOf(st({ Effect: 'Allow', Action: 's3:x', Resource: 's3::example-bucket/*' })),
    'Partition "" is not valid for resource "arn::example-bucket/*:*:*:*".',
  );
  assert.equal(
    messageOf(st({ Effect: 'Allow', Action: 's3:x', Resource: 'arn:aws2:s3:::example-bucket/*' })),
    'Partition "aws2" is not valid for resource "arn:aws2:s3:::example-bucket/*".',
  );
  assert.equal(
    messageOf(st({ Effect: 'Allow', Action: 's3:x', Resource: 'arn:aws' })),
    'Resource vendor must be fully qualified and cannot contain regexes.',
  );
  assert.equal(
    messageOf(st({ Effect: 'Allow', Action: 's3:x', Resource: 'arn:aws:iam:us-east-1::user/x' })),
    'IAM resource arn:aws:iam:us-east-1::user/x cannot contain region information.',
  );
  assert.equal(
    messageOf(st({ Effect: 'Allow', Action: 's3:x', Resource: 'arn:aws:s3:us-east-1::bucket' })),
    'Resource arn:aws:s3:us-east-1::bucket can not contain region information.',
  );
  assert.equal(messageOf(st({ Effect: 'Allow', Action: 's3:x', Resource: 'arn:aws:s3:us-east-1:111122223333:accesspoint/ap' })), undefined);
  assert.match(
    messageOf(st({ Effect: 'Allow', Action: 's3:x', Resource: 'arn:aws:iam:::example_bucket' })) ?? '',
    /^IAM resource path must either be "\*", root, or start with user\//,
  );
});

test('principal rules by kind', () => {
  assert.equal(
    messageOf(st({ Effect: 'Allow', Principal: '*', Action: 's3:x', Resource: '*' })),
    'Policy document should not specify a principal.',
  );
  assert.equal(messageOf(st({ Effect: 'Allow', Action: 's3:x', Resource: '*' }), 'resource'), 'Missing required field Principal');
  assert.equal(messageOf(st({ Effect: 'Allow', Action: 'sts:AssumeRole' }), 'trust'), 'Missing required field Principal');
  assert.equal(
    messageOf(st({ Effect: 'Allow', Principal: { AWS: 'not-a-principal' }, Action: 'sts:AssumeRole' }), 'trust'),
    'Invalid principal in policy: "AWS":"not-a-principal"',
  );
  assert.equal(
    messageOf(st({ Effect: 'Allow', Principal: { AWS: 'AROAEXAMPLEEXAMPLE01' }, Action: 'sts:AssumeRole' }), 'trust'),
    undefined,
  );
  assert.equal(messageOf(st({ Effect: 'Allow', Principal: { Unknown: 'x' }, Action: 's3:x' }), 'resource'), 'Syntax errors in policy.');
  assert.equal(messageOf(st({ Effect: 'Allow', Principal: {}, Action: 's3:x' }), 'resource'), 'Syntax errors in policy.');
});

test('trust policies', () => {
  const ok = st({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
  assert.equal(messageOf(ok, 'trust'), undefined);
  assert.equal(
    messageOf(st({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject' }), 'trust'),
    'AssumeRole policy may only specify STS AssumeRole actions.',
  );
  assert.equal(
    messageOf(st({ Effect: 'Allow', Principal: { AWS: '*' }, Action: '*' }), 'trust'),
    'AssumeRole policy may only specify STS AssumeRole actions.',
  );
  assert.equal(
    messageOf(
      st({ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'] }),
      'trust',
    ),
    undefined,
  );
  assert.equal(
    messageOf(st({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Resource: '*' }), 'trust'),
    'Has prohibited field Resource',
  );
});

test('RCPs: Version required, no NotAction or NotPrincipal', () => {
  assert.equal(
    messageOf(st({ Effect: 'Deny', Principal: '*', NotAction: 's3:x', Resource: '*' }), 'rcp', false),
    'Has prohibited field NotAction',
  );
  assert.equal(messageOf(st({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }), 'rcp', false), undefined);
});

test('validatePolicy lists every error in order, then warnings', () => {
  const f = validatePolicy(JSON.stringify({ Statement: { Sid: 'a-b', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' } }), 'identity', {
    requireCurrentVersion: true,
  });
  assert.deepEqual(
    f.map((x) => [x.severity, x.code]),
    [
      ['error', 'version'],
      ['error', 'sid-characters'],
      ['warning', 'allow-notaction'],
    ],
  );
});

test('warnings: set operator on a single-valued key, ForAllValues with Allow', () => {
  const f = validatePolicy(
    JSON.stringify(
      st({ Effect: 'Allow', Action: 's3:x', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:username': 'a' } } }),
    ),
    'identity',
  );
  assert.deepEqual(f.map((x) => x.code).sort(), ['forallvalues-allow-without-null', 'set-operator-single-valued']);
});

test('statement source ranges', () => {
  const text = '{"Version":"2012-10-17",\n "Statement":[\n  {"Effect":"Allow","Action":"s3:*","Resource":"*"}\n ]}';
  const p = parsePolicy(text, 'identity');
  assert.deepEqual(p.statements[0]!.range, { start: { line: 3, column: 3 }, end: { line: 3, column: 52 } });
});

test('a single statement object and an array are both accepted', () => {
  assert.equal(parsePolicy(JSON.stringify(st({ Effect: 'Allow', Action: 's3:x', Resource: '*' })), 'identity').statements.length, 1);
});
