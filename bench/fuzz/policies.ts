import { BASE_OPERATORS } from '../../src/policy/conditions/registry.js';
import type { Rng } from './rng.js';
import { type Json, jsonText, mutateTree, oddJson } from './json-mutate.js';
import { oddText } from './values.js';

/**
 * Policy documents: identity, trust, bucket and session policies built from IAM's grammar —
 * every condition operator family with IfExists / ForAllValues / ForAnyValue, variables,
 * NotAction / NotResource / NotPrincipal — then, most of the time, mutated (tree and text).
 */
export type PolicyKind = 'identity' | 'trust' | 'bucket' | 'session';

export interface PolicyContext {
  accountId: string;
  bucket: string;
}

/** Every operator the policy engine knows (same order as before: seeds reproduce), and Null. */
const OPERATORS = [...BASE_OPERATORS.keys(), 'Null'];
const ODD_OPERATORS = [
  'StringEqualsIfExistsIfExists',
  'ForAllValues:ForAnyValue:StringEquals',
  'stringequals',
  '',
  'Foo',
  'ForAllValues:',
  'IfExists',
  'ForAnyValue:Null',
  'ForAllValues:Bool',
  'NullIfExists',
  'StringLike ',
  'ForAnyValue:StringLikeIfExists',
  'ForSomeValues:StringEquals',
  'NumericLessThanIfExists',
  'DateLessThanEqualsIfExists',
  'BinaryEqualsIfExists',
  'ArnLikeIfExists',
  'IpAddressIfExists',
  'ForAllValues:NumericLessThan',
  'ForAnyValue:IpAddress',
  'ForAllValues:DateGreaterThan',
  '__proto__',
  'constructor',
];
const KEYS = [
  'aws:username',
  'aws:userid',
  'aws:PrincipalTag/team',
  'aws:RequestTag/${aws:username}',
  'aws:TagKeys',
  'aws:SourceIp',
  'aws:CurrentTime',
  'aws:EpochTime',
  'aws:MultiFactorAuthPresent',
  'aws:MultiFactorAuthAge',
  'aws:SecureTransport',
  's3:prefix',
  's3:max-keys',
  's3:delimiter',
  'sts:ExternalId',
  'iam:PolicyARN',
  'aws:ResourceTag/env',
  'sts:RoleSessionName',
  's3:ExistingObjectTag/k',
  'aws:PrincipalArn',
  'aws:PrincipalAccount',
  'aws:PrincipalType',
  'aws:RequestedRegion',
  'saml:aud',
  'unknown:key',
  '',
  'aws:',
  'aws:Referer',
  'aws:UserAgent',
  'sts:SourceIdentity',
  's3:x-amz-content-sha256',
  's3:signatureAge',
  'aws:TokenIssueTime',
  'iam:PermissionsBoundary',
  'aws:ViaAWSService',
  'AWS:USERNAME',
  'aws:PrincipalTag/',
  'aws:RequestTag/${',
  's3:RequestObjectTagKeys',
];
const ACTIONS = [
  '*',
  'iam:*',
  's3:*',
  'sts:*',
  's3:Get*',
  'sts:AssumeRole',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  'iam:CreateUser',
  'iam:PassRole',
  's3:*Object*',
  '?am:*',
  'iam:',
  ':',
  'iam:Create???',
  'cloudtrail:LookupEvents',
  '*:*',
  's3:GetObject*Tagging',
  'IAM:createuser',
  'iam:Get*',
  's3:ListBucket',
  's3:PutObject',
  'sts:GetCallerIdentity',
  'ec2:*',
  'iam:*User*',
  's3:',
  '**',
  'iam:**',
  'a'.repeat(300),
];

