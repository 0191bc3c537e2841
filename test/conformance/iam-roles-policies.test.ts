import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  type IAMClient,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListPolicyTagsCommand,
  ListPolicyVersionsCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  type Policy,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  PutUserPermissionsBoundaryCommand,
  type Role,
  SetDefaultPolicyVersionCommand,
  TagPolicyCommand,
  TagRoleCommand,
  UntagPolicyCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import type { TestServer } from '../support/server.js';
import { startIamTestServer } from './iam-test-helpers.js';
import { iamClient } from '../support/sdk-clients.js';
import { signedRequest } from '../support/clients-signer.js';
import { child, parseXml, type XmlElement } from '../support/clients-xml.js';

/**
 * Roles, customer-managed policies and their versions, ListEntitiesForPolicy — through the real
 * AWS SDK v3 (and raw signed requests where presence on the wire matters). Expected texts are
 * AWS's own (reference §4.1–4.4, §4.8).
 */

let server: TestServer;
let iam: IAMClient;
let acct: string;

const trust = (service = 'ec2.amazonaws.com') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
const identity = (action = 's3:GetObject') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

/** A document with indentation, newlines and a literal `%3A`: it must come back byte for byte. */
const VERBATIM_IDENTITY = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Verbatim",
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "*",
            "Condition": { "StringEquals": { "aws:username": "x%3Ay *" } }
        }
    ]
}`;
const VERBATIM_TRUST = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "Service": "lambda.amazonaws.com" },
    "Action": "sts:AssumeRole",
    "Condition": { "StringEquals": { "sts:ExternalId": "ext%3Aid" } }
  }]
}`;

const policyArn = (name: string, path = '/') => `arn:aws:iam::${acct}:policy${path}${name}`;

async function caught(send: () => Promise<unknown>): Promise<any> {
  try {
    await send();
  } catch (e) {
    return e;
  }
  assert.fail('the call should have failed');
}

/** Code, HTTP status and exact message of a failed call. */
async function expectError(send: () => Promise<unknown>, code: string, status: number, message: string | RegExp): Promise<void> {
  const e = await caught(send);
  assert.equal(e.Error?.Code ?? e.Code ?? e.name, code, `code of: ${e.message}`);
  assert.equal(e.$metadata?.httpStatusCode, status, `status of: ${e.message}`);
  if (typeof message === 'string') assert.equal(e.message, message);
  else assert.match(e.message, message);
}

/** A raw IAM call signed with the admin key: for checks on the XML itself. */
async function raw(params: Record<string, string>): Promise<{ status: number; xml: string; root: XmlElement }> {
  const { url, init } = await signedRequest(server.url, server.admin, { form: { Version: '2010-05-08', ...params } });
  const res = await fetch(url, init);
  const xml = await res.text();
  return { status: res.status, xml, root: parseXml(xml) };
}

const names = (e: XmlElement) => e.children.map((c) => c.name);

