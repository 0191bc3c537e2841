import { GetFederationTokenCommand } from '@aws-sdk/client-sts';
import {
  type LiveCase,
  type Statement,
  type Step,
  type Tag,
  adminMfaDevice,
  adminRole,
  allow,
  assumeRole,
  liveSuite,
} from '../support/live-context.js';

/**
 * AssumeRole's request context, live: the STS keys a trust policy tests (sts:RoleSessionName,
 * sts:ExternalId, sts:SourceIdentity, sts:TransitiveTagKeys), session tags as request tags, the
 * role's tags as resource tags, the caller's region, MFA, the role's account — through the AWS SDK
 * v3 STS client.
 */

/** A trust statement letting the case's caller call `actions` when `condition` holds. */
const trust = (condition?: Record<string, Record<string, unknown>>, actions: string | string[] = 'sts:AssumeRole'): Statement => ({
  Effect: 'Allow',
  Principal: { AWS: '{{callerArn}}' },
  Action: actions,
  ...(condition ? { Condition: condition } : {}),
});

/** Trusts the whole account: then the caller's identity policy must allow too. */
const TRUST_ACCOUNT: Statement = {
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::{{account}}:root' },
  Action: ['sts:AssumeRole', 'sts:TagSession'],
};

const TAGS = ['sts:AssumeRole', 'sts:TagSession'];

const getFederationToken = (tags: Tag[]): Step => ({
  does: `sts:GetFederationToken with tags ${tags.map((t) => `${t.Key}=${t.Value}`).join(', ')}`,
  run: (s) =>
    s.sts().send(
      new GetFederationTokenCommand({
        Name: 'fed',
        Tags: tags,
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [allow('s3:GetObject')] }),
      }),
    ),
});

