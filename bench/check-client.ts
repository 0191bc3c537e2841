/**
 * `npm run bench -- --check-client`: before trusting a load generator's figures, check that it
 * counts what the servers answered — every response, by status, errors as errors — for both
 * clients (lean and node-http), through the same load-worker path as a benchmark row.
 *
 * Against the hello server, which also counts the requests it answered: plain 200s, error
 * statuses with AWS-style bodies, chunked bodies, Connection: close, and bodies framed by the
 * close. Against keysmith: a good signature (200), a wrong secret (403 SignatureDoesNotMatch), an
 * unknown action (400 InvalidAction), AssumeRole as an IAM user. Against moto (when it starts):
 * GetCallerIdentity with session credentials and AssumeRole.
 */
import { callerAccount, prepareAssumeFixture, type AssumeFixture } from './lib/assume-fixture.js';
import { startHelloChild } from './lib/hello-child.js';
import { httpCall } from './lib/http-call.js';
import { BENCH_ADMIN, startKeysmithChild } from './lib/keysmith-child.js';
import { markdownTable } from './lib/markdown.js';
import { startMotoChild } from './lib/moto-child.js';
import type { BenchOptions } from './lib/options.js';
import { runWorker } from './lib/run-worker.js';
import type { Credentials } from './lib/sign-query.js';
import { templateFor } from './lib/scenarios.js';
import type { ClientKind } from './lib/worker-protocol.js';

const REQUESTS = 3000;
const CONCURRENCY = 8;
const GET_CALLER_IDENTITY = { Action: 'GetCallerIdentity', Version: '2011-06-15' };

interface Case {
  name: string;
  host: string;
  port: number;
  path?: string;
  service: 'iam' | 'sts';
  params: Record<string, string>;
  credentials: Credentials;
  /** Responses by outcome key (status code) the client must report. */
  expect: Record<string, number>;
  /** An error description that must be among the samples. */
  sample?: string;
  /** Connections the client must have opened (when the server closes each one). */
  connects?: number;
  /** The hello server's own count of answered requests must grow by this much. */
  counted?: () => Promise<number>;
}

