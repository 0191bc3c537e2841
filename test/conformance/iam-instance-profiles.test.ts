import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  AddRoleToInstanceProfileCommand,
  CreateAccessKeyCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  GetAccountAuthorizationDetailsCommand,
  GetInstanceProfileCommand,
  type IAMClient,
  ListInstanceProfileTagsCommand,
  ListInstanceProfilesCommand,
  ListInstanceProfilesForRoleCommand,
  PutUserPolicyCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagInstanceProfileCommand,
  UntagInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import type { TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { appAt } from '../support/server.js';
import { instanceProfileRole } from '../../src/services/iam/instance-profiles/instance-profile-record.js';
import { allowDoc, allPages, rejects, startIamTestServer } from './iam-test-helpers.js';

/**
 * Instance profiles through the AWS SDK v3 against a real keysmith: create/get/list/delete, one
 * role per profile, DeleteRole's conflict, tags (case-sensitive keys), pagination, the role's
 * profiles in GetAccountAuthorizationDetails, AWS's error texts and authorization (PassRole too).
 */
let server: TestServer;
let iam: IAMClient;
let acct: string;

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

async function newRole(name: string, path?: string): Promise<void> {
  await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST, Path: path }));
}

/** A client for a new user whose only permissions are `actions` on `resources`. */
async function userClient(name: string, actions: string[], resources: string | string[] = '*'): Promise<IAMClient> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: allowDoc(actions, resources) }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return iamClient(server.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
}

