import fc from 'fast-check';
import type { RequestPrincipal } from '../../src/policy/index.js';

/**
 * fast-check generators for policy documents, policy sets and requests, over a small vocabulary
 * so that statements actually collide with requests (random strings would almost never match).
 * Documents are generated valid by construction for their kind.
 */

export type Kind = 'identity' | 'resource' | 'trust' | 'session' | 'scp' | 'rcp' | 'boundary';
export type Doc = { Version?: string; Statement: Statement[] };
export type Statement = Record<string, unknown>;

const A = '111122223333';
const B = '444455556666';

export const PRINCIPALS: RequestPrincipal[] = [
  { type: 'User', arn: `arn:aws:iam::${A}:user/alice`, accountId: A, userId: 'AIDAALICEEXAMPLE0001' },
  { type: 'User', arn: `arn:aws:iam::${B}:user/bob`, accountId: B, userId: 'AIDABOBEXAMPLE000001' },
  {
    type: 'AssumedRole',
    arn: `arn:aws:sts::${A}:assumed-role/Dev/s1`,
    accountId: A,
    roleArn: `arn:aws:iam::${A}:role/Dev`,
    userId: 'AROADEVEXAMPLE000001:s1',
  },
  {
    type: 'FederatedUser',
    arn: `arn:aws:sts::${A}:federated-user/fred`,
    accountId: A,
    userId: `${A}:fred`,
    sourceUserArn: `arn:aws:iam::${A}:user/alice`,
  },
  { type: 'Root', arn: `arn:aws:iam::${A}:root`, accountId: A, userId: A },
  { type: 'Service', arn: '', accountId: '', service: 'ec2.amazonaws.com' },
  { type: 'Federated', arn: '', accountId: '', federatedProvider: 'accounts.google.com' },
  { type: 'Anonymous', arn: '', accountId: '' },
];

