/**
 * `npm run bench`: keysmith under load, measured from outside.
 *
 * Three processes: this runner; the server under test (`keysmith serve`, and a bare node:http
 * hello world as the ceiling); and a fresh load worker per row (bench/load-worker.ts). The runner
 * only orchestrates: it prepares data with signed requests, hands each row to a worker, and
 * reports. Nothing here asserts a timing; figures are printed and written to dist/bench-results.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { repoRoot } from '../test/support/paths.js';
import { startHelloChild, type HelloChild } from './lib/hello-child.js';
import { BENCH_ADMIN, startKeysmithChild, type KeysmithChild } from './lib/keysmith-child.js';
import { parseOptions, USAGE, type BenchOptions } from './lib/options.js';
import { runPolicyBenchIfPresent } from './lib/policy-bench-runner.js';
import { machineBusySeconds, processCpuSeconds } from './lib/proc-cpu.js';
import { contentionWarning, loadTable, notes, policySection, signingLine, type Row } from './lib/report.js';
import { runWorker } from './lib/run-worker.js';
import { waitForQuiet } from './lib/wait-quiet.js';
import { SCENARIOS, templateFor, type Scenario } from './lib/scenarios.js';
import { describeFailure, signedQuery } from './lib/signed-call.js';

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

interface Target {
  host: string;
  port: number;
  pid: number;
}

/** Creates what the scenarios read, then sends each scenario once; returns why a scenario cannot run. */
async function prepare(keysmith: KeysmithChild, scenarios: Scenario[]): Promise<Map<string, string>> {
  const blocked = new Map<string, string>();
  for (const s of scenarios) {
    if (s.target !== 'keysmith') continue;
    for (const call of s.setup?.(keysmith.accountId) ?? []) {
      const reply = await signedQuery(keysmith.host, keysmith.port, keysmith.admin, call.service, call.params);
      if (reply.status !== 200) {
        blocked.set(s.id, `set-up ${call.params['Action']} failed: ${describeFailure(reply)}`);
        break;
      }
    }
    if (blocked.has(s.id)) continue;
    const reply = await signedQuery(keysmith.host, keysmith.port, keysmith.admin, s.service, s.params);
    if (reply.status !== 200) blocked.set(s.id, `probe request failed: ${describeFailure(reply)}`);
  }
  return blocked;
}

async function measure(options: BenchOptions, scenario: Scenario, target: Target, concurrency: number, credentials: KeysmithChild['admin']): Promise<Row> {
  const row: Row = { scenario: scenario.id, label: scenario.label, concurrency };
  // Sampled when the worker says the warm-up is over, and again when its result arrives.
  let windowStart: { at: number; server?: number; busy?: number } | undefined;
  row.result = await runWorker(
    {
      host: target.host,
      port: target.port,
      template: templateFor(scenario.service, scenario.params, target.host, target.port),
      credentials,
      concurrency,
      warmupMs: options.warmupMs,
      durationMs: options.durationMs,
      maxRequests: options.maxRequests,
      signing: options.signing,
    },
    () => (windowStart = { at: performance.now(), server: processCpuSeconds(target.pid), busy: machineBusySeconds() }),
  );
  const server = processCpuSeconds(target.pid);
  const busy = machineBusySeconds();
  if (windowStart?.server !== undefined && server !== undefined) {
    const seconds = (performance.now() - windowStart.at) / 1000;
    const serverSeconds = server - windowStart.server;
    row.serverCpuPercent = (serverSeconds / seconds) * 100;
    if (windowStart.busy !== undefined && busy !== undefined) {
      const clientSeconds = (row.result.clientCpuPercent / 100) * (row.result.elapsedMs / 1000);
      row.otherCpuPercent = Math.max(0, ((busy - windowStart.busy - serverSeconds - clientSeconds) / seconds) * 100);
    }
  }
  return row;
}

