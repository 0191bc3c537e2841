import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const DATA = Buffer.alloc(4096, 7);

/**
 * Milliseconds this process takes for a fixed piece of CPU work (hashing plus a plain JS loop,
 * about 10 ms on the bench machine). Run before every row: on a VM the host can slow the guest
 * down without the guest seeing it as CPU use (a busy SMT sibling, frequency), and figures taken
 * minutes apart — keysmith's and moto's, say — are then not comparable. The report shows each
 * row's speed against the fastest probe of the run.
 */
export function speedProbeMs(): number {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 1500; i++) x ^= createHash('sha256').update(DATA).digest()[0]!;
  for (let i = 0; i < 3_000_000; i++) x = (x * 31 + i) | 0;
  if (x === 0.5) process.stdout.write(''); // keeps the loop from being optimised away
  return performance.now() - t0;
}

let warm = false;

/** The median of five probes (one interruption must not mark a row as slow), after a warm-up. */
export function machineSpeedMs(): number {
  if (!warm) {
    for (let i = 0; i < 5; i++) speedProbeMs();
    warm = true;
  }
  const runs = Array.from({ length: 5 }, speedProbeMs).sort((a, b) => a - b);
  return runs[2]!;
}
