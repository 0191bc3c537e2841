import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteGroupPolicyCommand,
  DeleteRolePolicyCommand,
  DeleteUserPolicyCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  GetGroupPolicyCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  type IAMClient,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  UpdateGroupCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { nodeRandom } from '../../src/platform/node-random.js';
import { createAccount } from '../../src/services/accounts/create-account.js';
import type { TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { allowDoc, allPages, docOfSize, rejects, startIamTestServer } from './iam-test-helpers.js';

/**
 * Inline policies (Put/Get/List/Delete{User,Group,Role}Policy) and attached managed policies
 * (Attach/Detach/ListAttached{User,Group,Role}Policies) through the real AWS SDK v3 (reference
 * §4.3, §4.4, §4.8): the same rules for the three owner kinds, with their own quotas and texts.
 */
let server: TestServer;
let iam: IAMClient;
let acct: string;

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const AWS_MANAGED = [
  'arn:aws:iam::aws:policy/AdministratorAccess',
  'arn:aws:iam::aws:policy/AmazonS3FullAccess',
  'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
  'arn:aws:iam::aws:policy/IAMFullAccess',
  'arn:aws:iam::aws:policy/IAMReadOnlyAccess',
  'arn:aws:iam::aws:policy/ReadOnlyAccess',
];

/** The calls that differ per owner kind; everything else is shared by the tests below. */
interface Kind {
  kind: 'user' | 'group' | 'role';
  sizeQuota: number;
  quotaName: string;
  create(name: string): Promise<unknown>;
  put(owner: string, policyName: string, doc: string): Promise<unknown>;
  get(owner: string, policyName: string): Promise<{ PolicyName?: string; PolicyDocument?: string; owner?: string }>;
  list(owner: string, marker?: string, maxItems?: number): Promise<{ PolicyNames?: string[]; IsTruncated?: boolean; Marker?: string }>;
  del(owner: string, policyName: string): Promise<unknown>;
  attach(owner: string, arn: string): Promise<unknown>;
  detach(owner: string, arn: string): Promise<unknown>;
  listAttached(
    owner: string,
    options?: { PathPrefix?: string; Marker?: string; MaxItems?: number },
  ): Promise<{
    AttachedPolicies?: { PolicyName?: string; PolicyArn?: string }[];
    IsTruncated?: boolean;
    Marker?: string;
  }>;
}

const KINDS: Kind[] = [
  {
    kind: 'user',
    sizeQuota: 2048,
    quotaName: 'PoliciesPerUser',
    create: (n) => iam.send(new CreateUserCommand({ UserName: n })),
    put: (o, p, d) => iam.send(new PutUserPolicyCommand({ UserName: o, PolicyName: p, PolicyDocument: d })),
    get: async (o, p) => {
      const r = await iam.send(new GetUserPolicyCommand({ UserName: o, PolicyName: p }));
      return { ...r, owner: r.UserName };
    },
    list: (o, Marker, MaxItems) => iam.send(new ListUserPoliciesCommand({ UserName: o, Marker, MaxItems })),
    del: (o, p) => iam.send(new DeleteUserPolicyCommand({ UserName: o, PolicyName: p })),
    attach: (o, a) => iam.send(new AttachUserPolicyCommand({ UserName: o, PolicyArn: a })),
    detach: (o, a) => iam.send(new DetachUserPolicyCommand({ UserName: o, PolicyArn: a })),
    listAttached: (o, x = {}) => iam.send(new ListAttachedUserPoliciesCommand({ UserName: o, ...x })),
  },
  {
    kind: 'group',
    sizeQuota: 5120,
    quotaName: 'PoliciesPerGroup',
    create: (n) => iam.send(new CreateGroupCommand({ GroupName: n })),
    put: (o, p, d) => iam.send(new PutGroupPolicyCommand({ GroupName: o, PolicyName: p, PolicyDocument: d })),
    get: async (o, p) => {
      const r = await iam.send(new GetGroupPolicyCommand({ GroupName: o, PolicyName: p }));
      return { ...r, owner: r.GroupName };
    },
    list: (o, Marker, MaxItems) => iam.send(new ListGroupPoliciesCommand({ GroupName: o, Marker, MaxItems })),
    del: (o, p) => iam.send(new DeleteGroupPolicyCommand({ GroupName: o, PolicyName: p })),
    attach: (o, a) => iam.send(new AttachGroupPolicyCommand({ GroupName: o, PolicyArn: a })),
    detach: (o, a) => iam.send(new DetachGroupPolicyCommand({ GroupName: o, PolicyArn: a })),
    listAttached: (o, x = {}) => iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: o, ...x })),
  },
  {
    kind: 'role',
    sizeQuota: 10240,
    quotaName: 'PoliciesPerRole',
    create: (n) => iam.send(new CreateRoleCommand({ RoleName: n, AssumeRolePolicyDocument: TRUST })),
    put: (o, p, d) => iam.send(new PutRolePolicyCommand({ RoleName: o, PolicyName: p, PolicyDocument: d })),
    get: async (o, p) => {
      const r = await iam.send(new GetRolePolicyCommand({ RoleName: o, PolicyName: p }));
      return { ...r, owner: r.RoleName };
    },
    list: (o, Marker, MaxItems) => iam.send(new ListRolePoliciesCommand({ RoleName: o, Marker, MaxItems })),
    del: (o, p) => iam.send(new DeleteRolePolicyCommand({ RoleName: o, PolicyName: p })),
    attach: (o, a) => iam.send(new AttachRolePolicyCommand({ RoleName: o, PolicyArn: a })),
    detach: (o, a) => iam.send(new DetachRolePolicyCommand({ RoleName: o, PolicyArn: a })),
    listAttached: (o, x = {}) => iam.send(new ListAttachedRolePoliciesCommand({ RoleName: o, ...x })),
  },
];

