import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '../support/node-test.js';
import { buildRequestContext, type ContextRequest } from '../../src/authz/request-context.js';
import { tagOnCreateAction } from '../../src/authz/condition-keys/tag-on-create.js';
import { CONDITION_KEYS } from '../../src/authz/condition-keys/key-table.js';
import { AWS_ACTION_KEYS } from '../../src/authz/condition-keys/aws-action-keys.js';
import { S3_ACTIONS_CHECKED } from '../../src/services/s3/authorize.js';
import { renderConditionKeysDoc, checkedActions } from '../../src/cli/condition-keys-doc.js';
import { sessionPrincipal } from '../../src/authn/session-principal.js';
import type { Principal } from '../../src/model/principal.js';
import { repoRoot } from '../support/paths.js';

const ACCOUNT = '123456789012';
const alice: Principal = {
  type: 'User',
  accountId: ACCOUNT,
  arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  userId: 'AIDAALICE0000000000000',
  userName: 'alice',
  entityId: 'AIDAALICE0000000000000',
  accessKeyId: 'AKIAALICE00000000000',
  temporary: false,
  tags: [],
};
const facts = {
  sourceIp: '::ffff:127.0.0.1',
  userAgent: 'test-agent',
  secureTransport: false,
  region: 'eu-west-1',
  now: Date.UTC(2026, 11, 6, 12, 0, 0),
};
const bobArn = `arn:aws:iam::${ACCOUNT}:user/bob`;

function build(partial: Partial<ContextRequest> & { action: string }) {
  return buildRequestContext({ principal: alice, principalTags: { team: 'dev' }, facts, ...partial });
}

test('global keys of a long-term user key: present; session keys absent; no aws:RoleSessionName', () => {
  const ctx = build({ action: 'iam:GetUser', resource: bobArn });
  assert.equal(ctx['aws:PrincipalArn'], alice.arn);
  assert.equal(ctx['aws:username'], 'alice');
  assert.equal(ctx['aws:PrincipalTag/team'], 'dev');
  assert.equal(ctx['aws:SourceIp'], '127.0.0.1');
  assert.equal(ctx['aws:SecureTransport'], 'false');
  assert.equal(ctx['aws:CurrentTime'], '2026-12-06T12:00:00Z');
  assert.equal(ctx['aws:EpochTime'], String(Date.UTC(2026, 11, 6, 12) / 1000));
  assert.equal(ctx['aws:UserAgent'], 'test-agent');
  assert.equal(ctx['aws:PrincipalIsAWSService'], 'false');
  assert.equal(ctx['aws:ViaAWSService'], 'false');
  assert.equal(ctx['aws:ResourceAccount'], ACCOUNT);
  for (const absent of [
    'aws:MultiFactorAuthPresent',
    'aws:TokenIssueTime',
    'aws:MultiFactorAuthAge',
    'aws:TagKeys',
    'aws:RoleSessionName',
    'iam:PolicyARN',
  ]) {
    assert.equal(ctx[absent], undefined, absent);
  }
});

test('aws:RequestedRegion: IAM is us-east-1 whatever the client signed; other services the signed region', () => {
  assert.equal(build({ action: 'iam:ListUsers' })['aws:RequestedRegion'], 'us-east-1');
  assert.equal(build({ action: 'sts:GetFederationToken' })['aws:RequestedRegion'], 'eu-west-1');
  assert.equal(build({ action: 's3:GetObject' })['aws:RequestedRegion'], 'eu-west-1');
});

test('request tags: aws:TagKeys and aws:RequestTag/* on TagUser; only aws:TagKeys on UntagUser; none on GetUser', () => {
  const tags = [
    { Key: 'access-level', Value: 'admin' },
    { Key: 'team', Value: '' },
  ];
  const tag = build({ action: 'iam:TagUser', input: { UserName: 'bob', Tags: tags } });
  assert.deepEqual(tag['aws:TagKeys'], ['access-level', 'team']);
  assert.equal(tag['aws:RequestTag/access-level'], 'admin');
  assert.equal(tag['aws:RequestTag/team'], '');
  const untag = build({ action: 'iam:UntagUser', input: { UserName: 'bob', TagKeys: ['a', 'b'] } });
  assert.deepEqual(untag['aws:TagKeys'], ['a', 'b']);
  assert.equal(
    Object.keys(untag).some((k) => k.startsWith('aws:RequestTag/')),
    false,
  );
  const get = build({ action: 'iam:GetUser', input: { UserName: 'bob', Tags: tags } });
  assert.equal(get['aws:TagKeys'], undefined, 'AWS lists no tag keys for GetUser');
  const none = build({ action: 'iam:CreateUser', input: { UserName: 'bob' } });
  assert.equal(none['aws:TagKeys'], undefined, 'absent when no tags are passed');
});

