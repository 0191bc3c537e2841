import assert from 'node:assert/strict';
import { after, before, test } from '../support/node-test.js';
import { AccessDeniedError } from '../../src/authz/access-denied.js';
import { Authorizer } from '../../src/authz/authorizer.js';
import { ANONYMOUS_REQUESTER } from '../../src/authz/requester.js';
import { PolicyCompiler } from '../../src/authz/policy-cache.js';
import { rootAllowance } from '../../src/authz/root-rule.js';
import { sessionLimitRefusal } from '../../src/authz/session-limits.js';
import { sessionPrincipal } from '../../src/authn/session-principal.js';
import type { Principal } from '../../src/model/principal.js';
import { shape } from '../../src/model/shapes.js';
import type { PolicyRef } from '../../src/policy/index.js';
import { conforms } from '../../src/services/conforms.js';
import { defineOperation } from '../../src/services/operation.js';
import { openMemoryStore } from '../../src/storage/memory/open-memory-store.js';
import type { Store } from '../../src/storage/store.js';

const ACCOUNT = '123456789012';
const OTHER = '210987654321';
const root: Principal = {
  type: 'Root',
  accountId: ACCOUNT,
  arn: `arn:aws:iam::${ACCOUNT}:root`,
  userId: ACCOUNT,
  accessKeyId: 'AKIAROOT000000000000',
  temporary: false,
  tags: [],
};
/** A user whose entity is not in the store: no identity policies, so everything is implicitly denied. */
const nobody: Principal = {
  type: 'User',
  accountId: ACCOUNT,
  arn: `arn:aws:iam::${ACCOUNT}:user/nobody`,
  userId: 'AIDANOBODY0000000000',
  userName: 'nobody',
  entityId: 'AIDANOBODY0000000000',
  accessKeyId: 'AKIANOBODY0000000000',
  temporary: false,
  tags: [],
};
/** GetSessionToken or GetFederationToken credentials that nobody asked for. */
const sessionOf = (kind: 'SessionToken' | 'FederatedUser', mfa = false): Principal => {
  const claims = {
    accountId: ACCOUNT,
    issuedAt: 0,
    expiresAt: 1,
    accessKeyId: 'ASIAX',
    secretAccessKey: 'x',
    mfaAuthenticated: mfa || undefined,
    originArn: nobody.arn,
    originUserId: nobody.userId,
    originUserName: 'nobody',
  };
  return sessionPrincipal(kind === 'FederatedUser' ? { ...claims, kind, sessionName: 'fed' } : { ...claims, kind });
};
const facts = { sourceIp: '127.0.0.1', userAgent: 'test', secureTransport: true, region: 'us-east-1', now: Date.UTC(2026, 0, 1) };
const compiler = new PolicyCompiler();
const bucketPolicy = (effect: 'Allow' | 'Deny'): PolicyRef => ({
  id: 'bucket-policy:b',
  policy: compiler.compile(
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: effect, Principal: '*', Action: 's3:*', Resource: '*' }] }),
    'resource',
  ),
});

let store: Store;
let authorizer: Authorizer;
before(async () => {
  store = await openMemoryStore();
  authorizer = new Authorizer(store, compiler);
});
after(async () => {
  await store?.close();
});

test('the root rule: everything in its own account without a resource policy; a resource policy binds it but for the bucket policy actions', () => {
  assert.equal(rootAllowance(root, 'iam:CreateUser', undefined, undefined), 'account-root');
  assert.equal(rootAllowance(root, 's3:GetObject', ACCOUNT, undefined), 'account-root');
  assert.equal(rootAllowance(root, 's3:GetObject', ACCOUNT, bucketPolicy('Deny')), undefined);
  assert.equal(rootAllowance(root, 's3:PutBucketPolicy', ACCOUNT, bucketPolicy('Deny')), 'bucket-owner-root');
  assert.equal(rootAllowance(root, 's3:GetObject', OTHER, undefined), undefined);
  assert.equal(rootAllowance(nobody, 'iam:CreateUser', undefined, undefined), undefined);
  assert.equal(rootAllowance(ANONYMOUS_REQUESTER, 's3:GetObject', ACCOUNT, undefined), undefined);
});

test('the session limits answer to the API call, for any caller kind', () => {
  assert.equal(sessionLimitRefusal(sessionOf('SessionToken'), 'iam:ListUsers')?.code, 'InvalidClientTokenId');
  assert.equal(sessionLimitRefusal(sessionOf('SessionToken', true), 'iam:ListUsers'), undefined);
  assert.equal(sessionLimitRefusal(sessionOf('FederatedUser'), 'sts:GetSessionToken')?.code, 'AccessDenied');
  assert.equal(sessionLimitRefusal(ANONYMOUS_REQUESTER, 'iam:ListUsers'), undefined);
  assert.equal(sessionLimitRefusal(nobody, 'iam:ListUsers'), undefined);
});

