import { httpCall, type HttpReply } from './http-call.js';
import { QuerySigner, type Credentials, type QueryTemplate } from './sign-query.js';
import { describeFailure, signedQuery } from './signed-call.js';
import { BENCH_REGION } from './scenarios.js';

export const BENCH_S3_ROLE_NAME = 'keysmith-bench-s3';
export const BENCH_BUCKET = 'keysmith-bench';
/** The object GetObject reads (put once by the set-up). */
export const BENCH_GET_KEY = 'get-4k';
/** The one key every PutObject overwrites (same bytes each time: the store does not grow). */
export const BENCH_PUT_KEY = 'put-4k';
export const BENCH_OBJECT_BYTES = 4096;

const IAM_VERSION = '2010-05-08';
const STS_VERSION = '2011-06-15';

/** 4 KiB of ASCII (so the body is exact as a string on every hop: IPC, latin1 wire bytes). */
export const BENCH_OBJECT: string = 'keysmith bench object, 4 KiB of ASCII. '
  .repeat(Math.ceil(BENCH_OBJECT_BYTES / 40))
  .slice(0, BENCH_OBJECT_BYTES);

export interface S3Fixture {
  roleArn: string;
  /** Temporary credentials (ASIA… + session token) of the s3:* role, assumed by the admin user. */
  session: Credentials;
}

export function s3Template(host: string, port: number, method: 'GET' | 'PUT', key: string, body = ''): QueryTemplate {
  return { service: 's3', region: BENCH_REGION, host: `${host}:${port}`, method, path: `/${BENCH_BUCKET}/${key}`, body };
}

/** One signed S3 request on a fresh connection (set-up and probes). */
export function signedS3(host: string, port: number, credentials: Credentials, template: QueryTemplate): Promise<HttpReply> {
  const headers = new QuerySigner(template, credentials).sign(Date.now());
  const method = template.method ?? 'POST';
  return httpCall({ host, port, method, path: template.path, headers, ...(method === 'GET' ? {} : { body: template.body }) });
}

/**
 * As the admin user: a role whose trust policy names the account and whose inline policy allows
 * s3:*, assumed once for session credentials; then, with those credentials, the bucket and the
 * 4 KiB object GetObject reads. Every S3 row is signed with that session.
 */
export async function prepareS3Fixture(server: { host: string; port: number }, admin: Credentials, accountId: string): Promise<S3Fixture> {
  const call = async (credentials: Credentials, service: 'iam' | 'sts', params: Record<string, string>) => {
    const reply = await signedQuery(server.host, server.port, credentials, service, params);
    if (reply.status !== 200) throw new Error(`${params['Action']} failed: ${describeFailure(reply)}`);
    return reply.body;
  };
  const roleArn = `arn:aws:iam::${accountId}:role/bench/${BENCH_S3_ROLE_NAME}`;
  const trust = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' }],
  };
  await call(admin, 'iam', {
    Action: 'CreateRole',
    Version: IAM_VERSION,
    RoleName: BENCH_S3_ROLE_NAME,
    Path: '/bench/',
    AssumeRolePolicyDocument: JSON.stringify(trust),
  });
  const s3All = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
  await call(admin, 'iam', {
    Action: 'PutRolePolicy',
    Version: IAM_VERSION,
    RoleName: BENCH_S3_ROLE_NAME,
    PolicyName: 's3-all',
    PolicyDocument: JSON.stringify(s3All),
  });
  const assumed = await call(admin, 'sts', {
    Action: 'AssumeRole',
    Version: STS_VERSION,
    RoleArn: roleArn,
    RoleSessionName: 'keysmith-bench-s3',
    DurationSeconds: '3600',
  });
  const session = {
    accessKeyId: xmlText(assumed, 'AccessKeyId'),
    secretAccessKey: xmlText(assumed, 'SecretAccessKey'),
    sessionToken: xmlText(assumed, 'SessionToken'),
  };
  const s3 = async (template: QueryTemplate, what: string) => {
    const reply = await signedS3(server.host, server.port, session, template);
    if (reply.status !== 200) throw new Error(`${what} failed: ${describeFailure(reply)}`);
  };
  await s3({ ...s3Template(server.host, server.port, 'PUT', ''), path: `/${BENCH_BUCKET}` }, 'CreateBucket');
  await s3(s3Template(server.host, server.port, 'PUT', BENCH_GET_KEY, BENCH_OBJECT), 'PutObject (the GetObject object)');
  return { roleArn, session };
}

function xmlText(xml: string, element: string): string {
  const m = new RegExp(`<${element}>([^<]*)</${element}>`).exec(xml);
  if (!m) throw new Error(`no <${element}> in the response: ${xml.slice(0, 300)}`);
  return m[1]!.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}