test('resource tags: an existing user or role gives aws: and iam:ResourceTag; a managed policy only aws:ResourceTag; a create the tags it is created with', () => {
  const target = { arn: bobArn, accountId: ACCOUNT, exists: true, tags: [{ Key: 'protected', Value: 'true' }] };
  const get = build({ action: 'iam:DeleteUser', resource: bobArn, target });
  assert.equal(get['aws:ResourceTag/protected'], 'true');
  assert.equal(get['iam:ResourceTag/protected'], 'true');
  const policyArn = `arn:aws:iam::${ACCOUNT}:policy/p`;
  const policy = build({ action: 'iam:GetPolicy', resource: policyArn, target: { ...target, arn: policyArn } });
  assert.equal(policy['aws:ResourceTag/protected'], 'true');
  assert.equal(policy['iam:ResourceTag/protected'], undefined);
  const create = build({
    action: 'iam:CreateUser',
    input: { UserName: 'carol', Tags: [{ Key: 'team', Value: 'ops' }] },
    target: { arn: bobArn, exists: false },
  });
  assert.equal(create['aws:ResourceTag/team'], 'ops');
  assert.equal(create['iam:ResourceTag/team'], undefined);
  const tagMissing = build({
    action: 'iam:TagUser',
    input: { UserName: 'nobody', Tags: [{ Key: 'team', Value: 'ops' }] },
    target: { arn: bobArn, exists: false },
  });
  assert.equal(tagMissing['aws:ResourceTag/team'], undefined, 'only a create describes a resource by its request tags');
});

