import { allow, liveSuite, type LiveCase, probe, serviceGrant, type Statement } from '../support/live-context.js';

/**
 * The service-role keys, live (docs/service-roles.md). Calls made *with* a session an AWS service
 * started — credentials a credential grant fetched from `/_keysmith/credentials`, as `keysmith
 * run` hands them to a program: EC2's ec2:SourceInstanceArn, ec2:RoleDelivery,
 * aws:Ec2InstanceSourceVpc and aws:Ec2InstanceSourcePrivateIPv4, Lambda's lambda:SourceFunctionArn
 * (IAM User Guide, global condition keys, "Properties of a role session").
 *
 * The keys of the *service's own* AssumeRole, in the role's trust policy: aws:SourceAccount,
 * aws:SourceArn (the confused-deputy protections AWS documents), aws:PrincipalServiceName,
 * aws:PrincipalIsAWSService. And iam:PassRole's iam:PassedToService and iam:AssociatedResourceArn,
 * in the identity policy of whoever creates the grant.
 */
const serviceTrust = (service: string, condition: Record<string, Record<string, unknown>>): Statement => ({
  Effect: 'Allow',
  Principal: { Service: service },
  Action: 'sts:AssumeRole',
  Condition: condition,
});

const BOTH_SERVICES: Statement = {
  Effect: 'Allow',
  Principal: { Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] },
  Action: 'sts:AssumeRole',
};

const SESSION_CASES: readonly LiveCase[] = [
  {
    title: 'an EC2 role session: the instance it was delivered to',
    keys: ['ec2:SourceInstanceArn'],
    caller: { kind: 'service', computeType: 'ec2' },
    ...probe(
      { ArnEquals: { 'ec2:SourceInstanceArn': '{{instanceArn}}' } },
      { ArnEquals: { 'ec2:SourceInstanceArn': 'arn:aws:ec2:us-east-1:{{account}}:instance/i-00000000000000000' } },
    ),
  },
  {
    title: 'an EC2 role session fetched with an IMDSv2 token: 2.0',
    keys: ['ec2:RoleDelivery'],
    caller: { kind: 'service', computeType: 'ec2' },
    ...probe({ NumericGreaterThanEquals: { 'ec2:RoleDelivery': '2.0' } }, { NumericLessThan: { 'ec2:RoleDelivery': '2.0' } }),
  },
  {
    title: 'an EC2 role session fetched without a token (IMDSv1): 1.0',
    keys: ['ec2:RoleDelivery'],
    caller: { kind: 'service', computeType: 'ec2', roleDelivery: '1.0' },
    ...probe({ NumericEquals: { 'ec2:RoleDelivery': '1.0' } }, { NumericGreaterThanEquals: { 'ec2:RoleDelivery': '2.0' } }),
  },
  {
    title: 'an EC2 role session: the instance’s VPC',
    keys: ['aws:Ec2InstanceSourceVpc'],
    caller: { kind: 'service', computeType: 'ec2' },
    ...probe(
      { StringEquals: { 'aws:Ec2InstanceSourceVpc': '{{vpcId}}' } },
      { StringEquals: { 'aws:Ec2InstanceSourceVpc': 'vpc-0000000000000000a' } },
    ),
  },
  {
    title: 'an EC2 role session: the instance’s private address',
    keys: ['aws:Ec2InstanceSourcePrivateIPv4'],
    caller: { kind: 'service', computeType: 'ec2' },
    ...probe(
      { IpAddress: { 'aws:Ec2InstanceSourcePrivateIPv4': '{{privateIp}}/32' } },
      { IpAddress: { 'aws:Ec2InstanceSourcePrivateIPv4': '192.168.0.0/16' } },
    ),
  },
  {
    title: 'absent for a Lambda session',
    keys: ['ec2:SourceInstanceArn'],
    absence: true,
    caller: { kind: 'service', computeType: 'lambda' },
    ...probe({ Null: { 'ec2:SourceInstanceArn': 'true' } }, { StringLike: { 'ec2:SourceInstanceArn': '*' } }),
  },
  {
    title: 'a Lambda execution-role session: the function',
    keys: ['lambda:SourceFunctionArn'],
    caller: { kind: 'service', computeType: 'lambda' },
    ...probe(
      { ArnEquals: { 'lambda:SourceFunctionArn': '{{functionArn}}' } },
      { ArnLike: { 'lambda:SourceFunctionArn': 'arn:aws:lambda:*:{{account}}:function:other' } },
    ),
  },
];

