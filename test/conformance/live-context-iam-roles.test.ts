import { CreateInstanceProfileCommand, CreateServiceLinkedRoleCommand, GetInstanceProfileCommand } from '@aws-sdk/client-iam';
import { type LiveCase, allow, liveSuite, type Step } from '../support/live-context.js';

/**
 * The keys of the instance-profile and service-linked-role actions, live: iam:AWSServiceName on
 * CreateServiceLinkedRole (from the request), and the tags of an instance profile (an IAM record)
 * as aws:ResourceTag/ on its actions.
 */

const createServiceLinkedRole = (service: string): Step => ({
  does: `iam:CreateServiceLinkedRole ${service}`,
  run: (s) => s.iam().send(new CreateServiceLinkedRoleCommand({ AWSServiceName: service })),
});

const getInstanceProfile = (name: string): Step => ({
  does: `iam:GetInstanceProfile ${name}`,
  run: (s) => s.iam().send(new GetInstanceProfileCommand({ InstanceProfileName: s.fill(name) })),
});

export const IAM_ROLES_CASES: readonly LiveCase[] = [
  {
    title: 'CreateServiceLinkedRole only for ecs.amazonaws.com',
    keys: ['iam:AWSServiceName'],
    policy: [allow('iam:CreateServiceLinkedRole', '*', { StringEquals: { 'iam:AWSServiceName': 'ecs.amazonaws.com' } })],
    allowed: createServiceLinkedRole('ecs.amazonaws.com'),
    denied: createServiceLinkedRole('eks.amazonaws.com'),
  },
  {
    title: 'GetInstanceProfile only on profiles tagged team=dev',
    keys: ['aws:ResourceTag/'],
    policy: [allow('iam:GetInstanceProfile', '*', { StringEquals: { 'aws:ResourceTag/team': 'dev' } })],
    setup: async (s) => {
      await s.world.iam.send(
        new CreateInstanceProfileCommand({ InstanceProfileName: `${s.id}-dev`, Tags: [{ Key: 'team', Value: 'dev' }] }),
      );
      await s.world.iam.send(
        new CreateInstanceProfileCommand({ InstanceProfileName: `${s.id}-ops`, Tags: [{ Key: 'team', Value: 'ops' }] }),
      );
    },
    allowed: getInstanceProfile('{{id}}-dev'),
    denied: getInstanceProfile('{{id}}-ops'),
  },
];

liveSuite('IAM keys (roles)', IAM_ROLES_CASES);
