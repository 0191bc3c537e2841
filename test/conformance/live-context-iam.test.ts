import {
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteVirtualMFADeviceCommand,
  GetRoleCommand,
} from '@aws-sdk/client-iam';
import {
  type LiveCase,
  afterAdminTags,
  deleteUserPermissionsBoundary,
  listUsers,
  adminPolicy,
  adminRole,
  adminUser,
  allow,
  attachUserPolicy,
  createPolicy,
  createRole,
  createUser,
  deleteUser,
  deny,
  getPolicy,
  getRole,
  getUser,
  listUserTags,
  liveSuite,
  policyDoc,
  putUserPermissionsBoundary,
  type Step,
  tagUser,
  untagUser,
} from '../support/live-context.js';

/**
 * IAM's own keys and the tag keys on IAM actions, live: request tags and tag keys (TagUser,
 * UntagUser, CreateUser with Tags, which also needs iam:TagUser), resource tags of users, roles
 * and managed policies (looked up only because the policy reads them), iam:PermissionsBoundary
 * from the request and from the target, iam:PolicyARN, aws:ResourceAccount.
 */

const USER = 'arn:aws:iam::{{account}}:user/';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

const deleteVirtualMfaDevice = (serial: string): Step => ({
  does: `iam:DeleteVirtualMFADevice ${serial}`,
  run: (s) => s.iam().send(new DeleteVirtualMFADeviceCommand({ SerialNumber: s.fill(serial) })),
});

const attachGroupPolicy = (group: string, policyArn: string): Step => ({
  does: `iam:AttachGroupPolicy ${group} ${policyArn}`,
  run: (s) => s.iam().send(new AttachGroupPolicyCommand({ GroupName: s.fill(group), PolicyArn: policyArn })),
});

const createDevice = (name: string, tags?: { Key: string; Value: string }[]): Step => ({
  does: `iam:CreateVirtualMFADevice ${name}${tags ? ' with tags' : ''}`,
  run: (s) => s.iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: s.fill(name), Tags: tags })),
});

