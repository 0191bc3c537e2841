import { type LiveCase, adminUser, allow, getUser, listGroups, listUsers, liveSuite, probe } from '../support/live-context.js';

/**
 * Global condition keys of the principal, its session and the request, as the live server sets
 * them on an IAM call (iam:ListUsers / iam:ListGroups as probes): each case a policy whose
 * decision hinges on one key, one call it allows and one it refuses — and, where AWS leaves a key
 * absent (long-term keys have no aws:MultiFactorAuthPresent, role sessions no aws:username), a
 * case that only passes if the key is really absent.
 */

const role = (extra: Record<string, unknown> = {}) => ({ kind: 'role' as const, ...extra });

export const GLOBAL_CASES: readonly LiveCase[] = [
  // ── principal ──
  {
    title: 'an IAM user: its own user ARN',
    keys: ['aws:PrincipalArn'],
    ...probe(
      { ArnEquals: { 'aws:PrincipalArn': '{{callerArn}}' } },
      { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::{{account}}:user/someone-else' } },
    ),
  },
  {
    title: 'a role session: the role ARN, not the session ARN',
    keys: ['aws:PrincipalArn'],
    caller: role(),
    ...probe({ ArnEquals: { 'aws:PrincipalArn': '{{callerRoleArn}}' } }, { ArnEquals: { 'aws:PrincipalArn': '{{callerArn}}' } }),
  },
  {
    title: 'a session of a role with a path: the role ARN with its path',
    keys: ['aws:PrincipalArn'],
    caller: role({ rolePath: '/team/ops/' }),
    ...probe(
      { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::{{account}}:role/team/ops/{{callerRoleName}}' } },
      { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::{{account}}:role/{{callerRoleName}}' } },
    ),
  },
  {
    title: 'the caller’s account',
    keys: ['aws:PrincipalAccount'],
    ...probe({ StringEquals: { 'aws:PrincipalAccount': '{{account}}' } }, { StringEquals: { 'aws:PrincipalAccount': '{{otherAccount}}' } }),
  },
  {
    title: 'User for an IAM user',
    keys: ['aws:PrincipalType'],
    ...probe({ StringEquals: { 'aws:PrincipalType': 'User' } }, { StringEquals: { 'aws:PrincipalType': 'AssumedRole' } }),
  },
  {
    title: 'AssumedRole for a role session',
    keys: ['aws:PrincipalType'],
    caller: role(),
    ...probe({ StringEquals: { 'aws:PrincipalType': 'AssumedRole' } }, { StringEquals: { 'aws:PrincipalType': 'User' } }),
  },
  {
    title: 'the user’s unique id (AIDA…)',
    keys: ['aws:userid'],
    ...probe({ StringEquals: { 'aws:userid': '{{callerUserId}}' } }, { StringEquals: { 'aws:userid': 'AIDAOTHERUSER0000000X' } }),
  },
  {
    title: 'a role session: role id and session name (AROA…:session)',
    keys: ['aws:userid'],
    caller: role({ sessionName: 'alice-session' }),
    ...probe(
      { StringEquals: { 'aws:userid': '{{callerRoleId}}:alice-session' } },
      { StringEquals: { 'aws:userid': '{{callerRoleId}}:bob-session' } },
    ),
  },
  {
    title: 'the user name',
    keys: ['aws:username'],
    ...probe({ StringEquals: { 'aws:username': '{{callerName}}' } }, { StringEquals: { 'aws:username': 'someone-else' } }),
  },
  {
    title: '${aws:username} in a Resource names the caller',
    keys: ['aws:username'],
    policy: [allow('iam:GetUser', 'arn:aws:iam::{{account}}:user/${aws:username}')],
    setup: (s) => adminUser(s, '{{id}}-other'),
    allowed: getUser('{{callerName}}'),
    denied: getUser('{{id}}-other'),
  },
  {
    title: 'absent for a role session: Null is true',
    keys: ['aws:username'],
    absence: true,
    caller: role(),
    ...probe({ Null: { 'aws:username': 'true' } }, { Null: { 'aws:username': 'false' } }),
  },
  {
    title: 'an IAM user’s tag',
    keys: ['aws:PrincipalTag/'],
    caller: { kind: 'user', tags: [{ Key: 'team', Value: 'dev' }] },
    ...probe({ StringEquals: { 'aws:PrincipalTag/team': 'dev' } }, { StringEquals: { 'aws:PrincipalTag/team': 'ops' } }),
  },
  {
    title: 'a role session: the session tag overrides the role’s tag of the same key',
    keys: ['aws:PrincipalTag/'],
    caller: role({
      roleTags: [
        { Key: 'team', Value: 'ops' },
        { Key: 'cost', Value: 'c1' },
      ],
      tags: [{ Key: 'Team', Value: 'dev' }],
    }),
    ...probe(
      { StringEquals: { 'aws:PrincipalTag/team': 'dev', 'aws:PrincipalTag/cost': 'c1' } },
      { StringEquals: { 'aws:PrincipalTag/team': 'ops' } },
    ),
  },
  {
    title: 'role chaining: transitive session tags carry over, the others do not',
    keys: ['aws:PrincipalTag/'],
    caller: role({
      chain: {
        tags: [
          { Key: 'team', Value: 'dev' },
          { Key: 'cost', Value: 'c9' },
        ],
        transitiveTagKeys: ['team'],
      },
    }),
    ...probe(
      { StringEquals: { 'aws:PrincipalTag/team': 'dev' }, Null: { 'aws:PrincipalTag/cost': 'true' } },
      { StringEquals: { 'aws:PrincipalTag/cost': 'c9' } },
    ),
  },
  {
    title: 'false: no AWS service principal calls keysmith',
    keys: ['aws:PrincipalIsAWSService'],
    ...probe({ Bool: { 'aws:PrincipalIsAWSService': 'false' } }, { Bool: { 'aws:PrincipalIsAWSService': 'true' } }),
  },
  // ── session ──
  {
    title: 'a role session: when its credentials were issued',
    keys: ['aws:TokenIssueTime'],
    caller: role(),
    ...probe(
      { DateGreaterThan: { 'aws:TokenIssueTime': '{{pastHour}}' }, DateLessThan: { 'aws:TokenIssueTime': '{{futureHour}}' } },
      { DateLessThan: { 'aws:TokenIssueTime': '{{pastHour}}' } },
    ),
  },
  {
    title: 'absent for long-term keys',
    keys: ['aws:TokenIssueTime'],
    absence: true,
    ...probe({ Null: { 'aws:TokenIssueTime': 'true' } }, { Null: { 'aws:TokenIssueTime': 'false' } }),
  },
  {
    title: 'false for a role session assumed without MFA',
    keys: ['aws:MultiFactorAuthPresent'],
    caller: role(),
    ...probe({ Bool: { 'aws:MultiFactorAuthPresent': 'false' } }, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
  },
  {
    title: 'absent for long-term keys: BoolIfExists false matches, Bool false does not',
    keys: ['aws:MultiFactorAuthPresent'],
    absence: true,
    ...probe(
      { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' }, Null: { 'aws:MultiFactorAuthPresent': 'true' } },
      { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
    ),
  },
  {
    title: 'true for GetSessionToken credentials obtained with an MFA code',
    keys: ['aws:MultiFactorAuthPresent'],
    caller: { kind: 'mfa-session' },
    ...probe({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, { Bool: { 'aws:MultiFactorAuthPresent': 'false' } }),
  },
  {
    title: 'seconds since MFA-authenticated credentials were issued',
    keys: ['aws:MultiFactorAuthAge'],
    caller: { kind: 'mfa-session' },
    ...probe(
      { NumericLessThan: { 'aws:MultiFactorAuthAge': '600' }, NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '0' } },
      { NumericGreaterThan: { 'aws:MultiFactorAuthAge': '600' } },
    ),
  },
  {
    title: 'absent for a role session without MFA',
    keys: ['aws:MultiFactorAuthAge'],
    absence: true,
    caller: role(),
    ...probe({ Null: { 'aws:MultiFactorAuthAge': 'true' } }, { NumericLessThan: { 'aws:MultiFactorAuthAge': '600' } }),
  },
  {
    title: 'a role session assumed with a SourceIdentity',
    keys: ['aws:SourceIdentity'],
    caller: role({ sourceIdentity: 'alice@example.com' }),
    ...probe(
      { StringEquals: { 'aws:SourceIdentity': 'alice@example.com' } },
      { StringEquals: { 'aws:SourceIdentity': 'bob@example.com' } },
    ),
  },
  {
    title: 'role chaining: the source identity sticks to the chained session',
    keys: ['aws:SourceIdentity'],
    caller: role({ chain: { sourceIdentity: 'alice' } }),
    ...probe({ StringEquals: { 'aws:SourceIdentity': 'alice' } }, { Null: { 'aws:SourceIdentity': 'true' } }),
  },
  {
    title: 'absent for long-term keys',
    keys: ['aws:SourceIdentity'],
    absence: true,
    ...probe({ Null: { 'aws:SourceIdentity': 'true' } }, { StringLike: { 'aws:SourceIdentity': '*' } }),
  },
  // ── request ──
  {
    title: '127.0.0.1 (the listener’s view of the client)',
    keys: ['aws:SourceIp'],
    ...probe({ IpAddress: { 'aws:SourceIp': '127.0.0.1/32' } }, { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }),
  },
  {
    title: 'X-Forwarded-For is not believed: a client claiming 10.1.2.3 is still 127.0.0.1',
    keys: ['aws:SourceIp'],
    ...probe(
      { IpAddress: { 'aws:SourceIp': '127.0.0.1/32' } },
      { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
      { headers: { 'x-forwarded-for': '10.1.2.3', forwarded: 'for=10.1.2.3' } },
    ),
  },
  {
    title: 'NotIpAddress on a Deny',
    keys: ['aws:SourceIp'],
    policy: [
      allow(['iam:ListUsers', 'iam:ListGroups']),
      { Effect: 'Deny', Action: 'iam:ListGroups', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
    ],
    allowed: listUsers(),
    denied: listGroups(),
  },
  {
    title: 'false over plain HTTP',
    keys: ['aws:SecureTransport'],
    ...probe({ Bool: { 'aws:SecureTransport': 'false' } }, { Bool: { 'aws:SecureTransport': 'true' } }),
  },
  {
    title: 'now: within the hour, not before 2000',
    keys: ['aws:CurrentTime'],
    ...probe(
      { DateGreaterThan: { 'aws:CurrentTime': '{{pastHour}}' }, DateLessThan: { 'aws:CurrentTime': '{{futureHour}}' } },
      { DateLessThan: { 'aws:CurrentTime': '2000-01-01T00:00:00Z' } },
    ),
  },
  {
    title: 'now in epoch seconds: within the hour, not after 2100',
    keys: ['aws:EpochTime'],
    ...probe(
      { NumericGreaterThan: { 'aws:EpochTime': '{{epochPastHour}}' }, NumericLessThan: { 'aws:EpochTime': '{{epochFutureHour}}' } },
      { NumericGreaterThan: { 'aws:EpochTime': '4102444800' } },
    ),
  },
  {
    title: 'Date operators on epoch seconds, and epoch values against aws:CurrentTime',
    keys: ['aws:EpochTime', 'aws:CurrentTime'],
    ...probe(
      { DateGreaterThan: { 'aws:EpochTime': '{{epochPastHour}}' }, DateLessThan: { 'aws:CurrentTime': '{{epochFutureHour}}' } },
      { DateGreaterThan: { 'aws:CurrentTime': '{{epochFutureHour}}' } },
    ),
  },
  {
    title: 'IAM reports us-east-1 even when the client signs for eu-west-1',
    keys: ['aws:RequestedRegion'],
    ...probe(
      { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
      { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
      { region: 'eu-west-1' },
    ),
  },
  {
    title: 'the User-Agent the client sends',
    keys: ['aws:UserAgent'],
    policy: [allow('iam:ListUsers', '*', { StringLike: { 'aws:UserAgent': '*keysmith-live-probe*' } })],
    allowed: listUsers({ userAgent: 'keysmith-live-probe/1.0' }),
    denied: listUsers(),
  },
  {
    title: 'false: no AWS service forwards a caller’s request',
    keys: ['aws:ViaAWSService'],
    ...probe({ Bool: { 'aws:ViaAWSService': 'false' } }, { Bool: { 'aws:ViaAWSService': 'true' } }),
  },
];

liveSuite('global keys', GLOBAL_CASES);
