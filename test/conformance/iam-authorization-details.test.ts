import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetAccountAuthorizationDetailsCommand,
  type GetAccountAuthorizationDetailsCommandOutput,
  type IAMClient,
  PutGroupPolicyCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import type { TestServer } from '../support/server.js';
import { startIamTestServer } from './iam-test-helpers.js';
import { iamClient } from '../support/sdk-clients.js';
import { signedRequest } from '../support/clients-signer.js';
import { child, parseXml } from '../support/clients-xml.js';

/** GetAccountAuthorizationDetails through SDK v3: relationships, presence rules (§4.10), filters, pages. */

let server: TestServer;
let iam: IAMClient;

const identity = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const V2 = `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*",
    "Condition": { "StringLike": { "aws:userid": "a%3Ab" } } }]
}`;

async function everything(filter?: string[]): Promise<GetAccountAuthorizationDetailsCommandOutput> {
  return iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: filter as never }));
}

suite('GetAccountAuthorizationDetails (SDK v3)', () => {
  let policyArn = '';

  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    policyArn = (
      await iam.send(
        new CreatePolicyCommand({ PolicyName: 'aad-policy', Path: '/aad/', PolicyDocument: identity('s3:GetObject'), Description: 'aad' }),
      )
    ).Policy!.Arn!;
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: policyArn, PolicyDocument: V2, SetAsDefault: true }));
    const boundary = (await iam.send(new CreatePolicyCommand({ PolicyName: 'aad-boundary', PolicyDocument: identity('s3:*') }))).Policy!
      .Arn!;

    await iam.send(new CreateUserCommand({ UserName: 'aad-user', Tags: [{ Key: 't', Value: 'u' }] }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'aad-user', PolicyName: 'aad-inline', PolicyDocument: identity('iam:GetUser') }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'aad-user', PolicyArn: policyArn }));
    await iam.send(new CreateUserCommand({ UserName: 'aad-plain' }));

    await iam.send(new CreateGroupCommand({ GroupName: 'aad-group' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'aad-group', UserName: 'aad-user' }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'aad-group', PolicyArn: policyArn }));
    await iam.send(new CreateGroupCommand({ GroupName: 'aad-group-inline' }));
    await iam.send(
      new PutGroupPolicyCommand({ GroupName: 'aad-group-inline', PolicyName: 'g-inline', PolicyDocument: identity('iam:GetGroup') }),
    );

    await iam.send(
      new CreateRoleCommand({ RoleName: 'aad-role', Path: '/aad/', AssumeRolePolicyDocument: trust, Tags: [{ Key: 'r', Value: '1' }] }),
    );
    await iam.send(
      new PutRolePolicyCommand({ RoleName: 'aad-role', PolicyName: 'r-inline', PolicyDocument: identity('sts:GetCallerIdentity') }),
    );
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'aad-role', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'aad-role', PermissionsBoundary: boundary }));
    await iam.send(new CreateRoleCommand({ RoleName: 'aad-role-plain', AssumeRolePolicyDocument: trust }));
  });
  after(async () => {
    iam?.destroy();
    await server?.close();
  });

  test('users: inline policies (omitted when none), groups, attached policies, tags', async () => {
    const all = await everything();
    assert.equal(all.IsTruncated, false);
    const user = all.UserDetailList!.find((u) => u.UserName === 'aad-user')!;
    assert.match(user.UserId!, /^AIDA/);
    assert.equal(user.Arn, `arn:aws:iam::${server.accountId}:user/aad-user`);
    assert.deepEqual(
      user.UserPolicyList?.map((p) => [p.PolicyName, decodeURIComponent(p.PolicyDocument!)]),
      [['aad-inline', identity('iam:GetUser')]],
    );
    assert.deepEqual(user.GroupList, ['aad-group']);
    assert.deepEqual(user.AttachedManagedPolicies, [{ PolicyName: 'aad-policy', PolicyArn: policyArn }]);
    assert.deepEqual(user.Tags, [{ Key: 't', Value: 'u' }]);
    const plain = all.UserDetailList!.find((u) => u.UserName === 'aad-plain')!;
    assert.equal(plain.UserPolicyList, undefined, 'UserPolicyList is omitted when the user has none');
    assert.deepEqual(plain.GroupList, []);
    assert.deepEqual(plain.AttachedManagedPolicies, []);
    const admin = all.UserDetailList!.find((u) => u.UserName === 'admin')!;
    assert.deepEqual(admin.AttachedManagedPolicies, [
      { PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    ]);
  });

  test('groups: GroupPolicyList present even when empty', async () => {
    const all = await everything();
    const group = all.GroupDetailList!.find((g) => g.GroupName === 'aad-group')!;
    assert.match(group.GroupId!, /^AGPA/);
    assert.deepEqual(group.GroupPolicyList, []);
    assert.deepEqual(group.AttachedManagedPolicies, [{ PolicyName: 'aad-policy', PolicyArn: policyArn }]);
    const inline = all.GroupDetailList!.find((g) => g.GroupName === 'aad-group-inline')!;
    assert.deepEqual(
      inline.GroupPolicyList?.map((p) => [p.PolicyName, decodeURIComponent(p.PolicyDocument!)]),
      [['g-inline', identity('iam:GetGroup')]],
    );
  });

  test('roles: trust policy, inline and attached policies, boundary, Tags and RoleLastUsed always present', async () => {
    const all = await everything();
    const role = all.RoleDetailList!.find((r) => r.RoleName === 'aad-role')!;
    assert.equal(role.Path, '/aad/');
    assert.equal(decodeURIComponent(role.AssumeRolePolicyDocument!), trust);
    assert.deepEqual(role.InstanceProfileList, []);
    assert.deepEqual(
      role.RolePolicyList?.map((p) => p.PolicyName),
      ['r-inline'],
    );
    assert.deepEqual(role.AttachedManagedPolicies, [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]);
    assert.equal(role.PermissionsBoundary?.PermissionsBoundaryType, 'Policy');
    assert.match(role.PermissionsBoundary?.PermissionsBoundaryArn ?? '', /policy\/aad-boundary$/);
    assert.deepEqual(role.Tags, [{ Key: 'r', Value: '1' }]);
    assert.deepEqual(role.RoleLastUsed, {});
    const plain = all.RoleDetailList!.find((r) => r.RoleName === 'aad-role-plain')!;
    assert.deepEqual(plain.Tags, []);
    assert.deepEqual(plain.RolePolicyList, []);
    assert.deepEqual(plain.AttachedManagedPolicies, []);
    assert.equal(plain.PermissionsBoundary, undefined);
    assert.deepEqual(plain.RoleLastUsed, {});
  });

  test('policies: every version with its document; AWS-managed ones only when used', async () => {
    const all = await everything();
    const p = all.Policies!.find((x) => x.Arn === policyArn)!;
    assert.equal(p.PolicyName, 'aad-policy');
    assert.equal(p.Path, '/aad/');
    assert.equal(p.DefaultVersionId, 'v2');
    assert.equal(p.AttachmentCount, 2);
    assert.equal(p.PermissionsBoundaryUsageCount, 0);
    assert.equal(p.IsAttachable, true);
    assert.equal(p.Description, 'aad');
    assert.deepEqual(
      p.PolicyVersionList?.map((v) => [v.VersionId, v.IsDefaultVersion, decodeURIComponent(v.Document!)]),
      [
        ['v2', true, V2],
        ['v1', false, identity('s3:GetObject')],
      ],
    );
    const boundary = all.Policies!.find((x) => x.PolicyName === 'aad-boundary')!;
    assert.equal(boundary.PermissionsBoundaryUsageCount, 1);
    const awsNames = all
      .Policies!.filter((x) => x.Arn!.startsWith('arn:aws:iam::aws:'))
      .map((x) => x.PolicyName)
      .sort();
    assert.deepEqual(awsNames, ['AdministratorAccess', 'ReadOnlyAccess']);
  });

  test('Filter picks the lists; the others come back empty', async () => {
    const roles = await everything(['Role']);
    assert.ok(roles.RoleDetailList!.length >= 2);
    assert.deepEqual([roles.UserDetailList, roles.GroupDetailList, roles.Policies], [[], [], []]);
    const aws = await everything(['AWSManagedPolicy']);
    assert.ok(aws.Policies!.every((x) => x.Arn!.startsWith('arn:aws:iam::aws:policy/')));
    const local = await everything(['LocalManagedPolicy', 'Group']);
    assert.ok(local.Policies!.every((x) => !x.Arn!.startsWith('arn:aws:iam::aws:policy/')));
    assert.ok(local.GroupDetailList!.length >= 2);
    assert.deepEqual(local.UserDetailList, []);

    const { url, init } = await signedRequest(server.url, server.admin, {
      form: { Action: 'GetAccountAuthorizationDetails', Version: '2010-05-08', 'Filter.member.1': 'Nope' },
    });
    const res = await fetch(url, init);
    assert.equal(res.status, 400);
    assert.equal(child(child(parseXml(await res.text()), 'Error'), 'Code').text, 'ValidationError');
  });

  test('pagination across the four lists gives the same entries as one call', async () => {
    const whole = await everything();
    const count = (o: GetAccountAuthorizationDetailsCommandOutput) => [
      ...o.UserDetailList!.map((u) => `u:${u.UserName}`),
      ...o.GroupDetailList!.map((g) => `g:${g.GroupName}`),
      ...o.RoleDetailList!.map((r) => `r:${r.RoleName}`),
      ...o.Policies!.map((p) => `p:${p.Arn}`),
    ];
    const expected = count(whole);
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 2, Marker: marker }));
      const items = count(page);
      assert.ok(items.length <= 2);
      seen.push(...items);
      marker = page.IsTruncated ? page.Marker : undefined;
      pages++;
    } while (marker);
    assert.equal(pages, Math.ceil(expected.length / 2));
    assert.deepEqual(seen.sort(), [...expected].sort());
  });
});
