import type { QueryTemplate } from './sign-query.js';

export const BENCH_REGION = 'us-east-1';
export const BENCH_ROLE_NAME = 'keysmith-bench-role';

/** What one row of the results measures. Each runs at every concurrency asked for. */
export interface Scenario {
  id: string;
  label: string;
  target: 'keysmith' | 'hello';
  service: 'iam' | 'sts';
  params: Record<string, string>;
  /** One sentence for the report and docs/benchmarks.md. */
  measures: string;
  /** Signed calls (as the bootstrap admin) that create what the scenario reads, run once. */
  setup?: (accountId: string) => SetupCall[];
}

export interface SetupCall {
  service: 'iam' | 'sts';
  params: Record<string, string>;
}

const IAM_VERSION = '2010-05-08';
const STS_VERSION = '2011-06-15';

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'hello',
    label: 'node:http hello world (ceiling)',
    target: 'hello',
    service: 'sts',
    // The same signed bytes as the STS row, so the client does exactly the same work.
    params: { Action: 'GetCallerIdentity', Version: STS_VERSION },
    measures: 'a bare node:http server that reads the body and answers a fixed 200: the most one Node process can serve through this load generator',
  },
  {
    id: 'sts-get-caller-identity',
    label: 'STS GetCallerIdentity',
    target: 'keysmith',
    service: 'sts',
    params: { Action: 'GetCallerIdentity', Version: STS_VERSION },
    measures: 'the full pipeline without a policy decision or a store read: body, SigV4 verification (cached key lookup), XML response',
  },
  {
    id: 'iam-get-role',
    label: 'IAM GetRole',
    target: 'keysmith',
    service: 'iam',
    params: { Action: 'GetRole', Version: IAM_VERSION, RoleName: BENCH_ROLE_NAME },
    measures: 'an authorized read: SigV4, policy evaluation of the caller (admin, AdministratorAccess), a role read from SQLite, XML response',
    setup: (accountId) => [{ service: 'iam', params: createBenchRole(accountId) }],
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