test('decide: session limit, root rule, policies, anonymous — each verdict says what decided it', async () => {
  const limited = await authorizer.decide(sessionOf('SessionToken'), 'iam:TagUser', '*', facts, { keysOf: 'iam:CreateUser' });
  assert.equal(limited.by, 'session-limit');
  assert.equal(limited.allowed, false);

  let resolved = 0;
  const lazy = () => {
    resolved++;
    return `arn:aws:iam::${ACCOUNT}:user/x`;
  };
  assert.deepEqual(await authorizer.decide(root, 'iam:GetUser', lazy, facts), { allowed: true, by: 'account-root' });
  assert.equal(resolved, 0, 'the root rule answers without resolving the resource');

  const denied = await authorizer.decide(nobody, 'iam:GetUser', lazy, facts);
  assert.equal(resolved, 1);
  assert.equal(denied.by, 'policy');
  assert.equal(denied.allowed, false);

  const open = { resourceAccount: ACCOUNT, resourcePolicy: bucketPolicy('Allow') };
  assert.equal((await authorizer.decide(ANONYMOUS_REQUESTER, 's3:GetObject', 'arn:aws:s3:::b/k', facts, open)).allowed, true);
  assert.equal(
    (await authorizer.decide(ANONYMOUS_REQUESTER, 's3:GetObject', 'arn:aws:s3:::b/k', facts, { resourceAccount: ACCOUNT })).allowed,
    false,
  );
  const closed = { resourceAccount: ACCOUNT, resourcePolicy: bucketPolicy('Deny') };
  assert.equal((await authorizer.decide(root, 's3:GetObject', 'arn:aws:s3:::b/k', facts, closed)).allowed, false);
  assert.equal((await authorizer.decide(root, 's3:DeleteBucketPolicy', 'arn:aws:s3:::b', facts, closed)).allowed, true);
});

test('authorize throws the limit as it is, and a policy denial as AccessDenied with the traced evaluation', async () => {
  await assert.rejects(authorizer.authorize(sessionOf('FederatedUser'), 'iam:GetUser', '*', facts), { code: 'InvalidClientTokenId' });
  const resource = `arn:aws:iam::${ACCOUNT}:user/x`;
  const error: unknown = await authorizer.authorize(nobody, 'iam:GetUser', resource, facts).catch((e: unknown) => e);
  assert.ok(error instanceof AccessDeniedError);
  assert.match(
    error.message,
    /^User: arn:aws:iam::123456789012:user\/nobody is not authorized to perform: iam:GetUser on resource: .* because /,
  );
  assert.ok(error.denial.decision.trace, 'the denial carries a traced decision');
  const quiet: unknown = await authorizer.authorize(nobody, 'iam:GetUser', resource, facts, { omitReason: true }).catch((e: unknown) => e);
  assert.ok(quiet instanceof AccessDeniedError);
  assert.equal(quiet.message, `User: ${nobody.arn} is not authorized to perform: iam:GetUser on resource: ${resource}`);
});

test('conforms: the decoded input against its shape', () => {
  const s = shape.struct({
    Name: shape.string({ required: true }),
    Count: shape.integer(),
    Tags: shape.list(shape.struct({ Key: shape.string({ required: true }), Value: shape.string() })),
  });
  assert.equal(conforms(s, { Name: 'a' }), true);
  assert.equal(conforms(s, { Name: 'a', Count: 3, Tags: [{ Key: 'k' }] }), true);
  assert.equal(conforms(s, {}), false);
  assert.equal(conforms(s, { Name: 1 }), false);
  assert.equal(conforms(s, { Name: 'a', Tags: [{ Value: 'v' }] }), false);
  assert.equal(conforms(s, { Name: 'a', Tags: 'k' }), false);
});

test('defineOperation keeps the handler typed and refuses an input that does not match its shape', async () => {
  const op = defineOperation({
    name: 'Echo',
    action: 'test:Echo',
    readOnly: true,
    authorization: { resource: (input) => input.Name },
    input: shape.struct({ Name: shape.string({ required: true }) }),
    output: shape.struct({ Name: shape.string() }),
    async handler(input) {
      return { Name: input.Name.toUpperCase() };
    },
  });
  const ctx = {} as Parameters<typeof op.handler>[1];
  assert.deepEqual(await op.handler({ Name: 'x' }, ctx), { Name: 'X' });
  assert.ok(typeof op.authorization === 'object');
  assert.equal(await op.authorization.resource({ Name: 'x' }, ctx), 'x');
  await assert.rejects(op.handler({ Name: 5 }, ctx), { code: 'InternalFailure' });
});
