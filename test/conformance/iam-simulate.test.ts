import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateRoleCommand,
  CreateUserCommand,
  type EvaluationResult,
  GetContextKeysForCustomPolicyCommand,
  GetContextKeysForPrincipalPolicyCommand,
  type IAMClient,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
  type SimulateCustomPolicyCommandInput,
  SimulatePrincipalPolicyCommand,
  type SimulatePrincipalPolicyCommandInput,
  type Statement,
} from '@aws-sdk/client-iam';
import { iamClient } from '../support/sdk-clients.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { allPages, DYNAMO_AFTER_2018, rejects } from './iam-test-helpers.js';

/**
 * The policy simulator through the real AWS SDK v3 (the AWS CLI's example runs in
 * test/clients/cli-iam.test.ts): decisions with the matched statements' positions as IAM reports
 * them, permissions boundaries, context entries, missing context values, user/group/role sources,
 * resource policies, pagination and errors. Positions follow recorded AWS output (AWS CLI
 * examples, reference §4.11).
 */
let server: TestServer;
let iam: IAMClient;
let acct: string;

const compact = (statements: object | object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[], resource: string | string[] = '*', extra: object = {}) => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...extra,
});
const deny = (action: string | string[], resource: string | string[] = '*', extra: object = {}) => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
  ...extra,
});

const custom = (input: Partial<SimulateCustomPolicyCommandInput>) =>
  iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [], ActionNames: [], ...input }));
const principal = (input: Partial<SimulatePrincipalPolicyCommandInput>) =>
  iam.send(new SimulatePrincipalPolicyCommand({ ActionNames: [], ...input } as SimulatePrincipalPolicyCommandInput));

const one = (results: EvaluationResult[] | undefined): EvaluationResult => {
  assert.equal(results?.length, 1);
  return results[0]!;
};
const where = (s: Statement) => [
  s.SourcePolicyId,
  s.SourcePolicyType,
  s.StartPosition?.Line,
  s.StartPosition?.Column,
  s.EndPosition?.Line,
  s.EndPosition?.Column,
];
/** 1-based column just after the first occurrence of `needle` (from `from`) in a one-line text. */
const after1 = (text: string, needle: string, from = 0) => text.indexOf(needle, from) + needle.length + 1;

