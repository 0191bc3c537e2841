import { formatNumber, markdownTable, renderValue } from './markdown.js';
import type { PolicyBenchOutcome } from './policy-bench-runner.js';
import type { LoadResult } from './worker-protocol.js';

export interface Row {
  scenario: string;
  label: string;
  concurrency: number;
  /** Absent when the row was skipped (see note). */
  result?: LoadResult;
  /** CPU of the measured server process over the row (warm-up included), % of one core. */
  serverCpuPercent?: number;
  /** CPU used by every other process on the machine during the row, % of one core. */
  otherCpuPercent?: number;
  /** Throughput as a fraction of the hello-world ceiling at the same concurrency. */
  ofCeiling?: number;
  note?: string;
}

export function loadTable(rows: Row[]): string {
  const header = ['scenario', 'conc.', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'requests', 'of ceiling', 'server CPU', 'client CPU', 'other CPU'];
  const right = [false, true, true, true, true, true, true, true, true, true, true];
  const pct = (n: number | undefined) => (n === undefined ? '–' : `${Math.round(n)} %`);
  const body = rows.map((r) => {
    const x = r.result;
    if (!x) return [r.label, String(r.concurrency), 'skipped', '', '', '', '', '', '', '', ''];
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
      pct(x.clientCpuPercent),
      pct(r.otherCpuPercent),
    ];
  });
  return markdownTable(header, body, right);
}

export function notes(rows: Row[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    if (r.note) out.push(`- ${r.label} @ ${r.concurrency}: ${r.note}`);
    if (r.result && r.result.errorSamples.length > 0) out.push(`- ${r.label} @ ${r.concurrency}: errors: ${r.result.errorSamples.join('; ')}`);
  }
  return [...new Set(out)];
}

export function signingLine(rows: Row[]): string {
  const ran = rows.filter((r) => r.result);
  if (ran.length === 0) return '';
  const mode = ran[0]!.result!.signing.mode;
  const signatures = ran.reduce((n, r) => n + r.result!.signing.signatures, 0);
  const micros = ran.reduce((n, r) => n + r.result!.signing.meanMicros * r.result!.signing.signatures, 0) / Math.max(signatures, 1);
  return mode === 'fresh'
    ? `Signing: fresh — every request signed with SigV4 just before it is sent (mean ${formatNumber(micros)} µs of client CPU per signature).`
    : `Signing: per-second — one SigV4 signature per second reused within that second (${signatures.toLocaleString('en-US')} signatures, mean ${formatNumber(micros)} µs).`;
}

export function policySection(outcome: PolicyBenchOutcome): string {
  if (outcome.status !== 'ran') return outcome.note;
  if (outcome.result === undefined) return `runPolicyBench() ran in ${outcome.seconds.toFixed(1)} s and returned nothing (it prints its own figures above).`;
  return renderValue(outcome.result) + `\n\n(in-process, ${outcome.seconds.toFixed(1)} s)`;
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
