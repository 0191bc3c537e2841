import assert from 'node:assert/strict';
import { CreateAccessKeyCommand, CreateUserCommand, type IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { iamClient } from '../support/sdk-clients.js';

/**
 * A new IAM user with one inline policy and a client signed with its key: the identity-provider
 * suites check AccessDenied and resource-tag conditions through it.
 */
export async function userWithPolicy(url: string, admin: IAMClient, userName: string, policy: object): Promise<IAMClient> {
  await admin.send(new CreateUserCommand({ UserName: userName }));
  await admin.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: 'p', PolicyDocument: JSON.stringify(policy) }));
  const { AccessKey } = await admin.send(new CreateAccessKeyCommand({ UserName: userName }));
  assert.ok(AccessKey?.AccessKeyId && AccessKey.SecretAccessKey);
  return iamClient(url, { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey });
}

export const HEX40 = (c: string) => c.repeat(40);