export const IAM_CASES: readonly LiveCase[] = [
  // ── aws:RequestTag/, aws:TagKeys ──
  {
    title: 'TagUser on oneself only with team=dev',
    keys: ['aws:RequestTag/'],
    policy: [allow('iam:TagUser', `${USER}\${aws:username}`, { StringEquals: { 'aws:RequestTag/team': 'dev' } })],
    allowed: tagUser('{{callerName}}', [{ Key: 'team', Value: 'dev' }]),
    denied: tagUser('{{callerName}}', [{ Key: 'team', Value: 'ops' }]),
  },
  {
    title: 'CreateUser with Tags needs iam:TagUser, evaluated with the create’s request tags',
    keys: ['aws:RequestTag/'],
    policy: [allow('iam:CreateUser'), allow('iam:TagUser', '*', { StringEquals: { 'aws:RequestTag/team': 'dev' } })],
    allowed: createUser('{{id}}-new1', { tags: [{ Key: 'team', Value: 'dev' }] }),
    denied: createUser('{{id}}-new2', { tags: [{ Key: 'team', Value: 'ops' }] }),
  },
  {
    title: 'CreateUser alone: without Tags allowed, with Tags it also needs iam:TagUser',
    keys: [],
    policy: [allow('iam:CreateUser')],
    allowed: createUser('{{id}}-new1'),
    denied: createUser('{{id}}-new2', { tags: [{ Key: 'team', Value: 'dev' }] }),
  },
  {
    title: 'a Deny on ForAnyValue:StringEquals aws:TagKeys [access-level] stops self-promotion',
    keys: ['aws:TagKeys'],
    policy: [
      allow('iam:TagUser', `${USER}\${aws:username}`),
      deny('iam:TagUser', '*', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['access-level'] } }),
    ],
    allowed: tagUser('{{callerName}}', [{ Key: 'team', Value: 'x' }]),
    denied: tagUser('{{callerName}}', [
      { Key: 'team', Value: 'y' },
      { Key: 'access-level', Value: 'admin' },
    ]),
  },
  {
    title: 'UntagUser: the TagKeys member (ForAllValues over [team])',
    keys: ['aws:TagKeys'],
    policy: [allow('iam:UntagUser', '*', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } })],
    setup: (s) =>
      adminUser(s, '{{id}}-target', {
        tags: [
          { Key: 'team', Value: 'a' },
          { Key: 'owner', Value: 'b' },
        ],
      }),
    allowed: untagUser('{{id}}-target', ['team']),
    denied: untagUser('{{id}}-target', ['team', 'owner']),
  },
  {
    title: 'absent on GetUser: a Null-true Allow matches it and not TagUser',
    keys: ['aws:TagKeys'],
    absence: true,
    policy: [allow(['iam:GetUser', 'iam:TagUser'], '*', { Null: { 'aws:TagKeys': 'true' } })],
    allowed: getUser('{{callerName}}'),
    denied: tagUser('{{callerName}}', [{ Key: 'team', Value: 'x' }]),
  },
  {
    title: 'absent on TagUser? no: present, so a Null-false Allow matches TagUser and not GetUser',
    keys: ['aws:TagKeys'],
    policy: [allow(['iam:GetUser', 'iam:TagUser'], '*', { Null: { 'aws:TagKeys': 'false' } })],
    allowed: tagUser('{{callerName}}', [{ Key: 'team', Value: 'x' }]),
    denied: getUser('{{callerName}}'),
  },
  {
    title: 'absent on a CreateUser without Tags: a Null-false Allow (“tags required”) refuses it',
    keys: ['aws:TagKeys'],
    absence: true,
    policy: [allow(['iam:CreateUser', 'iam:TagUser'], '*', { Null: { 'aws:TagKeys': 'false' } })],
    allowed: createUser('{{id}}-new1', { tags: [{ Key: 'team', Value: 'dev' }] }),
    denied: createUser('{{id}}-new2'),
  },
  {
    title: 'absent on a CreateUser without Tags: a Null-true Allow admits only that one',
    keys: ['aws:RequestTag/'],
    absence: true,
    policy: [allow(['iam:CreateUser', 'iam:TagUser'], '*', { Null: { 'aws:RequestTag/team': 'true' } })],
    allowed: createUser('{{id}}-new1'),
    denied: createUser('{{id}}-new2', { tags: [{ Key: 'team', Value: 'dev' }] }),
  },
  {
    title: 'CreateRole with Tags needs iam:TagRole',
    keys: [],
    policy: [allow('iam:CreateRole'), allow('iam:TagRole', '*', { StringEquals: { 'aws:RequestTag/team': 'dev' } })],
    allowed: createRole('{{id}}-r1', [{ Key: 'team', Value: 'dev' }]),
    denied: createRole('{{id}}-r2', [{ Key: 'team', Value: 'ops' }]),
  },
  {
    title: 'CreateVirtualMFADevice with Tags needs iam:TagMFADevice',
    keys: [],
    policy: [allow('iam:CreateVirtualMFADevice')],
    allowed: createDevice('{{id}}-d1'),
    denied: createDevice('{{id}}-d2', [{ Key: 'team', Value: 'dev' }]),
  },
  {
    title: 'CreatePolicy with Tags needs iam:TagPolicy',
    keys: [],
    policy: [allow('iam:CreatePolicy')],
    allowed: createPolicy('{{id}}-p1'),
    denied: createPolicy('{{id}}-p2', [{ Key: 'team', Value: 'dev' }]),
  },
  // ── aws:ResourceTag/, iam:ResourceTag/ ──
  {
    title: 'TagUser: the target’s tags before the change (a locked user stays as it is)',
    keys: ['aws:ResourceTag/'],
    policy: [allow('iam:TagUser'), deny('iam:TagUser', '*', { StringEquals: { 'aws:ResourceTag/locked': 'true' } })],
    setup: async (s) => {
      await adminUser(s, '{{id}}-open', { tags: [{ Key: 'locked', Value: 'false' }] });
      await adminUser(s, '{{id}}-locked', { tags: [{ Key: 'locked', Value: 'true' }] });
    },
    allowed: tagUser('{{id}}-open', [{ Key: 'locked', Value: 'true' }]),
    denied: tagUser('{{id}}-locked', [{ Key: 'locked', Value: 'false' }]),
  },
  {
    title: 'a Deny on aws:ResourceTag/protected = true stops DeleteUser of a protected user only',
    keys: ['aws:ResourceTag/'],
    policy: [allow('iam:DeleteUser'), deny('iam:DeleteUser', '*', { StringEquals: { 'aws:ResourceTag/protected': 'true' } })],
    setup: async (s) => {
      await adminUser(s, '{{id}}-plain', { tags: [{ Key: 'protected', Value: 'false' }] });
      await adminUser(s, '{{id}}-protected', { tags: [{ Key: 'protected', Value: 'true' }] });
    },
    allowed: deleteUser('{{id}}-plain'),
    denied: deleteUser('{{id}}-protected'),
  },
  {
    title: 'on a create: the tags the user is being created with',
    keys: ['aws:ResourceTag/'],
    policy: [allow(['iam:CreateUser', 'iam:TagUser'], '*', { StringEquals: { 'aws:ResourceTag/team': 'dev' } })],
    allowed: createUser('{{id}}-new1', { tags: [{ Key: 'team', Value: 'dev' }] }),
    denied: createUser('{{id}}-new2', { tags: [{ Key: 'team', Value: 'ops' }] }),
  },
  {
    title: 'a customer managed policy’s tags (GetPolicy)',
    keys: ['aws:ResourceTag/'],
    policy: [allow('iam:GetPolicy', '*', { StringEquals: { 'aws:ResourceTag/team': 'dev' } })],
    setup: async (s) => {
      await adminPolicy(s, '{{id}}-dev', 'devPolicy', [{ Key: 'team', Value: 'dev' }]);
      await adminPolicy(s, '{{id}}-untagged', 'plainPolicy');
    },
    allowed: getPolicy('{{devPolicy}}'),
    denied: getPolicy('{{plainPolicy}}'),
  },
  {
    title: 'a role’s tags (GetRole)',
    keys: ['aws:ResourceTag/'],
    policy: [allow('iam:GetRole', '*', { StringEquals: { 'aws:ResourceTag/env': 'dev' } })],
    setup: async (s) => {
      await adminRole(s, '{{id}}-dev', { tags: [{ Key: 'env', Value: 'dev' }] });
      await adminRole(s, '{{id}}-prod', { tags: [{ Key: 'env', Value: 'prod' }] });
    },
    allowed: getRole('{{id}}-dev'),
    denied: getRole('{{id}}-prod'),
  },
  {
    title: 'GetUser of a dev-tagged user, not of another',
    keys: ['iam:ResourceTag/'],
    policy: [allow('iam:GetUser', '*', { StringEquals: { 'iam:ResourceTag/team': 'dev' } })],
    setup: async (s) => {
      await adminUser(s, '{{id}}-dev', { tags: [{ Key: 'team', Value: 'dev' }] });
      await adminUser(s, '{{id}}-ops', { tags: [{ Key: 'team', Value: 'ops' }] });
    },
    allowed: getUser('{{id}}-dev'),
    denied: getUser('{{id}}-ops'),
  },
  {
    title: 'a user with a path',
    keys: ['iam:ResourceTag/'],
    policy: [allow('iam:GetUser', '*', { StringEquals: { 'iam:ResourceTag/team': 'dev' } })],
    setup: async (s) => {
      await s.world.iam.send(
        new CreateUserCommand({ UserName: `${s.id}-dev`, Path: '/division/team/', Tags: [{ Key: 'team', Value: 'dev' }] }),
      );
      await s.world.iam.send(
        new CreateUserCommand({ UserName: `${s.id}-ops`, Path: '/division/team/', Tags: [{ Key: 'team', Value: 'ops' }] }),
      );
    },
    allowed: getUser('{{id}}-dev'),
    denied: getUser('{{id}}-ops'),
  },
  {
    title: 'a role with a path',
    keys: ['aws:ResourceTag/'],
    policy: [allow('iam:GetRole', '*', { StringEquals: { 'aws:ResourceTag/env': 'dev' } })],
    setup: async (s) => {
      const trust = policyDoc([{ Effect: 'Allow', Principal: { AWS: s.vars.account! }, Action: 'sts:AssumeRole' }]);
      await s.world.iam.send(
        new CreateRoleCommand({
          RoleName: `${s.id}-dev`,
          Path: '/service/',
          AssumeRolePolicyDocument: trust,
          Tags: [{ Key: 'env', Value: 'dev' }],
        }),
      );
      await s.world.iam.send(
        new CreateRoleCommand({
          RoleName: `${s.id}-prod`,
          Path: '/service/',
          AssumeRolePolicyDocument: trust,
          Tags: [{ Key: 'env', Value: 'prod' }],
        }),
      );
    },
    allowed: getRole('{{id}}-dev'),
    denied: getRole('{{id}}-prod'),
  },
  {
    title: 'a virtual MFA device’s tags (DeleteVirtualMFADevice: AWS lists aws:ResourceTag/ for the mfa resource type)',
    keys: ['aws:ResourceTag/'],
    policy: [
      allow('iam:DeleteVirtualMFADevice'),
      deny('iam:DeleteVirtualMFADevice', '*', { StringEquals: { 'aws:ResourceTag/protected': 'true' } }),
    ],
    setup: async (s) => {
      for (const [name, value] of [
        ['open', 'false'],
        ['locked', 'true'],
      ] as const) {
        const out = await s.world.iam.send(
          new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${s.id}-${name}`, Tags: [{ Key: 'protected', Value: value }] }),
        );
        s.vars[`${name}Device`] = out.VirtualMFADevice!.SerialNumber!;
      }
    },
    allowed: deleteVirtualMfaDevice('{{openDevice}}'),
    denied: deleteVirtualMfaDevice('{{lockedDevice}}'),
  },
  {
    title: 'absent on a managed policy (AWS lists only aws:ResourceTag/ for the policy type), present on a user',
    keys: ['iam:ResourceTag/'],
    absence: true,
    policy: [allow(['iam:GetPolicy', 'iam:GetUser'], '*', { Null: { 'iam:ResourceTag/team': 'true' } })],
    setup: async (s) => {
      await adminPolicy(s, '{{id}}-dev', 'devPolicy', [{ Key: 'team', Value: 'dev' }]);
      await adminUser(s, '{{id}}-dev', { tags: [{ Key: 'team', Value: 'dev' }] });
    },
    allowed: getPolicy('{{devPolicy}}'),
    denied: getUser('{{id}}-dev'),
  },
  {
    title: 'GetRole of a dev-tagged role, not of an untagged one',
    keys: ['iam:ResourceTag/'],
    policy: [allow('iam:GetRole', '*', { StringEquals: { 'iam:ResourceTag/env': 'dev' } })],
    setup: async (s) => {
      await adminRole(s, '{{id}}-dev', { tags: [{ Key: 'env', Value: 'dev' }] });
      await adminRole(s, '{{id}}-plain');
    },
    allowed: getRole('{{id}}-dev'),
    denied: getRole('{{id}}-plain'),
  },
  {
    title: 'ABAC: iam:ResourceTag/team must equal ${aws:PrincipalTag/team}',
    keys: ['iam:ResourceTag/', 'aws:PrincipalTag/'],
    caller: { kind: 'user', tags: [{ Key: 'team', Value: 'dev' }] },
    policy: [allow('iam:GetUser', '*', { StringEquals: { 'iam:ResourceTag/team': '${aws:PrincipalTag/team}' } })],
    setup: async (s) => {
      await adminUser(s, '{{id}}-dev', { tags: [{ Key: 'team', Value: 'dev' }] });
      await adminUser(s, '{{id}}-ops', { tags: [{ Key: 'team', Value: 'ops' }] });
    },
    allowed: getUser('{{id}}-dev'),
    denied: getUser('{{id}}-ops'),
  },
  {
    title: 'ABAC the other way round: the resource tag only as a variable, ${aws:ResourceTag/team}',
    keys: ['aws:ResourceTag/', 'aws:PrincipalTag/'],
    caller: { kind: 'user', tags: [{ Key: 'team', Value: 'dev' }] },
    policy: [allow('iam:GetUser', '*', { StringEquals: { 'aws:PrincipalTag/team': '${aws:ResourceTag/team}' } })],
    setup: async (s) => {
      await adminUser(s, '{{id}}-dev', { tags: [{ Key: 'team', Value: 'dev' }] });
      await adminUser(s, '{{id}}-ops', { tags: [{ Key: 'team', Value: 'ops' }] });
    },
    allowed: getUser('{{id}}-dev'),
    denied: getUser('{{id}}-ops'),
  },
  {
    title: 'read by the caller’s permissions boundary, not its identity policy',
    keys: ['iam:ResourceTag/'],
    policy: [allow('iam:GetUser')],
    boundary: [allow('iam:GetUser', '*', { StringEquals: { 'iam:ResourceTag/team': 'dev' } })],
    setup: async (s) => {
      await adminUser(s, '{{id}}-dev', { tags: [{ Key: 'team', Value: 'dev' }] });
      await adminUser(s, '{{id}}-ops', { tags: [{ Key: 'team', Value: 'ops' }] });
    },
    allowed: getUser('{{id}}-dev'),
    denied: getUser('{{id}}-ops'),
  },
  {
    title: 'read by a role session’s session policy only',
    keys: ['aws:ResourceTag/'],
    caller: { kind: 'role', sessionPolicy: [allow('iam:GetUser', '*', { StringEquals: { 'aws:ResourceTag/team': 'dev' } })] },
    policy: [allow('iam:GetUser')],
    setup: async (s) => {
      await adminUser(s, '{{id}}-dev', { tags: [{ Key: 'team', Value: 'dev' }] });
      await adminUser(s, '{{id}}-ops', { tags: [{ Key: 'team', Value: 'ops' }] });
    },
    allowed: getUser('{{id}}-dev'),
    denied: getUser('{{id}}-ops'),
  },
  {
    title: 'a user’s tags as they are now (retagged between calls)',
    keys: ['iam:ResourceTag/'],
    policy: [allow('iam:GetUser', '*', { StringEquals: { 'iam:ResourceTag/team': 'dev' } })],
    setup: (s) => adminUser(s, '{{id}}-target', { tags: [{ Key: 'team', Value: 'ops' }] }),
    allowed: afterAdminTags('user', '{{id}}-target', [{ Key: 'team', Value: 'dev' }], getUser('{{id}}-target')),
    denied: afterAdminTags('user', '{{id}}-target', [{ Key: 'team', Value: 'ops' }], getUser('{{id}}-target')),
  },
  {
    title: 'a role’s tags as they are now (retagged between calls)',
    keys: ['aws:ResourceTag/'],
    policy: [allow('iam:GetRole', '*', { StringEquals: { 'aws:ResourceTag/env': 'dev' } })],
    setup: async (s) => {
      await adminRole(s, '{{id}}-target', { tags: [{ Key: 'env', Value: 'prod' }] });
      // The role is read once while still tagged prod (a cache must not keep that).
      await s.world.iam.send(new GetRoleCommand({ RoleName: `${s.id}-target` }));
    },
    allowed: afterAdminTags('role', '{{id}}-target', [{ Key: 'env', Value: 'dev' }], getRole('{{id}}-target')),
    denied: afterAdminTags('role', '{{id}}-target', [{ Key: 'env', Value: 'prod' }], getRole('{{id}}-target')),
  },
  {
    title: 'the caller’s own tags as they are now (retagged between calls)',
    keys: ['aws:PrincipalTag/'],
    caller: { kind: 'user', tags: [{ Key: 'team', Value: 'ops' }] },
    policy: [allow('iam:ListUsers', '*', { StringEquals: { 'aws:PrincipalTag/team': 'dev' } })],
    allowed: afterAdminTags('user', '{{callerName}}', [{ Key: 'team', Value: 'dev' }], listUsers()),
    denied: afterAdminTags('user', '{{callerName}}', [{ Key: 'team', Value: 'ops' }], listUsers()),
  },
  // ── iam:PermissionsBoundary ──
  {
    title: 'DeleteUserPermissionsBoundary: the boundary the target has now',
    keys: ['iam:PermissionsBoundary'],
    policy: [allow('iam:DeleteUserPermissionsBoundary', '*', { StringEquals: { 'iam:PermissionsBoundary': '{{boundary}}' } })],
    setup: async (s) => {
      await adminPolicy(s, '{{id}}-boundary', 'boundary');
      await adminPolicy(s, '{{id}}-other', 'otherBoundary');
      await adminUser(s, '{{id}}-a', { boundary: '{{boundary}}' });
      await adminUser(s, '{{id}}-b', { boundary: '{{otherBoundary}}' });
    },
    allowed: deleteUserPermissionsBoundary('{{id}}-a'),
    denied: deleteUserPermissionsBoundary('{{id}}-b'),
  },
  {
    title: 'CreateUser only with the given boundary',
    keys: ['iam:PermissionsBoundary'],
    policy: [allow('iam:CreateUser', '*', { StringEquals: { 'iam:PermissionsBoundary': '{{boundary}}' } })],
    setup: (s) => adminPolicy(s, '{{id}}-boundary', 'boundary'),
    allowed: createUser('{{id}}-new1', { boundary: '{{boundary}}' }),
    denied: createUser('{{id}}-new2'),
  },
  {
    title: 'CreateUser: another boundary does not do',
    keys: ['iam:PermissionsBoundary'],
    policy: [allow('iam:CreateUser', '*', { ArnEquals: { 'iam:PermissionsBoundary': '{{boundary}}' } })],
    setup: async (s) => {
      await adminPolicy(s, '{{id}}-boundary', 'boundary');
      await adminPolicy(s, '{{id}}-other', 'otherBoundary');
    },
    allowed: createUser('{{id}}-new1', { boundary: '{{boundary}}' }),
    denied: createUser('{{id}}-new2', { boundary: '{{otherBoundary}}' }),
  },
  {
    title: 'AttachUserPolicy: the target’s current boundary',
    keys: ['iam:PermissionsBoundary'],
    policy: [allow('iam:AttachUserPolicy', '*', { StringEquals: { 'iam:PermissionsBoundary': '{{boundary}}' } })],
    setup: async (s) => {
      await adminPolicy(s, '{{id}}-boundary', 'boundary');
      await adminUser(s, '{{id}}-bounded', { boundary: '{{boundary}}' });
      await adminUser(s, '{{id}}-free');
    },
    allowed: attachUserPolicy('{{id}}-bounded', READ_ONLY),
    denied: attachUserPolicy('{{id}}-free', READ_ONLY),
  },
  {
    title: 'PutUserPermissionsBoundary: the boundary the request sets',
    keys: ['iam:PermissionsBoundary'],
    policy: [allow('iam:PutUserPermissionsBoundary', '*', { StringEquals: { 'iam:PermissionsBoundary': '{{boundary}}' } })],
    setup: async (s) => {
      await adminPolicy(s, '{{id}}-boundary', 'boundary');
      await adminPolicy(s, '{{id}}-other', 'otherBoundary');
      await adminUser(s, '{{id}}-target');
    },
    allowed: putUserPermissionsBoundary('{{id}}-target', '{{boundary}}'),
    denied: putUserPermissionsBoundary('{{id}}-target', '{{otherBoundary}}'),
  },
  {
    title:
      'absent on GetUser (AWS lists it only for the boundary and policy actions), present on AttachUserPolicy of the same bounded user',
    keys: ['iam:PermissionsBoundary'],
    absence: true,
    policy: [allow(['iam:GetUser', 'iam:AttachUserPolicy'], '*', { Null: { 'iam:PermissionsBoundary': 'true' } })],
    setup: async (s) => {
      await adminPolicy(s, '{{id}}-boundary', 'boundary');
      await adminUser(s, '{{id}}-bounded', { boundary: '{{boundary}}' });
    },
    allowed: getUser('{{id}}-bounded'),
    denied: attachUserPolicy('{{id}}-bounded', READ_ONLY),
  },
  {
    title: 'CreateRole only with the given boundary',
    keys: ['iam:PermissionsBoundary'],
    policy: [allow('iam:CreateRole', '*', { StringEquals: { 'iam:PermissionsBoundary': '{{boundary}}' } })],
    setup: (s) => adminPolicy(s, '{{id}}-boundary', 'boundary'),
    allowed: createRole('{{id}}-r1', undefined, '{{boundary}}'),
    denied: createRole('{{id}}-r2'),
  },
  // ── iam:PolicyARN ──
  {
    title: 'AttachGroupPolicy only for ReadOnlyAccess',
    keys: ['iam:PolicyARN'],
    policy: [allow('iam:AttachGroupPolicy', '*', { ArnEquals: { 'iam:PolicyARN': READ_ONLY } })],
    setup: async (s) => void (await s.world.iam.send(new CreateGroupCommand({ GroupName: `${s.id}-group` }))),
    allowed: attachGroupPolicy('{{id}}-group', READ_ONLY),
    denied: attachGroupPolicy('{{id}}-group', ADMIN),
  },
  {
    title: 'AttachUserPolicy only for ReadOnlyAccess',
    keys: ['iam:PolicyARN'],
    policy: [allow('iam:AttachUserPolicy', '*', { ArnEquals: { 'iam:PolicyARN': READ_ONLY } })],
    setup: (s) => adminUser(s, '{{id}}-target'),
    allowed: attachUserPolicy('{{id}}-target', READ_ONLY),
    denied: attachUserPolicy('{{id}}-target', ADMIN),
  },
  // ── aws:ResourceAccount ──
  {
    title: 'an IAM user’s account',
    keys: ['aws:ResourceAccount'],
    policy: [
      allow('iam:GetUser', '*', { StringEquals: { 'aws:ResourceAccount': '{{account}}' } }),
      allow('iam:ListUserTags', '*', { StringEquals: { 'aws:ResourceAccount': '{{otherAccount}}' } }),
    ],
    setup: (s) => adminUser(s, '{{id}}-target'),
    allowed: getUser('{{id}}-target'),
    denied: listUserTags('{{id}}-target'),
  },
];

liveSuite('IAM keys', IAM_CASES);