function resources(ctx: PolicyContext): string[] {
  const a = ctx.accountId;
  return [
    '*',
    `arn:aws:iam::${a}:user/*`,
    `arn:aws:iam::${a}:role/fuzz-*`,
    `arn:aws:s3:::${ctx.bucket}/*`,
    `arn:aws:s3:::${ctx.bucket}`,
    `arn:aws:s3:::${ctx.bucket}/\${aws:username}/*`,
    `arn:aws:iam::*:role/*`,
    `arn:aws:iam::${a}:policy/fuzz-p0`,
    'arn:*:*:*:*:*',
    'arn:aws:s3:::*',
    'arn:aws',
    'arn:',
    'arn:aws:iam::',
    `arn:aws:iam::${a}:user/\${aws:username}`,
    `arn:aws:iam::${a}:user/\${`,
    `arn:aws:iam::${a}:user/\${aws:PrincipalTag/\${aws:username}}`,
    `arn:aws:s3:::${ctx.bucket}/\${*}\${?}\${$}`,
    'arn:aws:s3:::a/b?c*d',
    `arn:aws-cn:iam::${a}:user/x`,
    `arn:aws:iam::${a}:user/${'x'.repeat(600)}`,
    '*:*',
    '',
  ];
}

function principals(ctx: PolicyContext): Json[] {
  const a = ctx.accountId;
  return [
    '*',
    { AWS: '*' },
    { AWS: `arn:aws:iam::${a}:root` },
    { AWS: a },
    { AWS: [`arn:aws:iam::${a}:user/fuzz-u0`, `arn:aws:iam::${a}:role/fuzz-r0`] },
    { Service: 'ec2.amazonaws.com' },
    { Federated: 'cognito-identity.amazonaws.com' },
    { Federated: `arn:aws:iam::${a}:saml-provider/x` },
    { CanonicalUser: 'a'.repeat(64) },
    { AWS: 'arn:aws:iam::999999999999:root' },
    { AWS: `arn:aws:sts::${a}:assumed-role/fuzz-role/s` },
    { AWS: [] },
    { AWS: 'not-an-arn' },
    { AWS: `arn:aws:iam::${a}:user/does-not-exist` },
    {},
    { Foo: 'bar' },
    { AWS: `arn:aws:iam::${a}:user/*` },
  ];
}

function conditionValue(r: Rng, operator: string): Json {
  const family = operator.replace(/^For(All|Any)Values:/, '').replace(/IfExists$/, '');
  const one = (): Json => {
    if (family.startsWith('Numeric')) return r.pick(['0', '10', '-1', '1e309', '1.5', 'abc', '9007199254740993', 10, 1e308]);
    if (family.startsWith('Date'))
      return r.pick(['2020-01-01T00:00:00Z', '1700000000', '2020-13-45T99:99:99Z', 'now', '-1', '9999-12-31T23:59:59Z', 0]);
    if (family === 'Bool' || family === 'Null') return r.pick(['true', 'false', 'TRUE', 'yes', '', true, 1]);
    if (family.includes('IpAddress'))
      return r.pick([
        '10.0.0.0/8',
        '127.0.0.1',
        '::1/128',
        '10.0.0.0/33',
        '300.1.1.1',
        '1.2.3.4/-1',
        '2001:db8::/129',
        '0.0.0.0/0',
        '::/0',
        'fe80::1%eth0',
        '',
      ]);
    if (family === 'BinaryEquals') return r.pick(['QmluYXJ5', '====', '', '!!notbase64']);
    if (family.startsWith('Arn'))
      return r.pick([
        'arn:aws:iam::*:user/*',
        'arn:aws:*',
        '*',
        'arn:aws:iam::111122223333:role/${aws:username}',
        'notarn',
        'arn:::::',
        '',
      ]);
    return r.pick([
      'fuzz',
      '${aws:username}',
      '*',
      '?',
      '',
      'a*b?c',
      '${aws:PrincipalTag/team}',
      '${*}',
      '${',
      'x'.repeat(1000),
      '\u0000',
      '日本',
    ]);
  };
  return r.chance(0.3) ? Array.from({ length: r.chance(0.03) ? r.range(100, 1500) : r.range(0, 4) }, one) : one();
}

