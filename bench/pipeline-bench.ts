import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load-config.js';
import { createLogger } from '../src/platform/node-logger.js';
import { inProcessRequest, responseBytes } from '../src/server/edge/in-process-request.js';
import { startKeysmith } from '../src/server/start.js';
import { assumeRoleParams, prepareAssumeFixture } from './lib/assume-fixture.js';
import { BENCH_ACCOUNT_ID, BENCH_ADMIN } from './lib/keysmith-child.js';
import { LeanQuerySigner } from './lib/lean-query-signer.js';
import { templateFor } from './lib/scenarios.js';

/**
 * The request pipeline without sockets: keysmith started in this process (SQLite in a temp folder,
 * default settings unless KEYSMITH_* variables say otherwise), the bench fixture made over HTTP,
 * then N requests of one kind answered by `app.handle` one after another, each freshly signed.
 * Prints CPU µs per request of the whole process (all threads: the audit writer's too) and of the
 * signing alone, so that the difference is keysmith's. For profiling the code rather than the
 * kernel: `node --cpu-prof dist/bench/pipeline-bench.js assume 50000`.
 *
 *   node dist/bench/pipeline-bench.js [assume|caller-session|caller-admin] [count]
 */
async function main(): Promise<void> {
  const kind = process.argv[2] ?? 'assume';
  const count = Number(process.argv[3] ?? 30000);
  const dataDir = mkdtempSync(join(tmpdir(), 'keysmith-pipeline-bench-'));
  const extra = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('KEYSMITH_'))) as Record<string, string>;
  const config = loadConfig([], {
    KEYSMITH_PORT: '0',
    KEYSMITH_DATA_DIR: dataDir,
    KEYSMITH_ACCOUNT_ID: BENCH_ACCOUNT_ID,
    KEYSMITH_ADMIN_ACCESS_KEY_ID: BENCH_ADMIN.accessKeyId,
    KEYSMITH_ADMIN_SECRET_ACCESS_KEY: BENCH_ADMIN.secretAccessKey,
    KEYSMITH_LOG_LEVEL: 'warn',
    ...extra,
  });
  const keysmith = await startKeysmith(config, { logger: createLogger('warn') });
  try {
    const url = new URL(keysmith.url);
    const fixture = await prepareAssumeFixture({ host: url.hostname, port: Number(url.port) }, BENCH_ADMIN, BENCH_ACCOUNT_ID);
    const host = 'keysmith.in-process:1';
    const [service, params, credentials] =
      kind === 'assume'
        ? (['sts', assumeRoleParams(fixture.roleArn), fixture.user] as const)
        : kind === 'caller-session'
          ? (['sts', { Action: 'GetCallerIdentity', Version: '2011-06-15' }, fixture.session] as const)
          : (['sts', { Action: 'GetCallerIdentity', Version: '2011-06-15' }, BENCH_ADMIN] as const);
    const template = templateFor(service, params, host.split(':')[0] ?? host, 1);
    const signer = new LeanQuerySigner(template, credentials);
    const body = Buffer.from(template.body);
    const once = async () => {
      const headers = signer.sign(Date.now());
      const response = await keysmith.app.handle(
        inProcessRequest({ method: 'POST', url: '/', headers: { ...headers, 'content-length': String(body.length) }, body }),
      );
      await responseBytes(response);
      if (response.status !== 200) throw new Error(`status ${response.status}`);
    };
    for (let i = 0; i < Math.min(5000, count); i++) await once();
    const signStart = process.cpuUsage();
    for (let i = 0; i < count; i++) signer.sign(Date.now());
    const signCpu = process.cpuUsage(signStart);
    const threadsBefore = threadCpu();
    const start = process.cpuUsage();
    const wall = performance.now();
    for (let i = 0; i < count; i++) await once();
    const elapsed = performance.now() - wall;
    // Let the audit writer catch up before reading the process's CPU.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cpu = process.cpuUsage(start);
    const perRequest = (cpu.user + cpu.system) / count;
    const threadsAfter = threadCpu();
    const perThread = [...threadsAfter]
      .map(([tid, { name, micros }]) => ({ tid, name, micros: (micros - (threadsBefore.get(tid)?.micros ?? 0)) / count }))
      .filter((t) => t.micros >= 1)
      .sort((a, b) => b.micros - a.micros);
    const signing = (signCpu.user + signCpu.system) / count;
    console.log(
      `${kind}: ${count} requests, ${(count / (elapsed / 1000)).toFixed(0)} req/s in-process, ` +
        `${perRequest.toFixed(1)} µs CPU/request all threads (of which signing ${signing.toFixed(1)}; keysmith ≈ ${(perRequest - signing).toFixed(1)})`,
    );
    for (const t of perThread)
      console.log(`  thread ${t.tid === process.pid ? 'main' : t.tid} (${t.name}): ${t.micros.toFixed(1)} µs/request`);
  } finally {
    await keysmith.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** CPU time of each thread of this process so far (Linux /proc), µs. */
function threadCpu(): Map<number, { name: string; micros: number }> {
  const ticks = 100; // USER_HZ: /proc times are in 1/100 s on Linux.
  const out = new Map<number, { name: string; micros: number }>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      const micros = ((Number(fields[11]) + Number(fields[12])) * 1e6) / ticks;
      out.set(Number(tid), { name: stat.slice(stat.indexOf('(') + 1, close), micros });
    }
  } catch {
    // Not Linux: no per-thread figures.
  }
  return out;
}

await main();