/** Customer-managed policies shared by the attach tests (CreatePolicy is another area's operation). */
const customer: string[] = [];

suite('IAM inline and attached policies (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    acct = server.accountId;
    // A second account holding a policy with the same name as one of ours: never attachable from here.
    const other = await createAccount(server.keysmith.app.store, server.keysmith.app.secrets, nodeRandom, {
      accountId: '999999999999',
      now: Date.now(),
    });
    const otherIam = iamClient(server.url, other.admin);
    await otherIam.send(new CreatePolicyCommand({ PolicyName: 'cust-0', PolicyDocument: allowDoc('s3:*') }));
    otherIam.destroy();
    for (let i = 0; i < 6; i++) {
      const path = i < 2 ? '/team/' : '/';
      const r = await iam.send(new CreatePolicyCommand({ PolicyName: `cust-${i}`, Path: path, PolicyDocument: allowDoc(`s3:Get${i}*`) }));
      customer.push(r.Policy!.Arn!);
    }
  });
  after(async () => {
    iam?.destroy();
    await server?.close();
  });

  for (const k of KINDS) {
    suite(`${k.kind} inline policies`, () => {
      test('Put / Get (verbatim) / List / Delete', async () => {
        const owner = `${k.kind}-inline`;
        await k.create(owner);
        assert.deepEqual((await k.list(owner)).PolicyNames, []);
        // Whitespace, newlines and a literal %3A must come back exactly as sent, encoded once.
        const doc =
          '{\n    "Version": "2012-10-17",\n    "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/a%3Ab"}]\n}';
        await k.put(owner, 'first', doc);
        const got = await k.get(owner.toUpperCase(), 'first');
        assert.equal(got.owner, owner);
        assert.equal(got.PolicyName, 'first');
        assert.match(got.PolicyDocument ?? '', /^%7B%0A%20%20%20%20%22Version%22/);
        assert.equal(decodeURIComponent(got.PolicyDocument ?? ''), doc);
        // A name differing only in case replaces the policy and takes the new spelling.
        await k.put(owner, 'FIRST', allowDoc('s3:PutObject'));
        await k.put(owner, 'second', allowDoc('s3:ListBucket'));
        const listed = await k.list(owner);
        assert.deepEqual(listed.PolicyNames, ['FIRST', 'second']);
        assert.equal(listed.IsTruncated, false);
        assert.equal(decodeURIComponent((await k.get(owner, 'first')).PolicyDocument ?? ''), allowDoc('s3:PutObject'));
        await k.del(owner, 'First');
        assert.deepEqual((await k.list(owner)).PolicyNames, ['second']);
        await rejects(k.get(owner, 'first'), 'NoSuchEntity', `The ${k.kind} policy with name first cannot be found.`, 404);
        await rejects(k.del(owner, 'first'), 'NoSuchEntity', `The ${k.kind} policy with name first cannot be found.`, 404);
      });

      test('missing owner, malformed documents and bad names', async () => {
        const missing = `no-such-${k.kind}`;
        const text = `The ${k.kind} with name ${missing} cannot be found.`;
        await rejects(k.put(missing, 'p', allowDoc('s3:*')), 'NoSuchEntity', text, 404);
        await rejects(k.get(missing, 'p'), 'NoSuchEntity', text, 404);
        await rejects(k.list(missing), 'NoSuchEntity', text, 404);
        await rejects(k.del(missing, 'p'), 'NoSuchEntity', text, 404);
        const owner = `${k.kind}-malformed`;
        await k.create(owner);
        await rejects(k.put(owner, 'p', 'not json'), 'MalformedPolicyDocument', 'Syntax errors in policy.', 400);
        await rejects(
          k.put(owner, 'p', JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] })),
          'MalformedPolicyDocument',
          'Policy document must be version 2012-10-17 or greater.',
          400,
        );
        await rejects(
          k.put(owner, 'p', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*' }] })),
          'MalformedPolicyDocument',
          'Policy statement must contain resources.',
          400,
        );
        await rejects(
          k.put(owner, 'bad name', allowDoc('s3:*')),
          'ValidationError',
          "1 validation error detected: Value at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
          400,
        );
        assert.deepEqual((await k.list(owner)).PolicyNames, []);
      });

      test(`aggregate size quota ${k.sizeQuota} (whitespace not counted); a refused put writes nothing`, async () => {
        const owner = `${k.kind}-size`;
        await k.create(owner);
        const big = k.sizeQuota - 300;
        await k.put(owner, 'big', docOfSize(big));
        await k.put(owner, 'small', docOfSize(300)); // exactly at the quota
        await rejects(
          k.put(owner, 'one-more', docOfSize(200)),
          'LimitExceeded',
          `Maximum policy size of ${k.sizeQuota} bytes exceeded for ${k.kind} ${owner}`,
          409,
        );
        assert.deepEqual((await k.list(owner)).PolicyNames, ['big', 'small']);
        // Growing a policy past the quota is refused and keeps the old text.
        await rejects(k.put(owner, 'small', docOfSize(301)), 'LimitExceeded', undefined, 409);
        assert.equal(decodeURIComponent((await k.get(owner, 'small')).PolicyDocument ?? ''), docOfSize(300));
        // Replacing counts only the new text, and whitespace is free.
        const spaced = docOfSize(250).replace(/,/g, ',\n            ');
        await k.put(owner, 'small', spaced);
        assert.equal(decodeURIComponent((await k.get(owner, 'small')).PolicyDocument ?? ''), spaced);
      });

      test('ListPolicies paginates', async () => {
        const owner = `${k.kind}-pages`;
        await k.create(owner);
        const names = ['p-c', 'p-a', 'p-e', 'p-b', 'p-d'];
        for (const n of names) await k.put(owner, n, allowDoc('s3:GetObject'));
        const pages = await allPages((marker) => k.list(owner, marker, 2));
        assert.deepEqual(
          pages.map((p) => p.PolicyNames?.length),
          [2, 2, 1],
        );
        assert.deepEqual(
          pages.flatMap((p) => p.PolicyNames!),
          [...names].sort(),
        );
        await rejects(k.list(owner, 'garbage'), 'ValidationError', 'Invalid Marker.', 400);
      });
    });

    suite(`${k.kind} attached policies`, () => {
      test('Attach (idempotent) / ListAttached (PathPrefix, pages) / Detach', async () => {
        const owner = `${k.kind}-attached`;
        await k.create(owner);
        assert.deepEqual((await k.listAttached(owner)).AttachedPolicies, []);
        await k.attach(owner, AWS_MANAGED[5]!);
        await k.attach(owner, AWS_MANAGED[5]!);
        await k.attach(owner, customer[0]!);
        await k.attach(owner, customer[1]!);
        await k.attach(owner, customer[2]!);
        const listed = await k.listAttached(owner);
        assert.equal(listed.IsTruncated, false);
        assert.deepEqual(
          listed.AttachedPolicies?.map((p) => [p.PolicyName, p.PolicyArn]).sort(),
          [
            ['ReadOnlyAccess', AWS_MANAGED[5]],
            ['cust-0', customer[0]],
            ['cust-1', customer[1]],
            ['cust-2', customer[2]],
          ].sort(),
        );
        const team = await k.listAttached(owner, { PathPrefix: '/team/' });
        assert.deepEqual(team.AttachedPolicies?.map((p) => p.PolicyName).sort(), ['cust-0', 'cust-1']);
        const pages = await allPages((Marker) => k.listAttached(owner, { MaxItems: 3, Marker }));
        assert.deepEqual(
          pages.map((p) => p.AttachedPolicies?.length),
          [3, 1],
        );
        assert.equal(new Set(pages.flatMap((p) => p.AttachedPolicies!.map((a) => a.PolicyArn))).size, 4);
        await k.detach(owner, customer[1]!);
        await rejects(k.detach(owner, customer[1]!), 'NoSuchEntity', `Policy ${customer[1]} was not found.`, 404);
        assert.equal((await k.listAttached(owner)).AttachedPolicies?.length, 3);
      });

      test('bad ARN, missing or foreign policy, missing owner', async () => {
        const owner = `${k.kind}-attach-bad`;
        await k.create(owner);
        await rejects(k.attach(owner, 'longpolicynamebutnoarn'), 'ValidationError', 'ARN longpolicynamebutnoarn is not valid.', 400);
        const missing = `arn:aws:iam::${acct}:policy/missing`;
        await rejects(k.attach(owner, missing), 'NoSuchEntity', `Policy ${missing} does not exist or is not attachable.`, 404);
        const foreign = `arn:aws:iam::999999999999:policy/cust-0`;
        await rejects(k.attach(owner, foreign), 'NoSuchEntity', `Policy ${foreign} does not exist or is not attachable.`, 404);
        await rejects(k.detach(owner, AWS_MANAGED[0]!), 'NoSuchEntity', `Policy ${AWS_MANAGED[0]} was not found.`, 404);
        const text = `The ${k.kind} with name no-such-${k.kind} cannot be found.`;
        await rejects(k.attach(`no-such-${k.kind}`, AWS_MANAGED[0]!), 'NoSuchEntity', text, 404);
        await rejects(k.detach(`no-such-${k.kind}`, AWS_MANAGED[0]!), 'NoSuchEntity', text, 404);
        await rejects(k.listAttached(`no-such-${k.kind}`), 'NoSuchEntity', text, 404);
        assert.deepEqual((await k.listAttached(owner)).AttachedPolicies, []);
      });

      test(`at most 10 attached policies (${k.quotaName}); the 11th writes nothing`, async () => {
        const owner = `${k.kind}-ten`;
        await k.create(owner);
        const eleven = [...AWS_MANAGED, ...customer.slice(0, 5)];
        for (const arn of eleven.slice(0, 10)) await k.attach(owner, arn);
        await rejects(k.attach(owner, eleven[10]!), 'LimitExceeded', `Cannot exceed quota for ${k.quotaName}: 10`, 409);
        // Re-attaching one that is already there is still fine at the limit.
        await k.attach(owner, eleven[0]!);
        const all = (await allPages((Marker) => k.listAttached(owner, { Marker }))).flatMap((p) => p.AttachedPolicies!);
        assert.equal(all.length, 10);
        assert.ok(!all.some((p) => p.PolicyArn === eleven[10]));
      });
    });
  }

  test("another account's existing policy is neither attachable nor a boundary", async () => {
    const foreign = 'arn:aws:iam::999999999999:policy/cust-0';
    await iam.send(new CreateUserCommand({ UserName: 'cross-u' }));
    await rejects(
      iam.send(new AttachUserPolicyCommand({ UserName: 'cross-u', PolicyArn: foreign })),
      'NoSuchEntity',
      `Policy ${foreign} does not exist or is not attachable.`,
      404,
    );
    await rejects(
      iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'cross-u', PermissionsBoundary: foreign })),
      'NoSuchEntity',
      `Scope ARN: ${foreign} does not exist or is not attachable.`,
      404,
    );
    await rejects(
      iam.send(new CreateUserCommand({ UserName: 'cross-u2', PermissionsBoundary: foreign })),
      'NoSuchEntity',
      `Scope ARN: ${foreign} does not exist or is not attachable.`,
      404,
    );
  });

  test('renaming the owner keeps its inline and attached policies', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'keep-u' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'keep-u', PolicyName: 'p', PolicyDocument: allowDoc('s3:*') }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'keep-u', PolicyArn: customer[3] }));
    await iam.send(new UpdateUserCommand({ UserName: 'keep-u', NewUserName: 'kept-u' }));
    assert.deepEqual((await iam.send(new ListUserPoliciesCommand({ UserName: 'kept-u' }))).PolicyNames, ['p']);
    assert.deepEqual(
      (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'kept-u' }))).AttachedPolicies?.map((p) => p.PolicyArn),
      [customer[3]],
    );

    await iam.send(new CreateGroupCommand({ GroupName: 'keep-g' }));
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'keep-g', PolicyName: 'p', PolicyDocument: allowDoc('s3:*') }));
    await iam.send(new UpdateGroupCommand({ GroupName: 'keep-g', NewGroupName: 'kept-g' }));
    assert.deepEqual((await iam.send(new ListGroupPoliciesCommand({ GroupName: 'kept-g' }))).PolicyNames, ['p']);
  });

  test('an inline policy takes effect for the user at once, and stops when deleted', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'effect-u' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'effect-u' }));
    const client = iamClient(server.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    await rejects(client.send(new ListGroupsCommand({})), 'AccessDenied', undefined, 403);
    await iam.send(
      new PutUserPolicyCommand({ UserName: 'effect-u', PolicyName: 'list-groups', PolicyDocument: allowDoc('iam:ListGroups') }),
    );
    await client.send(new ListGroupsCommand({}));
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'effect-u', PolicyName: 'list-groups' }));
    await rejects(client.send(new ListGroupsCommand({})), 'AccessDenied', undefined, 403);
    client.destroy();
  });
});