suite('IAM roles and managed policies (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    acct = server.accountId;
  });
  after(async () => {
    iam?.destroy();
    await server?.close();
  });

  // ---------------------------------------------------------------- roles

  test('CreateRole: result presence rules, ids, path in the ARN, verbatim trust policy', async () => {
    const created = await iam.send(
      new CreateRoleCommand({ RoleName: 'r-create', Path: '/svc/a/', AssumeRolePolicyDocument: VERBATIM_TRUST }),
    );
    const role = created.Role as Role;
    assert.equal(role.RoleName, 'r-create');
    assert.equal(role.Path, '/svc/a/');
    assert.equal(role.Arn, `arn:aws:iam::${acct}:role/svc/a/r-create`);
    assert.match(role.RoleId ?? '', /^AROA[A-Z2-7]{17}$/);
    assert.ok(role.CreateDate instanceof Date);
    assert.equal(decodeURIComponent(role.AssumeRolePolicyDocument ?? ''), VERBATIM_TRUST);
    // No MaxSessionDuration, RoleLastUsed, Description, Tags or PermissionsBoundary unless given.
    assert.equal(role.MaxSessionDuration, undefined);
    assert.equal(role.RoleLastUsed, undefined);
    assert.equal(role.Description, undefined);
    assert.equal(role.Tags, undefined);
    assert.equal(role.PermissionsBoundary, undefined);

    const got = (await iam.send(new GetRoleCommand({ RoleName: 'R-CREATE' }))).Role as Role;
    assert.equal(got.RoleName, 'r-create', 'lookups ignore case, output keeps it');
    assert.equal(got.RoleId, role.RoleId);
    assert.equal(got.MaxSessionDuration, 3600);
    assert.deepEqual(got.RoleLastUsed, {});
    assert.equal(got.Tags, undefined);
    assert.equal(decodeURIComponent(got.AssumeRolePolicyDocument ?? ''), VERBATIM_TRUST);

    // On the wire: encoded exactly once (%3A → %253A), an empty <RoleLastUsed/>.
    const { status, xml, root } = await raw({ Action: 'GetRole', RoleName: 'r-create' });
    assert.equal(status, 200);
    assert.match(xml, /ext%253Aid/);
    const wireRole = child(child(root, 'GetRoleResult'), 'Role');
    assert.ok(names(wireRole).includes('RoleLastUsed'));
    assert.deepEqual(child(wireRole, 'RoleLastUsed').children, []);
  });

  test('CreateRole with Description, MaxSessionDuration and Tags', async () => {
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: 'r-full',
        AssumeRolePolicyDocument: trust(),
        Description: 'for tests',
        MaxSessionDuration: 7200,
        Tags: [
          { Key: 'team', Value: 'x' },
          { Key: 'Empty', Value: '' },
        ],
      }),
    );
    assert.equal(created.Role?.Description, 'for tests');
    assert.deepEqual(created.Role?.Tags, [
      { Key: 'team', Value: 'x' },
      { Key: 'Empty', Value: '' },
    ]);
    assert.equal(created.Role?.MaxSessionDuration, undefined);
    const got = (await iam.send(new GetRoleCommand({ RoleName: 'r-full' }))).Role as Role;
    assert.equal(got.MaxSessionDuration, 7200);
    assert.equal(got.Description, 'for tests');
    assert.deepEqual(got.Tags, [
      { Key: 'team', Value: 'x' },
      { Key: 'Empty', Value: '' },
    ]);
  });

  test('CreateRole errors: AWS codes and texts, and nothing is written', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r-dup', AssumeRolePolicyDocument: trust() }));
    await expectError(
      () => iam.send(new CreateRoleCommand({ RoleName: 'R-Dup', AssumeRolePolicyDocument: trust() })),
      'EntityAlreadyExists',
      409,
      'Role with name R-Dup already exists.',
    );
    await expectError(
      () => iam.send(new CreateRoleCommand({ RoleName: 'r-bad-json', AssumeRolePolicyDocument: '{not json' })),
      'MalformedPolicyDocument',
      400,
      'This policy contains invalid Json',
    );
    const withResource = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' }],
    });
    await expectError(
      () => iam.send(new CreateRoleCommand({ RoleName: 'r-bad-res', AssumeRolePolicyDocument: withResource })),
      'MalformedPolicyDocument',
      400,
      'Has prohibited field Resource',
    );
    const huge = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'ec2.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'x'.repeat(2100) } },
        },
      ],
    });
    await expectError(
      () => iam.send(new CreateRoleCommand({ RoleName: 'r-huge', AssumeRolePolicyDocument: huge })),
      'LimitExceeded',
      409,
      'Cannot exceed quota for ACLSizePerRole: 2048',
    );
    await expectError(
      () =>
        iam.send(
          new CreateRoleCommand({
            RoleName: 'r-tags',
            AssumeRolePolicyDocument: trust(),
            Tags: [
              { Key: 'k', Value: '1' },
              { Key: 'K', Value: '2' },
            ],
          }),
        ),
      'InvalidInput',
      400,
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    );
    await expectError(
      () =>
        iam.send(
          new CreateRoleCommand({ RoleName: 'r-bound', AssumeRolePolicyDocument: trust(), PermissionsBoundary: policyArn('nope-nope') }),
        ),
      'NoSuchEntity',
      404,
      `Scope ARN: ${policyArn('nope-nope')} does not exist or is not attachable.`,
    );
    await expectError(
      () =>
        iam.send(
          new CreateRoleCommand({
            RoleName: 'r-bound2',
            AssumeRolePolicyDocument: trust(),
            PermissionsBoundary: `arn:aws:iam::${acct}:not_a_policy/x`,
          }),
        ),
      'InvalidInput',
      400,
      `ARN arn:aws:iam::${acct}:not_a_policy/x is not valid.`,
    );
    for (const name of ['r-bad-json', 'r-bad-res', 'r-huge', 'r-tags', 'r-bound', 'r-bound2']) {
      await expectError(
        () => iam.send(new GetRoleCommand({ RoleName: name })),
        'NoSuchEntity',
        404,
        `The role with name ${name} cannot be found.`,
      );
    }
  });

  test('trust policies must name IAM users and roles that exist (in accounts this server holds)', async () => {
    const awsTrust = (arn: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${acct}:root`, arn] }, Action: 'sts:AssumeRole' }],
      });
    await iam.send(
      new CreateRoleCommand({ RoleName: 'r-trusts-admin', AssumeRolePolicyDocument: awsTrust(`arn:aws:iam::${acct}:user/admin`) }),
    );
    await iam.send(
      new CreateRoleCommand({ RoleName: 'r-trusts-role', AssumeRolePolicyDocument: awsTrust(`arn:aws:iam::${acct}:role/r-trusts-admin`) }),
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'r-trusts-foreign',
        AssumeRolePolicyDocument: awsTrust('arn:aws:iam::111122223333:role/Elsewhere'),
      }),
    );
    const ghost = `arn:aws:iam::${acct}:user/ghost`;
    await expectError(
      () => iam.send(new CreateRoleCommand({ RoleName: 'r-trusts-ghost', AssumeRolePolicyDocument: awsTrust(ghost) })),
      'MalformedPolicyDocument',
      400,
      `Invalid principal in policy: "AWS":"${ghost}"`,
    );
    const wrongPath = `arn:aws:iam::${acct}:role/svc/r-trusts-admin`;
    await expectError(
      () => iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r-trusts-role', PolicyDocument: awsTrust(wrongPath) })),
      'MalformedPolicyDocument',
      400,
      `Invalid principal in policy: "AWS":"${wrongPath}"`,
    );
    await expectError(
      () => iam.send(new GetRoleCommand({ RoleName: 'r-trusts-ghost' })),
      'NoSuchEntity',
      404,
      'The role with name r-trusts-ghost cannot be found.',
    );
  });

  test('CreateRole: server-side validation of the model constraints', async () => {
    const r1 = await raw({ Action: 'CreateRole', RoleName: 'r-v1', AssumeRolePolicyDocument: trust(), MaxSessionDuration: '100' });
    assert.equal(r1.status, 400);
    assert.equal(
      child(child(r1.root, 'Error'), 'Message').text,
      "1 validation error detected: Value at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
    );
    const r2 = await raw({ Action: 'CreateRole', RoleName: 'bad name!', AssumeRolePolicyDocument: trust() });
    assert.equal(r2.status, 400);
    assert.equal(child(child(r2.root, 'Error'), 'Code').text, 'ValidationError');
    assert.match(
      child(child(r2.root, 'Error'), 'Message').text,
      /at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    const r3 = await raw({ Action: 'CreateRole', RoleName: 'r-v3' });
    assert.equal(r3.status, 400);
    assert.equal(child(child(r3.root, 'Error'), 'Code').text, 'MissingParameter');
  });

  test('ListRoles: subset of members, PathPrefix, pagination, invalid marker', async () => {
    for (const n of ['lr-a', 'lr-b', 'lr-c', 'lr-d', 'lr-e']) {
      await iam.send(
        new CreateRoleCommand({
          RoleName: n,
          Path: '/list-test/',
          AssumeRolePolicyDocument: trust(),
          Tags: [{ Key: 'k', Value: 'v' }],
          Description: `d ${n}`,
        }),
      );
    }
    const all = await iam.send(new ListRolesCommand({ PathPrefix: '/list-test/' }));
    assert.equal(all.IsTruncated, false);
    assert.equal(all.Marker, undefined);
    assert.deepEqual(
      all.Roles?.map((r) => r.RoleName),
      ['lr-a', 'lr-b', 'lr-c', 'lr-d', 'lr-e'],
    );
    const first = all.Roles[0]!;
    assert.equal(first.MaxSessionDuration, 3600);
    assert.equal(first.Description, 'd lr-a');
    assert.equal(first.Tags, undefined);
    assert.equal(first.RoleLastUsed, undefined);
    assert.ok(first.AssumeRolePolicyDocument);

    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(new ListRolesCommand({ PathPrefix: '/list-test', MaxItems: 2, Marker: marker }));
      seen.push(...(page.Roles ?? []).map((r) => r.RoleName!));
      marker = page.IsTruncated ? page.Marker : undefined;
      assert.ok(page.IsTruncated ? page.Marker : page.Marker === undefined);
      pages++;
    } while (marker);
    assert.equal(pages, 3);
    assert.deepEqual(seen, ['lr-a', 'lr-b', 'lr-c', 'lr-d', 'lr-e']);
    const none = await iam.send(new ListRolesCommand({ PathPrefix: '/no-such-path/' }));
    assert.deepEqual(none.Roles, []);
    await expectError(() => iam.send(new ListRolesCommand({ Marker: 'garbage' })), 'ValidationError', 400, 'Invalid Marker.');
  });

  test('UpdateRole leaves omitted values unchanged and sends an empty UpdateRoleResult', async () => {
    await iam.send(
      new CreateRoleCommand({ RoleName: 'r-upd', AssumeRolePolicyDocument: trust(), Description: 'first', MaxSessionDuration: 7200 }),
    );
    await iam.send(new UpdateRoleCommand({ RoleName: 'r-upd', MaxSessionDuration: 10800 }));
    let got = (await iam.send(new GetRoleCommand({ RoleName: 'r-upd' }))).Role!;
    assert.equal(got.MaxSessionDuration, 10800);
    assert.equal(got.Description, 'first');
    await iam.send(new UpdateRoleCommand({ RoleName: 'r-upd', Description: 'second' }));
    got = (await iam.send(new GetRoleCommand({ RoleName: 'r-upd' }))).Role!;
    assert.equal(got.MaxSessionDuration, 10800);
    assert.equal(got.Description, 'second');

    const { status, root } = await raw({ Action: 'UpdateRole', RoleName: 'r-upd', Description: 'third' });
    assert.equal(status, 200);
    const result = child(root, 'UpdateRoleResult');
    assert.deepEqual(result.children, []);
    await expectError(
      () => iam.send(new UpdateRoleCommand({ RoleName: 'r-nope', Description: 'x' })),
      'NoSuchEntity',
      404,
      'The role with name r-nope cannot be found.',
    );

    const desc = await iam.send(new UpdateRoleDescriptionCommand({ RoleName: 'r-upd', Description: 'fourth' }));
    assert.equal(desc.Role?.Description, 'fourth');
    assert.equal(desc.Role?.MaxSessionDuration, undefined);
    assert.equal(desc.Role?.RoleLastUsed, undefined);
    assert.equal((await iam.send(new GetRoleCommand({ RoleName: 'r-upd' }))).Role?.MaxSessionDuration, 10800);
  });

  test('UpdateAssumeRolePolicy replaces the trust policy; a bad one changes nothing', async () => {
    await iam.send(new CreateRoleCommand({ RoleName: 'r-trust', AssumeRolePolicyDocument: trust() }));
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r-trust', PolicyDocument: VERBATIM_TRUST }));
    const got = (await iam.send(new GetRoleCommand({ RoleName: 'r-trust' }))).Role!;
    assert.equal(decodeURIComponent(got.AssumeRolePolicyDocument!), VERBATIM_TRUST);
    const identityInTrust = identity();
    await expectError(
      () => iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r-trust', PolicyDocument: identityInTrust })),
      'MalformedPolicyDocument',
      400,
      /./,
    );
    await expectError(
      () =>
        iam.send(
          new UpdateAssumeRolePolicyCommand({
            RoleName: 'r-trust',
            PolicyDocument: `${trust().slice(0, -2)}, "Condition": {"StringEquals": {"sts:ExternalId": "${'y'.repeat(2100)}"}}}]}`,
          }),
        ),
      'LimitExceeded',
      409,
      'Cannot exceed quota for ACLSizePerRole: 2048',
    );
    const still = (await iam.send(new GetRoleCommand({ RoleName: 'r-trust' }))).Role!;
    assert.equal(decodeURIComponent(still.AssumeRolePolicyDocument!), VERBATIM_TRUST);
    await expectError(
      () => iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'r-trust-nope', PolicyDocument: trust() })),
      'NoSuchEntity',
      404,
      'The role with name r-trust-nope cannot be found.',
    );
  });

  test('TagRole / UntagRole / ListRoleTags: case-insensitive keys, new casing wins, limits', async () => {
    await iam.send(
      new CreateRoleCommand({ RoleName: 'r-tag', AssumeRolePolicyDocument: trust(), Tags: [{ Key: 'somekey', Value: 'v1' }] }),
    );
    await iam.send(
      new TagRoleCommand({
        RoleName: 'r-tag',
        Tags: [
          { Key: 'Somekey', Value: 'updatedvalue' },
          { Key: 'other', Value: 'o' },
        ],
      }),
    );
    let tags = await iam.send(new ListRoleTagsCommand({ RoleName: 'r-tag' }));
    assert.equal(tags.IsTruncated, false);
    assert.deepEqual(
      [...(tags.Tags ?? [])].sort((a, b) => a.Key!.localeCompare(b.Key!)),
      [
        { Key: 'other', Value: 'o' },
        { Key: 'Somekey', Value: 'updatedvalue' },
      ],
    );
    await expectError(
      () =>
        iam.send(
          new TagRoleCommand({
            RoleName: 'r-tag',
            Tags: [
              { Key: 'a', Value: '1' },
              { Key: 'A', Value: '2' },
            ],
          }),
        ),
      'InvalidInput',
      400,
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    );
    await iam.send(new UntagRoleCommand({ RoleName: 'r-tag', TagKeys: ['SOMEKEY', 'absent'] }));
    tags = await iam.send(new ListRoleTagsCommand({ RoleName: 'r-tag' }));
    assert.deepEqual(tags.Tags, [{ Key: 'other', Value: 'o' }]);

    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: `${i}` }));
    await expectError(
      () => iam.send(new TagRoleCommand({ RoleName: 'r-tag', Tags: many })),
      'LimitExceeded',
      409,
      'The number of tags has reached the maximum limit.',
    );
    assert.equal((await iam.send(new ListRoleTagsCommand({ RoleName: 'r-tag' }))).Tags?.length, 1, 'a refused TagRole writes nothing');
    await iam.send(new TagRoleCommand({ RoleName: 'r-tag', Tags: many.slice(0, 49) }));
    const page1 = await iam.send(new ListRoleTagsCommand({ RoleName: 'r-tag', MaxItems: 30 }));
    assert.equal(page1.IsTruncated, true);
    const page2 = await iam.send(new ListRoleTagsCommand({ RoleName: 'r-tag', MaxItems: 30, Marker: page1.Marker }));
    assert.equal(page2.IsTruncated, false);
    assert.equal((page1.Tags?.length ?? 0) + (page2.Tags?.length ?? 0), 50);
    await expectError(
      () => iam.send(new ListRoleTagsCommand({ RoleName: 'test-nonexistent-role' })),
      'NoSuchEntity',
      404,
      'The role with name test-nonexistent-role cannot be found.',
    );
    await expectError(
      () => iam.send(new TagRoleCommand({ RoleName: 'test-nonexistent-role', Tags: [{ Key: 'a', Value: 'b' }] })),
      'NoSuchEntity',
      404,
      'The role with name test-nonexistent-role cannot be found.',
    );
  });

  test('permissions boundary on a role: put, show, count, refuse policy deletion, delete', async () => {
    const boundary = (await iam.send(new CreatePolicyCommand({ PolicyName: 'p-boundary', PolicyDocument: identity('s3:*') }))).Policy!;
    await iam.send(new CreateRoleCommand({ RoleName: 'r-bounded', AssumeRolePolicyDocument: trust(), PermissionsBoundary: boundary.Arn }));
    const created = await iam.send(new CreateRoleCommand({ RoleName: 'r-bounded2', AssumeRolePolicyDocument: trust() }));
    assert.equal(created.Role?.PermissionsBoundary, undefined);
    await iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'r-bounded2', PermissionsBoundary: boundary.Arn }));
    const got = (await iam.send(new GetRoleCommand({ RoleName: 'r-bounded2' }))).Role!;
    assert.deepEqual(got.PermissionsBoundary, { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundary.Arn });
    const listed = await iam.send(new ListRolesCommand({}));
    assert.equal(listed.Roles?.find((r) => r.RoleName === 'r-bounded2')?.PermissionsBoundary, undefined, 'ListRoles leaves boundaries out');

    const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: boundary.Arn }))).Policy!;
    assert.equal(policy.PermissionsBoundaryUsageCount, 2);
    assert.equal(policy.AttachmentCount, 0);
    const entities = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: boundary.Arn, PolicyUsageFilter: 'PermissionsBoundary' }),
    );
    assert.deepEqual(
      entities.PolicyRoles?.map((r) => r.RoleName),
      ['r-bounded', 'r-bounded2'],
    );
    const asPermissions = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: boundary.Arn, PolicyUsageFilter: 'PermissionsPolicy' }),
    );
    assert.deepEqual(asPermissions.PolicyRoles, []);
    const usedAsBoundary = await iam.send(new ListPoliciesCommand({ Scope: 'Local', PolicyUsageFilter: 'PermissionsBoundary' }));
    assert.deepEqual(
      usedAsBoundary.Policies?.map((p) => p.PolicyName),
      ['p-boundary'],
    );

    await expectError(
      () => iam.send(new DeletePolicyCommand({ PolicyArn: boundary.Arn })),
      'DeleteConflict',
      409,
      'Cannot delete a policy attached to entities.',
    );
    await expectError(
      () =>
        iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'r-bounded2', PermissionsBoundary: policyArn('nonexistent-policy') })),
      'NoSuchEntity',
      404,
      `Scope ARN: ${policyArn('nonexistent-policy')} does not exist or is not attachable.`,
    );
    await expectError(
      () => iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'r-nobody', PermissionsBoundary: boundary.Arn })),
      'NoSuchEntity',
      404,
      'The role with name r-nobody cannot be found.',
    );
    await iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'r-bounded2' }));
    assert.equal((await iam.send(new GetRoleCommand({ RoleName: 'r-bounded2' }))).Role?.PermissionsBoundary, undefined);
    await iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'r-bounded' }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: boundary.Arn }));
  });

  test('DeleteRole: DeleteConflict while policies remain, then deleted', async () => {
    const p = (await iam.send(new CreatePolicyCommand({ PolicyName: 'p-for-role-delete', PolicyDocument: identity() }))).Policy!;
    await iam.send(new CreateRoleCommand({ RoleName: 'r-del', AssumeRolePolicyDocument: trust() }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'r-del', PolicyArn: p.Arn }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'r-del', PolicyName: 'inline', PolicyDocument: identity() }));
    await expectError(
      () => iam.send(new DeleteRoleCommand({ RoleName: 'r-del' })),
      'DeleteConflict',
      409,
      'Cannot delete entity, must detach all policies first.',
    );
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'r-del', PolicyArn: p.Arn }));
    await expectError(
      () => iam.send(new DeleteRoleCommand({ RoleName: 'r-del' })),
      'DeleteConflict',
      409,
      'Cannot delete entity, must delete policies first.',
    );
    await iam.send(new GetRoleCommand({ RoleName: 'r-del' }));
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'r-del', PolicyName: 'inline' }));
    const { status, root } = await raw({ Action: 'DeleteRole', RoleName: 'r-del' });
    assert.equal(status, 200);
    assert.deepEqual(names(root), ['ResponseMetadata'], 'no Result element for an operation without output');
    await expectError(
      () => iam.send(new GetRoleCommand({ RoleName: 'r-del' })),
      'NoSuchEntity',
      404,
      'The role with name r-del cannot be found.',
    );
    await expectError(
      () => iam.send(new DeleteRoleCommand({ RoleName: 'r-del' })),
      'NoSuchEntity',
      404,
      'The role with name r-del cannot be found.',
    );
    // The name is free again.
    await iam.send(new CreateRoleCommand({ RoleName: 'r-del', AssumeRolePolicyDocument: trust() }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'r-del' }));
  });

  // ---------------------------------------------------------------- managed policies

  test('CreatePolicy / GetPolicy / GetPolicyVersion: presence rules and a verbatim document', async () => {
    const created = (
      await iam.send(
        new CreatePolicyCommand({ PolicyName: 'p-create', Path: '/team/a/', PolicyDocument: VERBATIM_IDENTITY, Description: 'desc' }),
      )
    ).Policy as Policy;
    assert.equal(created.PolicyName, 'p-create');
    assert.equal(created.Arn, `arn:aws:iam::${acct}:policy/team/a/p-create`);
    assert.equal(created.Path, '/team/a/');
    assert.match(created.PolicyId ?? '', /^ANPA[A-Z2-7]{17}$/);
    assert.equal(created.DefaultVersionId, 'v1');
    assert.equal(created.AttachmentCount, 0);
    assert.equal(created.PermissionsBoundaryUsageCount, 0);
    assert.equal(created.IsAttachable, true);
    assert.ok(created.CreateDate instanceof Date && created.UpdateDate instanceof Date);
    assert.equal(created.Description, undefined, 'CreatePolicy never returns the Description');
    assert.equal(created.Tags, undefined, 'no Tags element unless tags were given');

    const got = (await iam.send(new GetPolicyCommand({ PolicyArn: created.Arn }))).Policy!;
    assert.equal(got.Description, 'desc');
    assert.deepEqual(got.Tags, [], 'GetPolicy always has Tags');
    assert.equal(got.PolicyId, created.PolicyId);
    const { root } = await raw({ Action: 'GetPolicy', PolicyArn: created.Arn });
    const wire = child(child(root, 'GetPolicyResult'), 'Policy');
    assert.ok(names(wire).includes('Tags'));

    const version = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: created.Arn, VersionId: 'v1' }))).PolicyVersion!;
    assert.equal(version.VersionId, 'v1');
    assert.equal(version.IsDefaultVersion, true);
    assert.equal(decodeURIComponent(version.Document!), VERBATIM_IDENTITY);
    const wireVersion = await raw({ Action: 'GetPolicyVersion', PolicyArn: created.Arn, VersionId: 'v1' });
    assert.match(wireVersion.xml, /x%253Ay%20%2A/);

    const tagged = (
      await iam.send(
        new CreatePolicyCommand({
          PolicyName: 'p-create-tags',
          PolicyDocument: identity(),
          Tags: [
            { Key: 'a', Value: '1' },
            { Key: 'A', Value: '2' },
          ],
        }),
      )
    ).Policy!;
    assert.deepEqual(
      tagged.Tags,
      [
        { Key: 'a', Value: '1' },
        { Key: 'A', Value: '2' },
      ],
      'policy tag keys are case-sensitive',
    );
  });

  test('CreatePolicy errors: duplicates, malformed documents, size quota, bad paths — nothing written', async () => {
    await iam.send(new CreatePolicyCommand({ PolicyName: 'p-dup', PolicyDocument: identity() }));
    await expectError(
      () => iam.send(new CreatePolicyCommand({ PolicyName: 'P-DUP', Path: '/other/', PolicyDocument: identity() })),
      'EntityAlreadyExists',
      409,
      'A policy called P-DUP already exists. Duplicate names are not allowed.',
    );
    await expectError(
      () => iam.send(new CreatePolicyCommand({ PolicyName: 'p-syntax', PolicyDocument: '{"Version": ' })),
      'MalformedPolicyDocument',
      400,
      'Syntax errors in policy.',
    );
    await expectError(
      () =>
        iam.send(
          new CreatePolicyCommand({
            PolicyName: 'p-noresource',
            PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] }),
          }),
        ),
      'MalformedPolicyDocument',
      400,
      'Policy statement must contain resources.',
    );
    await expectError(
      () =>
        iam.send(
          new CreatePolicyCommand({
            PolicyName: 'p-oldversion',
            PolicyDocument: JSON.stringify({
              Version: '2008-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
            }),
          }),
        ),
      'MalformedPolicyDocument',
      400,
      'Policy document must be version 2012-10-17 or greater.',
    );
    const actions = Array.from({ length: 400 }, (_, i) => `s3:GetObjectNumber${i}`);
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
    assert.ok(big.length > 6144);
    await expectError(
      () => iam.send(new CreatePolicyCommand({ PolicyName: 'p-big', PolicyDocument: big })),
      'LimitExceeded',
      409,
      'Cannot exceed quota for PolicySize: 6144',
    );
    // Whitespace does not count towards the quota.
    const padded = identity().replace('{', `{${' \n'.repeat(4000)}`);
    assert.ok(padded.length > 6144);
    await iam.send(new CreatePolicyCommand({ PolicyName: 'p-padded', PolicyDocument: padded }));
    const paddedBack = await iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn('p-padded'), VersionId: 'v1' }));
    assert.equal(decodeURIComponent(paddedBack.PolicyVersion!.Document!), padded);

    await expectError(
      () =>
        iam.send(
          new CreatePolicyCommand({
            PolicyName: 'p-tags',
            PolicyDocument: identity(),
            Tags: [
              { Key: 'a', Value: '1' },
              { Key: 'a', Value: '2' },
            ],
          }),
        ),
      'InvalidInput',
      400,
      'Duplicate tag keys found.',
    );
    const badPath = await raw({ Action: 'CreatePolicy', PolicyName: 'p-path', Path: '/a b/', PolicyDocument: identity() });
    assert.equal(badPath.status, 400);
    assert.equal(child(child(badPath.root, 'Error'), 'Code').text, 'ValidationError');
    assert.match(
      child(child(badPath.root, 'Error'), 'Message').text,
      /at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: \(\(\/\[A-Za-z0-9/,
    );
    for (const name of ['p-syntax', 'p-noresource', 'p-oldversion', 'p-big', 'p-tags', 'p-path']) {
      await expectError(
        () => iam.send(new GetPolicyCommand({ PolicyArn: policyArn(name) })),
        'NoSuchEntity',
        404,
        `Policy ${policyArn(name)} was not found.`,
      );
    }
    await expectError(
      () => iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::123456789012:nopolicy' })),
      'InvalidInput',
      400,
      'ARN arn:aws:iam::123456789012:nopolicy is not valid.',
    );
  });

  test('policy versions: v2…v5, the five-version limit, numbers never reused, default rules', async () => {
    const arn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'p-versions', PolicyDocument: identity('s3:GetObject') }))).Policy!
      .Arn!;
    const createdAt = (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.UpdateDate!;
    const v2 = (await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: identity('s3:PutObject') })))
      .PolicyVersion!;
    assert.equal(v2.VersionId, 'v2');
    assert.equal(v2.IsDefaultVersion, false);
    assert.equal(v2.Document, undefined, 'CreatePolicyVersion returns no Document');
    assert.ok(v2.CreateDate instanceof Date);
    const v3 = (
      await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: identity('s3:ListBucket'), SetAsDefault: true }))
    ).PolicyVersion!;
    assert.equal(v3.VersionId, 'v3');
    assert.equal(v3.IsDefaultVersion, true);
    const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!;
    assert.equal(policy.DefaultVersionId, 'v3');
    assert.ok(policy.UpdateDate!.getTime() >= createdAt.getTime());

    const listed = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    assert.deepEqual(
      listed.Versions?.map((v) => [v.VersionId, v.IsDefaultVersion]),
      [
        ['v3', true],
        ['v2', false],
        ['v1', false],
      ],
    );
    assert.equal(listed.Versions?.[0]?.Document, undefined);
    assert.equal(listed.IsTruncated, false);
    const paged = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn, MaxItems: 2 }));
    assert.equal(paged.IsTruncated, true);
    const rest = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn, MaxItems: 2, Marker: paged.Marker }));
    assert.deepEqual(
      rest.Versions?.map((v) => v.VersionId),
      ['v1'],
    );

    const v1doc = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    assert.equal(v1doc.PolicyVersion?.IsDefaultVersion, false);
    assert.equal(decodeURIComponent(v1doc.PolicyVersion.Document!), identity('s3:GetObject'));

    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: identity('s3:GetBucketPolicy') }));
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: identity('s3:GetBucketAcl') }));
    await expectError(
      () => iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: identity('s3:GetBucketTagging') })),
      'LimitExceeded',
      409,
      'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    );
    await expectError(
      () => iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' })),
      'DeleteConflict',
      409,
      'Cannot delete the default version of a policy.',
    );
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }));
    const v6 = (await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: identity('s3:GetBucketTagging') })))
      .PolicyVersion!;
    assert.equal(v6.VersionId, 'v6', 'the number of a deleted version is not reused');
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
    const v7 = (await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: identity('s3:GetBucketLogging') })))
      .PolicyVersion!;
    assert.equal(v7.VersionId, 'v7');

    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId, 'v1');
    await expectError(
      () => iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' })),
      'NoSuchEntity',
      404,
      `Policy ${arn} version v2 does not exist or is not attachable.`,
    );
    await expectError(
      () => iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' })),
      'NoSuchEntity',
      404,
      `Policy ${arn} version v9 does not exist or is not attachable.`,
    );
    await expectError(
      () => iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' })),
      'NoSuchEntity',
      404,
      `Policy ${arn} version v9 does not exist or is not attachable.`,
    );
    const badVersion = await raw({ Action: 'GetPolicyVersion', PolicyArn: arn, VersionId: 'x1' });
    assert.equal(badVersion.status, 400);
    assert.equal(
      child(child(badVersion.root, 'Error'), 'Message').text,
      "1 validation error detected: Value at 'versionId' failed to satisfy constraint: Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?",
    );
    await expectError(
      () => iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: '{' })),
      'MalformedPolicyDocument',
      400,
      'Syntax errors in policy.',
    );
    await expectError(
      () => iam.send(new CreatePolicyVersionCommand({ PolicyArn: policyArn('p-versions-nope'), PolicyDocument: identity() })),
      'NoSuchEntity',
      404,
      `Policy ${policyArn('p-versions-nope')} was not found.`,
    );

    // DeletePolicy needs the non-default versions gone first.
    await expectError(
      () => iam.send(new DeletePolicyCommand({ PolicyArn: arn })),
      'DeleteConflict',
      409,
      "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    );
    for (const v of ['v3', 'v4', 'v6', 'v7']) await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    await expectError(() => iam.send(new GetPolicyCommand({ PolicyArn: arn })), 'NoSuchEntity', 404, `Policy ${arn} was not found.`);
    await expectError(() => iam.send(new DeletePolicyCommand({ PolicyArn: arn })), 'NoSuchEntity', 404, `Policy ${arn} was not found.`);
    // A new policy with the same name starts again at v1/v2.
    await iam.send(new CreatePolicyCommand({ PolicyName: 'p-versions', PolicyDocument: identity() }));
    const again = (await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: identity('s3:PutObject') })))
      .PolicyVersion!;
    assert.equal(again.VersionId, 'v2');
  });

  test('AWS-managed policies: readable by every account, not changeable', async () => {
    const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
    const got = (await iam.send(new GetPolicyCommand({ PolicyArn: admin }))).Policy!;
    assert.equal(got.PolicyName, 'AdministratorAccess');
    assert.equal(got.Arn, admin);
    assert.ok((got.AttachmentCount ?? 0) >= 1, 'the bootstrap admin user has it attached');
    assert.equal(got.IsAttachable, true);
    assert.deepEqual(got.Tags, []);
    const version = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: admin, VersionId: got.DefaultVersionId }))).PolicyVersion!;
    assert.equal(version.IsDefaultVersion, true);
    assert.deepEqual(JSON.parse(decodeURIComponent(version.Document!)).Statement[0].Action, '*');
    const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: admin }));
    assert.equal(versions.Versions?.length, 1);
    await expectError(
      () => iam.send(new DeletePolicyCommand({ PolicyArn: admin })),
      'AccessDenied',
      403,
      'Cannot delete policies outside your own account.',
    );
    await expectError(
      () => iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: admin, VersionId: 'v1' })),
      'AccessDenied',
      403,
      'Cannot update policies outside your own account.',
    );
    await expectError(
      () => iam.send(new DeletePolicyVersionCommand({ PolicyArn: admin, VersionId: 'v1' })),
      'AccessDenied',
      403,
      'Cannot delete policy versions for policies outside your own account.',
    );
    await expectError(
      () => iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/NoSuchManagedPolicy' })),
      'NoSuchEntity',
      404,
      'Policy arn:aws:iam::aws:policy/NoSuchManagedPolicy was not found.',
    );
  });

  test('ListPolicies: scopes, PathPrefix, OnlyAttached, pagination, no Tags/Description in items', async () => {
    for (const n of ['lp-1', 'lp-2', 'lp-3', 'lp-4']) {
      await iam.send(
        new CreatePolicyCommand({
          PolicyName: n,
          Path: '/lp/',
          PolicyDocument: identity(),
          Description: 'd',
          Tags: [{ Key: 'k', Value: 'v' }],
        }),
      );
    }
    const local = await iam.send(new ListPoliciesCommand({ Scope: 'Local', PathPrefix: '/lp/' }));
    assert.deepEqual(
      local.Policies?.map((p) => p.PolicyName),
      ['lp-1', 'lp-2', 'lp-3', 'lp-4'],
    );
    assert.equal(local.IsTruncated, false);
    const item = local.Policies[0]!;
    assert.equal(item.Tags, undefined);
    assert.equal(item.Description, undefined);
    assert.equal(item.DefaultVersionId, 'v1');
    assert.equal(item.AttachmentCount, 0);
    assert.equal(item.IsAttachable, true);

    const aws = await iam.send(new ListPoliciesCommand({ Scope: 'AWS' }));
    assert.ok(aws.Policies!.length > 0);
    assert.ok(aws.Policies!.every((p) => p.Arn!.startsWith('arn:aws:iam::aws:policy/')));
    assert.ok(aws.Policies!.some((p) => p.PolicyName === 'AdministratorAccess'));

    const everything: string[] = [];
    let marker: string | undefined;
    do {
      const page = await iam.send(new ListPoliciesCommand({ MaxItems: 3, Marker: marker }));
      assert.ok((page.Policies?.length ?? 0) <= 3);
      everything.push(...page.Policies!.map((p) => p.Arn!));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    assert.equal(new Set(everything).size, everything.length, 'no item appears twice across pages');
    assert.ok(everything.includes('arn:aws:iam::aws:policy/AdministratorAccess'));
    assert.ok(everything.includes(policyArn('lp-3', '/lp/')));

    await iam.send(new CreateRoleCommand({ RoleName: 'r-lp', AssumeRolePolicyDocument: trust() }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'r-lp', PolicyArn: policyArn('lp-2', '/lp/') }));
    const attached = await iam.send(new ListPoliciesCommand({ OnlyAttached: true, PathPrefix: '/lp/' }));
    assert.deepEqual(
      attached.Policies?.map((p) => [p.PolicyName, p.AttachmentCount]),
      [['lp-2', 1]],
    );
    const attachedAll = await iam.send(new ListPoliciesCommand({ OnlyAttached: true }));
    assert.ok(attachedAll.Policies!.some((p) => p.PolicyName === 'AdministratorAccess'));
    assert.ok(attachedAll.Policies!.every((p) => (p.AttachmentCount ?? 0) > 0));
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'r-lp', PolicyArn: policyArn('lp-2', '/lp/') }));
    await expectError(() => iam.send(new ListPoliciesCommand({ Marker: 'not-a-marker' })), 'ValidationError', 400, 'Invalid Marker.');
  });

  test('TagPolicy / UntagPolicy / ListPolicyTags: case-sensitive keys', async () => {
    const arn = (
      await iam.send(new CreatePolicyCommand({ PolicyName: 'p-tag', PolicyDocument: identity(), Tags: [{ Key: 'a', Value: '1' }] }))
    ).Policy!.Arn!;
    await iam.send(
      new TagPolicyCommand({
        PolicyArn: arn,
        Tags: [
          { Key: 'A', Value: '2' },
          { Key: 'a', Value: 'updated' },
        ],
      }),
    );
    let tags = (await iam.send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags ?? [];
    assert.deepEqual(
      [...tags].sort((x, y) => (x.Key! < y.Key! ? -1 : 1)),
      [
        { Key: 'A', Value: '2' },
        { Key: 'a', Value: 'updated' },
      ],
    );
    await iam.send(new UntagPolicyCommand({ PolicyArn: arn, TagKeys: ['A', 'zzz'] }));
    tags = (await iam.send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags ?? [];
    assert.deepEqual(tags, [{ Key: 'a', Value: 'updated' }]);
    assert.deepEqual((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.Tags, [{ Key: 'a', Value: 'updated' }]);
    await expectError(
      () =>
        iam.send(
          new TagPolicyCommand({
            PolicyArn: arn,
            Tags: [
              { Key: 'x', Value: '1' },
              { Key: 'x', Value: '2' },
            ],
          }),
        ),
      'InvalidInput',
      400,
      'Duplicate tag keys found.',
    );
    await expectError(
      () => iam.send(new ListPolicyTagsCommand({ PolicyArn: policyArn('p-tag-nope') })),
      'NoSuchEntity',
      404,
      `Policy ${policyArn('p-tag-nope')} was not found.`,
    );
  });

  test('ListEntitiesForPolicy: users, groups, roles; filters; path prefix; pagination', async () => {
    const arn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'p-entities', PolicyDocument: identity() }))).Policy!.Arn!;
    await iam.send(new CreateUserCommand({ UserName: 'e-user', Path: '/e/' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'e-group' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'e-role-1', AssumeRolePolicyDocument: trust() }));
    await iam.send(new CreateRoleCommand({ RoleName: 'e-role-2', Path: '/e/', AssumeRolePolicyDocument: trust() }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'e-user', PolicyArn: arn }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'e-group', PolicyArn: arn }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'e-role-1', PolicyArn: arn }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'e-role-2', PolicyArn: arn }));

    const all = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
    assert.deepEqual(
      all.PolicyUsers?.map((u) => u.UserName),
      ['e-user'],
    );
    assert.match(all.PolicyUsers?.[0]?.UserId ?? '', /^AIDA/);
    assert.deepEqual(
      all.PolicyGroups?.map((g) => g.GroupName),
      ['e-group'],
    );
    assert.match(all.PolicyGroups?.[0]?.GroupId ?? '', /^AGPA/);
    assert.deepEqual(
      all.PolicyRoles?.map((r) => r.RoleName),
      ['e-role-1', 'e-role-2'],
    );
    assert.match(all.PolicyRoles?.[0]?.RoleId ?? '', /^AROA/);
    assert.equal(all.IsTruncated, false);
    assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.AttachmentCount, 4);

    const roles = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: 'Role' }));
    assert.deepEqual([roles.PolicyUsers, roles.PolicyGroups, roles.PolicyRoles?.length], [[], [], 2]);
    const prefixed = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, PathPrefix: '/e/' }));
    assert.deepEqual(
      prefixed.PolicyUsers?.map((u) => u.UserName),
      ['e-user'],
    );
    assert.deepEqual(
      prefixed.PolicyRoles?.map((r) => r.RoleName),
      ['e-role-2'],
    );
    assert.deepEqual(prefixed.PolicyGroups, []);
    const awsOnly = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: 'AWSManagedPolicy' }));
    assert.deepEqual([awsOnly.PolicyUsers, awsOnly.PolicyGroups, awsOnly.PolicyRoles], [[], [], []]);
    const localOnly = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: 'LocalManagedPolicy' }));
    assert.equal(localOnly.PolicyRoles?.length, 2);

    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, MaxItems: 1, Marker: marker }));
      const items = [
        ...page.PolicyGroups!.map((g) => g.GroupName!),
        ...page.PolicyRoles!.map((r) => r.RoleName!),
        ...page.PolicyUsers!.map((u) => u.UserName!),
      ];
      assert.equal(items.length, 1);
      seen.push(...items);
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    assert.deepEqual(seen.sort(), ['e-group', 'e-role-1', 'e-role-2', 'e-user']);

    const adminUsers = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess', EntityFilter: 'User' }),
    );
    assert.ok(adminUsers.PolicyUsers?.some((u) => u.UserName === 'admin'));

    await expectError(
      () => iam.send(new DeletePolicyCommand({ PolicyArn: arn })),
      'DeleteConflict',
      409,
      'Cannot delete a policy attached to entities.',
    );
    await expectError(
      () => iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: policyArn('p-entities-nope') })),
      'NoSuchEntity',
      404,
      `Policy ${policyArn('p-entities-nope')} does not exist or is not attachable.`,
    );
  });

  test('a user permissions boundary counts towards PermissionsBoundaryUsageCount too', async () => {
    const arn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'p-user-boundary', PolicyDocument: identity() }))).Policy!.Arn!;
    await iam.send(new CreateUserCommand({ UserName: 'ub-user' }));
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'ub-user', PermissionsBoundary: arn }));
    assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.PermissionsBoundaryUsageCount, 1);
    const users = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
    assert.deepEqual(
      users.PolicyUsers?.map((u) => u.UserName),
      ['ub-user'],
    );
  });

  test('concurrent writes: one role per name, at most five versions, unique version ids', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => iam.send(new CreateRoleCommand({ RoleName: 'r-race', AssumeRolePolicyDocument: trust() }))),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results) if (r.status === 'rejected') assert.equal(r.reason.name, 'EntityAlreadyExistsException');

    const arn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'p-race', PolicyDocument: identity() }))).Policy!.Arn!;
    const versions = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: identity(`s3:Get${i}`) })),
      ),
    );
    const made = versions.flatMap((r) => (r.status === 'fulfilled' ? [r.value.PolicyVersion!.VersionId!] : []));
    assert.equal(made.length, 4);
    assert.deepEqual([...made].sort(), ['v2', 'v3', 'v4', 'v5']);
    for (const r of versions) if (r.status === 'rejected') assert.equal(r.reason.name, 'LimitExceededException');
    assert.equal((await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions?.length, 5);
  });

  test('authorization uses the real resource ARNs (role and policy paths; list calls)', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'scoped' }));
    const grant = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['iam:GetRole', 'iam:CreateRole'], Resource: `arn:aws:iam::${acct}:role/svc/*` },
        { Effect: 'Allow', Action: ['iam:GetPolicy', 'iam:CreatePolicy'], Resource: `arn:aws:iam::${acct}:policy/team/*` },
        { Effect: 'Allow', Action: 'iam:ListRoles', Resource: `arn:aws:iam::${acct}:role/*` },
      ],
    });
    await iam.send(new PutUserPolicyCommand({ UserName: 'scoped', PolicyName: 'scope', PolicyDocument: grant }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'scoped' }))).AccessKey!;
    const scoped = iamClient(server.url, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    try {
      await scoped.send(new CreateRoleCommand({ RoleName: 'az-in', Path: '/svc/', AssumeRolePolicyDocument: trust() }));
      await scoped.send(new GetRoleCommand({ RoleName: 'az-in' }));
      await expectError(
        () => scoped.send(new CreateRoleCommand({ RoleName: 'az-out', Path: '/other/', AssumeRolePolicyDocument: trust() })),
        'AccessDenied',
        403,
        new RegExp(`iam:CreateRole on resource: arn:aws:iam::${acct}:role/other/az-out`),
      );
      await iam.send(new CreateRoleCommand({ RoleName: 'az-root-path', AssumeRolePolicyDocument: trust() }));
      await expectError(() => scoped.send(new GetRoleCommand({ RoleName: 'az-root-path' })), 'AccessDenied', 403, /iam:GetRole/);
      await scoped.send(new ListRolesCommand({}));
      const p = (await scoped.send(new CreatePolicyCommand({ PolicyName: 'az-policy', Path: '/team/', PolicyDocument: identity() })))
        .Policy!;
      await scoped.send(new GetPolicyCommand({ PolicyArn: p.Arn }));
      await expectError(
        () => scoped.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })),
        'AccessDenied',
        403,
        /iam:GetPolicy/,
      );
      await expectError(() => scoped.send(new ListPoliciesCommand({})), 'AccessDenied', 403, /iam:ListPolicies/);
      await expectError(() => scoped.send(new DeleteRoleCommand({ RoleName: 'az-in' })), 'AccessDenied', 403, /iam:DeleteRole/);
    } finally {
      scoped.destroy();
    }
  });
});
