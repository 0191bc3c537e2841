import { after, before, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeleteUserCommand,
  DetachUserPolicyCommand,
  GetUserCommand,
  type IAMClient,
  PutUserPolicyCommand,
  TagUserCommand,
  UntagUserCommand,
} from '@aws-sdk/client-iam';
import { run as simulate } from '../../src/cli/policy-simulate.js';
import { errorCodeOf, LiveWorld, type Tag } from '../support/live-context.js';
import type { Credentials } from '../support/sdk-clients.js';

/**
 * The live server and `keysmith policy simulate` agree. For random identity policies over
 * condition keys whose live values this test knows (the caller's and the target's tags, request
 * tags and tag keys, the source address, the region, the caller's name and ARN, the policy ARN,
 * the target's boundary), one IAM call is made live by a real SDK client and the same request is
 * simulated with the request context the live server should have built — written out here, from
 * AWS's rules, not taken from the server. The decisions must match: a divergence is a key the
 * server set wrong, left out, or set where AWS leaves it absent.
 */

const RUNS = 50;
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const IAM_READ_ONLY = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';

interface Caller {
  name: string;
  arn: string;
  userId: string;
  tags: Tag[];
  creds: Credentials;
}

interface Target {
  name: string;
  arn: string;
  tags: Tag[];
  boundary?: string;
}

let world: LiveWorld;
let account: string;
let boundaryArn: string;
const callers: Caller[] = [];
const targets: Target[] = [];

// ─── random requests ───────────────────────────────────────────────────────────────────────

type Action = 'GetUser' | 'TagUser' | 'UntagUser' | 'CreateUser' | 'AttachUserPolicy';

interface Req {
  caller: number;
  target: number;
  action: Action;
  region: 'us-east-1' | 'eu-west-1';
  /** TagUser / CreateUser. */
  tags: Tag[];
  /** UntagUser. */
  tagKeys: string[];
  /** CreateUser: with `tags`, or none. */
  createWithTags: boolean;
  /** CreateUser. */
  withBoundary: boolean;
  /** AttachUserPolicy. */
  policyArn: string;
  statements: Statement[];
}

type Statement = {
  Effect: 'Allow' | 'Deny';
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string | string[]>>;
};

const TAG_CHOICES: Tag[] = [
  { Key: 'team', Value: 'dev' },
  { Key: 'team', Value: 'ops' },
  { Key: 'env', Value: 'prod' },
  { Key: 'access-level', Value: 'admin' },
];

const requestTags = fc
  .subarray(TAG_CHOICES, { minLength: 1, maxLength: 2 })
  .filter((tags) => new Set(tags.map((t) => t.Key)).size === tags.length);

/** A condition over keys whose live values are known; placeholders {{callerArn}}, {{callerName}}, {{boundary}} (and {{account}}, {{action}} elsewhere). */
const condition: fc.Arbitrary<Record<string, Record<string, string | string[]>>> = fc.oneof(
  fc
    .record({
      op: fc.constantFrom('StringEquals', 'StringNotEquals', 'StringEqualsIfExists', 'StringLike'),
      key: fc.constantFrom(
        'aws:PrincipalTag/team',
        'aws:ResourceTag/team',
        'iam:ResourceTag/team',
        'aws:RequestTag/team',
        'aws:ResourceTag/protected',
        'iam:ResourceTag/env',
      ),
      value: fc.constantFrom('dev', 'ops', 'true', '*', 'prod'),
    })
    .map(({ op, key, value }) => ({ [op]: { [key]: value } })),
  fc
    .record({
      op: fc.constantFrom('ForAnyValue:StringEquals', 'ForAllValues:StringEquals'),
      values: fc.subarray(['team', 'env', 'access-level', 'protected'], { minLength: 1 }),
    })
    .map(({ op, values }) => ({ [op]: { 'aws:TagKeys': values } })),
  fc
    .record({ op: fc.constantFrom('IpAddress', 'NotIpAddress'), value: fc.constantFrom('127.0.0.1/32', '10.0.0.0/8') })
    .map(({ op, value }) => ({ [op]: { 'aws:SourceIp': value } })),
  fc.constantFrom('us-east-1', 'eu-west-1').map((r) => ({ StringEquals: { 'aws:RequestedRegion': r } })),
  fc.constantFrom('{{callerName}}', 'prop-caller-dev', 'nobody').map((v) => ({ StringEquals: { 'aws:username': v } })),
  fc
    .constantFrom('{{callerArn}}', `arn:aws:iam::*:user/prop-caller-*`, `arn:aws:iam::*:user/other`)
    .map((v) => ({ ArnLike: { 'aws:PrincipalArn': v } })),
  fc.constantFrom(READ_ONLY, IAM_READ_ONLY).map((v) => ({ ArnEquals: { 'iam:PolicyARN': v } })),
  fc.constantFrom('{{boundary}}', READ_ONLY).map((v) => ({ StringEquals: { 'iam:PermissionsBoundary': v } })),
  fc
    .record({
      key: fc.constantFrom(
        'aws:TagKeys',
        'aws:RequestTag/team',
        'aws:ResourceTag/team',
        'iam:ResourceTag/team',
        'iam:PermissionsBoundary',
        'iam:PolicyARN',
        'aws:username',
        'aws:PrincipalTag/team',
        'aws:MultiFactorAuthPresent',
        'aws:TokenIssueTime',
      ),
      value: fc.constantFrom('true', 'false'),
    })
    .map(({ key, value }) => ({ Null: { [key]: value } })),
);

