import type { Rng } from '../rng.js';
import type { Draft, Pair } from '../draft.js';
import type { Fixture } from '../fixture.js';
import { enc, insertAt, oddEnc } from '../encoding.js';
import { policyDocument, type PolicyKind } from '../policies.js';
import { hugeText, mutateNumber, mutateText, oddNumber, oddText } from '../values.js';
import { mutateHeaders, oddHeaderValue, signChoice } from './common.js';

/**
 * AWS Query (IAM, STS): a valid call of a real operation, then mutated — parameters dropped,
 * duplicated, made huge, unicode, control characters, `member.N` gaps and odd indexes, numbers
 * past every boundary, policy documents broken in tree and text, Version and Action changed,
 * odd encodings — sent as a form POST or as a GET query.
 */
type Value = string | Buffer;
type Params = Array<[string, Value]>;

interface QueryOp {
  service: 'iam' | 'sts';
  action: string;
  weight: number;
  build(r: Rng, f: Fixture, what: string[]): Params;
}

const IAM_VERSION = '2010-05-08';
const STS_VERSION = '2011-06-15';

function name(r: Rng, pool: readonly string[]): string {
  return r.chance(0.85) ? r.pick(pool) : mutateText(r, r.pick(pool));
}

function policy(r: Rng, f: Fixture, kind: PolicyKind, what: string[]): Buffer {
  const p = policyDocument(r, kind, { accountId: f.accountId, bucket: f.bucket });
  what.push(...p.what);
  return p.bytes;
}

function tags(r: Rng, prefix = 'Tags'): Params {
  const out: Params = [];
  const n = r.chance(0.05) ? r.range(40, 200) : r.range(1, 4);
  for (let i = 1; i <= n; i++) {
    out.push([`${prefix}.member.${i}.Key`, r.chance(0.8) ? r.pick(['team', 'env', 'Team', 'aws:x', 'k' + i, '']) : oddText(r)]);
    if (r.chance(0.95)) out.push([`${prefix}.member.${i}.Value`, r.chance(0.8) ? r.pick(['fuzz', 'prod', '', 'v' + i]) : oddText(r)]);
  }
  return out;
}

function list(prefix: string, values: string[]): Params {
  return values.map((v, i) => [`${prefix}.member.${i + 1}`, v] as [string, Value]);
}

function maybe(r: Rng, p: number, params: Params): Params {
  return r.chance(p) ? params : [];
}

function policyArn(r: Rng, f: Fixture): string {
  return r.weighted<string>([
    [r.pick(f.policyArns), 6],
    ['arn:aws:iam::aws:policy/ReadOnlyAccess', 2],
    ['arn:aws:iam::aws:policy/AdministratorAccess', 1],
    [mutateText(r, r.pick(f.policyArns)), 2],
    [`arn:aws:iam::${f.accountId}:policy/${oddText(r)}`, 1],
  ]);
}

