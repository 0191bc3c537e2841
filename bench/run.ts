/**
 * `npm run bench`: keysmith under load, measured from outside.
 *
 * Three kinds of process: this runner; the servers under test (`keysmith serve` in one process
 * and with `--workers N`, moto's server, and a bare node:http hello world as the ceiling); and a
 * fresh load worker per row (bench/load-worker.ts). The runner only orchestrates: it prepares
 * data with signed requests, hands each row to a worker, and reports. Nothing here asserts a
 * timing; figures are printed and written to dist/bench-results.json.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { withServerNodeFlags } from '../src/server/node-flags.js';
import { repoRoot } from '../test/support/paths.js';
import { callerAccount, prepareAssumeFixture, type AssumeFixture } from './lib/assume-fixture.js';
import { runClientCheck } from './check-client.js';
import { profilesIn, profileSection, summariseProfile, type ProfileSummary } from './lib/cpu-profile.js';
import { startHelloChild } from './lib/hello-child.js';
import { BENCH_ADMIN, startKeysmithChild } from './lib/keysmith-child.js';
import { startMotoChild } from './lib/moto-child.js';
import { parseOptions, USAGE, type BenchOptions } from './lib/options.js';
import { runPolicyBenchIfPresent } from './lib/policy-bench-runner.js';
import { machineBusySeconds, processTree, treeCpuSeconds, treeRssMiB } from './lib/proc-cpu.js';
import {
  clientLine,
  comparisonTable,
  contentionWarning,
  loadTable,
  notes,
  policySection,
  signingLine,
  speedWarning,
  type Row,
} from './lib/report.js';
import { runWorker } from './lib/run-worker.js';
import type { Credentials } from './lib/sign-query.js';
import { waitForQuiet } from './lib/wait-quiet.js';
import { prepareS3Fixture, signedS3, type S3Fixture } from './lib/s3-fixture.js';
import { SCENARIOS, scenarioTemplate, type Scenario, type TargetId } from './lib/scenarios.js';
import { machineSpeedMs } from './lib/speed-probe.js';
import { describeFailure, signedQuery } from './lib/signed-call.js';

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
/** Other processes' CPU (% of one core) above which a row counts as disturbed (see --retry-busy). */
const BUSY_PERCENT = 15;

/** A running server and what the scenarios need from it. */
interface Target {
  id: TargetId;
  host: string;
  port: number;
  pid: number;
  accountId: string;
  admin: Credentials;
  fixture?: AssumeFixture;
  /** The s3:* role session, bucket and object of the S3 rows. */
  s3?: S3Fixture;
  /** keysmith's temp data folder (to see whether audit wrote anything). */
  dataDir?: string;
  stop(): Promise<void>;
}

async function startTarget(id: TargetId, options: BenchOptions, profileDir: string | undefined): Promise<Target> {
  switch (id) {
    case 'hello': {
      const hello = await startHelloChild();
      return { id, ...hello, accountId: '000000000000', admin: BENCH_ADMIN };
    }
    case 'keysmith':
    case 'keysmith-workers':
    case 'keysmith-audit-off': {
      const k = await startKeysmithChild({
        env: id === 'keysmith-audit-off' ? { ...options.keysmithEnv, KEYSMITH_AUDIT: 'false' } : options.keysmithEnv,
        nodeFlags: options.nodeFlags,
        ...(id === 'keysmith-workers' ? { workers: options.workers } : profileDir ? { cpuProfileDir: profileDir } : {}),
      });
      log(
        `keysmith serve${id === 'keysmith-workers' ? ` --workers ${options.workers}` : id === 'keysmith-audit-off' ? ' (KEYSMITH_AUDIT=false)' : ''} (pid ${k.pid}) healthy on ${k.host}:${k.port}`,
      );
      return { id, host: k.host, port: k.port, pid: k.pid, accountId: k.accountId, admin: k.admin, dataDir: k.dataDir, stop: k.stop };
    }
    case 'moto': {
      const moto = await startMotoChild(options.python);
      log(`moto server (pid ${moto.pid}) answering on ${moto.host}:${moto.port}`);
      // moto accepts any signature; its account is whatever it says the caller's is.
      const accountId = await callerAccount(moto, BENCH_ADMIN);
      return { id, ...moto, accountId, admin: BENCH_ADMIN };
    }
  }
}