const ACTIONS: Action[] = ['GetUser', 'TagUser', 'UntagUser', 'CreateUser', 'AttachUserPolicy'];

const statement = (first: boolean): fc.Arbitrary<Statement> =>
  fc
    .record({
      effect: first ? fc.constant<'Allow'>('Allow') : fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Allow', 'Deny'),
      // The first statement names the request's own action (or iam:*), so about half the runs are allowed.
      action: first ? fc.constantFrom('iam:*', '{{action}}') : fc.constantFrom('iam:*', '{{action}}', ...ACTIONS.map((a) => `iam:${a}`)),
      resource: fc.constantFrom('*', 'arn:aws:iam::{{account}}:user/prop-*', 'arn:aws:iam::{{account}}:user/prop-t-dev'),
      condition: fc.option(condition, { nil: undefined, freq: 3 }),
    })
    .map(({ effect, action, resource, condition: c }) => ({
      Effect: effect,
      Action: action,
      Resource: resource,
      ...(c ? { Condition: c } : {}),
    }));

const requestArb: fc.Arbitrary<Req> = fc.record({
  caller: fc.nat({ max: 1 }),
  target: fc.nat({ max: 2 }),
  action: fc.constantFrom(...ACTIONS),
  region: fc.constantFrom<'us-east-1' | 'eu-west-1'>('us-east-1', 'eu-west-1'),
  tags: requestTags,
  tagKeys: fc.subarray(['team', 'env', 'access-level', 'protected'], { minLength: 1, maxLength: 2 }),
  createWithTags: fc.boolean(),
  withBoundary: fc.boolean(),
  policyArn: fc.constantFrom(READ_ONLY, IAM_READ_ONLY),
  statements: fc.tuple(statement(true), fc.array(statement(false), { maxLength: 2 })).map(([a, rest]) => [a, ...rest]),
});

// ─── the context the live server should build (AWS's rules, written out) ───────────────────

type Context = Record<string, string | string[]>;

