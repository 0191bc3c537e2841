import assert from 'node:assert/strict';
import {
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  type IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, type AssumeRoleCommandInput, type AssumeRoleCommandOutput, type STSClient } from '@aws-sdk/client-sts';
import type { Clock } from '../../src/kernel/clock.js';
import type { Credentials } from './sdk-clients.js';

/**
 * Shared set-up for the STS tests: a clock that follows real time but can be moved forward
 * (SDK clients sign with the real time, so small moves stay within SigV4's 15-minute skew, and
 * expiry is checked before the signature), and small builders for users, roles and policies.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}

export type Statement = Record<string, unknown>;

export function policyDoc(...statements: Statement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

export const allow = (action: string | string[], resource: string | string[] = '*', extra: Statement = {}): Statement => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...extra,
});

export const deny = (action: string | string[], resource: string | string[] = '*', extra: Statement = {}): Statement => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
  ...extra,
});

/** A trust statement letting `principal` (an ARN, an account id, or a list) call `actions`. */
export function trustDoc(
  principal: string | string[],
  actions: string | string[] = 'sts:AssumeRole',
  condition?: Record<string, unknown>,
): string {
  const st: Statement = { Effect: 'Allow', Principal: { AWS: principal }, Action: actions };
  if (condition) st.Condition = condition;
  return policyDoc(st);
}

export interface TestUser {
  name: string;
  arn: string;
  userId: string;
  creds: Credentials;
}

/** An IAM user with an access key and, optionally, an inline policy. */
export async function createUser(iam: IAMClient, name: string, inlinePolicy?: string): Promise<TestUser> {
  const user = (await iam.send(new CreateUserCommand({ UserName: name }))).User!;
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  if (inlinePolicy) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'inline', PolicyDocument: inlinePolicy }));
  return { name, arn: user.Arn!, userId: user.UserId!, creds: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } };
}

export interface TestRole {
  name: string;
  arn: string;
  roleId: string;
}

/** A role with a trust policy and, optionally, an inline permissions policy and managed policies. */
export async function createRole(
  iam: IAMClient,
  name: string,
  trust: string,
  options: { policy?: string; maxSessionDuration?: number; managed?: string[] } = {},
): Promise<TestRole> {
  const role = (
    await iam.send(
      new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust, MaxSessionDuration: options.maxSessionDuration }),
    )
  ).Role!;
  if (options.policy)
    await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'permissions', PolicyDocument: options.policy }));
  for (const arn of options.managed ?? []) await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: arn }));
  return { name, arn: role.Arn!, roleId: role.RoleId! };
}

export async function createManagedPolicy(iam: IAMClient, name: string, document: string): Promise<string> {
  return (await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: document }))).Policy!.Arn!;
}

/** AssumeRole and the temporary credentials it returned, ready for another client. */
export async function assume(sts: STSClient, input: AssumeRoleCommandInput): Promise<{ out: AssumeRoleCommandOutput; creds: Credentials }> {
  const out = await sts.send(new AssumeRoleCommand(input));
  const c = out.Credentials!;
  return { out, creds: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! } };
}

/** The service error an SDK v3 call raised: its code (error name), message and HTTP status. */
export async function awsError(promise: Promise<unknown>): Promise<{ code: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    return { code: e.Code ?? e.name ?? '', message: e.message ?? '', status: e.$metadata?.httpStatusCode };
  }
  assert.fail('the call succeeded; an AWS error was expected');
}

/** Asserts the call fails with `code`, and with `message` exactly (string) or matching (RegExp). */
export async function expectAwsError(promise: Promise<unknown>, code: string, message?: string | RegExp, status?: number): Promise<string> {
  const e = await awsError(promise);
  assert.equal(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
  if (typeof message === 'string') assert.equal(e.message, message);
  else if (message) assert.match(e.message, message);
  if (status !== undefined) assert.equal(e.status, status);
  return e.message;
}

/** AWS's AccessDenied text for sts:* on a role, with or without AWS's newer trailing reason. */
export function notAuthorized(callerArn: string, action: string, roleArn: string): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^User: ${esc(callerArn)} is not authorized to perform: ${esc(action)} on resource: ${esc(roleArn)}( .*)?$`);
}
