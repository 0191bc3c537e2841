import { parseArgs } from 'node:util';
import { MAX_POOL_SIZE } from './request-signer.js';
import type { ClientKind, SigningMode } from './worker-protocol.js';

export interface BenchOptions {
  durationMs: number;
  warmupMs: number;
  concurrency: number[];
  maxRequests: number;
  signing: SigningMode;
  poolSize: number;
  client: ClientKind;
  /** Worker processes of the `--workers` row. */
  workers: number;
  /** Scenario ids to run; empty means all. */
  only: string[];
  policy: boolean;
  /** Profile the one-process keysmith server with `node --cpu-prof` and summarise it. */
  profile: boolean;
  /** Check the load generators' counting instead of benchmarking. */
  checkClient: boolean;
  python: string;
  /** Extra KEYSMITH_* settings for the keysmith servers (the calling shell's are not passed on). */
  keysmithEnv: Record<string, string>;
  /** Node/V8 flags for the keysmith server processes (experiments: GC settings, --import of a probe). */
  nodeFlags: string[];
  out: string;
  /** Before each row, wait up to this long for the machine to be nearly idle (0: do not wait). */
  quietWaitMs: number;
  /** Run a row again (up to this many times) while other processes took more than 15 % of a core. */
  retryBusy: number;
  /** After a row, wait this long with no load and sample the server's RSS again (0: do not). */
  rssSettleMs: number;
}

export const USAGE = `npm run bench -- [options]

  --duration SECONDS     measured window per row (default 4)
  --warmup SECONDS       warm-up before each window, not measured (default 1)
  --concurrency LIST     requests in flight, comma-separated (default 1,16,64)
  --max-requests N       cap on measured requests per row (default 2000000)
  --client KIND          lean (default): raw net.Socket per connection, pre-built request bytes,
                         minimal HTTP/1.1 parser; node-http: node:http keep-alive Agent (the
                         first load generator: about twice the client CPU per request)
  --signing MODE         fresh (default): sign every request, as a real client does;
                         per-second: sign once per second and reuse (X-Amz-Date resolution);
                         pool: --pool-size requests signed up front (distinct dates), sent in turn
  --pool-size N          requests in the signing pool (default 128, at most ${MAX_POOL_SIZE})
  --workers N            worker processes of the "--workers" row (default 2)
  --only LIST            scenario ids: hello, sts-get-caller-identity, iam-get-role,
                         sts-get-caller-identity-session, sts-assume-role, sts-assume-role-workers,
                         s3-get-object, s3-get-object-audit-off, s3-put-object,
                         s3-put-object-audit-off (S3 rows: concurrency 16 and 64 only),
                         moto-sts-get-caller-identity-session, moto-sts-assume-role
  --no-policy            skip the in-process policy-engine bench
  --profile              run the one-process keysmith under node --cpu-prof and print its top
                         self-time functions (with --only sts-assume-role: AssumeRole alone)
  --check-client         instead of benchmarking: check that both load generators count
                         responses, status codes and errors exactly (hello server, keysmith, moto)
  --python CMD           the Python that has moto (default python3)
  --keysmith-env LIST    settings for the keysmith servers, comma-separated KEYSMITH_NAME=value
                         (e.g. KEYSMITH_AUDIT=false); the calling shell's KEYSMITH_* are not used
  --node-flags=LIST      Node/V8 flags for the keysmith servers, space-separated, after '=' (e.g.
                         --node-flags="--max-semi-space-size=32 --trace-gc"); for experiments, noted
                         in the report
  --quiet-wait SECONDS   before each row, wait up to this long for other processes to leave the
                         CPUs idle (< 20 % of a core over 1 s); for shared machines (default 0)
  --retry-busy N         run a row again, up to N times, when other processes took more than
                         15 % of a core during it; the quietest attempt is kept (default 0)
  --rss-settle SECONDS   after each row, this long with no load, then the server's RSS again: the
                         RSS column becomes "before load / window start → end / settled" (default 0)
  --out FILE             raw results as JSON (default dist/bench-results.json)
  --help
`;

export function parseOptions(argv: string[], defaultOut: string): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '4' },
      warmup: { type: 'string', default: '1' },
      concurrency: { type: 'string', default: '1,16,64' },
      'max-requests': { type: 'string', default: '2000000' },
      client: { type: 'string', default: 'lean' },
      signing: { type: 'string', default: 'fresh' },
      'pool-size': { type: 'string', default: '128' },
      workers: { type: 'string', default: '2' },
      only: { type: 'string', default: '' },
      'no-policy': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      'check-client': { type: 'boolean', default: false },
      python: { type: 'string', default: 'python3' },
      'keysmith-env': { type: 'string', default: '' },
      'node-flags': { type: 'string', default: '' },
      out: { type: 'string', default: defaultOut },
      'quiet-wait': { type: 'string', default: '0' },
      'retry-busy': { type: 'string', default: '0' },
      'rss-settle': { type: 'string', default: '0' },
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
  const integer = (name: string, text: string, min: number, max: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer ${min}..${max}, got '${text}'`);
    return n;
  };
  const concurrency = values.concurrency.split(',').map((s) => Number(s.trim()));
  if (concurrency.some((n) => !Number.isInteger(n) || n < 1 || n > 4096))
    throw new Error(`--concurrency must list integers 1..4096, got '${values.concurrency}'`);
  const signing = values.signing;
  if (signing !== 'fresh' && signing !== 'per-second' && signing !== 'pool')
    throw new Error(`--signing must be fresh, per-second or pool, got '${signing}'`);
  const client = values.client;
  if (client !== 'lean' && client !== 'node-http') throw new Error(`--client must be lean or node-http, got '${client}'`);
  const durationMs = seconds('duration', values.duration);
  if (durationMs === 0) throw new Error('--duration must be more than 0');
  return {
    durationMs,
    warmupMs: seconds('warmup', values.warmup),
    concurrency,
    maxRequests: integer('max-requests', values['max-requests'], 1, 50_000_000),
    signing,
    poolSize: integer('pool-size', values['pool-size'], 1, MAX_POOL_SIZE),
    client,
    workers: integer('workers', values.workers, 1, 64),
    only: values.only === '' ? [] : values.only.split(',').map((s) => s.trim()),
    policy: !values['no-policy'],
    profile: values.profile,
    checkClient: values['check-client'],
    python: values.python,
    keysmithEnv: parseEnvList(values['keysmith-env']),
    nodeFlags: values['node-flags'].split(' ').filter((flag) => flag !== ''),
    out: values.out,
    quietWaitMs: seconds('quiet-wait', values['quiet-wait']),
    retryBusy: integer('retry-busy', values['retry-busy'], 0, 20),
    rssSettleMs: seconds('rss-settle', values['rss-settle']),
  };
}

function parseEnvList(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? '' : item.slice(0, eq);
    if (!/^KEYSMITH_[A-Z0-9_]+$/.test(name)) throw new Error(`--keysmith-env takes KEYSMITH_NAME=value items, got '${item}'`);
    env[name] = item.slice(eq + 1);
  }
  return env;
}
