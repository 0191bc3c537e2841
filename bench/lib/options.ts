import { parseArgs } from 'node:util';
import type { SigningMode } from './worker-protocol.js';

export interface BenchOptions {
  durationMs: number;
  warmupMs: number;
  concurrency: number[];
  maxRequests: number;
  signing: SigningMode;
  /** Scenario ids to run; empty means all. */
  only: string[];
  policy: boolean;
  out: string;
  /** Before each row, wait up to this long for the machine to be nearly idle (0: do not wait). */
  quietWaitMs: number;
}

export const USAGE = `npm run bench -- [options]

  --duration SECONDS     measured window per row (default 5)
  --warmup SECONDS       warm-up before each window, not measured (default 1)
  --concurrency LIST     requests in flight, comma-separated (default 1,16,64)
  --max-requests N       cap on measured requests per row (default 1000000)
  --signing MODE         fresh (default): sign every request, as a real client does;
                         per-second: sign once per second and reuse (X-Amz-Date resolution)
  --only LIST            scenario ids: hello, sts-get-caller-identity, iam-get-role
  --no-policy            skip the in-process policy-engine bench
  --quiet-wait SECONDS   before each row, wait up to this long for other processes to leave the
                         CPUs idle (< 20 % of a core over 1 s); for shared machines (default 0)
  --out FILE             raw results as JSON (default dist/bench-results.json)
  --help
`;

export function parseOptions(argv: string[], defaultOut: string): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '1,16,64' },
      'max-requests': { type: 'string', default: '1000000' },
      signing: { type: 'string', default: 'fresh' },
      only: { type: 'string', default: '' },
      'no-policy': { type: 'boolean', default: false },
      out: { type: 'string', default: defaultOut },
      'quiet-wait': { type: 'string', default: '0' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const seconds = (name: string, text: string) => {
    const n = Number(text);
    if (!(n >= 0) || !Number.isFinite(n)) throw new Error(`--${name} must be a number of seconds, got '${text}'`);
    return Math.round(n * 1000);
  };
  const concurrency = values.concurrency.split(',').map((s) => Number(s.trim()));
  if (concurrency.some((n) => !Number.isInteger(n) || n < 1 || n > 4096)) throw new Error(`--concurrency must list integers 1..4096, got '${values.concurrency}'`);
  const maxRequests = Number(values['max-requests']);
  if (!Number.isInteger(maxRequests) || maxRequests < 1 || maxRequests > 50_000_000) throw new Error(`--max-requests must be an integer 1..50000000`);
  if (values.signing !== 'fresh' && values.signing !== 'per-second') throw new Error(`--signing must be fresh or per-second, got '${values.signing}'`);
  const durationMs = seconds('duration', values.duration);
  if (durationMs === 0) throw new Error('--duration must be more than 0');
  return {
    durationMs,
    warmupMs: seconds('warmup', values.warmup),
    concurrency,
    maxRequests,
    signing: values.signing,
    only: values.only === '' ? [] : values.only.split(',').map((s) => s.trim()),
    policy: !values['no-policy'],
    out: values.out,
    quietWaitMs: seconds('quiet-wait', values['quiet-wait']),
  };
}
