import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsWithEntitiesCommand,
  type IAMClient,
  ListPoliciesGrantingServiceAccessCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import type { TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { allowDoc, allPages, rejects, startIamTestServer } from './iam-test-helpers.js';

/**
 * The access advisor through the AWS SDK v3 against a real keysmith: which services a user,
 * group or policy could use (from its permissions policies), when each was last used (from the
 * audit log), action-level data, entities, the policies that grant a service, pagination, errors
 * and authorization.
 */
let server: TestServer;
let iam: IAMClient;
let acct: string;
let ada: IAMClient;
let groupPolicyArn: string;

const adaArn = () => `arn:aws:iam::${acct}:user/ada`;

async function generate(arn: string, granularity?: 'SERVICE_LEVEL' | 'ACTION_LEVEL'): Promise<string> {
  const { JobId } = await iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn, Granularity: granularity }));
  assert.match(JobId!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  return JobId!;
}

suite('IAM access advisor (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    acct = server.accountId;
    await iam.send(new CreateUserCommand({ UserName: 'ada' }));
    await iam.send(
      new PutUserPolicyCommand({ UserName: 'ada', PolicyName: 'inline', PolicyDocument: allowDoc(['iam:List*', 's3:GetObject']) }),
    );
    const policy = await iam.send(new CreatePolicyCommand({ PolicyName: 'sts-only', PolicyDocument: allowDoc('sts:GetCallerIdentity') }));
    groupPolicyArn = policy.Policy!.Arn!;
    await iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: groupPolicyArn }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'ada' }));
    const k = (await iam.send(new CreateAccessKeyCommand({ UserName: 'ada' }))).AccessKey!;
    ada = iamClient(server.url, { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }, 'eu-west-1');
    await ada.send(new ListUsersCommand({}));
    await server.keysmith.app.audit.flush?.();
  });
  after(async () => {
    iam?.destroy();
    ada?.destroy();
    await server?.close();
  });

  test('a user report: the services of its own and its groups’ policies, with the last access', async () => {
    const before = Date.now();
    const jobId = await generate(adaArn());
    const out = await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId }));
    assert.equal(out.JobStatus, 'COMPLETED');
    assert.equal(out.JobType, 'SERVICE_LEVEL');
    assert.ok(out.JobCreationDate instanceof Date && out.JobCompletionDate instanceof Date);
    assert.equal(out.IsTruncated, false);
    assert.deepEqual(
      out.ServicesLastAccessed!.map((s) => s.ServiceNamespace),
      ['iam', 's3', 'sts'],
    );
    const [iamSvc, s3, sts] = out.ServicesLastAccessed!;
    assert.equal(iamSvc!.ServiceName, 'AWS Identity and Access Management (IAM)');
    assert.ok(iamSvc!.LastAuthenticated!.getTime() <= before && before - iamSvc!.LastAuthenticated!.getTime() < 120_000);
    assert.equal(iamSvc!.LastAuthenticatedEntity, adaArn());
    assert.equal(iamSvc!.LastAuthenticatedRegion, 'eu-west-1');
    assert.equal(iamSvc!.TotalAuthenticatedEntities, 1);
    assert.equal(iamSvc!.TrackedActionsLastAccessed, undefined);
    assert.equal(s3!.ServiceName, 'Amazon S3');
    assert.equal(s3!.LastAuthenticated, undefined);
    assert.equal(s3!.TotalAuthenticatedEntities, 0);
    assert.equal(sts!.LastAuthenticatedEntity, undefined);
  });

  test('ACTION_LEVEL: the tracked actions the policies allow, the used one with its time', async () => {
    const jobId = await generate(adaArn(), 'ACTION_LEVEL');
    const out = await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId }));
    assert.equal(out.JobType, 'ACTION_LEVEL');
    const iamSvc = out.ServicesLastAccessed!.find((s) => s.ServiceNamespace === 'iam')!;
    const listUsers = iamSvc.TrackedActionsLastAccessed!.find((a) => a.ActionName === 'ListUsers')!;
    assert.equal(listUsers.LastAccessedEntity, adaArn());
    assert.equal(listUsers.LastAccessedRegion, 'eu-west-1');
    assert.ok(listUsers.LastAccessedTime instanceof Date);
    const listGroups = iamSvc.TrackedActionsLastAccessed!.find((a) => a.ActionName === 'ListGroups')!;
    assert.equal(listGroups.LastAccessedTime, undefined);
    assert.ok(iamSvc.TrackedActionsLastAccessed!.every((a) => a.ActionName!.startsWith('List')));
    const s3 = out.ServicesLastAccessed!.find((s) => s.ServiceNamespace === 's3')!;
    assert.deepEqual(s3.TrackedActionsLastAccessed, [{ ActionName: 'GetObject' }]);
    assert.equal(
      out.ServicesLastAccessed!.find((s) => s.ServiceNamespace === 'sts')!.TrackedActionsLastAccessed,
      undefined,
      'sts is not tracked',
    );
  });

  test('pages of MaxItems services', async () => {
    const jobId = await generate(adaArn());
    const pages = await allPages((Marker) => iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId, MaxItems: 2, Marker })));
    assert.deepEqual(
      pages.map((p) => p.ServicesLastAccessed!.map((s) => s.ServiceNamespace)),
      [['iam', 's3'], ['sts']],
    );
  });

  test('group and policy reports list their users as entities', async () => {
    for (const arn of [`arn:aws:iam::${acct}:group/devs`, groupPolicyArn]) {
      const jobId = await generate(arn);
      const out = await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId }));
      assert.deepEqual(
        out.ServicesLastAccessed!.map((s) => s.ServiceNamespace),
        ['sts'],
        arn,
      );
      const entities = await iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: jobId, ServiceNamespace: 'sts' }));
      assert.equal(entities.JobStatus, 'COMPLETED');
      assert.equal(entities.EntityDetailsList!.length, 1);
      const [ent] = entities.EntityDetailsList!;
      assert.deepEqual({ ...ent!.EntityInfo, Id: undefined }, { Arn: adaArn(), Name: 'ada', Type: 'USER', Id: undefined, Path: '/' });
      assert.match(ent!.EntityInfo!.Id!, /^AIDA/);
      assert.equal(ent!.LastAuthenticated, undefined);
      const none = await iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: jobId, ServiceNamespace: 'ec2' }));
      assert.deepEqual(none.EntityDetailsList, []);
    }
    const userJob = await generate(adaArn());
    const used = await iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: userJob, ServiceNamespace: 'iam' }));
    assert.ok(used.EntityDetailsList![0]!.LastAuthenticated instanceof Date);
  });

  test('ListPoliciesGrantingServiceAccess: inline (with its entity) and managed (with its ARN), per namespace', async () => {
    const out = await iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: adaArn(), ServiceNamespaces: ['iam', 'sts', 'ec2'] }));
    assert.equal(out.IsTruncated, false);
    assert.deepEqual(out.PoliciesGrantingServiceAccess, [
      { ServiceNamespace: 'iam', Policies: [{ PolicyName: 'inline', PolicyType: 'INLINE', EntityType: 'USER', EntityName: 'ada' }] },
      { ServiceNamespace: 'sts', Policies: [{ PolicyName: 'sts-only', PolicyType: 'MANAGED', PolicyArn: groupPolicyArn }] },
      { ServiceNamespace: 'ec2', Policies: [] },
    ]);
    const group = await iam.send(
      new ListPoliciesGrantingServiceAccessCommand({ Arn: `arn:aws:iam::${acct}:group/devs`, ServiceNamespaces: ['iam'] }),
    );
    assert.deepEqual(group.PoliciesGrantingServiceAccess, [{ ServiceNamespace: 'iam', Policies: [] }]);
  });

  test('errors: bad ARNs, missing entities, unknown jobs, bad input', async () => {
    await rejects(
      iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: 'not-an-arn-at-all-xxxx' })),
      'InvalidInput',
      'ARN not-an-arn-at-all-xxxx is not valid.',
      400,
    );
    const bucket = 'arn:aws:s3:::some-bucket-name';
    await rejects(iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: bucket })), 'InvalidInput', `ARN ${bucket} is not valid.`);
    await rejects(
      iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${acct}:user/ghost` })),
      'NoSuchEntity',
      'The user with name ghost cannot be found.',
      404,
    );
    await rejects(
      iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${acct}:role/ghost` })),
      'NoSuchEntity',
      'The role with name ghost cannot be found.',
    );
    const missingPolicy = `arn:aws:iam::${acct}:policy/ghost`;
    await rejects(
      iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: missingPolicy })),
      'NoSuchEntity',
      `Policy ${missingPolicy} was not found.`,
    );
    await rejects(
      iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: groupPolicyArn, ServiceNamespaces: ['iam'] })),
      'InvalidInput',
      `ARN ${groupPolicyArn} is not valid.`,
    );
    await rejects(iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: adaArn(), ServiceNamespaces: [] })), 'ValidationError');
    const jobId = '00000000-0000-4000-8000-000000000000';
    await rejects(
      iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId })),
      'NoSuchEntity',
      `The job with id ${jobId} cannot be found.`,
      404,
    );
    await rejects(
      iam.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: jobId, ServiceNamespace: 'iam' })),
      'NoSuchEntity',
      `The job with id ${jobId} cannot be found.`,
    );
    await rejects(iam.send(new GetServiceLastAccessedDetailsCommand({ JobId: 'short' })), 'ValidationError', /jobId/);
    await rejects(
      iam.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: adaArn(), Granularity: 'NOPE' as 'ACTION_LEVEL' })),
      'ValidationError',
    );
  });

  test('authorization: Generate and ListPolicies… on the entity’s ARN, the Gets on *', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'eve' }));
    const k = (await iam.send(new CreateAccessKeyCommand({ UserName: 'eve' }))).AccessKey!;
    const eve = iamClient(server.url, { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! });
    const denied = (action: string, resource: string) =>
      new RegExp(
        `^User: arn:aws:iam::${acct}:user/eve is not authorized to perform: iam:${action} on resource: ${resource.replace(/[*]/g, '\\*')} `,
      );
    await rejects(
      eve.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: adaArn() })),
      'AccessDenied',
      denied('GenerateServiceLastAccessedDetails', adaArn()),
      403,
    );
    await rejects(
      eve.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: adaArn(), ServiceNamespaces: ['iam'] })),
      'AccessDenied',
      denied('ListPoliciesGrantingServiceAccess', adaArn()),
    );
    const jobId = await generate(adaArn());
    await rejects(
      eve.send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId })),
      'AccessDenied',
      denied('GetServiceLastAccessedDetails', '*'),
    );
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'eve',
        PolicyName: 'p',
        PolicyDocument: allowDoc(['iam:GenerateServiceLastAccessedDetails', 'iam:GetServiceLastAccessedDetails'], [adaArn(), '*']),
      }),
    );
    const { JobId } = await eve.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: adaArn() }));
    assert.equal((await eve.send(new GetServiceLastAccessedDetailsCommand({ JobId }))).JobStatus, 'COMPLETED');
    eve.destroy();
  });
});