async function main(): Promise<number> {
  const defaultOut = join(repoRoot, 'dist', 'bench-results.json');
  let options: BenchOptions;
  try {
    const parsed = parseOptions(process.argv.slice(2), defaultOut);
    if (parsed === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    options = parsed;
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const unknown = options.only.filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.id).join(', ')}\n`);
    return 2;
  }
  const scenarios = SCENARIOS.filter((s) => options.only.length === 0 || options.only.includes(s.id));
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: loadavg()[0],
  };
  const startedAt = new Date().toISOString();
  const rowCount = scenarios.length * options.concurrency.length;
  log(`${rowCount} rows × (${options.warmupMs / 1000} s warm-up + ${options.durationMs / 1000} s), ${machine.cpus} CPUs, Node ${machine.node}`);

  let keysmith: KeysmithChild | undefined;
  let hello: HelloChild | undefined;
  const rows: Row[] = [];
  try {
    if (scenarios.some((s) => s.target === 'hello')) hello = await startHelloChild();
    if (scenarios.some((s) => s.target === 'keysmith')) {
      keysmith = await startKeysmithChild();
      log(`keysmith serve (pid ${keysmith.pid}) healthy on ${keysmith.host}:${keysmith.port}`);
    }
    const blocked = keysmith ? await prepare(keysmith, scenarios) : new Map<string, string>();
    const credentials = keysmith?.admin ?? BENCH_ADMIN;
    for (const scenario of scenarios) {
      const target: Target | undefined = scenario.target === 'hello' ? hello : keysmith;
      for (const concurrency of options.concurrency) {
        const reason = blocked.get(scenario.id);
        if (reason !== undefined || target === undefined) {
          rows.push({ scenario: scenario.id, label: scenario.label, concurrency, note: `skipped: ${reason ?? 'no server'}` });
          continue;
        }
        if (options.quietWaitMs > 0) {
          const busy = await waitForQuiet(options.quietWaitMs);
          if (busy !== undefined && busy > 20) log(`machine still ${Math.round(busy)} % busy after waiting; measuring anyway`);
        }
        log(`${scenario.label} @ ${concurrency} …`);
        const row = await measure(options, scenario, target, concurrency, credentials);
        const r = row.result!;
        log(`  ${Math.round(r.requestsPerSecond)} req/s, p50 ${r.latencyMs.p50.toFixed(3)} ms, p99 ${r.latencyMs.p99.toFixed(3)} ms, ${r.errors} errors`);
        rows.push(row);
      }
    }
  } finally {
    await keysmith?.stop();
    await hello?.stop();
  }
  for (const row of rows) {
    const ceiling = rows.find((r) => r.scenario === 'hello' && r.concurrency === row.concurrency)?.result;
    if (row.result && ceiling && row.scenario !== 'hello') row.ofCeiling = row.result.requestsPerSecond / ceiling.requestsPerSecond;
  }

  let policy: Awaited<ReturnType<typeof runPolicyBenchIfPresent>> = { status: 'skipped', note: 'Policy-engine bench skipped (--no-policy).' };
  if (options.policy) {
    log('policy engine (in-process) …');
    policy = await runPolicyBenchIfPresent();
  }

  const out = [
    '',
    `## keysmith bench — ${startedAt}`,
    '',
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}.`,
    `Each row: ${options.warmupMs / 1000} s warm-up, then ${options.durationMs / 1000} s measured (at most ${options.maxRequests.toLocaleString('en-US')} requests), ` +
      'POST Query requests over keep-alive loopback connections from a separate load-worker process; concurrency = requests in flight = connections.',
    signingLine(rows),
    '',
    loadTable(rows),
    '',
    contentionWarning(rows, machine.cpus),
    '',
    ...notes(rows),
    '',
    '### Policy engine (in-process)',
    '',
    policySection(policy),
    '',
  ];
  process.stdout.write(out.join('\n') + '\n');

  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, JSON.stringify({ startedAt, machine, options, scenarios, rows, policy }, null, 2) + '\n');
  log(`raw results in ${relative(process.cwd(), options.out) || options.out}`);
  // Skipped rows and errors are reported, not failed on: a benchmark never asserts.
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
