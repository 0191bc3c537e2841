import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load-config.js';
import { createLogger } from '../src/platform/node-logger.js';
import { inProcessRequest, responseBytes } from '../src/server/edge/in-process-request.js';
import { startKeysmith } from '../src/server/start.js';
import { BENCH_ACCOUNT_ID, BENCH_ADMIN } from './lib/keysmith-child.js';
import { LeanQuerySigner } from './lib/lean-query-signer.js';
// scenarios.js before s3-fixture.js: the two import each other, and scenarios.js uses s3-fixture's
// constants at load time, so it must be the one entered first.
import './lib/scenarios.js';
import { BENCH_GET_KEY, BENCH_OBJECT, BENCH_PUT_KEY, prepareS3Fixture, s3Template } from './lib/s3-fixture.js';

/**
 * The S3 pipeline without sockets, as bench/pipeline-bench.ts does for Query: keysmith started in
 * this process (SQLite in a temp folder, default settings unless KEYSMITH_* variables say
 * otherwise), the S3 fixture made over HTTP (bench/lib/s3-fixture.ts: the s3:* role session, the
 * bucket, the 4 KiB object), then N GetObject or PutObject requests answered by `app.handle` one
 * after another, each freshly signed (PutObject's 4 KiB body hashed per request, as an SDK does).
 * Prints CPU µs per request of the whole process (all threads) and of the signing alone, so that
 * the difference is keysmith's. For profiling:
 * `node --cpu-prof dist/bench/s3-pipeline-bench.js get 30000`.
 *
 *   node dist/bench/s3-pipeline-bench.js [get|put] [count] [concurrency]
 *
 * With concurrency > 1 (default 1) that many requests are in flight at once, as over HTTP at
 * c=16: file I/O on the libuv pool then overlaps.
 */
/**
 * CPU time of this process's main thread alone, µs (Linux: /proc; undefined elsewhere): the rest
 * of the process's CPU is libuv's pool (file I/O, fsync), V8's helpers (GC) and the audit writer.
 */
function mainThreadCpu(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const kind = process.argv[2] ?? 'get';
  if (kind !== 'get' && kind !== 'put') throw new Error(`kind must be get or put, not ${kind}`);
  const count = Number(process.argv[3] ?? 20000);
  const concurrency = Number(process.argv[4] ?? 1);
  const dataDir = mkdtempSync(join(tmpdir(), 'keysmith-s3-pipeline-bench-'));
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
    const fixture = await prepareS3Fixture({ host: url.hostname, port: Number(url.port) }, BENCH_ADMIN, BENCH_ACCOUNT_ID);
    const host = 'keysmith.in-process';
    const template = kind === 'get' ? s3Template(host, 1, 'GET', BENCH_GET_KEY) : s3Template(host, 1, 'PUT', BENCH_PUT_KEY, BENCH_OBJECT);
    const signer = new LeanQuerySigner(template, fixture.session);
    const body = kind === 'put' ? Buffer.from(template.body) : undefined;
    const once = async () => {
      const headers = signer.sign(Date.now());
      const response = await keysmith.app.handle(
        inProcessRequest({
          method: template.method,
          url: template.path,
          headers: body ? { ...headers, 'content-length': String(body.length) } : headers,
          body,
        }),
      );
      const bytes = await responseBytes(response);
      if (response.status !== 200) throw new Error(`status ${response.status}: ${bytes.toString('utf8').slice(0, 300)}`);
      if (kind === 'get' && bytes.length !== BENCH_OBJECT.length) throw new Error(`GetObject answered ${bytes.length} bytes`);
    };
    const run = async (n: number) => {
      let next = 0;
      const slot = async () => {
        while (next < n) {
          next++;
          await once();
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, concurrency) }, slot));
    };
    await run(Math.min(3000, count));
    const signStart = process.cpuUsage();
    for (let i = 0; i < count; i++) signer.sign(Date.now());
    const signCpu = process.cpuUsage(signStart);
    const start = process.cpuUsage();
    const mainStart = mainThreadCpu();
    const wall = performance.now();
    await run(count);
    const elapsed = performance.now() - wall;
    // Let the audit writer (and libuv's file work) settle before reading the process's CPU.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cpu = process.cpuUsage(start);
    const mainEnd = mainThreadCpu();
    const mainThread =
      mainStart === undefined || mainEnd === undefined ? '' : `; main thread ${((mainEnd - mainStart) / count).toFixed(0)} incl. signing`;
    const perRequest = (cpu.user + cpu.system) / count;
    const signing = (signCpu.user + signCpu.system) / count;
    console.log(
      `s3-${kind} c=${concurrency}: ${count} requests, ${(count / (elapsed / 1000)).toFixed(0)} req/s in-process, ` +
        `${perRequest.toFixed(1)} µs CPU/request all threads (of which signing ${signing.toFixed(1)}; keysmith ≈ ${(perRequest - signing).toFixed(1)}; ` +
        `user ${(cpu.user / count).toFixed(1)}, system ${(cpu.system / count).toFixed(1)}${mainThread})`,
    );
  } finally {
    await keysmith.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
