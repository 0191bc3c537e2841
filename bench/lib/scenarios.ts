import { assumeRoleParams, type AssumeFixture } from './assume-fixture.js';
import type { QueryTemplate } from './sign-query.js';

export const BENCH_REGION = 'us-east-1';
export const BENCH_ROLE_NAME = 'keysmith-bench-role';

/**
 * The servers a row can measure, each in its own process: keysmith (`keysmith serve`, one
 * process), keysmith with `--workers N` (node:cluster), moto's server, and the bare node:http
 * hello world (the ceiling).
 */
export type TargetId = 'hello' | 'keysmith' | 'keysmith-workers' | 'moto';

/** Who signs: the bootstrap admin, the bench IAM user (AKIA…), or that user's role session (ASIA… + token). */
export type Caller = 'admin' | 'user' | 'session';

/** What one row of the results measures. Each runs at every concurrency asked for (from `minConcurrency`). */
export interface Scenario {
  id: string;
  label: string;
  target: TargetId;
  service: 'iam' | 'sts';
  caller: Caller;
  /** The Query parameters; the AssumeRole rows need the role the fixture made on that server. */
  params: (fixture: AssumeFixture | undefined) => Record<string, string>;
  /** One sentence for the report and docs/benchmarks.md. */
  measures: string;
  /** Signed calls (as the bootstrap admin) that create what the scenario reads, run once. */
  setup?: (accountId: string) => SetupCall[];
  /** The keysmith scenario this one is compared with (moto rows, the workers row). */
  comparesWith?: string;
  /** Rows below this concurrency are not run (more processes cannot help one request in flight). */
  minConcurrency?: number;
}

export interface SetupCall {
  service: 'iam' | 'sts';
  params: Record<string, string>;
}

const IAM_VERSION = '2010-05-08';
const STS_VERSION = '2011-06-15';
const GET_CALLER_IDENTITY = { Action: 'GetCallerIdentity', Version: STS_VERSION };

function assumeParams(fixture: AssumeFixture | undefined): Record<string, string> {
  if (!fixture) throw new Error('the AssumeRole fixture is missing');
  return assumeRoleParams(fixture.roleArn);
}

/** In run order. moto's rows come last: its AssumeRole keeps every session in a list that its
 *  GetCallerIdentity then scans, so moto's GetCallerIdentity row runs before its AssumeRole row. */
export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'hello',
    label: 'node:http hello world (ceiling)',
    target: 'hello',
    service: 'sts',
    caller: 'admin',
    // The same signed bytes as the STS row, so the client does exactly the same work.
    params: () => GET_CALLER_IDENTITY,
    measures: 'a bare node:http server that reads the body and answers a fixed 200: the most one Node process can serve through this load generator',
  },
  {
    id: 'sts-get-caller-identity',
    label: 'STS GetCallerIdentity (admin key)',
    target: 'keysmith',
    service: 'sts',
    caller: 'admin',
    params: () => GET_CALLER_IDENTITY,
    measures: 'the full pipeline without a policy decision or a store read: body, SigV4 verification (cached key lookup), XML response',
  },
  {
    id: 'iam-get-role',
    label: 'IAM GetRole',
    target: 'keysmith',
    service: 'iam',
    caller: 'admin',
    params: () => ({ Action: 'GetRole', Version: IAM_VERSION, RoleName: BENCH_ROLE_NAME }),
    measures: 'an authorized read: SigV4, policy evaluation of the caller (admin, AdministratorAccess), a role read from SQLite, XML response',
    setup: (accountId) => [{ service: 'iam', params: createBenchRole(accountId) }],
  },
  {
    id: 'sts-get-caller-identity-session',
    label: 'STS GetCallerIdentity (session credentials)',
    target: 'keysmith',
    service: 'sts',
    caller: 'session',
    params: () => GET_CALLER_IDENTITY,
    measures: 'GetCallerIdentity signed with temporary credentials (ASIA… key, X-Amz-Security-Token): the sealed session token opened and checked, no store read',
  },
  {
    id: 'sts-assume-role',
    label: 'STS AssumeRole (IAM user)',
    target: 'keysmith',
    service: 'sts',
    caller: 'user',
    params: assumeParams,
    measures: "AssumeRole signed by an IAM user: the role's trust policy and the user's identity policy evaluated, a session token sealed, temporary credentials minted",
  },
  {
    id: 'sts-assume-role-workers',
    label: 'STS AssumeRole (IAM user), --workers N',
    target: 'keysmith-workers',
    service: 'sts',
    caller: 'user',
    params: assumeParams,
    measures: 'the AssumeRole row against `keysmith serve --workers N` (node:cluster: N processes share the port)',
    comparesWith: 'sts-assume-role',
    minConcurrency: 2,
  },
  {
    id: 'moto-sts-get-caller-identity-session',
    label: 'moto: STS GetCallerIdentity (session credentials)',
    target: 'moto',
    service: 'sts',
    caller: 'session',
    params: () => GET_CALLER_IDENTITY,
    measures: "the same request against moto's server, with session credentials from moto's AssumeRole",
    comparesWith: 'sts-get-caller-identity-session',
  },
  {
    id: 'moto-sts-assume-role',
    label: 'moto: STS AssumeRole (IAM user)',
    target: 'moto',
    service: 'sts',
    caller: 'user',
    params: assumeParams,
    measures: "the same AssumeRole against moto's server (same user, key, role and policy, made through moto's IAM API)",
    comparesWith: 'sts-assume-role',
  },
];

export function formBody(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

export function templateFor(service: 'iam' | 'sts', params: Record<string, string>, host: string, port: number): QueryTemplate {
  return { service, region: BENCH_REGION, host: `${host}:${port}`, path: '/', body: formBody(params) };
}

/** The trust policy of the role GetRole reads: the bench account may assume it. */
export function benchTrustPolicy(accountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' }],
  });
}

function createBenchRole(accountId: string): Record<string, string> {
  return {
    Action: 'CreateRole',
    Version: IAM_VERSION,
    RoleName: BENCH_ROLE_NAME,
    Path: '/bench/',
    Description: 'Read by the GetRole benchmark',
    AssumeRolePolicyDocument: benchTrustPolicy(accountId),
  };
}
