import {
  CreateServiceSpecificCredentialCommand,
  DeleteServiceSpecificCredentialCommand,
  ListServiceSpecificCredentialsCommand,
  UpdateServiceSpecificCredentialCommand,
} from '@aws-sdk/client-iam';
import { type LiveCase, adminUser, allow, liveSuite, type Scope, type Step } from '../support/live-context.js';

/**
 * The service-specific credential keys, live: iam:ServiceSpecificCredentialServiceName from the
 * request (Create) and from the credential named (Update, Delete), and
 * iam:ServiceSpecificCredentialAgeDays from Create's CredentialAgeDays.
 */
const createCredential = (user: string, service: string, days?: number): Step => ({
  does: `iam:CreateServiceSpecificCredential ${user} ${service}${days !== undefined ? ` ${days} days` : ''}`,
  run: (s) =>
    s.iam().send(new CreateServiceSpecificCredentialCommand({ UserName: s.fill(user), ServiceName: service, CredentialAgeDays: days })),
});

/** The id of the target's only credential for `service` (made by the admin in setup). */
async function credentialId(s: Scope, service: string): Promise<string> {
  const out = await s.world.iam.send(new ListServiceSpecificCredentialsCommand({ UserName: `${s.id}-target`, ServiceName: service }));
  const id = out.ServiceSpecificCredentials?.[0]?.ServiceSpecificCredentialId;
  if (!id) throw new Error(`no ${service} credential`);
  return id;
}

const updateCredential = (service: string): Step => ({
  does: `iam:UpdateServiceSpecificCredential of the ${service} credential`,
  run: async (s) =>
    s.iam().send(
      new UpdateServiceSpecificCredentialCommand({
        UserName: `${s.id}-target`,
        ServiceSpecificCredentialId: await credentialId(s, service),
        Status: 'Inactive',
      }),
    ),
});

const deleteCredential = (service: string): Step => ({
  does: `iam:DeleteServiceSpecificCredential of the ${service} credential`,
  run: async (s) =>
    s.iam().send(
      new DeleteServiceSpecificCredentialCommand({
        UserName: `${s.id}-target`,
        ServiceSpecificCredentialId: await credentialId(s, service),
      }),
    ),
});

async function targetWithCredentials(s: Scope): Promise<void> {
  await adminUser(s, '{{id}}-target');
  for (const service of ['codecommit.amazonaws.com', 'cassandra.amazonaws.com']) {
    await s.world.iam.send(new CreateServiceSpecificCredentialCommand({ UserName: `${s.id}-target`, ServiceName: service }));
  }
}

const NAME = 'iam:ServiceSpecificCredentialServiceName';

export const IAM_CERTS_CASES: readonly LiveCase[] = [
  {
    title: 'CreateServiceSpecificCredential only for CodeCommit',
    keys: [NAME],
    policy: [allow('iam:CreateServiceSpecificCredential', '*', { StringEquals: { [NAME]: 'codecommit.amazonaws.com' } })],
    setup: (s) => adminUser(s, '{{id}}-target'),
    allowed: createCredential('{{id}}-target', 'codecommit.amazonaws.com'),
    denied: createCredential('{{id}}-target', 'cassandra.amazonaws.com'),
  },
  {
    title: 'UpdateServiceSpecificCredential: the service of the credential named',
    keys: [NAME],
    policy: [
      allow('iam:ListServiceSpecificCredentials'),
      allow('iam:UpdateServiceSpecificCredential', '*', { StringEquals: { [NAME]: 'cassandra.amazonaws.com' } }),
    ],
    setup: targetWithCredentials,
    allowed: updateCredential('cassandra.amazonaws.com'),
    denied: updateCredential('codecommit.amazonaws.com'),
  },
  {
    title: 'DeleteServiceSpecificCredential: the service of the credential named',
    keys: [NAME],
    policy: [
      allow('iam:ListServiceSpecificCredentials'),
      allow('iam:DeleteServiceSpecificCredential', '*', { StringEquals: { [NAME]: 'codecommit.amazonaws.com' } }),
    ],
    setup: targetWithCredentials,
    allowed: deleteCredential('codecommit.amazonaws.com'),
    denied: deleteCredential('cassandra.amazonaws.com'),
  },
  {
    title: 'Bedrock API keys only when they expire within 30 days',
    keys: ['iam:ServiceSpecificCredentialAgeDays'],
    policy: [
      allow('iam:CreateServiceSpecificCredential', '*', { NumericLessThanEquals: { 'iam:ServiceSpecificCredentialAgeDays': '30' } }),
    ],
    setup: (s) => adminUser(s, '{{id}}-target'),
    allowed: createCredential('{{id}}-target', 'bedrock.amazonaws.com', 30),
    denied: createCredential('{{id}}-target', 'bedrock.amazonaws.com', 90),
  },
];

liveSuite('IAM keys (certs)', IAM_CERTS_CASES);
