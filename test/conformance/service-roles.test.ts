import { after, before, describe, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  type IAMClient,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';
import { sendLookupEvents, sendSigned } from '../support/clients-signer.js';
import { parseXml, textAt } from '../support/clients-xml.js';
import { allow, awsError, createRole, createUser, OffsetClock, policyDoc, type TestRole } from '../support/sts-helpers.js';

/**
 * Credential grants through the live server (raw signed Query calls to keysmith's own service,
 * the container-credentials endpoint over fetch, SDK v3 with the credentials it hands out): the
 * service assumes the role with its Service principal and the compute's aws:SourceAccount /
 * aws:SourceArn, iam:PassRole is checked with iam:PassedToService (and iam:AssociatedResourceArn
 * for EC2), the session is named as AWS names it, the endpoint caches until the refresh window,
 * and CloudTrail shows the service's AssumeRole as `AWSService`.
 */
const ACCOUNT = '123456789012';
const service = (name: string) => ({ Effect: 'Allow', Principal: { Service: name }, Action: 'sts:AssumeRole' });

let server: TestServer;
let iam: IAMClient;
const clock = new OffsetClock();
let ec2Role: TestRole;

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

async function createGrant(creds: Creds, members: Record<string, string>) {
  const r = await sendSigned(server.url, creds, {
    form: { Action: 'CreateCredentialGrant', Version: '2026-12-01', ...members },
    service: 'keysmith',
  });
  const xml = parseXml(r.text);
  if (r.status !== 200)
    return {
      status: r.status,
      code: textAt(xml, 'Error', 'Code'),
      message: textAt(xml, 'Error', 'Message'),
      text: r.text,
      field: () => undefined,
      token: '',
      grantId: '',
    };
  const result = xml.children.find((c) => c.name === 'CreateCredentialGrantResult')!;
  const field = (name: string) => {
    const e = result.children.find((c) => c.name === name);
    return e ? textAt(e) : undefined;
  };
  return { status: 200, code: undefined, message: undefined, field, token: field('GrantToken')!, grantId: field('GrantId')!, text: r.text };
}

async function fetchCredentials(token: string | undefined, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/_keysmith/credentials`, {
    headers: token === undefined ? headers : { authorization: token, ...headers },
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

const callerOf = async (c: Record<string, string>) =>
  stsClient(server.url, { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.Token }).send(
    new GetCallerIdentityCommand({}),
  );

describe('credential grants: the service assumes the role', () => {
  before(async () => {
    server = await startTestServer({}, { clock });
    iam = iamClient(server.url, server.admin);
    ec2Role = await createRole(
      iam,
      'app-instance',
      policyDoc({ ...service('ec2.amazonaws.com'), Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }),
      { policy: policyDoc(allow('sts:GetCallerIdentity')), maxSessionDuration: 7200 },
    );
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'app-profile' }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'app-profile', RoleName: 'app-instance' }));
  });
  after(async () => {
    await server?.close();
  });

  test('EC2: an instance session named by the instance id, the same credentials until the refresh window, then new ones', async () => {
    clock.reset();
    const grant = await createGrant(server.admin, { RoleArn: ec2Role.arn, ComputeType: 'ec2', DurationSeconds: '900' });
    assert.equal(grant.status, 200, grant.text);
    const instanceId = grant.field('InstanceId')!;
    assert.match(instanceId, /^i-[0-9a-f]{17}$/);
    assert.equal(grant.field('SessionName'), instanceId);
    assert.equal(grant.field('InstanceProfileArn'), `arn:aws:iam::${ACCOUNT}:instance-profile/app-profile`);
    assert.match(grant.field('InstanceProfileId')!, /^AIPA/);
    assert.equal(grant.field('SourceArn'), `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/${instanceId}`);
    assert.ok(!grant.text.includes('SecretAccessKey'));

    const first = await fetchCredentials(grant.token);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.deepEqual(Object.keys(first.body), ['RoleArn', 'AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration']);
    assert.equal(first.body.RoleArn, ec2Role.arn);
    const who = await callerOf(first.body);
    assert.equal(who.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/app-instance/${instanceId}`);
    assert.equal(who.UserId, `${ec2Role.roleId}:${instanceId}`);

    clock.advance(500_000);
    const again = await fetchCredentials(grant.token);
    assert.equal(again.body.AccessKeyId, first.body.AccessKeyId, 'within the refresh window: the same credentials');
    clock.advance(110_000);
    const renewed = await fetchCredentials(grant.token);
    assert.notEqual(renewed.body.AccessKeyId, first.body.AccessKeyId, 'five minutes before expiry: new credentials');
    clock.reset();
  });

  test('CloudTrail: the AssumeRole is the service’s (AWSService, invokedBy), later calls carry ec2RoleDelivery', async () => {
    const grant = await createGrant(server.admin, { RoleArn: ec2Role.arn, ComputeType: 'ec2' });
    const c = await fetchCredentials(grant.token);
    await callerOf(c.body);
    await server.keysmith.app.audit.flush?.();
    const looked = await sendLookupEvents(server.url, server.admin, {
      LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: ec2Role.arn }],
      MaxResults: 50,
    });
    const events = (JSON.parse(looked.text) as { Events: { CloudTrailEvent: string }[] }).Events.map(
      (e) => JSON.parse(e.CloudTrailEvent) as Record<string, unknown>,
    );
    const assume = events.find(
      (e) =>
        e.eventName === 'AssumeRole' && (e.requestParameters as Record<string, unknown>).roleSessionName === grant.field('SessionName'),
    );
    assert.ok(assume, looked.text);
    assert.deepEqual(assume.userIdentity, { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' });
    assert.equal(assume.sourceIPAddress, 'ec2.amazonaws.com');
    assert.equal(assume.userAgent, 'ec2.amazonaws.com');
    assert.equal(assume.eventSource, 'sts.amazonaws.com');
    assert.equal((assume.requestParameters as Record<string, unknown>).roleArn, ec2Role.arn);
    assert.ok(!JSON.stringify(assume).includes(c.body.SecretAccessKey!));
    assert.ok(!JSON.stringify(assume).includes(grant.token));

    const later = await sendLookupEvents(server.url, server.admin, {
      LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: grant.field('SessionName')! }],
    });
    const call = (JSON.parse(later.text) as { Events: { CloudTrailEvent: string }[] }).Events.map(
      (e) => JSON.parse(e.CloudTrailEvent) as { eventName: string; userIdentity: { sessionContext?: { ec2RoleDelivery?: string } } },
    ).find((e) => e.eventName === 'GetCallerIdentity');
    assert.equal(call?.userIdentity.sessionContext?.ec2RoleDelivery, '2.0', later.text);
  });

  test('iam:PassRole with iam:PassedToService and iam:AssociatedResourceArn decides who may pass the role', async () => {
    const scoped = await createUser(
      iam,
      'launcher',
      policyDoc(
        allow('iam:PassRole', ec2Role.arn, {
          Condition: {
            StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' },
            ArnLike: { 'iam:AssociatedResourceArn': `arn:aws:ec2:*:${ACCOUNT}:instance/*` },
          },
        }),
      ),
    );
    const wrongService = await createUser(
      iam,
      'lambda-launcher',
      policyDoc(allow('iam:PassRole', ec2Role.arn, { Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } })),
    );
    const none = await createUser(iam, 'nobody');
    assert.equal((await createGrant(scoped.creds, { RoleArn: ec2Role.arn, ComputeType: 'ec2' })).status, 200);
    for (const user of [wrongService, none]) {
      const refused = await createGrant(user.creds, { RoleArn: ec2Role.arn, ComputeType: 'ec2' });
      assert.equal(refused.status, 403, refused.text);
      assert.equal(refused.code, 'AccessDenied');
      assert.equal(
        refused.message,
        `User: ${user.arn} is not authorized to perform: iam:PassRole on resource: ${ec2Role.arn} because no identity-based policy allows the iam:PassRole action`,
      );
    }
  });

  test('a trust policy for another service, or for another source account, refuses with the service’s own error', async () => {
    const lambdaOnly = await createRole(iam, 'lambda-only', policyDoc(service('lambda.amazonaws.com')));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'lambda-only-profile' }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'lambda-only-profile', RoleName: 'lambda-only' }));
    const ec2 = await createGrant(server.admin, { RoleArn: lambdaOnly.arn, ComputeType: 'ec2' });
    assert.equal(ec2.status, 403);
    assert.equal(ec2.code, 'AssumeRoleUnauthorizedAccess');
    assert.match(ec2.message, /^EC2 cannot assume the role lambda-only\. Please see documentation at https:\/\/docs\.aws\.amazon\.com\//);
    const ecs = await createGrant(server.admin, { RoleArn: lambdaOnly.arn, ComputeType: 'ecs' });
    assert.equal(ecs.code, 'InvalidParameterException');
    assert.match(ecs.message, /^ECS was unable to assume the role 'arn:aws:iam::123456789012:role\/lambda-only'/);
    assert.equal((await createGrant(server.admin, { RoleArn: lambdaOnly.arn, ComputeType: 'lambda' })).status, 200);

    const otherAccount = await createRole(
      iam,
      'deputy',
      policyDoc({ ...service('lambda.amazonaws.com'), Condition: { StringEquals: { 'aws:SourceAccount': '999999999999' } } }),
    );
    const deputy = await createGrant(server.admin, { RoleArn: otherAccount.arn, ComputeType: 'lambda', FunctionName: 'fn' });
    assert.equal(deputy.code, 'InvalidParameterValueException');
    assert.equal(deputy.message, 'The role defined for the function cannot be assumed by Lambda.');

    const bySourceArn = await createRole(
      iam,
      'by-source-arn',
      policyDoc({
        ...service('lambda.amazonaws.com'),
        Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:lambda:us-east-1:${ACCOUNT}:function:billing` } },
      }),
    );
    assert.equal((await createGrant(server.admin, { RoleArn: bySourceArn.arn, ComputeType: 'lambda', FunctionName: 'other' })).status, 400);
    const billing = await createGrant(server.admin, { RoleArn: bySourceArn.arn, ComputeType: 'lambda', FunctionName: 'billing' });
    assert.equal(billing.status, 200, billing.text);
    assert.equal(billing.field('SessionName'), 'billing');
  });

  test('EC2 needs an instance profile that holds the role', async () => {
    const bare = await createRole(iam, 'no-profile', policyDoc(service('ec2.amazonaws.com')));
    const refused = await createGrant(server.admin, { RoleArn: bare.arn, ComputeType: 'ec2' });
    assert.equal(refused.code, 'ValidationError');
    assert.match(refused.message, /in no instance profile/);
    const wrong = await createGrant(server.admin, { RoleArn: ec2Role.arn, ComputeType: 'ec2', InstanceProfileName: 'lambda-only-profile' });
    assert.equal(wrong.code, 'ValidationError');
    const missing = await createGrant(server.admin, { RoleArn: ec2Role.arn, ComputeType: 'ec2', InstanceProfileName: 'nope' });
    assert.equal(missing.code, 'NoSuchEntity');
  });

  test('EKS Pod Identity: the trust must allow sts:TagSession; sessions carry the pod tags; the answer has AccountId', async () => {
    const noTag = await createRole(iam, 'pods-no-tag', policyDoc(service('pods.eks.amazonaws.com')));
    const refused = await createGrant(server.admin, { RoleArn: noTag.arn, ComputeType: 'eks-pod-identity' });
    assert.equal(refused.code, 'InvalidParameterException', refused.text);
    const pods = await createRole(
      iam,
      'pods',
      policyDoc({ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }),
      {
        policy: policyDoc(
          allow('sts:GetCallerIdentity', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/kubernetes-namespace': 'payments' } } }),
        ),
      },
    );
    const grant = await createGrant(server.admin, {
      RoleArn: pods.arn,
      ComputeType: 'eks-pod-identity',
      Namespace: 'payments',
      ClusterName: 'prod',
    });
    assert.equal(grant.status, 200, grant.text);
    assert.match(grant.field('SessionName')!, /^eks-prod-default-[0-9a-f]{5}-/);
    const c = await fetchCredentials(grant.token);
    assert.deepEqual(Object.keys(c.body), ['AccessKeyId', 'SecretAccessKey', 'Token', 'AccountId', 'Expiration']);
    assert.equal(c.body.AccountId, ACCOUNT);
    assert.match((await callerOf(c.body)).Arn!, /assumed-role\/pods\/eks-prod-/);
  });

  test('the endpoint refuses a missing, wrong or revoked token; revoking voids the sessions handed out', async () => {
    assert.equal((await fetchCredentials(undefined)).status, 401);
    const grant = await createGrant(server.admin, { RoleArn: ec2Role.arn, ComputeType: 'ec2' });
    const wrong = grant.token.slice(0, -4) + 'AAAA';
    const bad = await fetchCredentials(wrong);
    assert.equal(bad.status, 403);
    assert.equal(bad.body.code, 'AccessDenied');
    assert.equal((await fetchCredentials('garbage')).status, 403);
    const c = await fetchCredentials(grant.token);
    await callerOf(c.body);

    const revoke = await sendSigned(server.url, server.admin, {
      form: { Action: 'RevokeCredentialGrant', Version: '2026-12-01', GrantId: grant.grantId },
      service: 'keysmith',
    });
    assert.equal(revoke.status, 200, revoke.text);
    assert.equal((await fetchCredentials(grant.token)).status, 403);
    const after = await awsError(callerOf(c.body));
    assert.equal(after.status, 403, JSON.stringify(after));
    const again = await sendSigned(server.url, server.admin, {
      form: { Action: 'RevokeCredentialGrant', Version: '2026-12-01', GrantId: grant.grantId },
      service: 'keysmith',
    });
    assert.equal(again.status, 404);
  });

  test('a trust policy changed after the grant refuses the next refresh', async () => {
    const role = await createRole(iam, 'changing', policyDoc(service('ecs-tasks.amazonaws.com')));
    const grant = await createGrant(server.admin, { RoleArn: role.arn, ComputeType: 'ecs' });
    assert.match(grant.field('SessionName')!, /^[0-9a-f]{32}$/);
    assert.equal((await fetchCredentials(grant.token)).status, 200);
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'changing', PolicyDocument: policyDoc(service('lambda.amazonaws.com')) }));
    clock.advance(3_500_000);
    const refused = await fetchCredentials(grant.token);
    clock.reset();
    assert.equal(refused.status, 400);
    assert.equal(refused.body.code, 'InvalidParameterException');
  });
});