suite('IAM instance profiles (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    acct = server.accountId;
  });
  after(async () => {
    iam?.destroy();
    await server?.close();
  });

  test('create, get, add a role, list for the role, remove, delete', async () => {
    const created = (await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web', Path: '/app/' }))).InstanceProfile!;
    assert.equal(created.InstanceProfileName, 'web');
    assert.equal(created.Path, '/app/');
    assert.equal(created.Arn, `arn:aws:iam::${acct}:instance-profile/app/web`);
    assert.match(created.InstanceProfileId!, /^AIPA[A-Z2-7]{17}$/);
    assert.deepEqual(created.Roles, []);
    assert.equal(created.Tags, undefined);

    await newRole('web-role', '/svc/');
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'web-role' }));
    const got = (await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'WEB' }))).InstanceProfile!;
    assert.equal(got.InstanceProfileId, created.InstanceProfileId);
    assert.equal(got.Roles?.length, 1);
    const [role] = got.Roles ?? [];
    assert.ok(role);
    assert.equal(role.RoleName, 'web-role');
    assert.equal(role.Arn, `arn:aws:iam::${acct}:role/svc/web-role`);
    // SDK v3 hands back the URL-encoded document, as AWS sends it.
    assert.deepEqual(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)), JSON.parse(TRUST));
    assert.equal((await instanceProfileRole(appAt(server.url)!.store, acct, 'web'))?.roleName, 'web-role');

    const forRole = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'web-role' }));
    assert.deepEqual(
      forRole.InstanceProfiles?.map((p) => [p.InstanceProfileName, p.Roles?.map((r) => r.RoleName)]),
      [['web', ['web-role']]],
    );
    assert.equal(forRole.IsTruncated, false);

    await rejects(
      iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web' })),
      'DeleteConflict',
      'Cannot delete entity, must remove roles from instance profile first.',
      409,
    );
    await rejects(
      iam.send(new DeleteRoleCommand({ RoleName: 'web-role' })),
      'DeleteConflict',
      'Cannot delete entity, must remove roles from instance profile first.',
      409,
    );
    await iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'web-role' }));
    assert.deepEqual((await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web' }))).InstanceProfile?.Roles, []);
    assert.deepEqual((await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'web-role' }))).InstanceProfiles, []);
    assert.equal(await instanceProfileRole(appAt(server.url)!.store, acct, 'web'), undefined);
    await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'web-role' }));
    await rejects(
      iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web' })),
      'NoSuchEntity',
      'Instance Profile web cannot be found.',
      404,
    );
  });

  test('errors: duplicate names (ignoring case), missing profile or role, one role per profile, role not in it', async () => {
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'dup' }));
    await rejects(
      iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'DUP' })),
      'EntityAlreadyExists',
      'Instance Profile DUP already exists.',
      409,
    );
    await rejects(
      iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'nope' })),
      'NoSuchEntity',
      'Instance Profile nope cannot be found.',
      404,
    );
    await rejects(
      iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'nope', RoleName: 'x' })),
      'NoSuchEntity',
      'Instance Profile nope cannot be found.',
    );
    await rejects(
      iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'dup', RoleName: 'ghost' })),
      'NoSuchEntity',
      'The role with name ghost cannot be found.',
      404,
    );
    await newRole('dup-a');
    await newRole('dup-b');
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'dup', RoleName: 'dup-a' }));
    for (const role of ['dup-a', 'dup-b']) {
      await rejects(
        iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'dup', RoleName: role })),
        'LimitExceeded',
        'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
        409,
      );
    }
    await rejects(
      iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'dup', RoleName: 'dup-b' })),
      'NoSuchEntity',
      'The role with name dup-b cannot be found.',
      404,
    );
    await rejects(
      iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'ghost' })),
      'NoSuchEntity',
      'The role with name ghost cannot be found.',
    );
    await rejects(
      iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'bad name' })),
      'ValidationError',
      /instanceProfileName/,
      400,
    );
    await rejects(iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'p', Path: 'nope' })), 'ValidationError', /path/);
  });

  test('ListInstanceProfiles: path prefix, paging, no tags in the items', async () => {
    for (const n of ['pg-1', 'pg-2', 'pg-3']) {
      await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: n, Path: '/paged/', Tags: [{ Key: 'k', Value: n }] }));
    }
    const pages = await allPages((Marker) => iam.send(new ListInstanceProfilesCommand({ PathPrefix: '/paged/', MaxItems: 2, Marker })));
    assert.equal(pages.length, 2);
    const items = pages.flatMap((p) => p.InstanceProfiles ?? []);
    assert.deepEqual(
      items.map((p) => p.InstanceProfileName),
      ['pg-1', 'pg-2', 'pg-3'],
    );
    assert.ok(items.every((p) => p.Tags === undefined && Array.isArray(p.Roles)));
    const all = await iam.send(new ListInstanceProfilesCommand({}));
    assert.ok((all.InstanceProfiles ?? []).some((p) => p.InstanceProfileName === 'pg-2'));
    await rejects(iam.send(new ListInstanceProfilesCommand({ Marker: 'not-a-marker' })), 'ValidationError', 'Invalid Marker.');
  });

  test('tags: case-sensitive keys, sorted listing, untag, duplicates and the aws: prefix refused', async () => {
    const created = await iam.send(
      new CreateInstanceProfileCommand({
        InstanceProfileName: 'tagged',
        Tags: [
          { Key: 'b', Value: '1' },
          { Key: 'B', Value: '2' },
        ],
      }),
    );
    assert.equal(created.InstanceProfile?.Tags?.length, 2);
    await iam.send(
      new TagInstanceProfileCommand({
        InstanceProfileName: 'tagged',
        Tags: [
          { Key: 'a', Value: '3' },
          { Key: 'b', Value: 'new' },
        ],
      }),
    );
    const listed = await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'tagged' }));
    assert.deepEqual(
      listed.Tags?.map((t) => `${t.Key}=${t.Value}`),
      ['B=2', 'a=3', 'b=new'],
    );
    assert.equal(listed.IsTruncated, false);
    const page = await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'tagged', MaxItems: 2 }));
    assert.equal(page.IsTruncated, true);
    assert.ok(page.Marker);
    await iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: 'tagged', TagKeys: ['B', 'absent'] }));
    assert.deepEqual(
      (await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'tagged' }))).InstanceProfile?.Tags?.map((t) => t.Key).sort(),
      ['a', 'b'],
    );
    await rejects(
      iam.send(
        new TagInstanceProfileCommand({
          InstanceProfileName: 'tagged',
          Tags: [
            { Key: 'x', Value: '1' },
            { Key: 'x', Value: '2' },
          ],
        }),
      ),
      'InvalidInput',
      'Duplicate tag keys found.',
      400,
    );
    await rejects(
      iam.send(new TagInstanceProfileCommand({ InstanceProfileName: 'tagged', Tags: [{ Key: 'aws:x', Value: '1' }] })),
      'InvalidInput',
      'User-defined tag keys can\'t start with "aws:".',
    );
    await rejects(
      iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'nope' })),
      'NoSuchEntity',
      'Instance Profile nope cannot be found.',
    );
  });

  test('GetAccountAuthorizationDetails lists a role’s profiles', async () => {
    await newRole('gaad-role');
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'gaad-profile', Tags: [{ Key: 't', Value: 'v' }] }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'gaad-profile', RoleName: 'gaad-role' }));
    const details = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    const role = details.RoleDetailList?.find((r) => r.RoleName === 'gaad-role');
    assert.deepEqual(
      role?.InstanceProfileList?.map((p) => [p.InstanceProfileName, p.Roles?.map((r) => r.RoleName), p.Tags?.map((t) => t.Key)]),
      [['gaad-profile', ['gaad-role'], ['t']]],
    );
  });

  test('authorization: the profile ARN with its path; AddRoleToInstanceProfile also needs iam:PassRole on the role', async () => {
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'authz', Path: '/team/' }));
    await newRole('authz-role');
    const none = await userClient('ip-nobody', ['iam:ListRoles']);
    await rejects(
      none.send(new GetInstanceProfileCommand({ InstanceProfileName: 'authz' })),
      'AccessDenied',
      new RegExp(
        `^User: arn:aws:iam::${acct}:user/ip-nobody is not authorized to perform: iam:GetInstanceProfile on resource: arn:aws:iam::${acct}:instance-profile/team/authz `,
      ),
      403,
    );
    await rejects(
      none.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'made', Path: '/x/' })),
      'AccessDenied',
      new RegExp(`iam:CreateInstanceProfile on resource: arn:aws:iam::${acct}:instance-profile/x/made `),
    );
    none.destroy();

    const adder = await userClient('ip-adder', ['iam:AddRoleToInstanceProfile'], `arn:aws:iam::${acct}:instance-profile/team/*`);
    await rejects(
      adder.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'authz', RoleName: 'authz-role' })),
      'AccessDenied',
      new RegExp(`iam:PassRole on resource: arn:aws:iam::${acct}:role/authz-role`),
      403,
    );
    adder.destroy();
    const passer = await userClient('ip-passer', ['iam:AddRoleToInstanceProfile', 'iam:PassRole']);
    await passer.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'authz', RoleName: 'authz-role' }));
    passer.destroy();

    // Creating with Tags also needs iam:TagInstanceProfile.
    const creator = await userClient('ip-creator', ['iam:CreateInstanceProfile']);
    await creator.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'plain' }));
    await rejects(
      creator.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'with-tags', Tags: [{ Key: 'k', Value: 'v' }] })),
      'AccessDenied',
      /iam:TagInstanceProfile/,
    );
    creator.destroy();
  });
});
