import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DeleteUserCommand,
  DeleteUserPermissionsBoundaryCommand,
  DeleteUserPolicyCommand,
  DetachGroupPolicyCommand,
  DetachUserPolicyCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountSummaryCommand,
  GetGroupCommand,
  GetUserCommand,
  type IAMClient,
  ListAccessKeysCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListUserPoliciesCommand,
  ListUserTagsCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateAccessKeyCommand,
  UpdateGroupCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import type { TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { allowDoc, allPages, rejects, startIamTestServer } from './iam-test-helpers.js';

/**
 * Users (update, delete, tags, permissions boundary), access keys and groups, through the real
 * AWS SDK v3 against a real keysmith: happy paths, AWS's error codes and texts (reference §4.5),
 * pagination, renames, quotas, and that failed calls leave nothing half-written.
 */
let server: TestServer;
let iam: IAMClient;
let acct: string;

const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY_POLICY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

async function newUser(name: string, path?: string): Promise<void> {
  await iam.send(new CreateUserCommand({ UserName: name, Path: path }));
}

/** A client signed with a fresh access key of `userName`. */
async function clientFor(userName: string): Promise<{ client: IAMClient; accessKeyId: string }> {
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  assert.ok(AccessKey?.AccessKeyId && AccessKey.SecretAccessKey);
  return {
    client: iamClient(server.url, { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey }),
    accessKeyId: AccessKey.AccessKeyId,
  };
}

suite('IAM users, access keys and groups (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    acct = server.accountId;
  });
  after(async () => {
    iam?.destroy();
    await server?.close();
  });

  suite('UpdateUser', () => {
    test('rename keeps the user id, access keys, groups and policies; NewPath moves the ARN', async () => {
      await newUser('ren-a');
      const before = (await iam.send(new GetUserCommand({ UserName: 'ren-a' }))).User!;
      const { client, accessKeyId } = await clientFor('ren-a');
      await iam.send(new CreateGroupCommand({ GroupName: 'ren-g' }));
      await iam.send(new AddUserToGroupCommand({ GroupName: 'ren-g', UserName: 'ren-a' }));
      await iam.send(new PutUserPolicyCommand({ UserName: 'ren-a', PolicyName: 'inline', PolicyDocument: allowDoc('iam:GetUser') }));
      await iam.send(new AttachUserPolicyCommand({ UserName: 'ren-a', PolicyArn: READ_ONLY_POLICY }));

      await iam.send(new UpdateUserCommand({ UserName: 'ren-a', NewUserName: 'ren-b', NewPath: '/moved/' }));

      await rejects(iam.send(new GetUserCommand({ UserName: 'ren-a' })), 'NoSuchEntity', 'The user with name ren-a cannot be found.', 404);
      const after = (await iam.send(new GetUserCommand({ UserName: 'ren-b' }))).User!;
      assert.equal(after.UserId, before.UserId);
      assert.equal(after.Path, '/moved/');
      assert.equal(after.Arn, `arn:aws:iam::${acct}:user/moved/ren-b`);
      assert.equal(after.CreateDate?.getTime(), before.CreateDate?.getTime());
      const keys = await iam.send(new ListAccessKeysCommand({ UserName: 'ren-b' }));
      assert.deepEqual(
        keys.AccessKeyMetadata?.map((k) => [k.AccessKeyId, k.UserName]),
        [[accessKeyId, 'ren-b']],
      );
      const groups = await iam.send(new ListGroupsForUserCommand({ UserName: 'ren-b' }));
      assert.deepEqual(
        groups.Groups?.map((g) => g.GroupName),
        ['ren-g'],
      );
      const members = await iam.send(new GetGroupCommand({ GroupName: 'ren-g' }));
      assert.deepEqual(
        members.Users?.map((u) => u.Arn),
        [after.Arn],
      );
      assert.deepEqual((await iam.send(new ListUserPoliciesCommand({ UserName: 'ren-b' }))).PolicyNames, ['inline']);
      // The renamed user's key still authenticates, now as the new name and ARN.
      const self = await client.send(new GetUserCommand({}));
      assert.equal(self.User?.Arn, after.Arn);
      client.destroy();
    });

    test('a case-only rename and a path-only move', async () => {
      await newUser('case-user');
      await iam.send(new UpdateUserCommand({ UserName: 'CASE-USER', NewUserName: 'Case-User' }));
      assert.equal((await iam.send(new GetUserCommand({ UserName: 'case-user' }))).User?.UserName, 'Case-User');
      await iam.send(new UpdateUserCommand({ UserName: 'Case-User', NewPath: '/p/' }));
      const user = (await iam.send(new GetUserCommand({ UserName: 'Case-User' }))).User!;
      assert.equal(user.Arn, `arn:aws:iam::${acct}:user/p/Case-User`);
    });

    test('renaming onto an existing name (any case) is EntityAlreadyExists and changes nothing', async () => {
      await newUser('taken-1');
      await newUser('taken-2');
      const { accessKeyId } = await clientFor('taken-1');
      await rejects(
        iam.send(new UpdateUserCommand({ UserName: 'taken-1', NewUserName: 'TAKEN-2', NewPath: '/x/' })),
        'EntityAlreadyExists',
        'User with name TAKEN-2 already exists.',
        409,
      );
      const user = (await iam.send(new GetUserCommand({ UserName: 'taken-1' }))).User!;
      assert.equal(user.Path, '/');
      const keys = await iam.send(new ListAccessKeysCommand({ UserName: 'taken-1' }));
      assert.deepEqual(
        keys.AccessKeyMetadata?.map((k) => k.AccessKeyId),
        [accessKeyId],
      );
    });

    test('a missing user is NoSuchEntity', async () => {
      await rejects(
        iam.send(new UpdateUserCommand({ UserName: 'ghost', NewUserName: 'ghost2' })),
        'NoSuchEntity',
        'The user with name ghost cannot be found.',
        404,
      );
    });
  });

  suite('DeleteUser', () => {
    test('refuses while keys, inline policies, attached policies or groups remain, in that order', async () => {
      await newUser('del-u');
      const { accessKeyId, client } = await clientFor('del-u');
      client.destroy();
      await iam.send(new PutUserPolicyCommand({ UserName: 'del-u', PolicyName: 'p', PolicyDocument: allowDoc('s3:*') }));
      await iam.send(new AttachUserPolicyCommand({ UserName: 'del-u', PolicyArn: READ_ONLY_POLICY }));
      await iam.send(new CreateGroupCommand({ GroupName: 'del-g' }));
      await iam.send(new AddUserToGroupCommand({ GroupName: 'del-g', UserName: 'del-u' }));

      const del = () => iam.send(new DeleteUserCommand({ UserName: 'del-u' }));
      await rejects(del(), 'DeleteConflict', 'Cannot delete entity, must delete access keys first.', 409);
      await iam.send(new DeleteAccessKeyCommand({ UserName: 'del-u', AccessKeyId: accessKeyId }));
      await rejects(del(), 'DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
      await iam.send(new DeleteUserPolicyCommand({ UserName: 'del-u', PolicyName: 'p' }));
      await rejects(del(), 'DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409);
      await iam.send(new DetachUserPolicyCommand({ UserName: 'del-u', PolicyArn: READ_ONLY_POLICY }));
      await rejects(del(), 'DeleteConflict', 'Cannot delete entity, must remove users from group first.', 409);
      // Every refused delete left the user in place.
      assert.equal((await iam.send(new GetUserCommand({ UserName: 'del-u' }))).User?.UserName, 'del-u');
      await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'del-g', UserName: 'del-u' }));
      await del();
      await rejects(iam.send(new GetUserCommand({ UserName: 'del-u' })), 'NoSuchEntity', 'The user with name del-u cannot be found.');
      await rejects(del(), 'NoSuchEntity', 'The user with name del-u cannot be found.', 404);
      // The name can be reused, and the new user starts empty.
      await newUser('del-u');
      assert.deepEqual((await iam.send(new ListAccessKeysCommand({ UserName: 'del-u' }))).AccessKeyMetadata, []);
      assert.deepEqual((await iam.send(new ListGroupsForUserCommand({ UserName: 'del-u' }))).Groups, []);
    });
  });

  suite('user tags', () => {
    test('TagUser / ListUserTags / UntagUser with case-insensitive keys', async () => {
      await newUser('tag-u');
      assert.deepEqual((await iam.send(new ListUserTagsCommand({ UserName: 'tag-u' }))).Tags, []);
      await iam.send(
        new TagUserCommand({
          UserName: 'tag-u',
          Tags: [
            { Key: 'team', Value: 'a' },
            { Key: 'env', Value: '' },
          ],
        }),
      );
      await iam.send(new TagUserCommand({ UserName: 'tag-u', Tags: [{ Key: 'Team', Value: 'b' }] }));
      const listed = await iam.send(new ListUserTagsCommand({ UserName: 'tag-u' }));
      assert.equal(listed.IsTruncated, false);
      assert.deepEqual(listed.Tags?.map((t) => [t.Key, t.Value]).sort(), [
        ['Team', 'b'],
        ['env', ''],
      ]);
      const user = (await iam.send(new GetUserCommand({ UserName: 'tag-u' }))).User!;
      assert.equal(user.Tags?.length, 2);
      await iam.send(new UntagUserCommand({ UserName: 'tag-u', TagKeys: ['TEAM', 'not-there'] }));
      assert.deepEqual(
        (await iam.send(new ListUserTagsCommand({ UserName: 'tag-u' }))).Tags?.map((t) => t.Key),
        ['env'],
      );
    });

    test('duplicate keys, reserved prefix, too many tags, missing user', async () => {
      await newUser('tag-bad');
      await rejects(
        iam.send(
          new TagUserCommand({
            UserName: 'tag-bad',
            Tags: [
              { Key: 'k', Value: '1' },
              { Key: 'K', Value: '2' },
            ],
          }),
        ),
        'InvalidInput',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
        400,
      );
      await rejects(
        iam.send(new TagUserCommand({ UserName: 'tag-bad', Tags: [{ Key: 'aws:x', Value: '1' }] })),
        'InvalidInput',
        undefined,
        400,
      );
      const forty = Array.from({ length: 40 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
      await iam.send(new TagUserCommand({ UserName: 'tag-bad', Tags: forty }));
      const eleven = Array.from({ length: 11 }, (_, i) => ({ Key: `n${i}`, Value: 'v' }));
      await rejects(
        iam.send(new TagUserCommand({ UserName: 'tag-bad', Tags: eleven })),
        'LimitExceeded',
        'The number of tags has reached the maximum limit.',
        409,
      );
      assert.equal((await iam.send(new ListUserTagsCommand({ UserName: 'tag-bad' }))).Tags?.length, 40);
      const fiftyOne = Array.from({ length: 51 }, (_, i) => ({ Key: `m${i}`, Value: 'v' }));
      await rejects(
        iam.send(new TagUserCommand({ UserName: 'tag-bad', Tags: fiftyOne })),
        'ValidationError',
        "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
        400,
      );
      await rejects(
        iam.send(new TagUserCommand({ UserName: 'nobody', Tags: [{ Key: 'a', Value: 'b' }] })),
        'NoSuchEntity',
        'The user with name nobody cannot be found.',
      );
      await rejects(
        iam.send(new UntagUserCommand({ UserName: 'nobody', TagKeys: ['a'] })),
        'NoSuchEntity',
        'The user with name nobody cannot be found.',
      );
      await rejects(
        iam.send(new ListUserTagsCommand({ UserName: 'nobody' })),
        'NoSuchEntity',
        'The user with name nobody cannot be found.',
      );
    });

    test('ListUserTags paginates with MaxItems and Marker', async () => {
      await newUser('tag-pages');
      const tags = Array.from({ length: 7 }, (_, i) => ({ Key: `key${i}`, Value: `v${i}` }));
      await iam.send(new TagUserCommand({ UserName: 'tag-pages', Tags: tags }));
      const pages = await allPages((Marker) => iam.send(new ListUserTagsCommand({ UserName: 'tag-pages', MaxItems: 3, Marker })));
      assert.deepEqual(
        pages.map((p) => p.Tags?.length),
        [3, 3, 1],
      );
      assert.deepEqual(pages.flatMap((p) => p.Tags!.map((t) => t.Key)).sort(), tags.map((t) => t.Key).sort());
    });
  });

  suite('user permissions boundary', () => {
    test('Put, shown by GetUser, replaced, then deleted', async () => {
      await newUser('pb-u');
      await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'pb-u', PermissionsBoundary: READ_ONLY_POLICY }));
      let user = (await iam.send(new GetUserCommand({ UserName: 'pb-u' }))).User!;
      assert.deepEqual(user.PermissionsBoundary, { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: READ_ONLY_POLICY });
      await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'pb-u', PermissionsBoundary: ADMIN_POLICY }));
      user = (await iam.send(new GetUserCommand({ UserName: 'pb-u' }))).User!;
      assert.equal(user.PermissionsBoundary?.PermissionsBoundaryArn, ADMIN_POLICY);
      await iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'pb-u' }));
      user = (await iam.send(new GetUserCommand({ UserName: 'pb-u' }))).User!;
      assert.equal(user.PermissionsBoundary, undefined);
      // Deleting an absent boundary succeeds.
      await iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'pb-u' }));
    });

    test('a boundary actually limits the user', async () => {
      await newUser('pb-limited');
      await iam.send(new AttachUserPolicyCommand({ UserName: 'pb-limited', PolicyArn: ADMIN_POLICY }));
      const { client } = await clientFor('pb-limited');
      await client.send(new ListUsersCommand({}));
      await iam.send(
        new PutUserPermissionsBoundaryCommand({
          UserName: 'pb-limited',
          PermissionsBoundary: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
        }),
      );
      await rejects(client.send(new ListUsersCommand({})), 'AccessDenied', /permissions boundary/, 403);
      client.destroy();
    });

    test('bad ARN, missing policy, missing user', async () => {
      await newUser('pb-bad');
      await rejects(
        iam.send(
          new PutUserPermissionsBoundaryCommand({ UserName: 'pb-bad', PermissionsBoundary: `arn:aws:iam::${acct}:not_a_policy/invalid` }),
        ),
        'InvalidInput',
        `ARN arn:aws:iam::${acct}:not_a_policy/invalid is not valid.`,
        400,
      );
      const missing = `arn:aws:iam::${acct}:policy/nonexistent-policy`;
      await rejects(
        iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'pb-bad', PermissionsBoundary: missing })),
        'NoSuchEntity',
        `Scope ARN: ${missing} does not exist or is not attachable.`,
        404,
      );
      // Another account's policy is not attachable here, as a boundary on CreateUser either.
      const foreign = 'arn:aws:iam::999999999999:policy/theirs';
      await rejects(
        iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'pb-bad', PermissionsBoundary: foreign })),
        'NoSuchEntity',
        `Scope ARN: ${foreign} does not exist or is not attachable.`,
        404,
      );
      await rejects(
        iam.send(new CreateUserCommand({ UserName: 'pb-bad-2', PermissionsBoundary: foreign })),
        'NoSuchEntity',
        `Scope ARN: ${foreign} does not exist or is not attachable.`,
      );
      await rejects(iam.send(new GetUserCommand({ UserName: 'pb-bad-2' })), 'NoSuchEntity');
      assert.equal((await iam.send(new GetUserCommand({ UserName: 'pb-bad' }))).User?.PermissionsBoundary, undefined);
      await rejects(
        iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'nobody', PermissionsBoundary: ADMIN_POLICY })),
        'NoSuchEntity',
        'The user with name nobody cannot be found.',
      );
      await rejects(
        iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'nobody' })),
        'NoSuchEntity',
        'The user with name nobody cannot be found.',
      );
    });
  });

  suite('access keys', () => {
    test('CreateAccessKey returns an Active key once; it signs requests; ListAccessKeys shows no secret', async () => {
      await newUser('ak-u');
      await iam.send(new PutUserPolicyCommand({ UserName: 'ak-u', PolicyName: 'get-self', PolicyDocument: allowDoc('iam:GetUser') }));
      const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'ak-u' }));
      assert.equal(AccessKey?.UserName, 'ak-u');
      assert.equal(AccessKey?.Status, 'Active');
      assert.match(AccessKey?.AccessKeyId ?? '', /^AKIA[A-Z2-7]{16}$/);
      assert.equal(AccessKey?.SecretAccessKey?.length, 40);
      assert.ok(AccessKey?.CreateDate instanceof Date);
      const client = iamClient(server.url, { accessKeyId: AccessKey.AccessKeyId!, secretAccessKey: AccessKey.SecretAccessKey });
      assert.equal((await client.send(new GetUserCommand({}))).User?.UserName, 'ak-u');
      const listed = await iam.send(new ListAccessKeysCommand({ UserName: 'ak-u' }));
      assert.equal(listed.IsTruncated, false);
      assert.deepEqual(listed.AccessKeyMetadata, [
        {
          UserName: 'ak-u',
          AccessKeyId: AccessKey.AccessKeyId,
          Status: 'Active',
          CreateDate: new Date(Math.floor(AccessKey.CreateDate.getTime() / 1000) * 1000),
        },
      ]);
      client.destroy();
    });

    test('at most 2 keys per user: the third is LimitExceeded and nothing is created', async () => {
      await newUser('ak-quota');
      await iam.send(new CreateAccessKeyCommand({ UserName: 'ak-quota' }));
      const second = await iam.send(new CreateAccessKeyCommand({ UserName: 'ak-quota' }));
      // Inactive keys count too.
      await iam.send(new UpdateAccessKeyCommand({ UserName: 'ak-quota', AccessKeyId: second.AccessKey!.AccessKeyId!, Status: 'Inactive' }));
      await rejects(
        iam.send(new CreateAccessKeyCommand({ UserName: 'ak-quota' })),
        'LimitExceeded',
        'Cannot exceed quota for AccessKeysPerUser: 2',
        409,
      );
      const pages = await allPages((Marker) => iam.send(new ListAccessKeysCommand({ UserName: 'ak-quota', MaxItems: 1, Marker })));
      assert.deepEqual(
        pages.map((p) => p.AccessKeyMetadata?.length),
        [1, 1],
      );
      assert.deepEqual(
        pages.map((p) => p.AccessKeyMetadata?.[0]?.Status),
        ['Active', 'Inactive'],
      );
      await rejects(
        iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' })),
        'NoSuchEntity',
        'The user with name nobody cannot be found.',
        404,
      );
      await rejects(
        iam.send(new ListAccessKeysCommand({ UserName: 'nobody' })),
        'NoSuchEntity',
        'The user with name nobody cannot be found.',
        404,
      );
    });

    test('UpdateAccessKey: Inactive stops the key at once, Active restores it; bad status and wrong owner', async () => {
      await newUser('ak-upd');
      await newUser('ak-other');
      await iam.send(new PutUserPolicyCommand({ UserName: 'ak-upd', PolicyName: 'get-self', PolicyDocument: allowDoc('iam:GetUser') }));
      const { client, accessKeyId } = await clientFor('ak-upd');
      await client.send(new GetUserCommand({}));
      await iam.send(new UpdateAccessKeyCommand({ UserName: 'ak-upd', AccessKeyId: accessKeyId, Status: 'Inactive' }));
      await rejects(
        client.send(new GetUserCommand({})),
        'InvalidClientTokenId',
        'The security token included in the request is invalid.',
        403,
      );
      await iam.send(new UpdateAccessKeyCommand({ UserName: 'ak-upd', AccessKeyId: accessKeyId, Status: 'Active' }));
      await client.send(new GetUserCommand({}));
      await rejects(
        iam.send(new UpdateAccessKeyCommand({ UserName: 'ak-upd', AccessKeyId: accessKeyId, Status: 'Paused' as never })),
        'ValidationError',
        /^1 validation error detected: Value at 'status' failed to satisfy constraint: Member must satisfy enum value set/,
        400,
      );
      await rejects(
        iam.send(new UpdateAccessKeyCommand({ UserName: 'ak-other', AccessKeyId: accessKeyId, Status: 'Inactive' })),
        'NoSuchEntity',
        `The Access Key with id ${accessKeyId} cannot be found.`,
        404,
      );
      await rejects(
        iam.send(new UpdateAccessKeyCommand({ UserName: 'ak-upd', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE', Status: 'Inactive' })),
        'NoSuchEntity',
        'The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.',
        404,
      );
      // The wrong-owner attempt changed nothing.
      await client.send(new GetUserCommand({}));
      client.destroy();
    });

    test('without UserName a user manages its own keys', async () => {
      await newUser('ak-self');
      await iam.send(
        new PutUserPolicyCommand({
          UserName: 'ak-self',
          PolicyName: 'own-keys',
          PolicyDocument: allowDoc(
            ['iam:CreateAccessKey', 'iam:ListAccessKeys', 'iam:UpdateAccessKey', 'iam:DeleteAccessKey', 'iam:GetUser'],
            `arn:aws:iam::${acct}:user/ak-self`,
          ),
        }),
      );
      const { client, accessKeyId } = await clientFor('ak-self');
      const created = await client.send(new CreateAccessKeyCommand({}));
      assert.equal(created.AccessKey?.UserName, 'ak-self');
      const listed = await client.send(new ListAccessKeysCommand({}));
      assert.deepEqual(listed.AccessKeyMetadata?.map((k) => k.AccessKeyId).sort(), [accessKeyId, created.AccessKey.AccessKeyId].sort());
      await client.send(new UpdateAccessKeyCommand({ AccessKeyId: created.AccessKey.AccessKeyId!, Status: 'Inactive' }));
      await client.send(new DeleteAccessKeyCommand({ AccessKeyId: created.AccessKey.AccessKeyId! }));
      assert.equal((await client.send(new ListAccessKeysCommand({}))).AccessKeyMetadata?.length, 1);
      // The policy names only its own ARN: another user's keys are denied, on that user's ARN.
      await rejects(
        client.send(new ListAccessKeysCommand({ UserName: 'admin' })),
        'AccessDenied',
        new RegExp(
          `^User: arn:aws:iam::${acct}:user/ak-self is not authorized to perform: iam:ListAccessKeys on resource: arn:aws:iam::${acct}:user/admin `,
        ),
        403,
      );
      client.destroy();
    });

    test('resources carry the user path', async () => {
      await newUser('ak-pathed', '/team/');
      await newUser('ak-pathed-admin');
      await iam.send(
        new PutUserPolicyCommand({
          UserName: 'ak-pathed-admin',
          PolicyName: 'team-keys',
          PolicyDocument: allowDoc(['iam:ListAccessKeys', 'iam:CreateAccessKey'], `arn:aws:iam::${acct}:user/team/*`),
        }),
      );
      const { client } = await clientFor('ak-pathed-admin');
      await client.send(new ListAccessKeysCommand({ UserName: 'ak-pathed' }));
      await rejects(client.send(new CreateAccessKeyCommand({ UserName: 'ak-pathed-admin' })), 'AccessDenied', undefined, 403);
      client.destroy();
    });

    test('DeleteAccessKey: the key stops working; unknown or foreign keys are NoSuchEntity', async () => {
      await newUser('ak-del');
      const { client, accessKeyId } = await clientFor('ak-del');
      await rejects(
        iam.send(new DeleteAccessKeyCommand({ UserName: 'admin', AccessKeyId: accessKeyId })),
        'NoSuchEntity',
        `The Access Key with id ${accessKeyId} cannot be found.`,
        404,
      );
      await iam.send(new DeleteAccessKeyCommand({ UserName: 'ak-del', AccessKeyId: accessKeyId }));
      await rejects(client.send(new GetUserCommand({})), 'InvalidClientTokenId', undefined, 403);
      await rejects(
        iam.send(new DeleteAccessKeyCommand({ UserName: 'ak-del', AccessKeyId: accessKeyId })),
        'NoSuchEntity',
        `The Access Key with id ${accessKeyId} cannot be found.`,
      );
      await rejects(
        iam.send(new DeleteAccessKeyCommand({ UserName: 'nobody', AccessKeyId: accessKeyId })),
        'NoSuchEntity',
        'The user with name nobody cannot be found.',
      );
      client.destroy();
    });

    test('GetAccessKeyLastUsed: N/A for a new key; AccessDenied for an unknown key', async () => {
      await newUser('ak-last');
      const { client, accessKeyId } = await clientFor('ak-last');
      client.destroy();
      const last = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId }));
      assert.equal(last.UserName, 'ak-last');
      assert.equal(last.AccessKeyLastUsed?.Region, 'N/A');
      assert.equal(last.AccessKeyLastUsed?.ServiceName, 'N/A');
      assert.equal(last.AccessKeyLastUsed?.LastUsedDate, undefined);
      await rejects(
        iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' })),
        'AccessDenied',
        `User: arn:aws:iam::${acct}:user/admin is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key AKIAIOSFODNN7EXAMPLE`,
        403,
      );
      await rejects(
        iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: 'short' })),
        'ValidationError',
        "1 validation error detected: Value at 'accessKeyId' failed to satisfy constraint: Member must have length greater than or equal to 16",
        400,
      );
    });

    test('the root user creates, lists and deletes root keys', async () => {
      const root = iamClient(server.url, server.root);
      const before = await root.send(new ListAccessKeysCommand({}));
      assert.deepEqual(
        before.AccessKeyMetadata?.map((k) => k.AccessKeyId),
        [server.root.accessKeyId],
      );
      const created = await root.send(new CreateAccessKeyCommand({}));
      assert.equal(created.AccessKey?.Status, 'Active');
      const rootToo = iamClient(server.url, {
        accessKeyId: created.AccessKey.AccessKeyId!,
        secretAccessKey: created.AccessKey.SecretAccessKey!,
      });
      await rootToo.send(new ListUsersCommand({ MaxItems: 1 }));
      await rejects(root.send(new CreateAccessKeyCommand({})), 'LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2', 409);
      await root.send(new DeleteAccessKeyCommand({ AccessKeyId: created.AccessKey.AccessKeyId! }));
      assert.equal((await root.send(new ListAccessKeysCommand({}))).AccessKeyMetadata?.length, 1);
      // Root keys are not any user's keys.
      await rejects(
        iam.send(new DeleteAccessKeyCommand({ UserName: 'admin', AccessKeyId: server.root.accessKeyId })),
        'NoSuchEntity',
        `The Access Key with id ${server.root.accessKeyId} cannot be found.`,
      );
      root.destroy();
      rootToo.destroy();
    });
  });

  suite('groups', () => {
    test('CreateGroup / GetGroup / duplicate names ignoring case', async () => {
      const created = await iam.send(new CreateGroupCommand({ GroupName: 'Devs', Path: '/eng/' }));
      assert.equal(created.Group?.GroupName, 'Devs');
      assert.equal(created.Group?.Path, '/eng/');
      assert.equal(created.Group?.Arn, `arn:aws:iam::${acct}:group/eng/Devs`);
      assert.match(created.Group?.GroupId ?? '', /^AGPA[A-Z2-7]{17}$/);
      await rejects(
        iam.send(new CreateGroupCommand({ GroupName: 'devs' })),
        'EntityAlreadyExists',
        'Group with name devs already exists.',
        409,
      );
      const got = await iam.send(new GetGroupCommand({ GroupName: 'DEVS' }));
      assert.equal(got.Group?.GroupId, created.Group?.GroupId);
      assert.deepEqual(got.Users, []);
      assert.equal(got.IsTruncated, false);
      await rejects(
        iam.send(new GetGroupCommand({ GroupName: 'nogroup' })),
        'NoSuchEntity',
        'The group with name nogroup cannot be found.',
        404,
      );
      await rejects(
        iam.send(new CreateGroupCommand({ GroupName: 'bad', Path: 'nopath' })),
        'ValidationError',
        /^1 validation error detected: Value at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern/,
        400,
      );
    });

    test('members: Add (idempotent), GetGroup pages, Remove (non-member succeeds), ListGroupsForUser', async () => {
      await iam.send(new CreateGroupCommand({ GroupName: 'mem-g' }));
      const names = ['mem-u3', 'mem-u1', 'mem-u5', 'mem-u2', 'mem-u4'];
      for (const n of names) {
        await newUser(n);
        await iam.send(new AddUserToGroupCommand({ GroupName: 'mem-g', UserName: n }));
      }
      await iam.send(new AddUserToGroupCommand({ GroupName: 'MEM-G', UserName: 'MEM-U1' }));
      const pages = await allPages((Marker) => iam.send(new GetGroupCommand({ GroupName: 'mem-g', MaxItems: 2, Marker })));
      assert.deepEqual(
        pages.map((p) => p.Users?.length),
        [2, 2, 1],
      );
      assert.deepEqual(
        pages.flatMap((p) => p.Users!.map((u) => u.UserName)),
        [...names].sort(),
      );
      for (const p of pages) assert.equal(p.Group?.GroupName, 'mem-g');
      // List-shaped users carry no tags.
      assert.equal(pages[0]!.Users![0]!.Tags, undefined);

      await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'mem-g', UserName: 'mem-u1' }));
      await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'mem-g', UserName: 'mem-u1' }));
      assert.equal((await iam.send(new GetGroupCommand({ GroupName: 'mem-g' }))).Users?.length, 4);
      assert.deepEqual((await iam.send(new ListGroupsForUserCommand({ UserName: 'mem-u1' }))).Groups, []);
      assert.deepEqual(
        (await iam.send(new ListGroupsForUserCommand({ UserName: 'mem-u2' }))).Groups?.map((g) => g.GroupName),
        ['mem-g'],
      );

      await rejects(
        iam.send(new AddUserToGroupCommand({ GroupName: 'mem-g', UserName: 'nobody' })),
        'NoSuchEntity',
        'The user with name nobody cannot be found.',
        404,
      );
      await rejects(
        iam.send(new AddUserToGroupCommand({ GroupName: 'nogroup', UserName: 'mem-u1' })),
        'NoSuchEntity',
        'The group with name nogroup cannot be found.',
        404,
      );
      await rejects(
        iam.send(new RemoveUserFromGroupCommand({ GroupName: 'mem-g', UserName: 'nobody' })),
        'NoSuchEntity',
        'The user with name nobody cannot be found.',
      );
      await rejects(
        iam.send(new RemoveUserFromGroupCommand({ GroupName: 'nogroup', UserName: 'mem-u1' })),
        'NoSuchEntity',
        'The group with name nogroup cannot be found.',
      );
      await rejects(
        iam.send(new ListGroupsForUserCommand({ UserName: 'nobody' })),
        'NoSuchEntity',
        'The user with name nobody cannot be found.',
      );
    });

    test('a user can be in at most 10 groups; the 11th add writes nothing', async () => {
      await newUser('ten-u');
      for (let i = 0; i < 10; i++) {
        await iam.send(new CreateGroupCommand({ GroupName: `ten-g${i}`, Path: '/ten/' }));
        await iam.send(new AddUserToGroupCommand({ GroupName: `ten-g${i}`, UserName: 'ten-u' }));
      }
      await iam.send(new CreateGroupCommand({ GroupName: 'ten-g10', Path: '/ten/' }));
      await rejects(
        iam.send(new AddUserToGroupCommand({ GroupName: 'ten-g10', UserName: 'ten-u' })),
        'LimitExceeded',
        'Cannot exceed quota for GroupsPerUser: 10',
        409,
      );
      // Re-adding an existing membership at the limit is still fine.
      await iam.send(new AddUserToGroupCommand({ GroupName: 'ten-g3', UserName: 'ten-u' }));
      const pages = await allPages((Marker) => iam.send(new ListGroupsForUserCommand({ UserName: 'ten-u', MaxItems: 4, Marker })));
      assert.deepEqual(
        pages.map((p) => p.Groups?.length),
        [4, 4, 2],
      );
      assert.equal((await iam.send(new GetGroupCommand({ GroupName: 'ten-g10' }))).Users?.length, 0);
    });

    test('ListGroups: PathPrefix, MaxItems/Marker pages, invalid Marker', async () => {
      for (const n of ['lg-c', 'lg-a', 'lg-e', 'lg-b', 'lg-d'])
        await iam.send(new CreateGroupCommand({ GroupName: n, Path: '/listed/groups/' }));
      await iam.send(new CreateGroupCommand({ GroupName: 'lg-elsewhere', Path: '/listedx/' }));
      const pages = await allPages((Marker) => iam.send(new ListGroupsCommand({ PathPrefix: '/listed/', MaxItems: 2, Marker })));
      assert.deepEqual(
        pages.flatMap((p) => p.Groups!.map((g) => g.GroupName)),
        ['lg-a', 'lg-b', 'lg-c', 'lg-d', 'lg-e'],
      );
      assert.deepEqual(
        pages.map((p) => p.Groups?.length),
        [2, 2, 1],
      );
      const all = await iam.send(new ListGroupsCommand({ PathPrefix: '/listed' }));
      assert.equal(all.Groups?.length, 6);
      assert.deepEqual((await iam.send(new ListGroupsCommand({ PathPrefix: '/none/' }))).Groups, []);
      await rejects(iam.send(new ListGroupsCommand({ Marker: 'not-a-marker' })), 'ValidationError', 'Invalid Marker.', 400);
      await rejects(iam.send(new ListUsersCommand({ Marker: 'not-a-marker' })), 'ValidationError', 'Invalid Marker.', 400);
      await rejects(
        iam.send(new GetGroupCommand({ GroupName: 'lg-a', Marker: 'not-a-marker' })),
        'ValidationError',
        'Invalid Marker.',
        400,
      );
      await rejects(
        iam.send(new ListGroupsCommand({ MaxItems: 0 })),
        'ValidationError',
        "1 validation error detected: Value at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
        400,
      );
    });

    test('UpdateGroup renames and moves, keeping members and id; conflicts change nothing', async () => {
      await iam.send(new CreateGroupCommand({ GroupName: 'ug-old' }));
      await iam.send(new CreateGroupCommand({ GroupName: 'ug-taken' }));
      await newUser('ug-u');
      await iam.send(new AddUserToGroupCommand({ GroupName: 'ug-old', UserName: 'ug-u' }));
      const id = (await iam.send(new GetGroupCommand({ GroupName: 'ug-old' }))).Group?.GroupId;
      await rejects(
        iam.send(new UpdateGroupCommand({ GroupName: 'ug-old', NewGroupName: 'UG-TAKEN' })),
        'EntityAlreadyExists',
        'Group with name UG-TAKEN already exists.',
        409,
      );
      await iam.send(new UpdateGroupCommand({ GroupName: 'ug-old', NewGroupName: 'ug-new', NewPath: '/renamed/' }));
      await rejects(iam.send(new GetGroupCommand({ GroupName: 'ug-old' })), 'NoSuchEntity', 'The group with name ug-old cannot be found.');
      const got = await iam.send(new GetGroupCommand({ GroupName: 'ug-new' }));
      assert.equal(got.Group?.GroupId, id);
      assert.equal(got.Group?.Arn, `arn:aws:iam::${acct}:group/renamed/ug-new`);
      assert.deepEqual(
        got.Users?.map((u) => u.UserName),
        ['ug-u'],
      );
      assert.deepEqual(
        (await iam.send(new ListGroupsForUserCommand({ UserName: 'ug-u' }))).Groups?.map((g) => g.Arn),
        [got.Group?.Arn],
      );
      await rejects(
        iam.send(new UpdateGroupCommand({ GroupName: 'nogroup', NewGroupName: 'x' })),
        'NoSuchEntity',
        'The group with name nogroup cannot be found.',
        404,
      );
    });

    test('DeleteGroup refuses while members or policies remain', async () => {
      await iam.send(new CreateGroupCommand({ GroupName: 'dg' }));
      await newUser('dg-u');
      await iam.send(new AddUserToGroupCommand({ GroupName: 'dg', UserName: 'dg-u' }));
      await iam.send(new PutGroupPolicyCommand({ GroupName: 'dg', PolicyName: 'p', PolicyDocument: allowDoc('s3:*') }));
      await iam.send(new AttachGroupPolicyCommand({ GroupName: 'dg', PolicyArn: READ_ONLY_POLICY }));
      const del = () => iam.send(new DeleteGroupCommand({ GroupName: 'dg' }));
      await rejects(del(), 'DeleteConflict', 'Cannot delete entity, must remove users from group first.', 409);
      await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'dg', UserName: 'dg-u' }));
      await rejects(del(), 'DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
      await iam.send(new DeleteGroupPolicyCommand({ GroupName: 'dg', PolicyName: 'p' }));
      await rejects(del(), 'DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409);
      await iam.send(new DetachGroupPolicyCommand({ GroupName: 'dg', PolicyArn: READ_ONLY_POLICY }));
      await del();
      await rejects(del(), 'NoSuchEntity', 'The group with name dg cannot be found.', 404);
    });

    test('group policies apply to members', async () => {
      await iam.send(new CreateGroupCommand({ GroupName: 'readers' }));
      await newUser('reader');
      const { client } = await clientFor('reader');
      // AWS authorizes ListGroups against the group ARN of the path prefix.
      await rejects(
        client.send(new ListGroupsCommand({})),
        'AccessDenied',
        new RegExp(
          `^User: arn:aws:iam::${acct}:user/reader is not authorized to perform: iam:ListGroups on resource: arn:aws:iam::${acct}:group/ `,
        ),
        403,
      );
      await iam.send(new AddUserToGroupCommand({ GroupName: 'readers', UserName: 'reader' }));
      await iam.send(new AttachGroupPolicyCommand({ GroupName: 'readers', PolicyArn: READ_ONLY_POLICY }));
      await client.send(new ListGroupsCommand({}));
      await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'readers', UserName: 'reader' }));
      await rejects(client.send(new ListGroupsCommand({})), 'AccessDenied', undefined, 403);
      client.destroy();
    });
  });

  suite('GetAccountSummary', () => {
    test('quotas and real counts in the SummaryMap', async () => {
      const { SummaryMap: m } = await iam.send(new GetAccountSummaryCommand({}));
      assert.ok(m);
      assert.equal(m.AccessKeysPerUserQuota, 2);
      assert.equal(m.UserPolicySizeQuota, 2048);
      assert.equal(m.GroupPolicySizeQuota, 5120);
      assert.equal(m.RolePolicySizeQuota, 10240);
      assert.equal(m.AttachedPoliciesPerUserQuota, 10);
      assert.equal(m.GroupsPerUserQuota, 10);
      assert.equal(m.UsersQuota, 5000);
      assert.equal(m.GroupsQuota, 300);
      assert.equal(m.AccountAccessKeysPresent, 1);
      assert.equal((m as Record<string, number>).TagsPerResource, undefined);
      const users = (await allPages((Marker) => iam.send(new ListUsersCommand({ Marker })))).flatMap((p) => p.Users!);
      const groups = (await allPages((Marker) => iam.send(new ListGroupsCommand({ Marker })))).flatMap((p) => p.Groups!);
      assert.equal(m.Users, users.length);
      assert.equal(m.Groups, groups.length);
      assert.ok((m.PolicyVersionsInUse ?? 0) >= 1, 'the admin user has AdministratorAccess attached');
      await iam.send(new CreateGroupCommand({ GroupName: 'summary-g' }));
      const after = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;
      assert.equal(after.Groups, groups.length + 1);
    });
  });
});
