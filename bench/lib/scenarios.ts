import { assumeRoleParams, type AssumeFixture } from './assume-fixture.js';
import { BENCH_GET_KEY, BENCH_OBJECT, BENCH_PUT_KEY, s3Template } from './s3-fixture.js';
import type { QueryTemplate } from './sign-query.js';

export const BENCH_REGION = 'us-east-1';
export const BENCH_ROLE_NAME = 'keysmith-bench-role';

/**
 * The servers a row can measure, each in its own process: keysmith (`keysmith serve`, one
 * process), keysmith with `--workers N` (node:cluster), moto's server, and the bare node:http
 * hello world (the ceiling); and `keysmith-audit-off`, one process started with
 * KEYSMITH_AUDIT=false, for the rows that show what auditing costs (run right after their
 * audit-on row).
 */
export type TargetId = 'hello' | 'keysmith' | 'keysmith-workers' | 'keysmith-audit-off' | 'moto';

/** Who signs: the bootstrap admin, the bench IAM user (AKIA…), that user's role session (ASIA… +
 *  token), or the admin's session of the s3:* role (the S3 rows). */
export type Caller = 'admin' | 'user' | 'session' | 's3-session';

/** What one row of the results measures. Each runs at every concurrency asked for (from `minConcurrency`). */
export interface Scenario {
  id: string;
  label: string;
  target: TargetId;
  service: 'iam' | 'sts' | 's3';
  caller: Caller;
  /** S3 rows: the object request (path-style `/keysmith-bench/KEY`); `params` is then unused. */
  s3?: { method: 'GET' | 'PUT'; key: string; body: string };
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

const S3_GET = { method: 'GET', key: BENCH_GET_KEY, body: '' } as const;
// PutObject overwrites one key with the same 4 KiB each time, so the store does not grow over a row.
const S3_PUT = { method: 'PUT', key: BENCH_PUT_KEY, body: BENCH_OBJECT } as const;
const S3_MIN_CONCURRENCY = 16;

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
    measures:
      'a bare node:http server that reads the body and answers a fixed 200: the most one Node process can serve through this load generator',
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
    measures:
      'an authorized read: SigV4, policy evaluation of the caller (admin, AdministratorAccess), a role read from SQLite, XML response',
    setup: (accountId) => [{ service: 'iam', params: createBenchRole(accountId) }],
  },
  {
    id: 'sts-get-caller-identity-session',
    label: 'STS GetCallerIdentity (session credentials)',
    target: 'keysmith',
    service: 'sts',
    caller: 'session',
    params: () => GET_CALLER_IDENTITY,
    measures:
      'GetCallerIdentity signed with temporary credentials (ASIA… key, X-Amz-Security-Token): the sealed session token opened and checked, no store read',
  },
  {
    id: 'sts-assume-role',
    label: 'STS AssumeRole (IAM user)',
    target: 'keysmith',
    service: 'sts',
    caller: 'user',
    params: assumeParams,
    measures:
      "AssumeRole signed by an IAM user: the role's trust policy and the user's identity policy evaluated, a session token sealed, temporary credentials minted",
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
    id: 's3-get-object',
    label: 'S3 GetObject 4 KiB (session credentials)',
    target: 'keysmith',
    service: 's3',
    caller: 's3-session',
    params: () => ({}),
    s3: S3_GET,
    measures:
      'GET of a 4 KiB object, signed with an s3:* role session: session token opened, identity policy decision (no bucket policy), object metadata from SQLite and bytes from disk, audit event',
    minConcurrency: S3_MIN_CONCURRENCY,
  },
  {
    id: 's3-get-object-audit-off',
    label: 'S3 GetObject 4 KiB (session credentials), audit off',
    target: 'keysmith-audit-off',
    service: 's3',
    caller: 's3-session',
    params: () => ({}),
    s3: S3_GET,
    measures: 'the GetObject row against a keysmith started with KEYSMITH_AUDIT=false, run right after it',
    comparesWith: 's3-get-object',
    minConcurrency: S3_MIN_CONCURRENCY,
  },
  {
    id: 's3-put-object',
    label: 'S3 PutObject 4 KiB (session credentials)',
    target: 'keysmith',
    service: 's3',
    caller: 's3-session',
    params: () => ({}),
    s3: S3_PUT,
    measures:
      'PUT of 4 KiB over one key (overwritten every time), signed with the session and x-amz-content-sha256: the payload hash checked as the body streams to disk, metadata written to SQLite, audit event',
    minConcurrency: S3_MIN_CONCURRENCY,
  },
  {
    id: 's3-put-object-audit-off',
    label: 'S3 PutObject 4 KiB (session credentials), audit off',
    target: 'keysmith-audit-off',
    service: 's3',
    caller: 's3-session',
    params: () => ({}),
    s3: S3_PUT,
    measures: 'the PutObject row against a keysmith started with KEYSMITH_AUDIT=false, run right after it',
    comparesWith: 's3-put-object',
    minConcurrency: S3_MIN_CONCURRENCY,
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

/** What the load worker signs and sends for a scenario on one server. */
export function scenarioTemplate(scenario: Scenario, fixture: AssumeFixture | undefined, host: string, port: number): QueryTemplate {
  if (scenario.s3) return s3Template(host, port, scenario.s3.method, scenario.s3.key, scenario.s3.body);
  if (scenario.service === 's3') throw new Error(`scenario ${scenario.id} has no S3 request`);
  return templateFor(scenario.service, scenario.params(fixture), host, port);
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