export const STS_CASES: readonly LiveCase[] = [
  {
    title: 'GetFederationToken: the session tags it passes (sts:TagSession too)',
    keys: ['aws:RequestTag/'],
    policy: [allow(['sts:GetFederationToken', 'sts:TagSession'], '*', { StringEquals: { 'aws:RequestTag/team': 'dev' } })],
    allowed: getFederationToken([{ Key: 'team', Value: 'dev' }]),
    denied: getFederationToken([{ Key: 'team', Value: 'ops' }]),
  },
  {
    title: 'GetFederationToken: the session tags’ keys (sts:TagSession too)',
    keys: ['aws:TagKeys'],
    policy: [
      allow(['sts:GetFederationToken', 'sts:TagSession'], '*', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'project'] } }),
    ],
    allowed: getFederationToken([{ Key: 'team', Value: 'dev' }]),
    denied: getFederationToken([
      { Key: 'team', Value: 'dev' },
      { Key: 'cost-center', Value: '42' },
    ]),
  },
  {
    title: 'the session must be named after the user (${aws:username})',
    keys: ['sts:RoleSessionName'],
    role: { trust: [trust({ StringEquals: { 'sts:RoleSessionName': '${aws:username}' } })] },
    allowed: assumeRole({ sessionName: '{{callerName}}' }),
    denied: assumeRole({ sessionName: 'someone-else' }),
  },
  {
    title: 'the ExternalId the request passes',
    keys: ['sts:ExternalId'],
    role: { trust: [trust({ StringEquals: { 'sts:ExternalId': 'ext-4711' } })] },
    allowed: assumeRole({ externalId: 'ext-4711' }),
    denied: assumeRole({ externalId: 'ext-0000' }),
  },
  {
    title: 'absent without ExternalId: a Null-true trust matches only then',
    keys: ['sts:ExternalId'],
    absence: true,
    role: { trust: [trust({ Null: { 'sts:ExternalId': 'true' } })] },
    allowed: assumeRole(),
    denied: assumeRole({ externalId: 'ext-4711' }),
  },
  {
    title: 'the SourceIdentity the request sets (sts:AssumeRole and sts:SetSourceIdentity)',
    keys: ['sts:SourceIdentity'],
    role: { trust: [trust({ StringLike: { 'sts:SourceIdentity': 'alice*' } }, ['sts:AssumeRole', 'sts:SetSourceIdentity'])] },
    allowed: assumeRole({ sourceIdentity: 'alice@example.com' }),
    denied: assumeRole({ sourceIdentity: 'mallory@example.com' }),
  },
  {
    title: 'the calling session’s source identity, when chaining without passing one',
    keys: ['sts:SourceIdentity'],
    caller: { kind: 'role', sourceIdentity: 'alice' },
    role: {
      trust: [
        {
          Effect: 'Allow',
          Principal: { AWS: '{{callerRoleArn}}' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:SourceIdentity': 'alice' } },
        },
      ],
    },
    setup: (s) =>
      adminRole(s, '{{id}}-bob', {
        trust: [
          {
            Effect: 'Allow',
            Principal: { AWS: '{{callerRoleArn}}' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'sts:SourceIdentity': 'bob' } },
          },
        ],
        varName: 'bobRole',
      }),
    allowed: assumeRole(),
    denied: assumeRole({ roleArn: '{{bobRole}}' }),
  },
  {
    title: 'the TransitiveTagKeys the request passes',
    keys: ['sts:TransitiveTagKeys'],
    role: { trust: [trust({ 'ForAllValues:StringEquals': { 'sts:TransitiveTagKeys': ['team'] } }, TAGS)] },
    allowed: assumeRole({
      tags: [
        { Key: 'team', Value: 'a' },
        { Key: 'project', Value: 'b' },
      ],
      transitiveTagKeys: ['team'],
    }),
    denied: assumeRole({
      tags: [
        { Key: 'team', Value: 'a' },
        { Key: 'project', Value: 'b' },
      ],
      transitiveTagKeys: ['project'],
    }),
  },
  {
    title: 'session tags are request tags (sts:TagSession in the trust policy)',
    keys: ['aws:RequestTag/'],
    role: { trust: [trust(undefined), trust({ StringEquals: { 'aws:RequestTag/team': 'dev' } }, 'sts:TagSession')] },
    allowed: assumeRole({ tags: [{ Key: 'team', Value: 'dev' }] }),
    denied: assumeRole({ tags: [{ Key: 'team', Value: 'ops' }] }),
  },
  {
    title: 'the session tags’ keys',
    keys: ['aws:TagKeys'],
    role: {
      trust: [
        trust(undefined, TAGS),
        {
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'sts:TagSession',
          Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['admin'] } },
        },
      ],
    },
    allowed: assumeRole({ tags: [{ Key: 'team', Value: 'dev' }] }),
    denied: assumeRole({
      tags: [
        { Key: 'team', Value: 'dev' },
        { Key: 'admin', Value: 'yes' },
      ],
    }),
  },
  {
    title: 'the role’s tags, in the caller’s identity policy',
    keys: ['aws:ResourceTag/'],
    policy: [allow('sts:AssumeRole', '*', { StringEquals: { 'aws:ResourceTag/env': 'dev' } })],
    role: { trust: [TRUST_ACCOUNT], tags: [{ Key: 'env', Value: 'dev' }] },
    setup: (s) => adminRole(s, '{{id}}-prod', { tags: [{ Key: 'env', Value: 'prod' }], varName: 'prodRole' }),
    allowed: assumeRole(),
    denied: assumeRole({ roleArn: '{{prodRole}}' }),
  },
  {
    title: 'the role’s tags, iam: spelling',
    keys: ['iam:ResourceTag/'],
    policy: [allow('sts:AssumeRole', '*', { StringEquals: { 'iam:ResourceTag/env': 'dev' } })],
    role: { trust: [TRUST_ACCOUNT], tags: [{ Key: 'env', Value: 'dev' }] },
    setup: (s) => adminRole(s, '{{id}}-plain', { varName: 'plainRole' }),
    allowed: assumeRole(),
    denied: assumeRole({ roleArn: '{{plainRole}}' }),
  },
  {
    title: 'STS reports the region the client signs for',
    keys: ['aws:RequestedRegion'],
    role: { trust: [trust({ StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } })] },
    allowed: assumeRole({ region: 'eu-west-1' }),
    denied: assumeRole({ region: 'us-east-1' }),
  },
  {
    title: 'the role’s account: a role of another account (which trusts us) is refused',
    keys: ['aws:ResourceAccount'],
    policy: [allow('sts:AssumeRole', '*', { StringEquals: { 'aws:ResourceAccount': '{{account}}' } })],
    role: { trust: [TRUST_ACCOUNT] },
    setup: (s) => adminRole(s, '{{id}}-foreign', { account: 'other', trust: [TRUST_ACCOUNT], varName: 'foreignRole' }),
    allowed: assumeRole(),
    denied: assumeRole({ roleArn: '{{foreignRole}}' }),
  },
  {
    title: 'the role’s account: only the other account’s role (which trusts us), not ours',
    keys: ['aws:ResourceAccount'],
    policy: [allow('sts:AssumeRole', '*', { StringEquals: { 'aws:ResourceAccount': '{{otherAccount}}' } })],
    role: { trust: [TRUST_ACCOUNT] },
    setup: (s) => adminRole(s, '{{id}}-foreign', { account: 'other', trust: [TRUST_ACCOUNT], varName: 'foreignRole' }),
    allowed: assumeRole({ roleArn: '{{foreignRole}}' }),
    denied: assumeRole(),
  },
  {
    title: 'the caller’s tags in a trust policy',
    keys: ['aws:PrincipalTag/'],
    caller: { kind: 'user', tags: [{ Key: 'team', Value: 'dev' }] },
    role: { trust: [trust({ StringEquals: { 'aws:PrincipalTag/team': 'dev' } })] },
    setup: (s) => adminRole(s, '{{id}}-ops', { trust: [trust({ StringEquals: { 'aws:PrincipalTag/team': 'ops' } })], varName: 'opsRole' }),
    allowed: assumeRole(),
    denied: assumeRole({ roleArn: '{{opsRole}}' }),
  },
  {
    title: 'AssumeRole with SerialNumber and TokenCode: true in the trust policy',
    keys: ['aws:MultiFactorAuthPresent'],
    role: { trust: [trust({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })] },
    setup: adminMfaDevice,
    allowed: assumeRole({ mfa: true }),
    denied: assumeRole(),
  },
  {
    title: 'a role session’s source identity, chaining into another role',
    keys: ['aws:SourceIdentity'],
    caller: { kind: 'role', sourceIdentity: 'alice' },
    role: {
      trust: [
        {
          Effect: 'Allow',
          Principal: { AWS: '{{callerRoleArn}}' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceIdentity': 'alice' } },
        },
      ],
    },
    setup: (s) =>
      adminRole(s, '{{id}}-bob', {
        trust: [
          {
            Effect: 'Allow',
            Principal: { AWS: '{{callerRoleArn}}' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceIdentity': 'bob' } },
          },
        ],
        varName: 'bobRole',
      }),
    allowed: assumeRole(),
    denied: assumeRole({ roleArn: '{{bobRole}}' }),
  },
];

liveSuite('STS keys', STS_CASES);
