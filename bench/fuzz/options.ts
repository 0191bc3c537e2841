import type { FuzzProtocol } from './draft.js';
import { ALL_PROTOCOLS } from './gen/index.js';

export interface FuzzOptions {
  seconds: number;
  count: number;
  seed: number;
  first: number;
  concurrency: number;
  protocols: FuzzProtocol[];
  url?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  dataDir?: string;
  serverPid?: number;
  out?: string;
  timeoutMs: number;
  maxRssGrowthMiB: number;
  minimize: boolean;
  minimizeSeconds: number;
  keepData: boolean;
  keysmithEnv: Record<string, string>;
  replay?: string;
  maxCrashes: number;
  progress: boolean;
  trace: boolean;
}

export const HELP = `npm run fuzz -- [options]      bounded protocol fuzzer for keysmith (docs/security.md, "Fuzzing")

Sends mutated requests over the four wire protocols (AWS Query form, CloudTrail JSON 1.1, S3
REST-XML incl. aws-chunked, presigned SigV4/SigV2 URLs) plus a small share of malformed HTTP,
then reports responses by status class, 5xx by AWS error code, crashes and server memory.
Exits 1 on any 5xx other than NotImplemented, any crash, or RSS growth past the threshold.

  --seconds N          stop after N seconds (default 60; 0 = no time limit)
  --count N            stop after N requests (default 100000; 0 = no limit); whichever comes first
  --seed N             the run's seed (default 1); request i is a function of (seed, i)
  --first N            index of the first request (default 0): --seed S --first I --count 1 regenerates request I
  --concurrency N      requests in flight (default 8)
  --protocols LIST     comma-separated subset of form,json,s3,presigned (default: all four)
  --url URL            fuzz a running keysmith instead of starting one (needs the admin's keys:
                       --access-key-id/--secret-access-key, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,
                       or the default profile of ./keysmith-data/credentials)
  --data-dir DIR       with --url: the server's data folder (to scan audit.jsonl)
  --server-pid PID     with --url: the server's pid (to read its RSS)
  --out DIR            where findings go (default keysmith-data/fuzz-findings/<time>-seed-<seed>)
  --timeout-ms N       a request without an answer after N ms is a timeout (default 30000)
  --max-rss-growth-mb N  fail when the server's median RSS over the last 10 % of the run is more
                       than N MiB above its median over the 10–20 % window (default 64)
  --no-minimize        do not shrink the reproductions of each 5xx signature
  --minimize-seconds N time budget for shrinking (default 120)
  --keysmith-env K=V,… extra KEYSMITH_* settings for the server it starts
  --keep-data          keep the started server's temp data folder
  --max-crashes N      restart a crashed server up to N times, then stop (default 3)
  --replay FILE        re-sign and send one saved reproduction (draft.json), print the answer and log
  --no-progress        no progress line every 5 s
  --trace              one line per request in <out>/trace.tsv (index, protocol, op, outcome, ms, mutations)
`;

export function parseOptions(argv: readonly string[]): FuzzOptions {
  const o: FuzzOptions = {
    seconds: 60,
    count: 100_000,
    seed: 1,
    first: 0,
    concurrency: 8,
    protocols: [...ALL_PROTOCOLS],
    timeoutMs: 30_000,
    maxRssGrowthMiB: 64,
    minimize: true,
    minimizeSeconds: 120,
    keepData: false,
    keysmithEnv: {},
    maxCrashes: 3,
    progress: true,
    trace: false,
  };
  const num = (name: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${name} needs a non-negative number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => argv[++i];
    switch (a) {
      case '--seconds':
        o.seconds = num(a, next());
        break;
      case '--count':
        o.count = Math.floor(num(a, next()));
        break;
      case '--seed':
        o.seed = Math.floor(num(a, next()));
        break;
      case '--first':
        o.first = Math.floor(num(a, next()));
        break;
      case '--concurrency':
        o.concurrency = Math.max(1, Math.floor(num(a, next())));
        break;
      case '--protocols': {
        const list = (next() ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        for (const p of list)
          if (!(ALL_PROTOCOLS as readonly string[]).includes(p))
            throw new Error(`--protocols: unknown protocol '${p}' (form, json, s3, presigned)`);
        if (list.length === 0) throw new Error('--protocols needs at least one protocol');
        o.protocols = list as FuzzProtocol[];
        break;
      }
      case '--url':
        o.url = next();
        break;
      case '--access-key-id':
        o.accessKeyId = next();
        break;
      case '--secret-access-key':
        o.secretAccessKey = next();
        break;
      case '--data-dir':
        o.dataDir = next();
        break;
      case '--server-pid':
        o.serverPid = Math.floor(num(a, next()));
        break;
      case '--out':
        o.out = next();
        break;
      case '--timeout-ms':
        o.timeoutMs = num(a, next());
        break;
      case '--max-rss-growth-mb':
        o.maxRssGrowthMiB = num(a, next());
        break;
      case '--no-minimize':
        o.minimize = false;
        break;
      case '--minimize-seconds':
        o.minimizeSeconds = num(a, next());
        break;
      case '--keep-data':
        o.keepData = true;
        break;
      case '--max-crashes':
        o.maxCrashes = Math.floor(num(a, next()));
        break;
      case '--replay':
        o.replay = next();
        break;
      case '--no-progress':
        o.progress = false;
        break;
      case '--trace':
        o.trace = true;
        break;
      case '--keysmith-env':
        for (const kv of (next() ?? '').split(',').filter(Boolean)) {
          const eq = kv.indexOf('=');
          if (eq <= 0 || !kv.startsWith('KEYSMITH_')) throw new Error(`--keysmith-env: '${kv}' is not KEYSMITH_NAME=value`);
          o.keysmithEnv[kv.slice(0, eq)] = kv.slice(eq + 1);
        }
        break;
      case '--help':
      case '-h':
        process.stdout.write(HELP);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${a} (--help lists them)`);
    }
  }
  if (o.seconds === 0 && o.count === 0) throw new Error('--seconds 0 and --count 0 together would never stop');
  return o;
}
