import { formatNumber, markdownTable, renderValue } from './markdown.js';
import type { PolicyBenchOutcome } from './policy-bench-runner.js';
import type { LoadResult } from './worker-protocol.js';

export interface Row {
  scenario: string;
  label: string;
  concurrency: number;
  /** The scenario this row is compared with (moto rows, the workers row). */
  comparesWith?: string;
  /** Absent when the row was skipped (see note). */
  result?: LoadResult;
  /** CPU of the measured server (its whole process tree) over the measured window, % of one core. */
  serverCpuPercent?: number;
  /** CPU used by every other process on the machine during the row, % of one core. */
  otherCpuPercent?: number;
  /** Throughput as a fraction of the hello-world ceiling at the same concurrency. */
  ofCeiling?: number;
  /** The runner's speed probe just before the row (bench/lib/speed-probe.ts), ms. */
  probeMs?: number;
  /** Fastest probe of the run ÷ this row's: 1 = the machine was as fast as it got. */
  speed?: number;
  /**
   * The server's resident memory (whole process tree) when the measured window began and ended;
   * with --rss-settle also before the row's load and after the settling time that followed it.
   */
  rssMiB?: { start: number; end: number; before?: number; settled?: number };
  note?: string;
}

export function loadTable(rows: Row[]): string {
  const header = [
    'scenario',
    'conc.',
    'req/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'requests',
    'of ceiling',
    'server CPU',
    'server µs/req',
    'client CPU',
    'other CPU',
    'speed',
    'RSS MiB',
  ];
  const right = [false, true, true, true, true, true, true, true, true, true, true, true, true, true];
  const pct = (n: number | undefined) => (n === undefined ? '–' : `${Math.round(n)} %`);
  const body = rows.map((r) => {
    const x = r.result;
    if (!x) return [r.label, String(r.concurrency), 'skipped', '', '', '', '', '', '', '', '', '', '', ''];
    return [
      r.label,
      String(r.concurrency),
      formatNumber(x.requestsPerSecond),
      formatNumber(x.latencyMs.p50),
      formatNumber(x.latencyMs.p99),
      String(x.errors),
      x.requests.toLocaleString('en-US') + (x.hitRequestCap ? ' (cap)' : ''),
      r.ofCeiling === undefined ? '–' : `${(r.ofCeiling * 100).toFixed(0)} %`,
      pct(r.serverCpuPercent),
      r.serverCpuPercent === undefined ? '–' : formatNumber((r.serverCpuPercent / 100) * (1e6 / x.requestsPerSecond)),
      pct(x.clientCpuPercent),
      pct(r.otherCpuPercent),
      r.speed === undefined ? '–' : `${Math.round(r.speed * 100)} %`,
      rssCell(r.rssMiB),
    ];
  });
  return markdownTable(header, body, right);
}

function rssCell(rss: Row['rssMiB']): string {
  if (rss === undefined) return '–';
  const window = `${Math.round(rss.start)} → ${Math.round(rss.end)}`;
  if (rss.before === undefined || rss.settled === undefined) return window;
  return `${Math.round(rss.before)} / ${window} / ${Math.round(rss.settled)}`;
}

export function notes(rows: Row[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    if (r.note) out.push(`- ${r.label} @ ${r.concurrency}: ${r.note}`);
    if (r.result && r.result.errorSamples.length > 0)
      out.push(`- ${r.label} @ ${r.concurrency}: errors: ${r.result.errorSamples.join('; ')}`);
    // The server closed connections: each new one is paid for in some request's latency.
    if (r.result && r.result.connects > r.concurrency) {
      const sent = r.result.requests + r.result.warmupRequests;
      const why =
        r.result.connects >= sent ? 'the server closes the connection after every response (Connection: close)' : 'the server closed some';
      out.push(
        `- ${r.label} @ ${r.concurrency}: ${r.result.connects.toLocaleString('en-US')} connections opened for ${sent.toLocaleString('en-US')} requests: ${why}`,
      );
    }
  }
  return [...new Set(out)];
}

/**
 * keysmith against moto, N workers against one process, and audit off against on: throughput ratio and both p99s, per
 * concurrency, for every row that names the row it compares with.
 */