function condition(r: Rng): Json {
  const out: { [k: string]: Json } = {};
  const n = r.range(1, 3);
  for (let i = 0; i < n; i++) {
    let op = r.chance(0.15) ? r.pick(ODD_OPERATORS) : r.pick(OPERATORS);
    if (r.chance(0.2)) op += 'IfExists';
    if (r.chance(0.2)) op = `${r.pick(['ForAllValues', 'ForAnyValue'])}:${op}`;
    const block: { [k: string]: Json } = {};
    const keys = r.range(1, 3);
    for (let k = 0; k < keys; k++) block[r.pick(KEYS)] = conditionValue(r, op);
    out[op] = block;
  }
  return out;
}

function statement(r: Rng, kind: PolicyKind, ctx: PolicyContext): Json {
  const s: { [k: string]: Json } = {};
  if (r.chance(0.3)) s.Sid = r.pick(['s1', '', 'Sid With Spaces', '日本', 'x'.repeat(200)]);
  s.Effect = r.chance(0.9) ? r.pick(['Allow', 'Deny']) : r.pick(['allow', 'Deny ', 'Maybe', '']);
  const actionList = () => (r.chance(0.3) ? Array.from({ length: r.range(0, 5) }, () => r.pick(ACTIONS)) : r.pick(ACTIONS));
  if (kind === 'trust') {
    s[r.chance(0.9) ? 'Principal' : 'NotPrincipal'] = r.pick(principals(ctx));
    s.Action = r.chance(0.8)
      ? r.pick(['sts:AssumeRole', ['sts:AssumeRole', 'sts:TagSession'], 'sts:AssumeRoleWithWebIdentity', 'sts:*', '*'])
      : actionList();
  } else {
    if (kind === 'bucket') s[r.chance(0.9) ? 'Principal' : 'NotPrincipal'] = r.pick(principals(ctx));
    s[r.chance(0.85) ? 'Action' : 'NotAction'] =
      kind === 'bucket' && r.chance(0.7) ? r.pick(['s3:GetObject', 's3:*', ['s3:ListBucket', 's3:PutObject'], 's3:Get*']) : actionList();
    const rs = resources(ctx);
    s[r.chance(0.85) ? 'Resource' : 'NotResource'] = r.chance(0.3) ? Array.from({ length: r.range(0, 4) }, () => r.pick(rs)) : r.pick(rs);
  }
  if (r.chance(0.45)) s.Condition = condition(r);
  return s;
}

export function policyValue(r: Rng, kind: PolicyKind, ctx: PolicyContext): Json {
  const statements = Array.from({ length: r.chance(0.02) ? r.range(50, 200) : r.range(1, 4) }, () => statement(r, kind, ctx));
  const doc: { [k: string]: Json } = {};
  if (r.chance(0.92)) doc.Version = r.chance(0.85) ? '2012-10-17' : r.pick(['2008-10-17', '2012-10-18', '', 2012, null]);
  if (r.chance(0.2)) doc.Id = r.pick(['id', '', 'x'.repeat(300)]);
  doc.Statement = statements.length === 1 && r.chance(0.4) ? statements[0]! : statements;
  return doc;
}

/**
 * A policy document as bytes: valid about a third of the time, otherwise mutated in its tree,
 * its text, or both. `what` names the mutations (empty when it is valid).
 */
export function policyDocument(r: Rng, kind: PolicyKind, ctx: PolicyContext): { bytes: Buffer; what: string[] } {
  let value = policyValue(r, kind, ctx);
  const what: string[] = [];
  if (r.chance(0.55)) {
    const interesting: Json[] = [...principals(ctx), ...resources(ctx), condition(r), { StringEquals: {} }, { '': { '': '' } }];
    const n = r.range(1, 3);
    for (let i = 0; i < n; i++) {
      const m = mutateTree(r, value, interesting);
      value = m.value;
      what.push(`policy-${m.what}`);
    }
  }
  if (r.chance(0.02)) value = oddJson(r);
  const text = jsonText(r, value, 0.3);
  if (text.what) what.push(`policy-${text.what}`);
  if (r.chance(0.01)) return { bytes: Buffer.from(oddText(r)), what: [...what, 'policy:odd-text'] };
  return { bytes: text.bytes, what };
}