test('iam:PermissionsBoundary: the boundary a create or Put sets, else the target’s; iam:PolicyARN on attach', () => {
  const boundary = `arn:aws:iam::${ACCOUNT}:policy/boundary`;
  assert.equal(
    build({ action: 'iam:CreateUser', input: { UserName: 'c', PermissionsBoundary: boundary } })['iam:PermissionsBoundary'],
    boundary,
  );
  const target = { arn: bobArn, accountId: ACCOUNT, exists: true, tags: [], permissionsBoundary: boundary };
  const attach = build({
    action: 'iam:AttachUserPolicy',
    input: { UserName: 'bob', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    target,
  });
  assert.equal(attach['iam:PermissionsBoundary'], boundary);
  assert.equal(attach['iam:PolicyARN'], 'arn:aws:iam::aws:policy/ReadOnlyAccess');
  assert.equal(build({ action: 'iam:CreateUser', input: { UserName: 'c' } })['iam:PermissionsBoundary'], undefined);
  assert.equal(
    build({ action: 'iam:GetUser', input: { UserName: 'c', PolicyArn: 'x' }, target })['iam:PermissionsBoundary'],
    undefined,
    'not listed for GetUser',
  );
});

test('keys the operation supplies are kept only where AWS lists them; keysOf lends a call’s key list to its extra checks', () => {
  const listed = build({ action: 's3:ListBucket', supplied: { 's3:prefix': 'home/', 's3:x-amz-acl': 'private' } });
  assert.equal(listed['s3:prefix'], 'home/');
  assert.equal(listed['s3:x-amz-acl'], undefined);
  const get = build({ action: 's3:GetObject', supplied: { 's3:prefix': 'home/' } });
  assert.equal(get['s3:prefix'], undefined);
  const supplied = { 'sts:ExternalId': 'x', 'sts:RoleSessionName': 's' };
  assert.equal(build({ action: 'sts:TagSession', supplied })['sts:ExternalId'], undefined);
  assert.equal(build({ action: 'sts:TagSession', keysOf: 'sts:AssumeRole', supplied })['sts:ExternalId'], 'x');
});

test('anonymous caller: no aws:PrincipalArn, no aws:PrincipalIsAWSService; aws:PrincipalAccount anonymous', () => {
  const ctx = buildRequestContext({ action: 's3:GetObject', principal: undefined, facts, resourceAccount: ACCOUNT });
  assert.equal(ctx['aws:PrincipalArn'], undefined);
  assert.equal(ctx['aws:PrincipalIsAWSService'], undefined);
  assert.equal(ctx['aws:PrincipalAccount'], 'anonymous');
  assert.equal(ctx['aws:PrincipalType'], 'Anonymous');
  assert.equal(ctx['aws:ResourceAccount'], ACCOUNT);
});

test('session keys for temporary credentials; aws:MultiFactorAuthAge only with MFA', () => {
  const issuedAt = facts.now / 1000 - 60;
  const claims = {
    accessKeyId: 'ASIAALICE00000000000',
    secretAccessKey: 'x',
    accountId: ACCOUNT,
    issuedAt,
    expiresAt: issuedAt + 3600,
    originArn: alice.arn,
    originUserId: alice.userId,
    originUserName: 'alice',
  };
  const role = { roleId: 'AROADEV0000000000000', roleName: 'Dev', rolePath: '/', sessionName: 's' };
  const roleSession = sessionPrincipal({ ...claims, ...role, kind: 'AssumedRole', mfaAuthenticated: true, sourceIdentity: 'me' });
  const ctx = build({ action: 'iam:ListUsers', principal: roleSession });
  assert.equal(ctx['aws:MultiFactorAuthPresent'], 'true');
  assert.equal(ctx['aws:MultiFactorAuthAge'], '60');
  assert.equal(ctx['aws:TokenIssueTime'], '2026-12-06T11:59:00Z');
  assert.equal(ctx['aws:SourceIdentity'], 'me');
  for (const noMfa of [
    build({ action: 'iam:ListUsers', principal: sessionPrincipal({ ...claims, ...role, kind: 'AssumedRole' }) }),
    build({ action: 'iam:ListUsers', principal: sessionPrincipal({ ...claims, kind: 'SessionToken' }) }),
  ]) {
    assert.equal(noMfa['aws:TokenIssueTime'], '2026-12-06T11:59:00Z');
    assert.equal(noMfa['aws:MultiFactorAuthPresent'], 'false');
    assert.equal(noMfa['aws:MultiFactorAuthAge'], undefined);
    assert.equal(noMfa['aws:SourceIdentity'], undefined);
  }
});

test('tag-on-create: creates with Tags need their tag action; without Tags none', () => {
  assert.equal(tagOnCreateAction('iam:CreateUser', { Tags: [{ Key: 'a', Value: 'b' }] }), 'iam:TagUser');
  assert.equal(tagOnCreateAction('iam:CreateRole', { Tags: [{ Key: 'a', Value: 'b' }] }), 'iam:TagRole');
  assert.equal(tagOnCreateAction('iam:CreatePolicy', { Tags: [{ Key: 'a', Value: 'b' }] }), 'iam:TagPolicy');
  assert.equal(tagOnCreateAction('iam:CreateUser', { Tags: [] }), undefined);
  assert.equal(tagOnCreateAction('iam:CreateGroup', { Tags: [{ Key: 'a', Value: 'b' }] }), undefined);
  // Every tag action named must exist in AWS's table and accept aws:RequestTag.
  for (const create of [
    'iam:CreateUser',
    'iam:CreateRole',
    'iam:CreatePolicy',
    'iam:CreateInstanceProfile',
    'iam:CreateOpenIDConnectProvider',
    'iam:CreateSAMLProvider',
    'iam:UploadServerCertificate',
    'iam:CreateVirtualMFADevice',
  ]) {
    const tagAction = tagOnCreateAction(create, { Tags: [{ Key: 'a', Value: 'b' }] })!;
    assert.ok(AWS_ACTION_KEYS[tagAction.toLowerCase()]?.keys.includes('aws:RequestTag/'), tagAction);
  }
});

test('the key table: one row per key, every set key has a value text, every unset key a reason', () => {
  const seen = new Set<string>();
  for (const row of CONDITION_KEYS) {
    assert.ok(!seen.has(row.key.toLowerCase()), `duplicate row ${row.key}`);
    seen.add(row.key.toLowerCase());
    assert.ok(row.source !== undefined ? row.value && !row.notSet : row.notSet, row.key);
  }
});

/** Operations AWS authorizes by ownership alone, with no IAM action (src/services/iam/delegation-requests/update-delegation-request.ts). */
const NO_IAM_ACTION = new Set(['iam:UpdateDelegationRequest']);

test('every action keysmith authorizes is in AWS’s table', () => {
  for (const action of checkedActions()) if (!NO_IAM_ACTION.has(action)) assert.ok(AWS_ACTION_KEYS[action.toLowerCase()], action);
});

test('S3_ACTIONS_CHECKED names every action the S3 handlers authorize', () => {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts'))
        for (const m of readFileSync(path, 'utf8').matchAll(/action: '(s3:[A-Za-z]+)'|'(s3:[A-Z][A-Za-z]+)'/g)) found.add((m[1] ?? m[2])!);
    }
  };
  walk(join(repoRoot, 'src', 'services', 's3'));
  const known = new Set(CONDITION_KEYS.map((r) => r.key.toLowerCase()));
  for (const action of found) {
    if (known.has(action.toLowerCase()) || action === 's3:LocationConstraint') continue; // condition keys, not actions
    assert.ok(S3_ACTIONS_CHECKED.includes(action), `${action} is authorized by a handler but missing from S3_ACTIONS_CHECKED`);
  }
});

test('docs/condition-keys.md is the generated one (npm run docs:condition-keys)', () => {
  assert.equal(readFileSync(join(repoRoot, 'docs', 'condition-keys.md'), 'utf8'), renderConditionKeysDoc());
});
