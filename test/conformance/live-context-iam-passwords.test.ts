import {
  CreateLoginProfileCommand,
  DeleteLoginProfileCommand,
  GetLoginProfileCommand,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { type LiveCase, adminUser, allow, deny, liveSuite, type Step } from '../support/live-context.js';

/**
 * Console passwords live: the login-profile actions are authorized on the user's ARN, so the
 * target user's tags (aws:ResourceTag/, iam:ResourceTag/) and account (aws:ResourceAccount)
 * decide them. The area adds no condition key of its own (the Service Authorization Reference
 * lists none for these actions); these cases show the existing keys reach its calls.
 */

const PASSWORD = 'Keysmith-pass-1';

const createLoginProfile = (user: string): Step => ({
  does: `iam:CreateLoginProfile ${user}`,
  run: (s) => s.iam().send(new CreateLoginProfileCommand({ UserName: s.fill(user), Password: PASSWORD })),
});

const updateLoginProfile = (user: string): Step => ({
  does: `iam:UpdateLoginProfile ${user}`,
  run: (s) => s.iam().send(new UpdateLoginProfileCommand({ UserName: s.fill(user), PasswordResetRequired: true })),
});

const getLoginProfile = (user: string): Step => ({
  does: `iam:GetLoginProfile ${user}`,
  run: (s) => s.iam().send(new GetLoginProfileCommand({ UserName: s.fill(user) })),
});

const deleteLoginProfile = (user: string): Step => ({
  does: `iam:DeleteLoginProfile ${user}`,
  run: (s) => s.iam().send(new DeleteLoginProfileCommand({ UserName: s.fill(user) })),
});

/** Two users made by the admin, tagged team=dev and team=ops, each with a password when asked. */
async function devAndOps(s: Parameters<NonNullable<LiveCase['setup']>>[0], withPasswords: boolean): Promise<void> {
  for (const team of ['dev', 'ops']) {
    await adminUser(s, `{{id}}-${team}`, { tags: [{ Key: 'team', Value: team }] });
    if (withPasswords) await s.world.iam.send(new CreateLoginProfileCommand({ UserName: s.fill(`{{id}}-${team}`), Password: PASSWORD }));
  }
}

export const PASSWORD_CASES: readonly LiveCase[] = [
  {
    title: 'CreateLoginProfile only for users tagged team=dev',
    keys: ['aws:ResourceTag/'],
    policy: [allow('iam:CreateLoginProfile', '*', { StringEquals: { 'aws:ResourceTag/team': 'dev' } })],
    setup: (s) => devAndOps(s, false),
    allowed: createLoginProfile('{{id}}-dev'),
    denied: createLoginProfile('{{id}}-ops'),
  },
  {
    title: 'a Deny on iam:ResourceTag/team = ops stops UpdateLoginProfile of ops users only',
    keys: ['iam:ResourceTag/'],
    policy: [allow('iam:UpdateLoginProfile'), deny('iam:UpdateLoginProfile', '*', { StringEquals: { 'iam:ResourceTag/team': 'ops' } })],
    setup: (s) => devAndOps(s, true),
    allowed: updateLoginProfile('{{id}}-dev'),
    denied: updateLoginProfile('{{id}}-ops'),
  },
  {
    title: 'GetLoginProfile in this account; DeleteLoginProfile allowed only in another',
    keys: ['aws:ResourceAccount'],
    policy: [
      allow('iam:GetLoginProfile', '*', { StringEquals: { 'aws:ResourceAccount': '{{account}}' } }),
      allow('iam:DeleteLoginProfile', '*', { StringEquals: { 'aws:ResourceAccount': '{{otherAccount}}' } }),
    ],
    setup: (s) => devAndOps(s, true),
    allowed: getLoginProfile('{{id}}-dev'),
    denied: deleteLoginProfile('{{id}}-dev'),
  },
];

liveSuite('IAM keys (passwords)', PASSWORD_CASES);