suite('IAM policy simulator (SDK v3)', () => {
  before(async () => {
    server = await startTestServer();
    iam = iamClient(server.url, server.admin);
    acct = server.accountId;
  });
  after(async () => {
    iam?.destroy();
    await server?.close();
  });

  suite('SimulateCustomPolicy decisions', () => {
    test('allowed: the AWS CLI example, with its recorded positions (1:38–1:167)', async () => {
      const r = one(
        (
          await custom({
            PolicyInputList: [DYNAMO_AFTER_2018],
            ActionNames: ['dynamodb:CreateBackup'],
            ContextEntries: [{ ContextKeyName: 'aws:CurrentTime', ContextKeyValues: ['2019-04-25T11:00:00Z'], ContextKeyType: 'date' }],
          })
        ).EvaluationResults,
      );
      assert.equal(r.EvalActionName, 'dynamodb:CreateBackup');
      assert.equal(r.EvalResourceName, '*');
      assert.equal(r.EvalDecision, 'allowed');
      assert.deepEqual(r.MatchedStatements!.map(where), [['PolicyInputList.1', 'IAM Policy', 1, 38, 1, 167]]);
      assert.deepEqual(r.MissingContextValues, []);
      assert.deepEqual(r.OrganizationsDecisionDetail, { AllowedByOrganizations: true });
      assert.equal(r.EvalDecisionDetails, undefined, 'not returned for the * resource');
      assert.equal(r.ResourceSpecificResults, undefined);
      assert.equal(r.PermissionsBoundaryDecisionDetail, undefined);
    });

    test('a context entry changes the decision (the example with an earlier date is implicitDeny, nothing matched)', async () => {
      const r = one(
        (
          await custom({
            PolicyInputList: [DYNAMO_AFTER_2018],
            ActionNames: ['dynamodb:CreateBackup'],
            ContextEntries: [{ ContextKeyName: 'aws:CurrentTime', ContextKeyValues: ['2014-04-25T11:00:00Z'], ContextKeyType: 'date' }],
          })
        ).EvaluationResults,
      );
      assert.equal(r.EvalDecision, 'implicitDeny');
      assert.deepEqual(r.MatchedStatements, []);
      assert.deepEqual(r.MissingContextValues, []);
    });

    test('explicitDeny lists the Deny, then the Allow it overrides; statements of an array start after the previous token', async () => {
      const doc = compact([allow('s3:*'), deny('s3:DeleteObject')]);
      const { EvaluationResults } = await custom({
        PolicyInputList: [doc],
        ActionNames: ['s3:DeleteObject', 's3:GetObject', 'ec2:RunInstances'],
      });
      assert.equal(EvaluationResults?.length, 3);
      const [del, get, run] = EvaluationResults;
      const firstStart = after1(doc, '"Statement":[');
      const firstEnd = doc.indexOf('},{') + 2;
      const secondEnd = doc.lastIndexOf('}]') + 2;
      assert.equal(firstStart, 38);
      assert.equal(del!.EvalDecision, 'explicitDeny');
      assert.deepEqual(del!.MatchedStatements!.map(where), [
        ['PolicyInputList.1', 'IAM Policy', 1, firstEnd, 1, secondEnd],
        ['PolicyInputList.1', 'IAM Policy', 1, firstStart, 1, firstEnd],
      ]);
      assert.equal(get!.EvalDecision, 'allowed');
      assert.deepEqual(get!.MatchedStatements!.map(where), [['PolicyInputList.1', 'IAM Policy', 1, firstStart, 1, firstEnd]]);
      assert.equal(run!.EvalDecision, 'implicitDeny');
      assert.deepEqual(run!.MatchedStatements, []);
    });

    test('positions in a pretty-printed policy span lines (json.dumps-style spacing starts at column 41)', async () => {
      const pretty = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Read', ...allow('s3:GetObject') }] }, null, 2);
      const r = one((await custom({ PolicyInputList: [pretty], ActionNames: ['s3:GetObject'] })).EvaluationResults);
      // Line 3 is `  "Statement": [` (the [ at column 16); the statement's } is on line 9 at column 5.
      assert.deepEqual(r.MatchedStatements!.map(where), [['PolicyInputList.1', 'IAM Policy', 3, 17, 9, 6]]);
      const spaced = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]}';
      const s = one((await custom({ PolicyInputList: [spaced], ActionNames: ['s3:PutObject'] })).EvaluationResults);
      assert.deepEqual(s.MatchedStatements!.map(where), [['PolicyInputList.1', 'IAM Policy', 1, 41, 1, spaced.length - 1]]);
    });

    test('several input policies: SourcePolicyId numbers them from 1; every applicable Allow is listed', async () => {
      const r = one(
        (
          await custom({
            PolicyInputList: [compact(allow('sqs:*')), compact(allow('s3:Get*')), compact(allow('s3:GetObject'))],
            ActionNames: ['s3:GetObject'],
          })
        ).EvaluationResults,
      );
      assert.equal(r.EvalDecision, 'allowed');
      assert.deepEqual(
        r.MatchedStatements!.map((s) => s.SourcePolicyId),
        ['PolicyInputList.2', 'PolicyInputList.3'],
      );
    });
  });

  suite('context entries and missing context values', () => {
    const tagged = compact(
      allow('ec2:StartInstances', '*', {
        Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] }, NumericLessThan: { 'ec2:Count': '5' } },
      }),
    );

    test('list types become multivalued keys; numeric values compare as numbers', async () => {
      const run = async (keys: string[], count: string) =>
        one(
          (
            await custom({
              PolicyInputList: [tagged],
              ActionNames: ['ec2:StartInstances'],
              ContextEntries: [
                { ContextKeyName: 'aws:TagKeys', ContextKeyValues: keys, ContextKeyType: 'stringList' },
                { ContextKeyName: 'ec2:Count', ContextKeyValues: [count], ContextKeyType: 'numeric' },
              ],
            })
          ).EvaluationResults,
        ).EvalDecision;
      assert.equal(await run(['env', 'team'], '4'), 'allowed');
      assert.equal(await run(['env'], '4'), 'implicitDeny');
      assert.equal(await run(['team'], '10'), 'implicitDeny');
    });

    test('keys the policies read and the request lacks are MissingContextValues (top level for *, per resource otherwise)', async () => {
      const r = one((await custom({ PolicyInputList: [tagged], ActionNames: ['ec2:StartInstances'] })).EvaluationResults);
      assert.equal(r.EvalDecision, 'implicitDeny');
      assert.deepEqual(r.MissingContextValues, ['aws:TagKeys', 'ec2:Count']);

      const arn = `arn:aws:ec2:us-east-1:${acct}:instance/i-1`;
      const withArn = one(
        (
          await custom({
            PolicyInputList: [tagged],
            ActionNames: ['ec2:StartInstances'],
            ResourceArns: [arn],
            ContextEntries: [{ ContextKeyName: 'ec2:Count', ContextKeyValues: ['1'], ContextKeyType: 'numeric' }],
          })
        ).EvaluationResults,
      );
      assert.deepEqual(withArn.MissingContextValues, []);
      assert.deepEqual(withArn.EvalDecisionDetails, {}, 'present and empty for a resource in the same account');
      assert.deepEqual(withArn.ResourceSpecificResults, [
        { EvalResourceName: arn, EvalResourceDecision: 'implicitDeny', MatchedStatements: [], MissingContextValues: ['aws:TagKeys'] },
      ]);
    });

    test('policy variables resolve from context entries', async () => {
      const home = compact(allow('s3:GetObject', 'arn:aws:s3:::home/${aws:username}/*'));
      const run = async (user: string) =>
        one(
          (
            await custom({
              PolicyInputList: [home],
              ActionNames: ['s3:GetObject'],
              ResourceArns: ['arn:aws:s3:::home/alice/notes.txt'],
              ContextEntries: [{ ContextKeyName: 'aws:username', ContextKeyValues: [user], ContextKeyType: 'string' }],
            })
          ).EvaluationResults,
        ).EvalDecision;
      assert.equal(await run('alice'), 'allowed');
      assert.equal(await run('bob'), 'implicitDeny');
    });

    test('a scalar type with several values is InvalidInput', async () => {
      await rejects(
        custom({
          PolicyInputList: [tagged],
          ActionNames: ['ec2:StartInstances'],
          ContextEntries: [{ ContextKeyName: 'ec2:Count', ContextKeyValues: ['1', '2'], ContextKeyType: 'numeric' }],
        }),
        'InvalidInput',
        undefined,
        400,
      );
    });
  });

  suite('permissions boundaries', () => {
    test('PermissionsBoundaryPolicyInputList caps the identity policies; its detail says whether it allowed', async () => {
      const input = { PolicyInputList: [compact(allow('s3:*'))], PermissionsBoundaryPolicyInputList: [compact(allow('s3:Get*'))] };
      const { EvaluationResults } = await custom({ ...input, ActionNames: ['s3:GetObject', 's3:PutObject'] });
      const [get, put] = EvaluationResults!;
      assert.equal(get!.EvalDecision, 'allowed');
      assert.deepEqual(get!.PermissionsBoundaryDecisionDetail, { AllowedByPermissionsBoundary: true });
      assert.deepEqual(
        get!.MatchedStatements!.map((s) => s.SourcePolicyId),
        ['PolicyInputList.1', 'PermissionsBoundaryPolicyInputList.1'],
      );
      assert.equal(put!.EvalDecision, 'implicitDeny');
      assert.deepEqual(put!.PermissionsBoundaryDecisionDetail, { AllowedByPermissionsBoundary: false });
      assert.deepEqual(put!.MatchedStatements, []);
    });

    test('a Deny in the boundary is an explicit deny', async () => {
      const r = one(
        (
          await custom({
            PolicyInputList: [compact(allow('s3:*'))],
            PermissionsBoundaryPolicyInputList: [compact([allow('*'), deny('s3:DeleteObject')])],
            ActionNames: ['s3:DeleteObject'],
          })
        ).EvaluationResults,
      );
      assert.equal(r.EvalDecision, 'explicitDeny');
      assert.deepEqual(r.MatchedStatements![0]!.SourcePolicyId, 'PermissionsBoundaryPolicyInputList.1');
    });

    test('more than one boundary is InvalidInput', async () => {
      await rejects(
        custom({
          PolicyInputList: [compact(allow('s3:*'))],
          PermissionsBoundaryPolicyInputList: [compact(allow('*')), compact(allow('*'))],
          ActionNames: ['s3:GetObject'],
        }),
        'InvalidInput',
        'The list of Permissions Boundary policies cannot exceed 1 items.',
      );
    });
  });

  suite('SimulatePrincipalPolicy sources', () => {
    before(async () => {
      await iam.send(new CreateUserCommand({ UserName: 'sim-alice' }));
      await iam.send(
        new PutUserPolicyCommand({ UserName: 'sim-alice', PolicyName: 'sqs-send', PolicyDocument: compact(allow('sqs:SendMessage')) }),
      );
      await iam.send(new AttachUserPolicyCommand({ UserName: 'sim-alice', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
      await iam.send(new CreateGroupCommand({ GroupName: 'sim-auditors' }));
      await iam.send(
        new PutGroupPolicyCommand({
          GroupName: 'sim-auditors',
          PolicyName: 'no-delete',
          PolicyDocument: compact(deny('s3:DeleteBucket', '*', { Sid: 'NoDelete' })),
        }),
      );
      await iam.send(new AddUserToGroupCommand({ GroupName: 'sim-auditors', UserName: 'sim-alice' }));
      await iam.send(
        new CreateRoleCommand({
          RoleName: 'sim-role',
          AssumeRolePolicyDocument: compact({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
        }),
      );
      await iam.send(
        new PutRolePolicyCommand({
          RoleName: 'sim-role',
          PolicyName: 'put-objects',
          PolicyDocument: '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]}',
        }),
      );
    });

    test("a user: its inline and attached policies and its groups'; managed policies are named by their policy name", async () => {
      const { EvaluationResults } = await principal({
        PolicySourceArn: `arn:aws:iam::${acct}:user/sim-alice`,
        ActionNames: ['sqs:SendMessage', 's3:DeleteBucket'],
      });
      const [send, del] = EvaluationResults!;
      assert.equal(send!.EvalDecision, 'allowed');
      // A lone statement object starts after its own {, ends after its }; AdministratorAccess is
      // stored with 4-space indentation: `    "Statement": [` on line 3, the statement's } on line 8.
      assert.deepEqual(send!.MatchedStatements!.map(where), [
        ['sqs-send', 'IAM Policy', 1, 38, 1, compact(allow('sqs:SendMessage')).length],
        ['AdministratorAccess', 'IAM Policy', 3, 19, 8, 10],
      ]);
      assert.equal(del!.EvalDecision, 'explicitDeny');
      assert.deepEqual(
        del!.MatchedStatements!.map((s) => s.SourcePolicyId),
        ['no-delete', 'AdministratorAccess'],
      );
    });

    test("PolicyInputList adds policies; the user's attached boundary applies unless the input overrides it", async () => {
      await iam.send(new CreateUserCommand({ UserName: 'sim-bounded' }));
      await iam.send(new PutUserPolicyCommand({ UserName: 'sim-bounded', PolicyName: 'all', PolicyDocument: compact(allow('*')) }));
      await iam.send(
        new PutUserPermissionsBoundaryCommand({
          UserName: 'sim-bounded',
          PermissionsBoundary: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
        }),
      );
      const arn = `arn:aws:iam::${acct}:user/sim-bounded`;
      const base = one((await principal({ PolicySourceArn: arn, ActionNames: ['s3:PutObject'] })).EvaluationResults);
      assert.equal(base.EvalDecision, 'implicitDeny');
      assert.deepEqual(base.PermissionsBoundaryDecisionDetail, { AllowedByPermissionsBoundary: false });

      const read = one((await principal({ PolicySourceArn: arn, ActionNames: ['s3:GetObject'] })).EvaluationResults);
      assert.deepEqual(
        read.MatchedStatements!.map((s) => s.SourcePolicyId),
        ['all', 'AmazonS3ReadOnlyAccess'],
      );

      const overridden = one(
        (
          await principal({
            PolicySourceArn: arn,
            ActionNames: ['s3:PutObject'],
            PermissionsBoundaryPolicyInputList: [compact(allow('s3:*'))],
          })
        ).EvaluationResults,
      );
      assert.equal(overridden.EvalDecision, 'allowed');
      const extraDeny = one(
        (await principal({ PolicySourceArn: arn, ActionNames: ['s3:GetObject'], PolicyInputList: [compact(deny('s3:GetObject'))] }))
          .EvaluationResults,
      );
      assert.equal(extraDeny.EvalDecision, 'explicitDeny');
      assert.equal(extraDeny.MatchedStatements![0]!.SourcePolicyId, 'PolicyInputList.1');
    });

    test('a group simulates its own policies only', async () => {
      const { EvaluationResults } = await principal({
        PolicySourceArn: `arn:aws:iam::${acct}:group/sim-auditors`,
        ActionNames: ['s3:DeleteBucket', 'sqs:SendMessage'],
      });
      const [del, send] = EvaluationResults!;
      assert.equal(del!.EvalDecision, 'explicitDeny');
      assert.deepEqual(
        del!.MatchedStatements!.map((s) => s.SourcePolicyId),
        ['no-delete'],
      );
      assert.equal(send!.EvalDecision, 'implicitDeny');
    });

    test('a role: the recorded case (inline s3:PutObject policy: PutObject allowed at 1:41, GetObjectVersion implicitDeny)', async () => {
      const { EvaluationResults, IsTruncated } = await principal({
        PolicySourceArn: `arn:aws:iam::${acct}:role/sim-role`,
        ActionNames: ['s3:PutObject', 's3:GetObjectVersion'],
      });
      assert.equal(IsTruncated, false);
      const [put, get] = EvaluationResults!;
      assert.equal(put!.EvalDecision, 'allowed');
      assert.deepEqual(put!.MatchedStatements!.map(where), [['put-objects', 'IAM Policy', 1, 41, 1, 103]]);
      assert.deepEqual(put!.OrganizationsDecisionDetail, { AllowedByOrganizations: true });
      assert.equal(get!.EvalDecision, 'implicitDeny');
      assert.deepEqual(get!.MatchedStatements, []);
    });

    test("GetContextKeysForPrincipalPolicy lists the keys of the entity's policies and PolicyInputList", async () => {
      await iam.send(new CreateUserCommand({ UserName: 'sim-keys' }));
      await iam.send(
        new PutUserPolicyCommand({
          UserName: 'sim-keys',
          PolicyName: 'mfa',
          PolicyDocument: compact(
            allow('s3:*', 'arn:aws:s3:::b/${aws:username}/*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
          ),
        }),
      );
      await iam.send(new AddUserToGroupCommand({ GroupName: 'sim-auditors', UserName: 'sim-keys' }));
      const { ContextKeyNames } = await iam.send(
        new GetContextKeysForPrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:iam::${acct}:user/sim-keys`,
          PolicyInputList: [
            compact(
              allow('ec2:*', '*', {
                Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, Bool: { 'aws:multifactorauthpresent': 'true' } },
              }),
            ),
          ],
        }),
      );
      assert.deepEqual(ContextKeyNames, ['aws:username', 'aws:MultiFactorAuthPresent', 'aws:SourceIp']);
    });
  });

  suite('resource policies', () => {
    const bucket = 'arn:aws:s3:::sim-bucket';
    const caller = () => `arn:aws:iam::${acct}:user/sim-caller`;

    test('a resource policy naming the caller allows on its own in the same account', async () => {
      const rp = compact({ Effect: 'Allow', Principal: { AWS: caller() }, Action: 's3:GetObject', Resource: `${bucket}/*` });
      const r = one(
        (
          await custom({
            PolicyInputList: [compact(allow('sqs:*'))],
            ResourcePolicy: rp,
            CallerArn: caller(),
            ActionNames: ['s3:GetObject'],
            ResourceArns: [`${bucket}/k`],
          })
        ).EvaluationResults,
      );
      assert.equal(r.EvalDecision, 'allowed');
      assert.deepEqual(r.MatchedStatements!.map(where), [['ResourcePolicy', 'Resource Policy', 1, 38, 1, rp.length]]);
      assert.equal(r.ResourceSpecificResults![0]!.EvalResourceDecision, 'allowed');
    });

    test('a Deny in the resource policy overrides the identity Allow; both are listed (recorded shape)', async () => {
      const rp = compact({ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `${bucket}/*` });
      const r = one(
        (
          await custom({
            PolicyInputList: [compact(allow('s3:*'))],
            ResourcePolicy: rp,
            CallerArn: caller(),
            ActionNames: ['s3:DeleteObject'],
            ResourceArns: [`${bucket}/k`],
          })
        ).EvaluationResults,
      );
      assert.equal(r.EvalDecision, 'explicitDeny');
      assert.deepEqual(
        r.MatchedStatements!.map((s) => [s.SourcePolicyId, s.SourcePolicyType]),
        [
          ['ResourcePolicy', 'Resource Policy'],
          ['PolicyInputList.1', 'IAM Policy'],
        ],
      );
    });

    test('cross-account (ResourceOwner): both sides must allow; EvalDecisionDetails gives each side', async () => {
      const other = '210987654321';
      const input = {
        PolicyInputList: [compact(allow('s3:GetObject'))],
        CallerArn: caller(),
        ResourceOwner: `arn:aws:iam::${other}:root`,
        ActionNames: ['s3:GetObject'],
        ResourceArns: [`${bucket}/k`],
      };
      const denied = one(
        (
          await custom({
            ...input,
            ResourcePolicy: compact({
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${other}:root` },
              Action: 's3:GetObject',
              Resource: `${bucket}/*`,
            }),
          })
        ).EvaluationResults,
      );
      assert.equal(denied.EvalDecision, 'implicitDeny');
      assert.deepEqual(denied.EvalDecisionDetails, { 'IAM Policy': 'allowed', 'Resource Policy': 'implicitDeny' });
      const allowed = one(
        (
          await custom({
            ...input,
            ResourcePolicy: compact({ Effect: 'Allow', Principal: { AWS: acct }, Action: 's3:GetObject', Resource: `${bucket}/*` }),
          })
        ).EvaluationResults,
      );
      assert.equal(allowed.EvalDecision, 'allowed');
      assert.deepEqual(allowed.EvalDecisionDetails, { 'IAM Policy': 'allowed', 'Resource Policy': 'allowed' });
    });

    test('a trust policy as ResourcePolicy for sts:AssumeRole must name the caller', async () => {
      const trust = compact({ Effect: 'Allow', Principal: { AWS: caller() }, Action: 'sts:AssumeRole' });
      const role = `arn:aws:iam::${acct}:role/target`;
      const named = one(
        (
          await custom({
            PolicyInputList: [compact(allow('s3:*'))],
            ResourcePolicy: trust,
            CallerArn: caller(),
            ActionNames: ['sts:AssumeRole'],
            ResourceArns: [role],
          })
        ).EvaluationResults,
      );
      assert.equal(named.EvalDecision, 'allowed');
      const other = one(
        (
          await custom({
            PolicyInputList: [compact(allow('sts:AssumeRole'))],
            ResourcePolicy: trust,
            CallerArn: `arn:aws:iam::${acct}:user/someone-else`,
            ActionNames: ['sts:AssumeRole'],
            ResourceArns: [role],
          })
        ).EvaluationResults,
      );
      assert.equal(other.EvalDecision, 'implicitDeny', 'identity policies alone never let a caller assume a role');
    });

    test('CallerArn is needed with a ResourcePolicy unless the source is a user; it must be a user ARN', async () => {
      const rp = compact({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${bucket}/*` });
      await rejects(
        custom({ PolicyInputList: [compact(allow('s3:*'))], ResourcePolicy: rp, ActionNames: ['s3:GetObject'] }),
        'InvalidInput',
      );
      await rejects(
        principal({ PolicySourceArn: `arn:aws:iam::${acct}:role/sim-role`, ResourcePolicy: rp, ActionNames: ['s3:GetObject'] }),
        'InvalidInput',
      );
      const fromUser = one(
        (
          await principal({
            PolicySourceArn: `arn:aws:iam::${acct}:user/sim-alice`,
            ResourcePolicy: rp,
            ActionNames: ['s3:GetObject'],
            ResourceArns: [`${bucket}/k`],
          })
        ).EvaluationResults,
      );
      assert.equal(fromUser.EvalDecision, 'allowed');
      await rejects(
        custom({
          PolicyInputList: [compact(allow('s3:*'))],
          ResourcePolicy: rp,
          CallerArn: `arn:aws:iam::${acct}:role/sim-role`,
          ActionNames: ['s3:GetObject'],
        }),
        'InvalidInput',
      );
    });
  });

  suite('pagination', () => {
    test('MaxItems and Marker page over action × resource results, in order', async () => {
      const input = {
        PolicyInputList: [compact(allow('s3:Get*'))],
        ActionNames: ['s3:GetObject', 's3:PutObject', 's3:GetObjectAcl'],
        ResourceArns: ['arn:aws:s3:::a/1', 'arn:aws:s3:::a/2'],
      };
      const pages = await allPages((Marker) => custom({ ...input, MaxItems: 4, Marker }));
      assert.deepEqual(
        pages.map((p) => p.EvaluationResults!.length),
        [4, 2],
      );
      const all = pages.flatMap((p) => p.EvaluationResults!);
      assert.deepEqual(
        all.map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision]),
        [
          ['s3:GetObject', 'arn:aws:s3:::a/1', 'allowed'],
          ['s3:GetObject', 'arn:aws:s3:::a/2', 'allowed'],
          ['s3:PutObject', 'arn:aws:s3:::a/1', 'implicitDeny'],
          ['s3:PutObject', 'arn:aws:s3:::a/2', 'implicitDeny'],
          ['s3:GetObjectAcl', 'arn:aws:s3:::a/1', 'allowed'],
          ['s3:GetObjectAcl', 'arn:aws:s3:::a/2', 'allowed'],
        ],
      );
      const whole = await custom(input);
      assert.equal(whole.IsTruncated, false);
      assert.equal(whole.Marker, undefined);
      assert.equal(whole.EvaluationResults!.length, 6);
    });
  });

  suite('errors', () => {
    test("NoSuchEntity for a missing user, group or role, and for another account's entity", async () => {
      await rejects(
        principal({ PolicySourceArn: `arn:aws:iam::${acct}:user/nobody`, ActionNames: ['s3:GetObject'] }),
        'NoSuchEntity',
        'The user with name nobody cannot be found.',
        404,
      );
      await rejects(
        principal({ PolicySourceArn: `arn:aws:iam::${acct}:group/nogroup`, ActionNames: ['s3:GetObject'] }),
        'NoSuchEntity',
        'The group with name nogroup cannot be found.',
      );
      await rejects(
        principal({ PolicySourceArn: `arn:aws:iam::${acct}:role/path/norole`, ActionNames: ['s3:GetObject'] }),
        'NoSuchEntity',
        'The role with name norole cannot be found.',
      );
      await rejects(
        principal({ PolicySourceArn: 'arn:aws:iam::210987654321:user/sim-alice', ActionNames: ['s3:GetObject'] }),
        'NoSuchEntity',
      );
      await rejects(
        iam.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${acct}:user/nobody` })),
        'NoSuchEntity',
      );
    });

    test('InvalidInput for a PolicySourceArn that is not a user, group or role', async () => {
      await rejects(
        principal({ PolicySourceArn: `arn:aws:sts::${acct}:assumed-role/r/s`, ActionNames: ['s3:GetObject'] }),
        'InvalidInput',
        undefined,
        400,
      );
      await rejects(principal({ PolicySourceArn: `arn:aws:iam::${acct}:policy/p`, ActionNames: ['s3:GetObject'] }), 'InvalidInput');
      await rejects(
        custom({ PolicyInputList: [compact(allow('s3:*'))], ActionNames: ['s3:GetObject'], ResourceOwner: 'not-an-arn' }),
        'InvalidInput',
      );
    });

    test('MalformedPolicyDocument for a policy that does not parse or is not an identity policy', async () => {
      await rejects(
        custom({ PolicyInputList: ['{"Version":"2012-10-17","Statement":['], ActionNames: ['s3:GetObject'] }),
        'MalformedPolicyDocument',
        undefined,
        400,
      );
      await rejects(
        custom({
          PolicyInputList: [compact({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' })],
          ActionNames: ['s3:GetObject'],
        }),
        'MalformedPolicyDocument',
        'Policy document should not specify a principal.',
      );
      await rejects(
        iam.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: ['{"Statement": 1}'] })),
        'MalformedPolicyDocument',
      );
    });

    test('ActionNames is required; member constraints are ValidationError', async () => {
      await rejects(
        iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [compact(allow('s3:*'))] } as SimulateCustomPolicyCommandInput)),
        'MissingParameter',
      );
      await rejects(custom({ PolicyInputList: [compact(allow('s3:*'))], ActionNames: ['s3'] }), 'ValidationError');
      await rejects(custom({ PolicyInputList: [compact(allow('s3:*'))], ActionNames: ['s3:GetObject'], MaxItems: 0 }), 'ValidationError');
    });
  });

  suite('GetContextKeysForCustomPolicy', () => {
    test('the AWS CLI example: keys in document order (Resource variable, then the condition key)', async () => {
      const doc =
        '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2015-08-16T12:00:00Z"}}}}';
      const { ContextKeyNames } = await iam.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: [doc] }));
      assert.deepEqual(ContextKeyNames, ['aws:username', 'aws:CurrentTime']);
    });

    test('variables in condition values and defaults count; escapes and 2008-10-17 text do not', async () => {
      const current = compact(
        allow('s3:ListBucket', 'arn:aws:s3:::b', { Condition: { StringLike: { 's3:prefix': ["${aws:PrincipalTag/team, 'none'}/${*}"] } } }),
      );
      const legacy = JSON.stringify({ Version: '2008-10-17', Statement: [allow('s3:GetObject', 'arn:aws:s3:::b/${aws:userid}')] });
      const { ContextKeyNames } = await iam.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: [current, legacy] }));
      assert.deepEqual(ContextKeyNames, ['s3:prefix', 'aws:PrincipalTag/team']);
    });
  });

  suite('authorization', () => {
    test('iam:SimulatePrincipalPolicy is checked on the source ARN, iam:SimulateCustomPolicy on *', async () => {
      await iam.send(new CreateUserCommand({ UserName: 'sim-auditor' }));
      const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'sim-auditor' }));
      const auditor = iamClient(server.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
      try {
        const roleArn = `arn:aws:iam::${acct}:role/sim-role`;
        await rejects(
          auditor.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: roleArn, ActionNames: ['s3:PutObject'] })),
          'AccessDenied',
        );
        await iam.send(
          new PutUserPolicyCommand({
            UserName: 'sim-auditor',
            PolicyName: 'simulate',
            PolicyDocument: compact(allow('iam:SimulatePrincipalPolicy', roleArn)),
          }),
        );
        const r = await auditor.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: roleArn, ActionNames: ['s3:PutObject'] }));
        assert.equal(r.EvaluationResults![0]!.EvalDecision, 'allowed');
        await rejects(
          auditor.send(
            new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${acct}:user/sim-alice`, ActionNames: ['s3:PutObject'] }),
          ),
          'AccessDenied',
          /iam:SimulatePrincipalPolicy on resource: arn:aws:iam::\d{12}:user\/sim-alice/,
        );
        await rejects(
          auditor.send(new SimulateCustomPolicyCommand({ PolicyInputList: [compact(allow('*'))], ActionNames: ['s3:GetObject'] })),
          'AccessDenied',
          /on resource: \*/,
        );
      } finally {
        auditor.destroy();
      }
    });
  });
});