function credentialsFor(scenario: Scenario, target: Target): Credentials {
  if (scenario.caller === 'admin') return target.admin;
  if (scenario.caller === 's3-session') {
    if (!target.s3) throw new Error('no S3 fixture on this server');
    return target.s3.session;
  }
  if (!target.fixture) throw new Error('no AssumeRole fixture on this server');
  return scenario.caller === 'user' ? target.fixture.user : target.fixture.session;
}

/** Creates what the scenarios read, then sends each scenario once; returns why a scenario cannot run. */
async function prepare(targets: Map<TargetId, Target>, scenarios: Scenario[], blocked: Map<string, string>): Promise<void> {
  for (const target of targets.values()) {
    if (target.id === 'hello') continue;
    const mine = scenarios.filter((s) => s.target === target.id && !blocked.has(s.id));
    if (mine.some((s) => s.caller === 'user' || s.caller === 'session')) {
      try {
        target.fixture = await prepareAssumeFixture(target, target.admin, target.accountId);
      } catch (error) {
        const reason = `AssumeRole set-up failed: ${error instanceof Error ? error.message : String(error)}`;
        for (const s of mine) if (s.caller === 'user' || s.caller === 'session') blocked.set(s.id, reason);
      }
    }
    if (mine.some((s) => s.caller === 's3-session')) {
      try {
        target.s3 = await prepareS3Fixture(target, target.admin, target.accountId);
      } catch (error) {
        const reason = `S3 set-up failed: ${error instanceof Error ? error.message : String(error)}`;
        for (const s of mine) if (s.caller === 's3-session') blocked.set(s.id, reason);
      }
    }
    for (const s of mine) {
      for (const call of s.setup?.(target.accountId) ?? []) {
        if (blocked.has(s.id)) break;
        const reply = await signedQuery(target.host, target.port, target.admin, call.service, call.params);
        if (reply.status !== 200) blocked.set(s.id, `set-up ${call.params['Action']} failed: ${describeFailure(reply)}`);
      }
    }
  }
  for (const s of scenarios) {
    const target = targets.get(s.target);
    if (blocked.has(s.id) || !target || s.target === 'hello') continue;
    const reply = s.s3
      ? await signedS3(target.host, target.port, credentialsFor(s, target), scenarioTemplate(s, target.fixture, target.host, target.port))
      : await signedQuery(target.host, target.port, credentialsFor(s, target), s.service as 'iam' | 'sts', s.params(target.fixture));
    if (reply.status !== 200) blocked.set(s.id, `probe request failed: ${describeFailure(reply)}`);
  }
}

/**
 * The order rows run in: each scenario at each concurrency, and right after a row, the rows that
 * compare with it at the same concurrency (moto's, the --workers one), so that both sides of a
 * ratio are measured seconds apart, not minutes — the machine's speed drifts.
 */
function runOrder(scenarios: Scenario[], concurrencies: (s: Scenario) => number[]): Array<{ scenario: Scenario; concurrency: number }> {
  const selected = new Set(scenarios.map((s) => s.id));
  const order: Array<{ scenario: Scenario; concurrency: number }> = [];
  for (const base of scenarios) {
    if (base.comparesWith && selected.has(base.comparesWith)) continue;
    for (const concurrency of concurrencies(base)) {
      order.push({ scenario: base, concurrency });
      for (const other of scenarios) {
        if (other.comparesWith === base.id && concurrencies(other).includes(concurrency)) order.push({ scenario: other, concurrency });
      }
    }
  }
  return order;
}

