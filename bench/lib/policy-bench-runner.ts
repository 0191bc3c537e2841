import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type PolicyBenchOutcome =
  { status: 'skipped'; note: string } | { status: 'failed'; note: string } | { status: 'ran'; seconds: number; result: unknown };

/**
 * Runs `runPolicyBench()` from bench/policy-bench.ts (owned by the policy engine's author) in this
 * process, if that file is there yet. Imported by a computed specifier so the build does not
 * depend on it; whatever it returns is reported as given.
 */
export async function runPolicyBenchIfPresent(): Promise<PolicyBenchOutcome> {
  const url = new URL('../policy-bench.js', import.meta.url);
  if (!existsSync(fileURLToPath(url)))
    return { status: 'skipped', note: 'bench/policy-bench.ts is not there yet; policy-engine figures skipped.' };
  try {
    const module = (await import(url.href)) as { runPolicyBench?: () => unknown };
    if (typeof module.runPolicyBench !== 'function')
      return { status: 'skipped', note: 'bench/policy-bench.ts does not export runPolicyBench() yet; skipped.' };
    const t0 = performance.now();
    const result = await module.runPolicyBench();
    return { status: 'ran', seconds: (performance.now() - t0) / 1000, result };
  } catch (error) {
    return { status: 'failed', note: `runPolicyBench() threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
  }
}