const OPS: readonly QueryOp[] = [
  {
    service: 'iam',
    action: 'CreateUser',
    weight: 4,
    build: (r, f) => [
      ['UserName', name(r, f.users)],
      ...maybe(r, 0.4, [['Path', r.pick(['/', '/fuzz/', '/a//b/', 'nopath', '/' + 'p/'.repeat(300)])]]),
      ...maybe(r, 0.5, tags(r)),
      ...maybe(r, 0.1, [['PermissionsBoundary', policyArn(r, f)]]),
    ],
  },
  {
    service: 'iam',
    action: 'GetUser',
    weight: 2,
    build: (r, f) => maybe(r, 0.7, [['UserName', name(r, [...f.users, 'fuzz-caller', 'admin'])]]),
  },
  {
    service: 'iam',
    action: 'UpdateUser',
    weight: 1,
    build: (r, f) => [
      ['UserName', name(r, f.users)],
      ...maybe(r, 0.5, [['NewPath', r.pick(['/x/', '/', 'bad'])]]),
      ...maybe(r, 0.3, [['NewUserName', name(r, f.users)]]),
    ],
  },
  { service: 'iam', action: 'DeleteUser', weight: 1, build: (r, f) => [['UserName', name(r, f.users)]] },
  {
    service: 'iam',
    action: 'ListUsers',
    weight: 2,
    build: (r) => [
      ...maybe(r, 0.4, [['PathPrefix', r.pick(['/', '/fuzz/', '', 'x', '/' + '日本/'])]]),
      ...maybe(r, 0.4, [['MaxItems', oddNumber(r)]]),
      ...maybe(r, 0.3, [['Marker', r.pick(['', 'abc', 'AAAA', '%%%', 'eyJ9', 'x'.repeat(2000)])]]),
    ],
  },
  { service: 'iam', action: 'TagUser', weight: 4, build: (r, f) => [['UserName', name(r, f.users)], ...tags(r)] },
  {
    service: 'iam',
    action: 'UntagUser',
    weight: 2,
    build: (r, f) => [
      ['UserName', name(r, f.users)],
      ...list(
        'TagKeys',
        Array.from({ length: r.range(1, 5) }, () => r.pick(['team', 'env', '', oddText(r)])),
      ),
    ],
  },
  {
    service: 'iam',
    action: 'ListUserTags',
    weight: 1,
    build: (r, f) => [['UserName', name(r, f.users)], ...maybe(r, 0.3, [['MaxItems', oddNumber(r)]])],
  },
  {
    service: 'iam',
    action: 'PutUserPolicy',
    weight: 6,
    build: (r, f, w) => [
      ['UserName', name(r, f.users)],
      ['PolicyName', name(r, ['p1', 'inline', 'x'])],
      ['PolicyDocument', policy(r, f, 'identity', w)],
    ],
  },
  {
    service: 'iam',
    action: 'GetUserPolicy',
    weight: 1,
    build: (r, f) => [
      ['UserName', name(r, f.users)],
      ['PolicyName', name(r, ['p1', 'inline'])],
    ],
  },
  {
    service: 'iam',
    action: 'DeleteUserPolicy',
    weight: 1,
    build: (r, f) => [
      ['UserName', name(r, f.users)],
      ['PolicyName', name(r, ['p1', 'inline'])],
    ],
  },
  { service: 'iam', action: 'ListUserPolicies', weight: 1, build: (r, f) => [['UserName', name(r, f.users)]] },
  {
    service: 'iam',
    action: 'CreateGroup',
    weight: 1,
    build: (r, f) => [['GroupName', name(r, f.groups)], ...maybe(r, 0.3, [['Path', r.pick(['/', '/g/', 'x'])]])],
  },
  {
    service: 'iam',
    action: 'GetGroup',
    weight: 1,
    build: (r, f) => [['GroupName', name(r, f.groups)], ...maybe(r, 0.3, [['MaxItems', oddNumber(r)]])],
  },
  {
    service: 'iam',
    action: 'AddUserToGroup',
    weight: 2,
    build: (r, f) => [
      ['GroupName', name(r, f.groups)],
      ['UserName', name(r, f.users)],
    ],
  },
  {
    service: 'iam',
    action: 'RemoveUserFromGroup',
    weight: 1,
    build: (r, f) => [
      ['GroupName', name(r, f.groups)],
      ['UserName', name(r, f.users)],
    ],
  },
  {
    service: 'iam',
    action: 'PutGroupPolicy',
    weight: 3,
    build: (r, f, w) => [
      ['GroupName', name(r, f.groups)],
      ['PolicyName', 'gp'],
      ['PolicyDocument', policy(r, f, 'identity', w)],
    ],
  },
  { service: 'iam', action: 'ListGroupsForUser', weight: 1, build: (r, f) => [['UserName', name(r, f.users)]] },
  { service: 'iam', action: 'DeleteGroup', weight: 1, build: (r, f) => [['GroupName', name(r, f.groups)]] },
  {
    service: 'iam',
    action: 'CreateRole',
    weight: 4,
    build: (r, f, w) => [
      ['RoleName', name(r, f.roles)],
      ['AssumeRolePolicyDocument', policy(r, f, 'trust', w)],
      ...maybe(r, 0.3, [['MaxSessionDuration', r.chance(0.5) ? oddNumber(r) : '3600']]),
      ...maybe(r, 0.3, [['Description', oddText(r)]]),
      ...maybe(r, 0.3, tags(r)),
      ...maybe(r, 0.1, [['PermissionsBoundary', policyArn(r, f)]]),
    ],
  },
  { service: 'iam', action: 'GetRole', weight: 2, build: (r, f) => [['RoleName', name(r, [...f.roles, 'fuzz-role'])]] },
  {
    service: 'iam',
    action: 'UpdateRole',
    weight: 1,
    build: (r, f) => [
      ['RoleName', name(r, f.roles)],
      ...maybe(r, 0.6, [['MaxSessionDuration', oddNumber(r)]]),
      ...maybe(r, 0.5, [['Description', oddText(r)]]),
    ],
  },
  {
    service: 'iam',
    action: 'UpdateAssumeRolePolicy',
    weight: 3,
    build: (r, f, w) => [
      ['RoleName', name(r, f.roles)],
      ['PolicyDocument', policy(r, f, 'trust', w)],
    ],
  },
  {
    service: 'iam',
    action: 'PutRolePolicy',
    weight: 3,
    build: (r, f, w) => [
      ['RoleName', name(r, f.roles)],
      ['PolicyName', 'rp'],
      ['PolicyDocument', policy(r, f, 'identity', w)],
    ],
  },
  { service: 'iam', action: 'TagRole', weight: 2, build: (r, f) => [['RoleName', name(r, f.roles)], ...tags(r)] },
  {
    service: 'iam',
    action: 'UntagRole',
    weight: 1,
    build: (r, f) => [['RoleName', name(r, f.roles)], ...list('TagKeys', ['team', oddText(r)])],
  },
  {
    service: 'iam',
    action: 'ListRoles',
    weight: 1,
    build: (r) => [...maybe(r, 0.5, [['MaxItems', oddNumber(r)]]), ...maybe(r, 0.3, [['PathPrefix', oddText(r)]])],
  },
  { service: 'iam', action: 'DeleteRole', weight: 1, build: (r, f) => [['RoleName', name(r, f.roles)]] },
  {
    service: 'iam',
    action: 'PutRolePermissionsBoundary',
    weight: 1,
    build: (r, f) => [
      ['RoleName', name(r, f.roles)],
      ['PermissionsBoundary', policyArn(r, f)],
    ],
  },
  {
    service: 'iam',
    action: 'PutUserPermissionsBoundary',
    weight: 1,
    build: (r, f) => [
      ['UserName', name(r, f.users)],
      ['PermissionsBoundary', policyArn(r, f)],
    ],
  },
  { service: 'iam', action: 'DeleteRolePermissionsBoundary', weight: 1, build: (r, f) => [['RoleName', name(r, f.roles)]] },
  {
    service: 'iam',
    action: 'CreatePolicy',
    weight: 5,
    build: (r, f, w) => [
      ['PolicyName', name(r, ['fuzz-p0', 'fuzz-p1', 'fuzz-p2', 'fuzz-p3'])],
      ['PolicyDocument', policy(r, f, 'identity', w)],
      ...maybe(r, 0.3, [['Path', r.pick(['/', '/p/', 'x', '//'])]]),
      ...maybe(r, 0.3, [['Description', oddText(r)]]),
      ...maybe(r, 0.3, tags(r)),
    ],
  },
  {
    service: 'iam',
    action: 'CreatePolicyVersion',
    weight: 4,
    build: (r, f, w) => [
      ['PolicyArn', policyArn(r, f)],
      ['PolicyDocument', policy(r, f, 'identity', w)],
      ...maybe(r, 0.5, [['SetAsDefault', r.pick(['true', 'false', 'TRUE', '1', '', 'yes'])]]),
    ],
  },
  { service: 'iam', action: 'GetPolicy', weight: 1, build: (r, f) => [['PolicyArn', policyArn(r, f)]] },
  {
    service: 'iam',
    action: 'GetPolicyVersion',
    weight: 2,
    build: (r, f) => [
      ['PolicyArn', policyArn(r, f)],
      ['VersionId', r.pick(['v1', 'v2', 'v5', 'v0', 'v-1', 'v99999999999999999999', 'V1', '1', ''])],
    ],
  },
  { service: 'iam', action: 'ListPolicyVersions', weight: 1, build: (r, f) => [['PolicyArn', policyArn(r, f)]] },
  {
    service: 'iam',
    action: 'SetDefaultPolicyVersion',
    weight: 1,
    build: (r, f) => [
      ['PolicyArn', policyArn(r, f)],
      ['VersionId', r.pick(['v1', 'v2', 'v3', 'vv', 'v01'])],
    ],
  },
  {
    service: 'iam',
    action: 'DeletePolicyVersion',
    weight: 1,
    build: (r, f) => [
      ['PolicyArn', policyArn(r, f)],
      ['VersionId', r.pick(['v1', 'v2', 'v3', 'v6'])],
    ],
  },
  {
    service: 'iam',
    action: 'ListPolicies',
    weight: 2,
    build: (r) => [
      ...maybe(r, 0.5, [['Scope', r.pick(['All', 'AWS', 'Local', 'local', ''])]]),
      ...maybe(r, 0.3, [['OnlyAttached', r.pick(['true', 'false', 'x'])]]),
      ...maybe(r, 0.3, [['PolicyUsageFilter', r.pick(['PermissionsPolicy', 'PermissionsBoundary', 'x'])]]),
      ...maybe(r, 0.4, [['MaxItems', oddNumber(r)]]),
      ...maybe(r, 0.3, [['Marker', oddText(r)]]),
    ],
  },
  { service: 'iam', action: 'TagPolicy', weight: 1, build: (r, f) => [['PolicyArn', policyArn(r, f)], ...tags(r)] },
  {
    service: 'iam',
    action: 'ListEntitiesForPolicy',
    weight: 1,
    build: (r, f) => [
      ['PolicyArn', policyArn(r, f)],
      ...maybe(r, 0.5, [['EntityFilter', r.pick(['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy', 'x'])]]),
    ],
  },
  {
    service: 'iam',
    action: 'AttachUserPolicy',
    weight: 2,
    build: (r, f) => [
      ['UserName', name(r, f.users)],
      ['PolicyArn', policyArn(r, f)],
    ],
  },
  {
    service: 'iam',
    action: 'DetachUserPolicy',
    weight: 1,
    build: (r, f) => [
      ['UserName', name(r, f.users)],
      ['PolicyArn', policyArn(r, f)],
    ],
  },
  {
    service: 'iam',
    action: 'AttachRolePolicy',
    weight: 2,
    build: (r, f) => [
      ['RoleName', name(r, f.roles)],
      ['PolicyArn', policyArn(r, f)],
    ],
  },
  {
    service: 'iam',
    action: 'AttachGroupPolicy',
    weight: 1,
    build: (r, f) => [
      ['GroupName', name(r, f.groups)],
      ['PolicyArn', policyArn(r, f)],
    ],
  },
  {
    service: 'iam',
    action: 'ListAttachedUserPolicies',
    weight: 1,
    build: (r, f) => [['UserName', name(r, f.users)], ...maybe(r, 0.3, [['MaxItems', oddNumber(r)]])],
  },
  { service: 'iam', action: 'CreateAccessKey', weight: 1, build: (r, f) => [['UserName', name(r, f.users)]] },
  { service: 'iam', action: 'ListAccessKeys', weight: 1, build: (r, f) => maybe(r, 0.7, [['UserName', name(r, f.users)]]) },
  {
    service: 'iam',
    action: 'GetAccessKeyLastUsed',
    weight: 1,
    build: (r, f) => [['AccessKeyId', r.pick(['AKIAKEYSMITHFUZZ0001', ...f.scratchKeyIds, 'AKIA', 'ASIA' + 'Z'.repeat(16), oddText(r)])]],
  },
  {
    service: 'iam',
    action: 'UpdateAccessKey',
    weight: 1,
    build: (r, f) => [
      ['UserName', name(r, f.users)],
      ['AccessKeyId', r.pick([...f.scratchKeyIds, 'AKIA' + 'Q'.repeat(16), oddText(r)])],
      ['Status', r.pick(['Active', 'Inactive', 'active', ''])],
    ],
  },
  {
    service: 'iam',
    action: 'DeleteAccessKey',
    weight: 1,
    build: (r, f) => [
      ['UserName', name(r, f.users.slice(1))],
      ['AccessKeyId', r.pick(['AKIA' + 'Q'.repeat(16), oddText(r)])],
    ],
  },
  { service: 'iam', action: 'GetAccountSummary', weight: 1, build: () => [] },
  {
    service: 'iam',
    action: 'GetAccountAuthorizationDetails',
    weight: 1,
    build: (r) => [
      ...list(
        'Filter',
        Array.from({ length: r.range(0, 3) }, () => r.pick(['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy', 'x'])),
      ),
      ...maybe(r, 0.4, [['MaxItems', oddNumber(r)]]),
      ...maybe(r, 0.2, [['Marker', oddText(r)]]),
    ],
  },
  {
    service: 'iam',
    action: 'SimulateCustomPolicy',
    weight: 4,
    build: (r, f, w) => [
      ...list('PolicyInputList', [policy(r, f, 'identity', w).toString('utf8')]),
      ...list(
        'ActionNames',
        Array.from({ length: r.range(1, 4) }, () => r.pick(['iam:CreateUser', 's3:GetObject', 'sts:AssumeRole', '*', 'x', ''])),
      ),
      ...maybe(r, 0.5, list('ResourceArns', [r.pick(['*', `arn:aws:s3:::${f.bucket}/k`, 'arn:', oddText(r)])])),
      ...maybe(r, 0.4, [
        ['ContextEntries.member.1.ContextKeyName', r.pick(['aws:username', 'aws:SourceIp', 'aws:CurrentTime', 's3:max-keys', oddText(r)])],
        ['ContextEntries.member.1.ContextKeyType', r.pick(['string', 'stringList', 'numeric', 'boolean', 'ip', 'date', 'binary', 'x'])],
        ['ContextEntries.member.1.ContextKeyValues.member.1', r.pick(['10.0.0.1', '1', 'true', '2020-01-01T00:00:00Z', oddText(r)])],
      ]),
      ...maybe(r, 0.2, [['ResourcePolicy', policy(r, f, 'bucket', w)]]),
    ],
  },
  {
    service: 'iam',
    action: 'SimulatePrincipalPolicy',
    weight: 2,
    build: (r, f, w) => [
      [
        'PolicySourceArn',
        r.pick([
          `arn:aws:iam::${f.accountId}:user/fuzz-caller`,
          `arn:aws:iam::${f.accountId}:role/fuzz/fuzz-role`,
          `arn:aws:iam::${f.accountId}:user/${r.pick(f.users)}`,
          oddText(r),
        ]),
      ],
      ...list('ActionNames', [r.pick(['s3:GetObject', 'iam:ListUsers', '*'])]),
      ...maybe(r, 0.3, list('PolicyInputList', [policy(r, f, 'identity', w).toString('utf8')])),
    ],
  },
  {
    service: 'iam',
    action: 'GetContextKeysForCustomPolicy',
    weight: 2,
    build: (r, f, w) =>
      list(
        'PolicyInputList',
        Array.from({ length: r.range(1, 3) }, () => policy(r, f, 'identity', w).toString('utf8')),
      ),
  },
  {
    service: 'iam',
    action: 'CreateVirtualMFADevice',
    weight: 1,
    build: (r) => [['VirtualMFADeviceName', r.pick(['fuzz-mfa', oddText(r)])], ...maybe(r, 0.3, [['Path', r.pick(['/', 'x'])]])],
  },
  {
    service: 'iam',
    action: 'EnableMFADevice',
    weight: 1,
    build: (r, f) => [
      ['UserName', name(r, f.users)],
      ['SerialNumber', r.pick([`arn:aws:iam::${f.accountId}:mfa/fuzz-mfa`, oddText(r)])],
      ['AuthenticationCode1', r.pick(['123456', '000000', '12345', 'abcdef', oddNumber(r)])],
      ['AuthenticationCode2', r.pick(['654321', '1234567'])],
    ],
  },
  {
    service: 'iam',
    action: 'ListVirtualMFADevices',
    weight: 1,
    build: (r) => maybe(r, 0.5, [['AssignmentStatus', r.pick(['Assigned', 'Unassigned', 'Any', 'x'])]]),
  },
  { service: 'iam', action: 'ListInstanceProfiles', weight: 1, build: (r) => maybe(r, 0.3, [['MaxItems', oddNumber(r)]]) },
  { service: 'sts', action: 'GetCallerIdentity', weight: 3, build: () => [] },
  {
    service: 'sts',
    action: 'AssumeRole',
    weight: 9,
    build: (r, f, w) => [
      [
        'RoleArn',
        r.weighted<string>([
          [f.roleArn, 6],
          [f.userRoleArn, 2],
          [`arn:aws:iam::${f.accountId}:role/${r.pick(f.roles)}`, 2],
          [mutateText(r, f.roleArn), 2],
          ['arn:aws:iam::999999999999:role/x', 1],
        ]),
      ],
      ['RoleSessionName', r.chance(0.8) ? 'fuzz' : mutateText(r, 'fuzz-session')],
      ...maybe(r, 0.4, [['DurationSeconds', r.chance(0.5) ? oddNumber(r) : '900']]),
      ...maybe(r, 0.3, [['ExternalId', r.pick(['fuzz', '', oddText(r)])]]),
      ...maybe(r, 0.35, [['Policy', policy(r, f, 'session', w)]]),
      ...maybe(
        r,
        0.2,
        Array.from({ length: r.range(1, 12) }, (_, i) => [`PolicyArns.member.${i + 1}.arn`, policyArn(r, f)] as [string, Value]),
      ),
      ...maybe(r, 0.3, tags(r)),
      ...maybe(r, 0.15, list('TransitiveTagKeys', ['team', oddText(r)])),
      ...maybe(r, 0.15, [['SourceIdentity', r.pick(['fuzz', '', oddText(r)])]]),
      ...maybe(r, 0.05, [
        ['SerialNumber', oddText(r)],
        ['TokenCode', oddNumber(r)],
      ]),
    ],
  },
  { service: 'sts', action: 'GetSessionToken', weight: 2, build: (r) => maybe(r, 0.6, [['DurationSeconds', oddNumber(r)]]) },
  {
    service: 'sts',
    action: 'GetFederationToken',
    weight: 2,
    build: (r, f, w) => [
      ['Name', r.chance(0.7) ? 'fuzz-fed' : oddText(r)],
      ...maybe(r, 0.5, [['Policy', policy(r, f, 'session', w)]]),
      ...maybe(r, 0.4, [['DurationSeconds', oddNumber(r)]]),
      ...maybe(r, 0.2, tags(r)),
    ],
  },
  {
    service: 'sts',
    action: 'GetAccessKeyInfo',
    weight: 1,
    build: (r) => [['AccessKeyId', r.pick(['AKIAKEYSMITHFUZZ0001', 'ASIA' + 'Q'.repeat(16), 'AKIA', 'ASIAAAAAAAAAAAAAAAAA', oddText(r)])]],
  },
  {
    service: 'sts',
    action: 'DecodeAuthorizationMessage',
    weight: 1,
    build: (r) => [['EncodedMessage', r.pick(['', 'x', 'A'.repeat(4000), oddText(r), 'ks1.' + r.hex(200)])]],
  },
];