async function measure(options: BenchOptions, scenario: Scenario, label: string, target: Target, concurrency: number): Promise<Row> {
  const row: Row = { scenario: scenario.id, label, concurrency, ...(scenario.comparesWith ? { comparesWith: scenario.comparesWith } : {}) };
  // Sampled when the worker says the warm-up is over, and again when its result arrives. The
  // server's CPU is its whole process tree's (a --workers primary and its workers).
  let windowStart: { at: number; pids: number[]; server?: number; busy?: number; rss?: number } | undefined;
  const rssBefore = options.rssSettleMs > 0 ? treeRssMiB(processTree(target.pid)) : undefined;
  row.result = await runWorker(
    {
      host: target.host,
      port: target.port,
      template: scenarioTemplate(scenario, target.fixture, target.host, target.port),
      credentials: credentialsFor(scenario, target),
      concurrency,
      warmupMs: options.warmupMs,
      durationMs: options.durationMs,
      maxRequests: options.maxRequests,
      signing: options.signing,
      poolSize: options.poolSize,
      client: options.client,
    },
    () => {
      const pids = processTree(target.pid);
      windowStart = { at: performance.now(), pids, server: treeCpuSeconds(pids), busy: machineBusySeconds(), rss: treeRssMiB(pids) };
    },
  );
  const server = windowStart ? treeCpuSeconds(windowStart.pids) : undefined;
  const rssEnd = windowStart ? treeRssMiB(windowStart.pids) : undefined;
  if (windowStart?.rss !== undefined && rssEnd !== undefined) row.rssMiB = { start: windowStart.rss, end: rssEnd };
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
  if (row.rssMiB !== undefined && rssBefore !== undefined) {
    // What the server gives back once the load is gone (issue 15: "RSS back within 20 %").
    await new Promise((resolve) => setTimeout(resolve, options.rssSettleMs));
    const settled = treeRssMiB(windowStart!.pids);
    if (settled !== undefined) Object.assign(row.rssMiB, { before: rssBefore, settled });
  }
  return row;
}