const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 'iam:CreateUser', 'ec2:RunInstances', 'sts:AssumeRole', 'sts:TagSession'];
const ACTION_PATTERNS = [
  '*',
  's3:*',
  's3:Get*',
  's3:?utObject',
  'S3:getobject',
  's3:ListBucket',
  'iam:*',
  'iam:Create*',
  'ec2:RunInstances',
  'sts:AssumeRole',
  'sts:*',
  'sts:TagSession',
];
const TRUST_ACTIONS = ['sts:AssumeRole', 'sts:TagSession', 'sts:*', 'sts:AssumeRole*'];
const RESOURCES = [
  'arn:aws:s3:::b/k',
  'arn:aws:s3:::b/alice/k',
  'arn:aws:s3:::other/k',
  'arn:aws:s3:::b',
  `arn:aws:iam::${A}:role/R`,
  `arn:aws:iam::${A}:user/x`,
  '*',
  `arn:aws:ec2:us-east-1:${A}:instance/i-1`,
];
const RESOURCE_PATTERNS = [
  '*',
  'arn:aws:s3:::b/*',
  'arn:aws:s3:::b/${aws:username}/*',
  "arn:aws:s3:::b/${aws:PrincipalTag/team, 'alice'}/*",
  'arn:aws:s3:::*',
  'arn:aws:s3:::b',
  'arn:aws:s3:::b/?',
  `arn:aws:iam::${A}:role/*`,
  'arn:aws:iam::*:user/*',
  'arn:aws:ec2:us-east-1:*',
  'arn:aws:ec2:*:*:instance/*',
];
const AWS_PRINCIPALS = [
  '*',
  A,
  `arn:aws:iam::${A}:root`,
  B,
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:iam::${A}:role/Dev`,
  `arn:aws:sts::${A}:assumed-role/Dev/s1`,
  `arn:aws:sts::${A}:federated-user/fred`,
  `arn:aws:iam::${B}:user/bob`,
  'AIDAALICEEXAMPLE0001',
];

const CONDITIONS: fc.Arbitrary<[string, string, unknown]>[] = [
  fc.tuple(
    fc.constantFrom(
      'StringEquals',
      'StringNotEquals',
      'StringLike',
      'StringNotLike',
      'StringEqualsIgnoreCase',
      'StringEqualsIfExists',
      'StringNotEqualsIfExists',
    ),
    fc.constantFrom('aws:username', 'aws:PrincipalTag/team', 'AWS:PrincipalTag/TEAM'),
    fc.subarray(['alice', 'ALICE', 'red', 'al*', '${aws:username}', 'blue'], { minLength: 1 }),
  ),
  fc.tuple(
    fc.constantFrom(
      'ForAllValues:StringEquals',
      'ForAnyValue:StringEquals',
      'ForAllValues:StringNotLike',
      'ForAnyValue:StringLike',
      'ForAnyValue:StringEqualsIfExists',
    ),
    fc.constant('aws:TagKeys'),
    fc.subarray(['env', 'team', 'se*'], { minLength: 1 }),
  ),
  fc.tuple(
    fc.constantFrom('NumericLessThan', 'NumericGreaterThanEquals', 'NumericNotEquals', 'NumericLessThanIfExists'),
    fc.constant('s3:max-keys'),
    fc.constantFrom('10', '100', ['5', '50']),
  ),
  fc.tuple(fc.constantFrom('Bool', 'BoolIfExists'), fc.constant('aws:SecureTransport'), fc.constantFrom('true', 'false', true)),
  fc.tuple(fc.constant('Null'), fc.constantFrom('aws:username', 'aws:TagKeys', 'aws:PrincipalTag/team'), fc.constantFrom('true', 'false')),
  fc.tuple(
    fc.constantFrom('IpAddress', 'NotIpAddress', 'IpAddressIfExists'),
    fc.constant('aws:SourceIp'),
    fc.constantFrom('203.0.113.0/24', ['10.0.0.0/8', '192.0.2.1']),
  ),
  fc.tuple(
    fc.constantFrom('DateLessThan', 'DateGreaterThan', 'DateNotEquals'),
    fc.constant('aws:CurrentTime'),
    fc.constantFrom('2024-01-01T00:00:00Z', '1704067200'),
  ),
  fc.tuple(
    fc.constantFrom('ArnLike', 'ArnNotLike', 'ArnEquals'),
    fc.constant('aws:PrincipalArn'),
    fc.constantFrom(`arn:aws:iam::${A}:role/*`, `arn:aws:iam::*:user/alice`, 'arn:aws:iam::${aws:PrincipalAccount}:*'),
  ),
];

const conditionBlock = fc
  .oneof(
    { arbitrary: fc.constant([]), weight: 2 },
    { arbitrary: fc.array(fc.oneof(...CONDITIONS), { minLength: 1, maxLength: 2 }), weight: 1 },
  )
  .map((clauses) => {
    const block: Record<string, Record<string, unknown>> = {};
    for (const [op, key, values] of clauses) (block[op] ??= {})[key] = values;
    return block;
  });

function statement(kind: Kind, effect?: 'Allow' | 'Deny'): fc.Arbitrary<Statement> {
  const trust = kind === 'trust';
  const actions = trust ? fc.subarray(TRUST_ACTIONS, { minLength: 1 }) : fc.subarray(ACTION_PATTERNS, { minLength: 1, maxLength: 3 });
  const principalLess = kind === 'identity' || kind === 'session' || kind === 'boundary' || kind === 'scp';
  return fc
    .record({
      effect: effect ? fc.constant(effect) : fc.constantFrom('Allow', 'Allow', 'Allow', 'Allow', 'Deny'),
      notAction: trust || kind === 'rcp' ? fc.constant(false) : fc.nat(6).map((n) => n === 0),
      actions,
      resources: fc.subarray(RESOURCE_PATTERNS, { minLength: 1, maxLength: 2 }),
      notResource: fc.nat(9).map((n) => n === 0),
      noResource: fc.nat(3).map((n) => n === 0),
      principal: fc.oneof(
        fc.constant('*' as const),
        fc.record({ AWS: fc.subarray(AWS_PRINCIPALS, { minLength: 1, maxLength: 3 }) }),
        fc.constant({ Service: 'ec2.amazonaws.com' }),
        fc.constant({ Federated: 'accounts.google.com' }),
      ),
      notPrincipal: fc.nat(7).map((n) => n === 0),
      condition: conditionBlock,
    })
    .map((r) => {
      const s: Statement = { Effect: r.effect };
      s[r.notAction ? 'NotAction' : 'Action'] = r.actions;
      if (!trust && !((kind === 'resource' || kind === 'rcp') && r.noResource)) s[r.notResource ? 'NotResource' : 'Resource'] = r.resources;
      if (!principalLess) {
        const notP = r.notPrincipal && r.effect === 'Deny' && kind === 'resource' && r.principal !== '*';
        s[notP ? 'NotPrincipal' : 'Principal'] = r.principal;
      }
      if (Object.keys(r.condition).length > 0) s['Condition'] = r.condition;
      return s;
    });
}

export function policyDoc(kind: Kind, maxStatements = 4): fc.Arbitrary<Doc> {
  return fc
    .record({
      version: kind === 'rcp' ? fc.constant('2012-10-17') : fc.constantFrom('2012-10-17', '2012-10-17', '2012-10-17', undefined),
      statements: fc.array(statement(kind), { minLength: 1, maxLength: maxStatements }),
    })
    .map(({ version, statements }) => (version ? { Version: version, Statement: statements } : { Statement: statements }));
}

export function statementOf(kind: Kind, effect: 'Allow' | 'Deny'): fc.Arbitrary<Statement> {
  return statement(kind, effect);
}

export interface DocSet {
  identity: Doc[];
  resource?: { kind: 'resource' | 'trust'; doc: Doc };
  boundary?: Doc[];
  session?: Doc[];
  scps?: Doc[][];
  rcps?: Doc[][];
}

/** Mostly absent: `weight` in 1 + weight draws is the chance of being present. */
const sometimes = <T>(arb: fc.Arbitrary<T>, absentWeight: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: absentWeight }, { arbitrary: arb, weight: 1 });