function expectedContext(
  req: Req,
  caller: Caller,
  target: Target,
  newUser: string,
): { action: string; resource: string; context: Context }[] {
  const ctx: Context = {
    'aws:PrincipalArn': caller.arn,
    'aws:PrincipalAccount': account,
    'aws:PrincipalType': 'User',
    'aws:userid': caller.userId,
    'aws:username': caller.name,
    'aws:PrincipalIsAWSService': 'false',
    'aws:ViaAWSService': 'false',
    'aws:SecureTransport': 'false',
    'aws:SourceIp': '127.0.0.1',
    // IAM is global: us-east-1 whatever region the client signs for.
    'aws:RequestedRegion': 'us-east-1',
    'aws:CurrentTime': new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(Date.now() / 1000)),
    'aws:ResourceAccount': account,
  };
  for (const t of caller.tags) ctx[`aws:PrincipalTag/${t.Key}`] = t.Value;
  const resourceTags = (tags: Tag[]) => {
    for (const t of tags) {
      ctx[`aws:ResourceTag/${t.Key}`] = t.Value;
      ctx[`iam:ResourceTag/${t.Key}`] = t.Value;
    }
  };
  const requestTags = () => {
    ctx['aws:TagKeys'] = req.tags.map((t) => t.Key);
    for (const t of req.tags) ctx[`aws:RequestTag/${t.Key}`] = t.Value;
  };
  switch (req.action) {
    case 'GetUser':
      resourceTags(target.tags);
      return [{ action: 'iam:GetUser', resource: target.arn, context: ctx }];
    case 'TagUser':
      resourceTags(target.tags);
      requestTags();
      return [{ action: 'iam:TagUser', resource: target.arn, context: ctx }];
    case 'UntagUser':
      resourceTags(target.tags);
      ctx['aws:TagKeys'] = req.tagKeys;
      return [{ action: 'iam:UntagUser', resource: target.arn, context: ctx }];
    case 'AttachUserPolicy':
      resourceTags(target.tags);
      ctx['iam:PolicyARN'] = req.policyArn;
      if (target.boundary) ctx['iam:PermissionsBoundary'] = target.boundary;
      return [{ action: 'iam:AttachUserPolicy', resource: target.arn, context: ctx }];
    case 'CreateUser': {
      if (req.createWithTags) {
        requestTags();
        // On a create, aws:ResourceTag is the tags the resource is created with; the user is
        // not stored yet, so it has no iam:ResourceTag.
        for (const t of req.tags) ctx[`aws:ResourceTag/${t.Key}`] = t.Value;
      }
      if (req.withBoundary) ctx['iam:PermissionsBoundary'] = boundaryArn;
      const resource = `arn:aws:iam::${account}:user/${newUser}`;
      const create = { action: 'iam:CreateUser', resource, context: ctx };
      // With Tags, CreateUser also needs iam:TagUser, with the same request context.
      return req.createWithTags ? [create, { action: 'iam:TagUser', resource, context: ctx }] : [create];
    }
  }
}

async function simulated(
  caller: Caller,
  policy: string,
  check: { action: string; resource: string; context: Context },
): Promise<'allowed' | 'denied'> {
  const input = {
    identityPolicies: [policy],
    request: {
      principal: { type: 'User', arn: caller.arn, accountId: account, userId: caller.userId },
      action: check.action,
      resource: check.resource,
      context: check.context,
    },
  };
  let out = '';
  let err = '';
  const code = await simulate(['-'], {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    readFile: async () => '',
    readStdin: async () => JSON.stringify(input),
  });
  assert.ok(code === 0 || code === 3, `policy simulate failed (${code}): ${err}${out}`);
  return code === 0 ? 'allowed' : 'denied';
}

// ─── the live call, and putting the world back ─────────────────────────────────────────────

async function live(req: Req, iam: IAMClient, target: Target, newUser: string): Promise<'allowed' | 'denied'> {
  try {
    switch (req.action) {
      case 'GetUser':
        await iam.send(new GetUserCommand({ UserName: target.name }));
        break;
      case 'TagUser':
        await iam.send(new TagUserCommand({ UserName: target.name, Tags: req.tags }));
        break;
      case 'UntagUser':
        await iam.send(new UntagUserCommand({ UserName: target.name, TagKeys: req.tagKeys }));
        break;
      case 'AttachUserPolicy':
        await iam.send(new AttachUserPolicyCommand({ UserName: target.name, PolicyArn: req.policyArn }));
        break;
      case 'CreateUser':
        await iam.send(
          new CreateUserCommand({
            UserName: newUser,
            Tags: req.createWithTags ? req.tags : undefined,
            PermissionsBoundary: req.withBoundary ? boundaryArn : undefined,
          }),
        );
        break;
    }
    return 'allowed';
  } catch (error) {
    const code = errorCodeOf(error);
    assert.equal(code, 'AccessDenied', `live ${req.action} failed otherwise: ${code}: ${(error as Error).message}`);
    return 'denied';
  }
}