/** Whether keysmith wrote audit events during the run (the JSON-lines sink's file in its data folder). */
function auditNote(target: Target): string {
  const file = target.dataDir ? join(target.dataDir, 'audit.jsonl') : undefined;
  if (file && existsSync(file)) {
    return `Audit: ON for ${target.id} — ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB of events in audit.jsonl by the end of the run (plus the store sink).`;
  }
  return `Audit: off for ${target.id} — no audit.jsonl in its data folder (the audit module had not landed, or auditing was disabled).`;
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
  if (options.checkClient) return runClientCheck(options);
  const unknown = options.only.filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.id).join(', ')}\n`);
    return 2;
  }
  const scenarios = SCENARIOS.filter((s) => options.only.length === 0 || options.only.includes(s.id));
  const concurrencies = (s: Scenario) => options.concurrency.filter((c) => c >= (s.minConcurrency ?? 1));
  const labelOf = (s: Scenario) => s.label.replace('--workers N', `--workers ${options.workers}`);
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: loadavg()[0],
  };
  const startedAt = new Date().toISOString();
  const rowCount = scenarios.reduce((n, s) => n + concurrencies(s).length, 0);
  log(
    `${rowCount} rows × (${options.warmupMs / 1000} s warm-up + ${options.durationMs / 1000} s), ${options.client} client, ${machine.cpus} CPUs, Node ${machine.node}`,
  );

  const profileDir = options.profile ? join(repoRoot, 'dist', 'bench-profile', startedAt.replace(/[:.]/g, '-')) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const targets = new Map<TargetId, Target>();
  const blocked = new Map<string, string>();
  const rows: Row[] = [];
  const audit: string[] = [];
  let profile: ProfileSummary | undefined;
  let threadProfiles: ProfileSummary[] = [];
  try {
    for (const id of new Set(scenarios.map((s) => s.target))) {
      try {
        targets.set(id, await startTarget(id, options, profileDir));
      } catch (error) {
        // moto not installed, say: its rows are skipped with the reason, the rest still run.
        const reason = `${id} did not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
        log(reason);
        for (const s of scenarios) if (s.target === id) blocked.set(s.id, reason);
      }
    }
    await prepare(targets, scenarios, blocked);
    for (const { scenario, concurrency } of runOrder(scenarios, concurrencies)) {
      const target = targets.get(scenario.target);
      const reason = blocked.get(scenario.id);
      if (reason !== undefined || target === undefined) {
        rows.push({ scenario: scenario.id, label: labelOf(scenario), concurrency, note: `skipped: ${reason ?? 'no server'}` });
        continue;
      }
      let row: Row | undefined;
      for (let attempt = 0; attempt <= options.retryBusy; attempt++) {
        if (options.quietWaitMs > 0) {
          const busy = await waitForQuiet(options.quietWaitMs);
          if (busy !== undefined && busy > 20) log(`machine still ${Math.round(busy)} % busy after waiting; measuring anyway`);
        }
        log(
          `${labelOf(scenario)} @ ${concurrency}${attempt > 0 ? ` (again: other processes took ${Math.round(row!.otherCpuPercent!)} % of a core)` : ''} …`,
        );
        const probeMs = machineSpeedMs();
        const next = await measure(options, scenario, labelOf(scenario), target, concurrency);
        next.probeMs = probeMs;
        const r = next.result!;
        log(
          `  ${Math.round(r.requestsPerSecond)} req/s, p50 ${r.latencyMs.p50.toFixed(3)} ms, p99 ${r.latencyMs.p99.toFixed(3)} ms, ${r.errors} errors, other CPU ${Math.round(next.otherCpuPercent ?? 0)} %, probe ${probeMs.toFixed(1)} ms`,
        );
        // On a shared machine keep the attempt that neighbours disturbed least.
        if (row === undefined || (next.otherCpuPercent ?? 0) < (row.otherCpuPercent ?? 0)) row = next;
        if ((row.otherCpuPercent ?? 0) <= BUSY_PERCENT) break;
      }
      rows.push(row!);
    }
    // Reported in scenario order, whatever order they ran in.
    rows.sort(
      (a, b) =>
        scenarios.findIndex((s) => s.id === a.scenario) - scenarios.findIndex((s) => s.id === b.scenario) || a.concurrency - b.concurrency,
    );
    for (const t of targets.values())
      if (t.id === 'keysmith' || t.id === 'keysmith-workers' || t.id === 'keysmith-audit-off') audit.push(auditNote(t));
  } finally {
    for (const t of targets.values()) await t.stop();
  }
  if (profileDir) {
    const files = profilesIn(profileDir);
    if (files.main) profile = summariseProfile(files.main);
    else log(`no main-thread .cpuprofile in ${profileDir} (did the one-process keysmith run?)`);
    threadProfiles = files.threads.map((f) => summariseProfile(f));
  }
  const fastestProbe = Math.min(...rows.map((r) => r.probeMs ?? Infinity));
  for (const row of rows) if (row.probeMs !== undefined) row.speed = fastestProbe / row.probeMs;
  for (const row of rows) {
    const ceiling = rows.find((r) => r.scenario === 'hello' && r.concurrency === row.concurrency)?.result;
    if (row.result && ceiling && row.scenario !== 'hello') row.ofCeiling = row.result.requestsPerSecond / ceiling.requestsPerSecond;
  }

  let policy: Awaited<ReturnType<typeof runPolicyBenchIfPresent>> = {
    status: 'skipped',
    note: 'Policy-engine bench skipped (--no-policy).',
  };
  if (options.policy) {
    log('policy engine (in-process) …');
    policy = await runPolicyBenchIfPresent();
  }

  const comparisons = comparisonTable(rows);
  const out = [
    '',
    `## keysmith bench — ${startedAt}`,
    '',
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}.`,
    `Each row: ${options.warmupMs / 1000} s warm-up, then ${options.durationMs / 1000} s measured (at most ${options.maxRequests.toLocaleString('en-US')} requests), ` +
      'signed requests (Query POSTs, S3 GET/PUT) over keep-alive loopback connections from a separate load-worker process; concurrency = requests in flight = connections.',
    clientLine(rows),
    signingLine(rows),
    ...audit,
    ...(Object.keys(options.keysmithEnv).length > 0
      ? [
          `keysmith servers started with ${Object.entries(options.keysmithEnv)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')} (--keysmith-env).`,
        ]
      : []),
    `keysmith servers run with Node flags ${withServerNodeFlags(options.nodeFlags, '').join(' ')}${options.nodeFlags.length > 0 ? ' (--node-flags added to the server flags)' : ' (the server flags, as npm start passes them)'}.`,
    '',
    loadTable(rows),
    '',
    ...(comparisons ? [comparisons, ''] : []),
    contentionWarning(rows, machine.cpus),
    speedWarning(rows),
    '',
    ...notes(rows),
    '',
    ...(profile ? ['### Server profile', '', profileSection(profile, threadProfiles), ''] : []),
    '### Policy engine (in-process)',
    '',
    policySection(policy),
    '',
  ];
  process.stdout.write(out.join('\n') + '\n');

  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(
    options.out,
    JSON.stringify(
      {
        startedAt,
        machine,
        options,
        scenarios: scenarios.map(({ params: _p, setup: _s, ...rest }) => rest),
        audit,
        rows,
        profile,
        threadProfiles,
        policy,
      },
      null,
      2,
    ) + '\n',
  );
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