const IAM_ACTIONS = OPS.filter((o) => o.service === 'iam').map((o) => o.action);
const STS_ACTIONS = OPS.filter((o) => o.service === 'sts').map((o) => o.action);

/** Bytes of a value, percent-encoded (invalid UTF-8 stays invalid). */
function encValue(r: Rng, v: Value): string {
  if (typeof v !== 'string') {
    let out = '';
    for (const b of v)
      out +=
        (b >= 0x30 && b <= 0x39) ||
        (b >= 0x41 && b <= 0x5a) ||
        (b >= 0x61 && b <= 0x7a) ||
        b === 0x2d ||
        b === 0x2e ||
        b === 0x5f ||
        b === 0x7e
          ? String.fromCharCode(b)
          : '%' + b.toString(16).toUpperCase().padStart(2, '0');
    return out;
  }
  return r.chance(0.08) ? oddEnc(r, v) : enc(v);
}

/** One mutation of the (already encoded) parameter list. */
function mutateParams(r: Rng, pairs: Pair[], op: QueryOp, what: string[]): Pair[] {
  const out = pairs.slice();
  const j = out.length > 0 ? r.int(out.length) : -1;
  switch (r.int(16)) {
    case 0:
      if (j >= 0) {
        what.push(`param:drop ${out[j]![0]}`);
        out.splice(j, 1);
      }
      break;
    case 1:
      if (j >= 0) {
        const dup = r.chance(0.5) ? out[j]! : ([out[j]![0], enc(oddText(r))] as Pair);
        out.splice(r.chance(0.5) ? 0 : out.length, 0, dup);
        what.push(`param:duplicate ${out[j]![0]}`);
      }
      break;
    case 2:
      if (j >= 0) {
        out[j] = [out[j]![0], enc(hugeText(r))];
        what.push(`param:huge ${out[j][0]}`);
      }
      break;
    case 3:
    case 4:
      if (j >= 0) {
        out[j] = [out[j]![0], enc(mutateText(r, decodeSafe(out[j]![1] ?? '')))];
        what.push(`param:mutate ${out[j][0]}`);
      }
      break;
    case 5: {
      const members = out.map((p, i) => [p, i] as const).filter(([p]) => /\.member\.\d+/.test(p[0]));
      if (members.length > 0) {
        const [p, i] = r.pick(members);
        const to = r.pick(['0', '-1', '3', '01', '1.5', '99999999999999999999', '1001', '2147483648', '', ' 1', '१', '1e3', 'x']);
        out[i] = [p[0].replace(/\.member\.\d+/, `.member.${to}`), p[1]];
        what.push(`param:member-index ${to}`);
      } else {
        const listName = r.pick(['Tags', 'TagKeys', 'PolicyArns', 'ActionNames', 'PolicyInputList', 'Filter', 'TransitiveTagKeys']);
        out.push([
          `${listName}.member.${r.pick(['1', '2', '5', '0', '1000'])}${r.pick(['', '.Key', '.Value', '.arn', '.'])}`,
          enc(oddText(r)),
        ]);
        what.push('param:stray-member');
      }
      break;
    }
    case 6: {
      const numeric = out.map((p, i) => [p, i] as const).filter(([p]) => /Duration|MaxItems|MaxSession|Max/.test(p[0]));
      if (numeric.length > 0) {
        const [p, i] = r.pick(numeric);
        out[i] = [p[0], enc(mutateNumber(r, p[1] ?? ''))];
        what.push(`param:number ${p[0]}`);
      } else {
        out.push([r.pick(['DurationSeconds', 'MaxItems', 'MaxSessionDuration']), enc(oddNumber(r))]);
        what.push('param:stray-number');
      }
      break;
    }
    case 7: {
      const i = out.findIndex(([k]) => k === 'Version');
      const v = r.pick(['', '2010-05-08', '2011-06-15', '2010-05-09', '2013-11-01', 'latest', oddText(r), '2010-05-08\u0000']);
      if (i >= 0 && r.chance(0.7)) out[i] = ['Version', enc(v)];
      else if (i >= 0) out.splice(i, 1);
      else out.push(['Version', enc(v)]);
      what.push('param:version');
      break;
    }
    case 8: {
      const i = out.findIndex(([k]) => k === 'Action');
      const a = r.pick([
        op.action.toLowerCase(),
        op.action + ' ',
        '',
        'Foo',
        r.pick(op.service === 'iam' ? STS_ACTIONS : IAM_ACTIONS),
        '*',
        op.action + '\u0000',
        'A'.repeat(5000),
        'constructor',
        '__proto__',
        'hasOwnProperty',
      ]);
      if (i >= 0 && r.chance(0.8)) out[i] = ['Action', enc(a)];
      else if (i >= 0) out.splice(i, 1);
      what.push('param:action');
      break;
    }
    case 9:
      out.push([
        r.chance(0.5) ? enc(oddText(r)) : r.pick(['', '=', '&', 'Action', 'x.member.1', 'a'.repeat(3000)]),
        r.chance(0.3) ? undefined : enc(oddText(r)),
      ]);
      what.push('param:stray');
      break;
    case 10:
      if (j >= 0) {
        out[j] = [
          out[j]![0],
          r.pick(['%', '%Z', '%C3', '%FF', '%ED%A0%80', '%00', '+', '%C0%AF', '%F4%90%80%80', '%E0%80%80']) + (out[j]![1] ?? ''),
        ];
        what.push('param:bad-escape');
      }
      break;
    case 11:
      if (j >= 0) {
        out[j] = [
          out[j]![0],
          insertAt(r, out[j]![1] ?? '', enc(r.pick(['\u0000', '\u0001', '\u001f', '\u007f', '\u0085', '\u2028', '\ufeff', '\r\n', '\t']))),
        ];
        what.push(`param:control ${out[j][0]}`);
      }
      break;
    case 12:
      if (j >= 0) {
        out[j] = [out[j]![0], undefined];
        what.push('param:no-equals');
      }
      break;
    case 13:
      if (j >= 0) {
        out[j] = [
          r.pick([
            out[j]![0].toLowerCase(),
            out[j]![0].toUpperCase(),
            ` ${out[j]![0]}`,
            `${out[j]![0]}.member.1`,
            enc(out[j]![0] + '\u0000'),
          ]),
          out[j]![1],
        ];
        what.push('param:key-case');
      }
      break;
    case 14:
      if (out.length > 1) {
        for (let i = out.length - 1; i > 0; i--) {
          const k = r.int(i + 1);
          [out[i], out[k]] = [out[k]!, out[i]!];
        }
        what.push('param:shuffle');
      }
      break;
    default: {
      const n = r.chance(0.05) ? r.range(2000, 20000) : r.range(50, 500);
      const prefix = r.pick(['Tags', 'TagKeys', 'PolicyArns', 'ActionNames', 'ContextEntries']);
      for (let i = 1; i <= n; i++)
        out.push([
          `${prefix}.member.${i}${prefix === 'Tags' ? '.Key' : prefix === 'PolicyArns' ? '.arn' : prefix === 'ContextEntries' ? '.ContextKeyName' : ''}`,
          `v${i}`,
        ]);
      what.push(`param:many-members ${n}`);
    }
  }
  return out;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function generateForm(r: Rng, f: Fixture, index: number): Draft {
  const op = r.weighted(OPS.map((o) => [o, o.weight] as const));
  const what: string[] = [];
  const params = op.build(r, f, what);
  let pairs: Pair[] = [
    ['Action', op.action],
    ['Version', op.service === 'iam' ? IAM_VERSION : STS_VERSION],
    ...params.map(([k, v]) => [enc(k), encValue(r, v)] as Pair),
  ];
  const mutations = r.chance(0.12)
    ? 0
    : r.weighted<number>([
        [1, 6],
        [2, 3],
        [3, 1],
        [5, 0.5],
      ]);
  for (let i = 0; i < mutations; i++) pairs = mutateParams(r, pairs, op, what);

  const get = r.chance(0.18);
  let headers: Array<[string, string]> = get ? [] : [['Content-Type', 'application/x-www-form-urlencoded; charset=utf-8']];
  if (r.chance(0.08)) {
    const ct = r.pick([
      'application/x-www-form-urlencoded',
      'text/plain',
      'application/json',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded; charset=latin1',
      'APPLICATION/X-WWW-FORM-URLENCODED',
      '',
      oddHeaderValue(r),
    ]);
    headers = ct === '' ? [] : [['Content-Type', ct]];
    what.push('header:content-type');
  }
  if (r.chance(0.08)) {
    const m = mutateHeaders(r, headers, [
      'User-Agent',
      'X-Amz-User-Agent',
      'Content-Encoding',
      'Accept',
      'X-Forwarded-For',
      'Referer',
      'amz-sdk-invocation-id',
      'Content-Type',
    ]);
    headers = m.headers;
    what.push(...m.what);
  }
  const choice = signChoice(r, r.chance(0.97) ? op.service : r.pick(['iam', 'sts']), 'hash', f);
  const sep = r.chance(0.02) ? r.pick([';', '&&', '&amp;']) : undefined;
  if (sep) what.push(`form:separator ${sep}`);
  return {
    index,
    protocol: 'form',
    op: `${op.service}:${op.action}`,
    mutations: [...what, ...choice.mutations],
    method: get ? 'GET' : r.chance(0.01) ? r.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS']) : 'POST',
    path: r.chance(0.97) ? '/' : r.pick(['//', '/?', '/x', '/%2F', '/..', '/./']),
    query: get ? pairs : [],
    headers,
    body: get ? { kind: 'bytes', data: Buffer.alloc(0) } : { kind: 'form', params: pairs, ...(sep ? { sep } : {}) },
    sign: choice.sign,
    post: choice.post,
  };
}