const TRUST_CASES: readonly LiveCase[] = [
  {
    title: 'the account of the compute (confused-deputy protection)',
    keys: ['aws:SourceAccount'],
    caller: { kind: 'service-trust' },
    role: {
      trust: [serviceTrust('lambda.amazonaws.com', { StringEquals: { 'aws:SourceAccount': '{{account}}' } })],
      wrongTrust: [serviceTrust('lambda.amazonaws.com', { StringEquals: { 'aws:SourceAccount': '{{otherAccount}}' } })],
    },
    allowed: serviceGrant('into a role trusting our account', 'lambda'),
    denied: serviceGrant('into a role trusting another account', 'lambda', { role: 'wrongRoleArn' }),
  },
  {
    title: 'the ARN of the compute (confused-deputy protection)',
    keys: ['aws:SourceArn'],
    caller: { kind: 'service-trust' },
    role: {
      trust: [
        serviceTrust('lambda.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:lambda:*:{{account}}:function:{{id}}-billing' } }),
      ],
    },
    allowed: serviceGrant('for the function the trust names', 'lambda', { members: { FunctionName: '{{id}}-billing' } }),
    denied: serviceGrant('for another function', 'lambda', { members: { FunctionName: '{{id}}-other' } }),
  },
  {
    title: 'the service principal',
    keys: ['aws:PrincipalServiceName'],
    caller: { kind: 'service-trust' },
    role: {
      trust: [
        {
          Effect: 'Allow',
          Principal: { Service: ['ecs-tasks.amazonaws.com', 'lambda.amazonaws.com'] },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:PrincipalServiceName': 'ecs-tasks.amazonaws.com' } },
        },
      ],
    },
    allowed: serviceGrant('by ECS', 'ecs'),
    denied: serviceGrant('by Lambda (trusted, but not the service the condition names)', 'lambda'),
  },
  {
    title: 'true for a service’s own AssumeRole',
    keys: ['aws:PrincipalIsAWSService'],
    caller: { kind: 'service-trust' },
    role: {
      trust: [serviceTrust('ecs-tasks.amazonaws.com', { Bool: { 'aws:PrincipalIsAWSService': 'true' } })],
      wrongTrust: [serviceTrust('ecs-tasks.amazonaws.com', { Bool: { 'aws:PrincipalIsAWSService': 'false' } })],
    },
    allowed: serviceGrant('into a role requiring true', 'ecs'),
    denied: serviceGrant('into a role requiring false', 'ecs', { role: 'wrongRoleArn' }),
  },
];

const PASS_ROLE_CASES: readonly LiveCase[] = [
  {
    title: 'the service the role is passed to',
    keys: ['iam:PassedToService'],
    role: { trust: [BOTH_SERVICES] },
    policy: [allow('iam:PassRole', '{{roleArn}}', { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } })],
    allowed: serviceGrant('to Lambda', 'lambda', { asCaller: true }),
    denied: serviceGrant('to ECS', 'ecs', { asCaller: true, role: 'roleArn' }),
  },
  {
    title: 'the instance the role is associated with (EC2)',
    keys: ['iam:AssociatedResourceArn'],
    role: { trust: [BOTH_SERVICES] },
    setup: async (s) => {
      const { AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand } = await import('@aws-sdk/client-iam');
      await s.world.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: `${s.id}-profile` }));
      await s.world.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: `${s.id}-profile`, RoleName: s.vars.role! }));
    },
    policy: [
      allow('iam:PassRole', '{{roleArn}}', { ArnLike: { 'iam:AssociatedResourceArn': 'arn:aws:ec2:us-east-1:{{account}}:instance/*' } }),
    ],
    allowed: serviceGrant('for an instance in us-east-1', 'ec2', { asCaller: true }),
    denied: serviceGrant('for an instance in eu-west-1', 'ec2', { asCaller: true, region: 'eu-west-1' }),
  },
];

liveSuite('service-role keys', [...SESSION_CASES, ...TRUST_CASES, ...PASS_ROLE_CASES]);
