import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  AcceptDelegationRequestCommand,
  AssociateDelegationRequestCommand,
  CreateAccessKeyCommand,
  CreateDelegationRequestCommand,
  type CreateDelegationRequestCommandInput,
  CreateUserCommand,
  GetDelegationRequestCommand,
  GetHumanReadableSummaryCommand,
  type IAMClient,
  ListDelegationRequestsCommand,
  PutUserPolicyCommand,
  RejectDelegationRequestCommand,
  SendDelegationTokenCommand,
  UpdateDelegationRequestCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { TestServer } from '../support/server.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';
import { allowDoc, rejects, startIamTestServer } from './iam-test-helpers.js';

/**
 * Delegation requests through the SDK v3: a partner's request, its owner's association, notes,
 * acceptance or rejection and the token send, with the states in between, the model's
 * validation, visibility (ListDelegationRequests shows owned requests only), pagination,
 * GetHumanReadableSummary of a request, and authorization on the delegation-request ARN.
 */
let server: TestServer;
let iam: IAMClient;
let acct: string;
let adminArn: string;
let seq = 0;

function request(extra: Partial<CreateDelegationRequestCommandInput> = {}): CreateDelegationRequestCommandInput {
  seq += 1;
  return {
    Description: 'Read the billing reports for the quarterly audit',
    Permissions: {
      PolicyTemplateArn: 'arn:aws:iam::aws:policy-template/ExampleTemplate',
      Parameters: [{ Name: 'BucketName', Values: ['reports'], Type: 'string' }],
    },
    RequestorWorkflowId: `workflow-${seq}`,
    NotificationChannel: 'arn:aws:sns:us-east-1:111122223333:partner-topic',
    SessionDuration: 3600,
    ...extra,
  };
}