/** Organization levels usually carry a full-access Allow (FullAWSAccess / RCPFullAWSAccess), as on AWS. */
const orgLevel = (kind: 'scp' | 'rcp'): fc.Arbitrary<Doc[]> =>
  fc.tuple(fc.array(policyDoc(kind, 2), { minLength: 1, maxLength: 2 }), fc.nat(4)).map(([docs, n]) =>
    n === 0
      ? docs
      : [
          {
            Version: '2012-10-17',
            Statement: [
              kind === 'rcp'
                ? { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }
                : { Effect: 'Allow', Action: '*', Resource: '*' },
            ],
          },
          ...docs,
        ],
  );

export const docSet: fc.Arbitrary<DocSet> = fc
  .record({
    identity: fc.array(policyDoc('identity'), { minLength: 1, maxLength: 3 }).chain((ids) => fc.nat(5).map((n) => (n === 0 ? [] : ids))),
    resource: sometimes(
      fc.constantFrom<'resource' | 'trust'>('resource', 'trust').chain((k) => policyDoc(k).map((doc) => ({ kind: k, doc }))),
      1,
    ),
    boundary: sometimes(fc.array(policyDoc('boundary', 3), { minLength: 1, maxLength: 1 }), 3),
    session: sometimes(fc.array(policyDoc('session', 3), { minLength: 1, maxLength: 2 }), 3),
    scps: sometimes(fc.array(orgLevel('scp'), { minLength: 1, maxLength: 2 }), 3),
    rcps: sometimes(fc.array(orgLevel('rcp'), { minLength: 1, maxLength: 2 }), 4),
  })
  .map((r) => {
    const out: DocSet = { identity: r.identity };
    if (r.resource) out.resource = r.resource;
    if (r.boundary) out.boundary = r.boundary;
    if (r.session) out.session = r.session;
    if (r.scps) out.scps = r.scps;
    if (r.rcps) out.rcps = r.rcps;
    return out;
  });

export interface GenRequest {
  principal: RequestPrincipal;
  action: string;
  resource: string;
  resourceAccount?: string;
  context: Record<string, string | string[]>;
}

export const request: fc.Arbitrary<GenRequest> = fc
  .record({
    principal: fc.constantFrom(PRINCIPALS[0]!, PRINCIPALS[0]!, PRINCIPALS[0]!, PRINCIPALS[2]!, PRINCIPALS[2]!, ...PRINCIPALS),
    action: fc.constantFrom(...ACTIONS),
    resource: fc.constantFrom(...RESOURCES),
    resourceAccount: fc.constantFrom(undefined, undefined, A, B),
    username: fc.constantFrom(undefined, 'alice', 'bob'),
    team: fc.constantFrom(undefined, 'red', 'alice', 'RED'),
    tagKeys: fc.option(fc.subarray(['env', 'team', 'secret']), { nil: undefined }),
    maxKeys: fc.constantFrom(undefined, '5', '10', '50', 'ten'),
    secure: fc.constantFrom(undefined, 'true', 'false'),
    ip: fc.constantFrom(undefined, '203.0.113.7', '10.1.2.3', '192.0.2.1'),
    time: fc.constantFrom(undefined, '2023-06-01T00:00:00Z', '2025-01-01T00:00:00Z', '1704067200'),
    principalArn: fc.boolean(),
  })
  .map((r) => {
    const context: Record<string, string | string[]> = {};
    if (r.username) context['aws:username'] = r.username;
    if (r.team) context['aws:PrincipalTag/team'] = r.team;
    if (r.tagKeys) context['aws:TagKeys'] = r.tagKeys;
    if (r.maxKeys) context['s3:max-keys'] = r.maxKeys;
    if (r.secure) context['aws:SecureTransport'] = r.secure;
    if (r.ip) context['aws:SourceIp'] = r.ip;
    if (r.time) context['aws:CurrentTime'] = r.time;
    if (r.principalArn && r.principal.arn) {
      context['aws:PrincipalArn'] = r.principal.roleArn ?? r.principal.arn;
      context['aws:PrincipalAccount'] = r.principal.accountId;
    }
    const out: GenRequest = { principal: r.principal, action: r.action, resource: r.resource, context };
    if (r.resourceAccount) out.resourceAccount = r.resourceAccount;
    return out;
  });
