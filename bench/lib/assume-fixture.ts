import type { Credentials } from './sign-query.js';
import { describeFailure, signedQuery } from './signed-call.js';

export const BENCH_CALLER_NAME = 'keysmith-bench-caller';
export const BENCH_ASSUMED_ROLE_NAME = 'keysmith-bench-assumed';
export const BENCH_SESSION_NAME = 'keysmith-bench';

const IAM_VERSION = '2010-05-08';
const STS_VERSION = '2011-06-15';

/** What the AssumeRole and session-credential scenarios need on one server. */
export interface AssumeFixture {
  roleArn: string;
  /** The IAM user's long-term key (AKIA…): signs AssumeRole. */
  user: Credentials;
  /** Temporary credentials (ASIA… + session token) from one AssumeRole: sign GetCallerIdentity. */
  session: Credentials;
}

export interface QueryServer {
  host: string;
  port: number;
}

/** The STS AssumeRole parameters every AssumeRole row sends. */
export function assumeRoleParams(roleArn: string): Record<string, string> {
  return { Action: 'AssumeRole', Version: STS_VERSION, RoleArn: roleArn, RoleSessionName: BENCH_SESSION_NAME, DurationSeconds: '3600' };
}

/**
 * Creates, with signed requests as the admin, an IAM user with an access key, a role whose trust
 * policy names the account (so both the trust policy and the user's identity policy must allow:
 * AWS's rule for a same-account trust that does not name the caller), and the user's inline policy
 * allowing sts:AssumeRole on it; then assumes the role once as the user for session credentials.
 * The same calls for keysmith and for moto (which accepts any signature but needs the entities).
 */
export async function prepareAssumeFixture(server: QueryServer, admin: Credentials, accountId: string): Promise<AssumeFixture> {
  const call = async (credentials: Credentials, service: 'iam' | 'sts', params: Record<string, string>) => {
    const reply = await signedQuery(server.host, server.port, credentials, service, params);
    if (reply.status !== 200) throw new Error(`${params['Action']} failed: ${describeFailure(reply)}`);
    return reply.body;
  };
  const roleArn = `arn:aws:iam::${accountId}:role/bench/${BENCH_ASSUMED_ROLE_NAME}`;
  await call(admin, 'iam', { Action: 'CreateUser', Version: IAM_VERSION, UserName: BENCH_CALLER_NAME, Path: '/bench/' });
  const keyXml = await call(admin, 'iam', { Action: 'CreateAccessKey', Version: IAM_VERSION, UserName: BENCH_CALLER_NAME });
  const user = { accessKeyId: xmlText(keyXml, 'AccessKeyId'), secretAccessKey: xmlText(keyXml, 'SecretAccessKey') };
  const trust = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' }],
  };
  await call(admin, 'iam', {
    Action: 'CreateRole',
    Version: IAM_VERSION,
    RoleName: BENCH_ASSUMED_ROLE_NAME,
    Path: '/bench/',
    AssumeRolePolicyDocument: JSON.stringify(trust),
  });
  const identity = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn }] };
  await call(admin, 'iam', {
    Action: 'PutUserPolicy',
    Version: IAM_VERSION,
    UserName: BENCH_CALLER_NAME,
    PolicyName: 'assume-bench-role',
    PolicyDocument: JSON.stringify(identity),
  });
  const assumed = await call(user, 'sts', assumeRoleParams(roleArn));
  const session = {
    accessKeyId: xmlText(assumed, 'AccessKeyId'),
    secretAccessKey: xmlText(assumed, 'SecretAccessKey'),
    sessionToken: xmlText(assumed, 'SessionToken'),
  };
  return { roleArn, user, session };
}

/** The account a server puts the caller in (GetCallerIdentity), e.g. moto's default 123456789012. */
export async function callerAccount(server: QueryServer, credentials: Credentials): Promise<string> {
  const reply = await signedQuery(server.host, server.port, credentials, 'sts', { Action: 'GetCallerIdentity', Version: STS_VERSION });
  if (reply.status !== 200) throw new Error(`GetCallerIdentity failed: ${describeFailure(reply)}`);
  return xmlText(reply.body, 'Account');
}

function xmlText(xml: string, element: string): string {
  const m = new RegExp(`<${element}>([^<]*)</${element}>`).exec(xml);
  if (!m) throw new Error(`no <${element}> in the response: ${xml.slice(0, 300)}`);
  return m[1]!.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}
