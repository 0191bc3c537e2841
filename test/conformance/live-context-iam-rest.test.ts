import { CreateDelegationRequestCommand, GenerateOrganizationsAccessReportCommand } from '@aws-sdk/client-iam';
import { AssumeRootCommand, GetWebIdentityTokenCommand } from '@aws-sdk/client-sts';
import { type LiveCase, type Step, allow, liveSuite } from '../support/live-context.js';

/**
 * The input keys of the newer IAM and STS actions, live: CreateDelegationRequest's
 * iam:DelegationDuration, iam:NotificationChannel and iam:TemplateArn, GenerateOrganizationsAccessReport's
 * iam:OrganizationsPolicyId, AssumeRoot's sts:TaskPolicyArn, GetWebIdentityToken's
 * sts:DurationSeconds, sts:IdentityTokenAudience and sts:SigningAlgorithm. AssumeRoot and
 * GetWebIdentityToken never succeed in keysmith (no organization; outbound federation off): their
 * steps count the refusal that follows the permission check as "allowed".
 */

const TEMPLATE_A = 'arn:aws:iam::aws:policy-template/TemplateA';
const TEMPLATE_B = 'arn:aws:iam::aws:policy-template/TemplateB';

let workflow = 0;
const createDelegationRequest = (options: { duration?: number; channel?: string; template?: string } = {}): Step => ({
  does: `iam:CreateDelegationRequest ${JSON.stringify(options)}`,
  run: (s) =>
    s.iam().send(
      new CreateDelegationRequestCommand({
        Description: 'live case',
        Permissions: { PolicyTemplateArn: options.template ?? TEMPLATE_A },
        RequestorWorkflowId: `${s.id}-workflow-${++workflow}`,
        NotificationChannel: options.channel ?? 'arn:aws:sns:us-east-1:111122223333:partner-topic',
        SessionDuration: options.duration ?? 3600,
      }),
    ),
});

const generateReport = (policyId: string): Step => ({
  does: `iam:GenerateOrganizationsAccessReport ${policyId}`,
  run: (s) =>
    s.iam().send(new GenerateOrganizationsAccessReportCommand({ EntityPath: 'o-a1b2c3d4e5/r-f6g7', OrganizationsPolicyId: policyId })),
});

/** Runs `call`; a refusal of the operation itself (not of the policy) means the permission check passed. */
async function pastAuthorization(call: Promise<unknown>, refusal: RegExp): Promise<void> {
  try {
    await call;
  } catch (error) {
    if (refusal.test((error as Error).message)) return;
    throw error;
  }
}

const assumeRoot = (taskPolicyArn: string): Step => ({
  does: `sts:AssumeRoot with ${taskPolicyArn}`,
  run: (s) =>
    pastAuthorization(
      s.sts().send(new AssumeRootCommand({ TargetPrincipal: '111122223333', TaskPolicyArn: { arn: taskPolicyArn } })),
      /not the management account or a delegated administrator/,
    ),
});

const getWebIdentityToken = (input: { audience?: string[]; algorithm?: string; duration?: number }): Step => ({
  does: `sts:GetWebIdentityToken ${JSON.stringify(input)}`,
  run: (s) =>
    pastAuthorization(
      s.sts().send(
        new GetWebIdentityTokenCommand({
          Audience: input.audience ?? ['https://api.example.com'],
          SigningAlgorithm: input.algorithm ?? 'RS256',
          DurationSeconds: input.duration,
        }),
      ),
      /outbound web identity federation feature is not enabled/,
    ),
});

const REST_CASES: readonly LiveCase[] = [
  {
    title: 'CreateDelegationRequest for at most an hour',
    keys: ['iam:DelegationDuration'],
    policy: [allow('iam:CreateDelegationRequest', '*', { StringEquals: { 'iam:DelegationDuration': '3600' } })],
    allowed: createDelegationRequest({ duration: 3600 }),
    denied: createDelegationRequest({ duration: 7200 }),
  },
  {
    title: 'CreateDelegationRequest notifying the partner’s own topics only',
    keys: ['iam:NotificationChannel'],
    policy: [
      allow('iam:CreateDelegationRequest', '*', { StringLike: { 'iam:NotificationChannel': 'arn:aws:sns:*:111122223333:partner-*' } }),
    ],
    allowed: createDelegationRequest({ channel: 'arn:aws:sns:us-east-1:111122223333:partner-topic' }),
    denied: createDelegationRequest({ channel: 'arn:aws:sns:us-east-1:999999999999:other-topic' }),
  },
  {
    title: 'CreateDelegationRequest with one policy template',
    keys: ['iam:TemplateArn'],
    policy: [allow('iam:CreateDelegationRequest', '*', { ArnEquals: { 'iam:TemplateArn': TEMPLATE_A } })],
    allowed: createDelegationRequest({ template: TEMPLATE_A }),
    denied: createDelegationRequest({ template: TEMPLATE_B }),
  },
  {
    title: 'GenerateOrganizationsAccessReport for one SCP',
    keys: ['iam:OrganizationsPolicyId'],
    policy: [allow('iam:GenerateOrganizationsAccessReport', '*', { StringEquals: { 'iam:OrganizationsPolicyId': 'p-aaaaaaaa' } })],
    allowed: generateReport('p-aaaaaaaa'),
    denied: generateReport('p-bbbbbbbb'),
  },
  {
    title: 'AssumeRoot with one task policy',
    keys: ['sts:TaskPolicyArn'],
    policy: [
      allow('sts:AssumeRoot', '*', { ArnEquals: { 'sts:TaskPolicyArn': 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' } }),
    ],
    allowed: assumeRoot('arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials'),
    denied: assumeRoot('arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials'),
  },
  {
    title: 'GetWebIdentityToken for short-lived tokens',
    keys: ['sts:DurationSeconds'],
    policy: [allow('sts:GetWebIdentityToken', '*', { NumericLessThanEquals: { 'sts:DurationSeconds': '600' } })],
    allowed: getWebIdentityToken({ duration: 300 }),
    denied: getWebIdentityToken({ duration: 900 }),
  },
  {
    title: 'GetWebIdentityToken for known audiences only',
    keys: ['sts:IdentityTokenAudience'],
    policy: [
      allow('sts:GetWebIdentityToken', '*', { 'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': ['https://api.example.com'] } }),
    ],
    allowed: getWebIdentityToken({ audience: ['https://api.example.com'] }),
    denied: getWebIdentityToken({ audience: ['https://api.example.com', 'https://elsewhere.example'] }),
  },
  {
    title: 'GetWebIdentityToken signed with ES384 only',
    keys: ['sts:SigningAlgorithm'],
    policy: [allow('sts:GetWebIdentityToken', '*', { StringEquals: { 'sts:SigningAlgorithm': 'ES384' } })],
    allowed: getWebIdentityToken({ algorithm: 'ES384' }),
    denied: getWebIdentityToken({ algorithm: 'RS256' }),
  },
];

liveSuite('IAM keys (rest)', REST_CASES);