/** Undoes what an allowed call changed, so every run starts from the same targets. */
async function restore(req: Req, target: Target, newUser: string): Promise<void> {
  const admin = world.iam;
  switch (req.action) {
    case 'TagUser':
    case 'UntagUser': {
      const keys = req.action === 'TagUser' ? req.tags.map((t) => t.Key) : req.tagKeys;
      await admin.send(new UntagUserCommand({ UserName: target.name, TagKeys: keys }));
      if (target.tags.length > 0) await admin.send(new TagUserCommand({ UserName: target.name, Tags: target.tags }));
      break;
    }
    case 'AttachUserPolicy':
      await admin.send(new DetachUserPolicyCommand({ UserName: target.name, PolicyArn: req.policyArn }));
      break;
    case 'CreateUser':
      await admin.send(new DeleteUserCommand({ UserName: newUser }));
      break;
    case 'GetUser':
      break;
  }
}

const fill = (text: string, vars: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k]!);

before(async () => {
  world = await LiveWorld.start();
  account = world.account;
  const admin = world.iam;
  boundaryArn = (
    await admin.send(
      new CreatePolicyCommand({
        PolicyName: 'prop-boundary',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
      }),
    )
  ).Policy!.Arn!;
  for (const [name, tags] of [
    ['prop-caller-dev', [{ Key: 'team', Value: 'dev' }]],
    ['prop-caller-plain', []],
  ] as const) {
    const user = (await admin.send(new CreateUserCommand({ UserName: name, Tags: [...tags] }))).User!;
    const key = (await admin.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
    callers.push({
      name,
      arn: user.Arn!,
      userId: user.UserId!,
      tags: [...tags],
      creds: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! },
    });
  }
  const targetSpecs: { name: string; tags: Tag[]; boundary?: string }[] = [
    {
      name: 'prop-t-dev',
      tags: [
        { Key: 'team', Value: 'dev' },
        { Key: 'protected', Value: 'true' },
      ],
    },
    {
      name: 'prop-t-ops',
      tags: [
        { Key: 'team', Value: 'ops' },
        { Key: 'env', Value: 'prod' },
      ],
      boundary: boundaryArn,
    },
    { name: 'prop-t-plain', tags: [] },
  ];
  for (const t of targetSpecs) {
    const user = (
      await admin.send(
        new CreateUserCommand({ UserName: t.name, Tags: t.tags.length ? t.tags : undefined, PermissionsBoundary: t.boundary }),
      )
    ).User!;
    targets.push({ ...t, arn: user.Arn! });
  }
});

after(async () => {
  await world?.close();
});

test('live decisions equal `keysmith policy simulate` with the context AWS would build', { timeout: 90_000 }, async () => {
  let n = 0;
  const outcomes = { allowed: 0, denied: 0 };
  await fc.assert(
    fc.asyncProperty(requestArb, async (req) => {
      const caller = callers[req.caller]!;
      const target = targets[req.target]!;
      const newUser = `prop-new-${n++}`;
      const vars = { account, callerArn: caller.arn, callerName: caller.name, boundary: boundaryArn, action: `iam:${req.action}` };
      const policy = fill(JSON.stringify({ Version: '2012-10-17', Statement: req.statements }), vars);
      await world.iam.send(new PutUserPolicyCommand({ UserName: caller.name, PolicyName: 'prop', PolicyDocument: policy }));
      const iam = world.iamClient(caller.creds, { region: req.region });
      const got = await live(req, iam, target, newUser);
      const checks = expectedContext(req, caller, target, newUser);
      // Every check must allow (CreateUser with Tags is two: iam:CreateUser and iam:TagUser).
      let expected: 'allowed' | 'denied' = 'allowed';
      for (const check of checks) if ((await simulated(caller, policy, check)) === 'denied') expected = 'denied';
      if (got === 'allowed') await restore(req, target, newUser);
      outcomes[got]++;
      assert.equal(
        got,
        expected,
        `live ${got}, simulated ${expected}: ${caller.name} ${req.action} ${req.action === 'CreateUser' ? newUser : target.name} (client region ${req.region})\n` +
          `policy: ${policy}\nrequest: ${JSON.stringify({ tags: req.tags, tagKeys: req.tagKeys, createWithTags: req.createWithTags, withBoundary: req.withBoundary, policyArn: req.policyArn })}\n` +
          `contexts: ${JSON.stringify(checks.map((c) => ({ action: c.action, context: c.context })))}`,
      );
    }),
    { numRuns: RUNS, endOnFailure: true },
  );
  // Both outcomes must show up in fair numbers, or the comparison says little.
  assert.ok(outcomes.allowed >= 5 && outcomes.denied >= 5, `outcomes too one-sided: ${JSON.stringify(outcomes)}`);
});