export async function runClientCheck(options: BenchOptions): Promise<number> {
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
  const hello = await startHelloChild();
  const keysmith = await startKeysmithChild();
  const moto = await startMotoChild(options.python).catch((error: unknown) => {
    log(`moto not checked: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return undefined;
  });
  const rows: string[][] = [];
  let failures = 0;
  try {
    const helloCount = async () => Number((await httpCall({ host: hello.host, port: hello.port, method: 'GET', path: '/_count' })).body);
    const onHello = (name: string, path: string, expect: Record<string, number>, extra: Partial<Case> = {}): Case => ({
      name: `hello ${name}`,
      host: hello.host,
      port: hello.port,
      path,
      service: 'sts',
      params: GET_CALLER_IDENTITY,
      credentials: BENCH_ADMIN,
      expect,
      counted: helloCount,
      ...extra,
    });
    const ks = { host: keysmith.host, port: keysmith.port, service: 'sts' as const };
    const ksFixture = await prepareAssumeFixture(keysmith, keysmith.admin, keysmith.accountId);
    let motoFixture: AssumeFixture | undefined;
    if (moto) motoFixture = await prepareAssumeFixture(moto, BENCH_ADMIN, await callerAccount(moto, BENCH_ADMIN));
    const cases: Case[] = [
      onHello('200', '/', { 200: REQUESTS }),
      onHello('503 + error body', '/status/503', { 503: REQUESTS }, { sample: 'HTTP 503 Hello503' }),
      onHello('chunked body', '/chunked', { 200: REQUESTS }),
      onHello('Connection: close', '/close', { 200: REQUESTS }, { connects: REQUESTS }),
      onHello('body ends at close', '/eof', { 200: REQUESTS }, { connects: REQUESTS }),
      { name: 'keysmith GetCallerIdentity', ...ks, params: GET_CALLER_IDENTITY, credentials: keysmith.admin, expect: { 200: REQUESTS } },
      {
        name: 'keysmith wrong secret',
        ...ks,
        params: GET_CALLER_IDENTITY,
        credentials: { ...keysmith.admin, secretAccessKey: 'not-the-secret' },
        expect: { 403: REQUESTS },
        sample: 'HTTP 403 SignatureDoesNotMatch',
      },
      {
        name: 'keysmith unknown action',
        ...ks,
        params: { Action: 'NoSuchAction', Version: '2011-06-15' },
        credentials: keysmith.admin,
        expect: { 400: REQUESTS },
        sample: 'HTTP 400 InvalidAction',
      },
      { name: 'keysmith AssumeRole (user)', ...ks, params: assume(ksFixture), credentials: ksFixture.user, expect: { 200: REQUESTS } },
      {
        name: 'keysmith GetCallerIdentity (session)',
        ...ks,
        params: GET_CALLER_IDENTITY,
        credentials: ksFixture.session,
        expect: { 200: REQUESTS },
      },
    ];
    if (moto && motoFixture) {
      const m = { host: moto.host, port: moto.port, service: 'sts' as const };
      cases.push(
        {
          name: 'moto GetCallerIdentity (session)',
          ...m,
          params: GET_CALLER_IDENTITY,
          credentials: motoFixture.session,
          expect: { 200: 1000 },
        },
        { name: 'moto AssumeRole (user)', ...m, params: assume(motoFixture), credentials: motoFixture.user, expect: { 200: 1000 } },
      );
    }
    for (const c of cases) {
      for (const client of ['lean', 'node-http'] as ClientKind[]) {
        const total = Object.values(c.expect).reduce((a, b) => a + b, 0);
        const before = await c.counted?.();
        const template = { ...templateFor(c.service, c.params, c.host, c.port), path: c.path ?? '/' };
        const result = await runWorker({
          host: c.host,
          port: c.port,
          template,
          credentials: c.credentials,
          concurrency: CONCURRENCY,
          warmupMs: 0,
          durationMs: 120_000,
          maxRequests: total,
          signing: 'fresh',
          poolSize: 1,
          client,
        });
        const counted = before === undefined ? undefined : (await c.counted!()) - before;
        const problems: string[] = [];
        const got = Object.entries(result.outcomes)
          .map(([k, n]) => `${k}: ${n}`)
          .join(', ');
        const want = Object.entries(c.expect)
          .map(([k, n]) => `${k}: ${n}`)
          .join(', ');
        if (got !== want) problems.push(`outcomes ${got} ≠ ${want}`);
        const wantErrors = Object.entries(c.expect).reduce((n, [k, v]) => n + (k === '200' ? 0 : v), 0);
        if (result.errors !== wantErrors) problems.push(`errors ${result.errors} ≠ ${wantErrors}`);
        if (result.requests !== total) problems.push(`requests ${result.requests} ≠ ${total}`);
        if (c.sample && !result.errorSamples.includes(c.sample))
          problems.push(`no sample '${c.sample}' in ${JSON.stringify(result.errorSamples)}`);
        if (c.connects !== undefined && result.connects !== c.connects) problems.push(`connections ${result.connects} ≠ ${c.connects}`);
        if (counted !== undefined && counted !== total) problems.push(`server answered ${counted} ≠ ${total}`);
        if (problems.length > 0) failures++;
        rows.push([
          c.name,
          client,
          want,
          got,
          String(result.errors),
          counted === undefined ? '–' : String(counted),
          String(result.connects),
          problems.length === 0 ? 'ok' : `**FAIL**: ${problems.join('; ')}`,
        ]);
        log(`${c.name} (${client}): ${problems.length === 0 ? 'ok' : problems.join('; ')}`);
      }
    }
  } finally {
    await hello.stop();
    await keysmith.stop();
    await moto?.stop();
  }
  process.stdout.write(
    [
      '',
      `## Load generator check — ${REQUESTS.toLocaleString('en-US')} requests per case (1,000 for moto), ${CONCURRENCY} in flight`,
      '',
      markdownTable(
        ['case', 'client', 'expected', 'counted by the client', 'errors', 'counted by the server', 'connections', 'verdict'],
        rows,
      ),
      '',
      failures === 0 ? 'Both clients counted every response exactly.' : `${failures} case(s) FAILED.`,
      '',
    ].join('\n'),
  );
  return failures === 0 ? 0 : 1;
}

function assume(fixture: AssumeFixture): Record<string, string> {
  return { Action: 'AssumeRole', Version: '2011-06-15', RoleArn: fixture.roleArn, RoleSessionName: 'keysmith-bench-check' };
}