async function create(extra: Partial<CreateDelegationRequestCommandInput> = {}): Promise<string> {
  const out = await iam.send(new CreateDelegationRequestCommand(request(extra)));
  assert.match(out.ConsoleDeepLink!, /delegation-requests\//);
  return out.DelegationRequestId!;
}

const get = async (id: string) => (await iam.send(new GetDelegationRequestCommand({ DelegationRequestId: id }))).DelegationRequest!;

suite('IAM delegation requests (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    acct = server.accountId;
    const sts = stsClient(server.url, server.admin);
    adminArn = (await sts.send(new GetCallerIdentityCommand({}))).Arn!;
    sts.destroy();
  });
  after(async () => {
    iam?.destroy();
    await server?.close();
  });

  test('the life of a request: UNASSIGNED → ASSIGNED → PENDING_APPROVAL → ACCEPTED → FINALIZED', async () => {
    const id = await create({ RequestMessage: 'Hello', RedirectUrl: 'https://partner.example.com/done', OnlySendByOwner: true });
    assert.match(id, /^[\w-]{16,128}$/);
    let r = await get(id);
    assert.equal(r.State, 'UNASSIGNED');
    assert.equal(r.RequestorId, acct);
    assert.equal(r.OwnerId, undefined);
    assert.equal(r.SessionDuration, 3600);
    assert.equal(r.RequestMessage, 'Hello');
    assert.equal(r.OnlySendByOwner, true);
    assert.deepEqual(r.Permissions?.Parameters, [{ Name: 'BucketName', Values: ['reports'], Type: 'string' }]);
    assert.ok(r.ExpirationTime!.getTime() - r.CreateDate!.getTime() === 7 * 24 * 3600 * 1000);

    await rejects(
      iam.send(new UpdateDelegationRequestCommand({ DelegationRequestId: id, Notes: 'n' })),
      'InvalidInput',
      `The delegation request ${id} is not associated with your account.`,
      400,
    );
    await iam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }));
    await iam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id })); // the same owner again: no change
    r = await get(id);
    assert.deepEqual([r.State, r.OwnerId, r.OwnerAccountId], ['ASSIGNED', adminArn, acct]);

    await rejects(
      iam.send(new SendDelegationTokenCommand({ DelegationRequestId: id })),
      'InvalidInput',
      `The delegation request ${id} is in state ASSIGNED and cannot be sent.`,
      400,
    );
    await iam.send(new UpdateDelegationRequestCommand({ DelegationRequestId: id, Notes: 'Please approve' }));
    r = await get(id);
    assert.deepEqual([r.State, r.Notes], ['PENDING_APPROVAL', 'Please approve']);
    await iam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id }));
    r = await get(id);
    assert.deepEqual([r.State, r.ApproverId], ['ACCEPTED', adminArn]);
    await iam.send(new SendDelegationTokenCommand({ DelegationRequestId: id }));
    assert.equal((await get(id)).State, 'FINALIZED');
    await rejects(
      iam.send(new RejectDelegationRequestCommand({ DelegationRequestId: id })),
      'InvalidInput',
      `The delegation request ${id} is in state FINALIZED and cannot be rejected.`,
      400,
    );
  });

  test('rejection is final and records the reason', async () => {
    const id = await create();
    await iam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }));
    await iam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id }));
    await iam.send(new RejectDelegationRequestCommand({ DelegationRequestId: id, Notes: 'Not this quarter' }));
    const r = await get(id);
    assert.deepEqual([r.State, r.RejectionReason], ['REJECTED', 'Not this quarter']);
    await rejects(
      iam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id })),
      'InvalidInput',
      `The delegation request ${id} is in state REJECTED and cannot be accepted.`,
      400,
    );
  });

  test('a request naming another owner account: only that account may associate it', async () => {
    const id = await create({ OwnerAccountId: '999999999999' });
    assert.equal((await get(id)).OwnerAccountId, '999999999999', 'the partner still sees its request');
    await rejects(
      iam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id })),
      'NoSuchEntity',
      `The delegation request with id ${id} cannot be found.`,
      404,
    );
    const unknown = 'ffffffffffffffffffff';
    await rejects(
      iam.send(new GetDelegationRequestCommand({ DelegationRequestId: unknown })),
      'NoSuchEntity',
      `The delegation request with id ${unknown} cannot be found.`,
      404,
    );
  });

  test('validation: the model constraints, and one open request per workflow id', async () => {
    await rejects(
      iam.send(new CreateDelegationRequestCommand(request({ SessionDuration: 299 }))),
      'ValidationError',
      "1 validation error detected: Value at 'sessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 300",
      400,
    );
    await rejects(
      iam.send(new CreateDelegationRequestCommand(request({ NotificationChannel: 'not a channel' }))),
      'ValidationError',
      "1 validation error detected: Value at 'notificationChannel' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:_.-]+$",
      400,
    );
    await rejects(
      iam.send(new CreateDelegationRequestCommand(request({ RedirectUrl: 'ftp://example.com' }))),
      'ValidationError',
      /Value at 'redirectUrl' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      400,
    );
    await rejects(
      iam.send(new GetDelegationRequestCommand({ DelegationRequestId: 'short' })),
      'ValidationError',
      "1 validation error detected: Value at 'delegationRequestId' failed to satisfy constraint: Member must have length greater than or equal to 16",
      400,
    );
    await iam.send(new CreateDelegationRequestCommand(request({ RequestorWorkflowId: 'dup-workflow' })));
    await rejects(
      iam.send(new CreateDelegationRequestCommand(request({ RequestorWorkflowId: 'dup-workflow' }))),
      'EntityAlreadyExists',
      'A delegation request with workflow id dup-workflow already exists.',
      409,
    );
  });

  test('ListDelegationRequests: owned requests only, by owner, paginated', async () => {
    const before = (await iam.send(new ListDelegationRequestsCommand({}))).DelegationRequests!.length;
    const unowned = await create();
    const a = await create();
    const b = await create();
    await iam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: a }));
    await iam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: b }));
    const all = await iam.send(new ListDelegationRequestsCommand({}));
    const ids = all.DelegationRequests!.map((r) => r.DelegationRequestId);
    assert.equal(ids.length, before + 2);
    assert.ok(ids.includes(a) && ids.includes(b) && !ids.includes(unowned));
    assert.equal(all.isTruncated, false);
    const byOwner = await iam.send(new ListDelegationRequestsCommand({ OwnerId: adminArn }));
    assert.equal(byOwner.DelegationRequests!.length, before + 2);
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = await iam.send(new ListDelegationRequestsCommand({ MaxItems: 1, Marker: marker }));
      assert.equal(page.DelegationRequests!.length, 1);
      seen.push(page.DelegationRequests![0]!.DelegationRequestId!);
      marker = page.isTruncated ? page.Marker : undefined;
    } while (marker);
    assert.deepEqual(seen, ids);
    await rejects(
      iam.send(new ListDelegationRequestsCommand({ OwnerId: 'arn:aws:iam::999999999999:user/someone' })),
      'InvalidInput',
      'The owner arn:aws:iam::999999999999:user/someone does not belong to your account.',
      400,
    );
  });

  test('GetHumanReadableSummary of a delegation request', async () => {
    const id = await create({ RequestMessage: 'For the audit' });
    const arn = `arn:aws:iam::${acct}:delegation-request/${id}`;
    const summary = await iam.send(new GetHumanReadableSummaryCommand({ EntityArn: arn }));
    assert.equal(summary.SummaryState, 'AVAILABLE');
    assert.equal(summary.Locale, 'en');
    assert.match(summary.SummaryContent!, new RegExp(`^Account ${acct} requests temporary access for 1 hour\\.`));
    assert.match(summary.SummaryContent!, /Purpose: Read the billing reports/);
    assert.match(summary.SummaryContent!, /Parameter BucketName: reports/);
    const french = await iam.send(new GetHumanReadableSummaryCommand({ EntityArn: arn, Locale: 'fr-FR' }));
    assert.deepEqual([french.SummaryState, french.Locale, french.SummaryContent], ['NOT_SUPPORTED', 'fr-FR', undefined]);
    await rejects(
      iam.send(new GetHumanReadableSummaryCommand({ EntityArn: `arn:aws:iam::${acct}:user/alice` })),
      'InvalidInput',
      `Entity arn:aws:iam::${acct}:user/alice is not supported. Only delegation requests have a summary.`,
      400,
    );
    await rejects(
      iam.send(new GetHumanReadableSummaryCommand({ EntityArn: `arn:aws:iam::${acct}:delegation-request/eeeeeeeeeeeeeeeeeeee` })),
      'NoSuchEntity',
      'The delegation request with id eeeeeeeeeeeeeeeeeeee cannot be found.',
      404,
    );
  });

  test('authorization: the delegation-request ARN in the caller account', async () => {
    const id = await create();
    await iam.send(new CreateUserCommand({ UserName: 'dr-reader' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'dr-reader',
        PolicyName: 'p',
        PolicyDocument: allowDoc('iam:GetDelegationRequest', `arn:aws:iam::${acct}:delegation-request/${id}`),
      }),
    );
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'dr-reader' }));
    const client = iamClient(server.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    assert.equal(
      (await client.send(new GetDelegationRequestCommand({ DelegationRequestId: id }))).DelegationRequest?.DelegationRequestId,
      id,
    );
    await rejects(
      client.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id })),
      'AccessDenied',
      new RegExp(
        `^User: arn:aws:iam::${acct}:user/dr-reader is not authorized to perform: iam:AssociateDelegationRequest on resource: arn:aws:iam::${acct}:delegation-request/${id}`,
      ),
      403,
    );
    await rejects(
      client.send(new CreateDelegationRequestCommand(request())),
      'AccessDenied',
      new RegExp(`on resource: arn:aws:iam::${acct}:delegation-request/\\*`),
      403,
    );
    const withCheck = await client.send(new GetDelegationRequestCommand({ DelegationRequestId: id, DelegationPermissionCheck: true }));
    assert.deepEqual([withCheck.PermissionCheckStatus, withCheck.PermissionCheckResult], ['COMPLETE', 'UNSURE']);
    client.destroy();
  });
});
