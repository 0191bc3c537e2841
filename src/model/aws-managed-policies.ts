/**
 * The AWS-managed policies keysmith ships, under arn:aws:iam::aws:policy/…. They are code, not
 * rows: every account sees the same ones, as on AWS. ReadOnlyAccess is narrowed to the services
 * keysmith implements. CreateDate/UpdateDate are fixed so listings are stable.
 */
export interface AwsManagedPolicy {
  arn: string;
  policyName: string;
  policyId: string;
  path: string;
  description: string;
  defaultVersionId: string;
  document: string;
  createDate: number;
  updateDate: number;
}

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 4);
const created = Date.UTC(2015, 1, 6, 18, 39, 46);

const POLICIES: AwsManagedPolicy[] = [
  {
    policyName: 'AdministratorAccess',
    policyId: 'ANPAIWMBCKSKIEE64ZLYK',
    description: 'Provides full access to AWS services and resources.',
    defaultVersionId: 'v1',
    document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
  },
  {
    policyName: 'ReadOnlyAccess',
    policyId: 'ANPAILL3HVNFSB6DCOWYQ',
    description: 'Provides read-only access to AWS services and resources.',
    defaultVersionId: 'v1',
    document: doc([
      {
        Effect: 'Allow',
        Action: [
          'iam:Generate*',
          'iam:Get*',
          'iam:List*',
          'iam:Simulate*',
          's3:Describe*',
          's3:Get*',
          's3:List*',
          'sts:GetAccessKeyInfo',
          'sts:GetCallerIdentity',
          'sts:GetSessionToken',
          'cloudtrail:Describe*',
          'cloudtrail:Get*',
          'cloudtrail:List*',
          'cloudtrail:LookupEvents',
        ],
        Resource: '*',
      },
    ]),
  },
  {
    policyName: 'IAMFullAccess',
    policyId: 'ANPAI7XKCFMBPM3QQRRVQ',
    description: 'Provides full access to IAM via the AWS Management Console.',
    defaultVersionId: 'v1',
    document: doc([
      { Effect: 'Allow', Action: ['iam:*', 'organizations:DescribeAccount', 'organizations:DescribeOrganization'], Resource: '*' },
    ]),
  },
  {
    policyName: 'IAMReadOnlyAccess',
    policyId: 'ANPAJKSO7NDY4T57MWDSQ',
    description: 'Provides read only access to IAM via the AWS Management Console.',
    defaultVersionId: 'v1',
    document: doc([
      {
        Effect: 'Allow',
        Action: [
          'iam:GenerateCredentialReport',
          'iam:GenerateServiceLastAccessedDetails',
          'iam:Get*',
          'iam:List*',
          'iam:SimulateCustomPolicy',
          'iam:SimulatePrincipalPolicy',
        ],
        Resource: '*',
      },
    ]),
  },
  {
    policyName: 'AmazonS3FullAccess',
    policyId: 'ANPAIFIR6V6BVTRAHWINE',
    description: 'Provides full access to all buckets via the AWS Management Console.',
    defaultVersionId: 'v1',
    document: doc([{ Effect: 'Allow', Action: ['s3:*', 's3-object-lambda:*'], Resource: '*' }]),
  },
  {
    policyName: 'AmazonS3ReadOnlyAccess',
    policyId: 'ANPAIZTJ4DXE7G6AGAE6M',
    description: 'Provides read only access to all buckets via the AWS Management Console.',
    defaultVersionId: 'v1',
    document: doc([
      {
        Effect: 'Allow',
        Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'],
        Resource: '*',
      },
    ]),
  },
].map((p) => ({ ...p, arn: `arn:aws:iam::aws:policy/${p.policyName}`, path: '/', createDate: created, updateDate: created }));

const BY_ARN = new Map(POLICIES.map((p) => [p.arn, p]));

export function awsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  return BY_ARN.get(arn);
}

export function listAwsManagedPolicies(): readonly AwsManagedPolicy[] {
  return POLICIES;
}