export function comparisonTable(rows: Row[]): string {
  const body: string[][] = [];
  for (const r of rows) {
    if (!r.comparesWith || !r.result) continue;
    const base = rows.find((b) => b.scenario === r.comparesWith && b.concurrency === r.concurrency && b.result);
    if (!base) continue;
    const moto = r.scenario.startsWith('moto-');
    const auditOff = r.scenario.endsWith('-audit-off');
    const [mine, theirs] = moto ? [base, r] : [r, base];
    const ratio = mine.result!.requestsPerSecond / theirs.result!.requestsPerSecond;
    body.push([
      moto ? `${base.label} — keysmith / moto` : auditOff ? `${base.label} — audit off / on` : `${r.label} / one process`,
      String(r.concurrency),
      formatNumber(mine.result!.requestsPerSecond),
      formatNumber(theirs.result!.requestsPerSecond),
      `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}×`,
      formatNumber(mine.result!.latencyMs.p99),
      formatNumber(theirs.result!.latencyMs.p99),
      mine.speed === undefined || theirs.speed === undefined
        ? '–'
        : `${Math.round(mine.speed * 100)} % / ${Math.round(theirs.speed * 100)} %`,
    ]);
  }
  if (body.length === 0) return '';
  return markdownTable(['comparison', 'conc.', 'req/s', 'vs req/s', 'ratio', 'p99 ms', 'vs p99 ms', 'speed'], body, [
    false,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
  ]);
}

export function clientLine(rows: Row[]): string {
  const ran = rows.find((r) => r.result);
  if (!ran) return '';
  return ran.result!.client === 'lean'
    ? 'Client: lean — one raw net.Socket per connection, each request written as one pre-built buffer, responses read by a minimal HTTP/1.1 parser (Content-Length, chunked, close).'
    : 'Client: node:http — a keep-alive Agent with maxSockets = concurrency (costs about twice the client CPU per request of the lean client).';
}

export function signingLine(rows: Row[]): string {
  const ran = rows.filter((r) => r.result);
  if (ran.length === 0) return '';
  const mode = ran[0]!.result!.signing.mode;
  const signatures = ran.reduce((n, r) => n + r.result!.signing.signatures, 0);
  const micros = ran.reduce((n, r) => n + r.result!.signing.meanMicros * r.result!.signing.signatures, 0) / Math.max(signatures, 1);
  if (mode === 'fresh')
    return `Signing: fresh — every request signed with SigV4 just before it is sent (mean ${formatNumber(micros)} µs of client CPU per signature).`;
  if (mode === 'pool') {
    return `Signing: pool — ${ran[0]!.result!.signing.poolSize ?? '?'} requests per row signed up front (dates one second apart, re-signed each minute) and sent in turn (mean ${formatNumber(micros)} µs per signature).`;
  }
  return `Signing: per-second — one SigV4 signature per second reused within that second (${signatures.toLocaleString('en-US')} signatures, mean ${formatNumber(micros)} µs).`;
}

export function policySection(outcome: PolicyBenchOutcome): string {
  if (outcome.status !== 'ran') return outcome.note;
  if (outcome.result === undefined)
    return `runPolicyBench() ran in ${outcome.seconds.toFixed(1)} s and returned nothing (it prints its own figures above).`;
  return renderValue(outcome.result) + `\n\n(in-process, ${outcome.seconds.toFixed(1)} s)`;
}

/** A warning when the machine itself ran slower for some rows (the speed probe). */
export function speedWarning(rows: Row[]): string {
  const slow = rows.filter((r) => r.speed !== undefined && r.speed < 0.75);
  if (slow.length === 0) return '';
  return (
    `**Warning:** the machine ran at ${Math.round(Math.min(...slow.map((r) => r.speed!)) * 100)} % of its best speed for ${slow.length} row(s) ` +
    '(speed column: a fixed CPU probe before each row, against the fastest of the run); their figures, and ratios built on them, are low.'
  );
}

/** A warning when other processes took a noticeable share of the CPU during the run. */
export function contentionWarning(rows: Row[], cpus: number): string {
  const others = rows.map((r) => r.otherCpuPercent).filter((n): n is number => n !== undefined);
  if (others.length === 0) return '';
  const worst = Math.max(...others);
  if (worst < 15) return '';
  return (
    `**Warning:** other processes used up to ${Math.round(worst)} % of a core (of ${cpus * 100} %) during the run; ` +
    'the server and the load worker shared the CPUs with them, so these figures are low and noisy. Re-run on a quiet machine.'
  );
}
