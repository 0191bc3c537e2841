import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from '../../test/support/paths.js';
import { httpCall } from '../lib/http-call.js';
import { scanAudit, type AuditScan } from './audit-scan.js';
import { Connection, type Outcome, type Reply, sendOnce } from './client.js';
import { type Creds, type Draft, type Finished, finish, type Target } from './draft.js';
import { joinPairs } from './encoding.js';
import {
  draftFromJson,
  draftToJson,
  errorCodeOf,
  Findings,
  groupSignatures,
  logLineOf,
  requestIdOf,
  signatureKey,
  type Signature,
  writeSignature,
} from './findings.js';
import { type Fixture, FUZZ_ACCOUNT_ID, FUZZ_ADMIN, prepareFixture, SetupClient, xmlValue } from './fixture.js';
import { generate } from './gen/index.js';
import { minimise } from './minimize.js';
import { HELP, parseOptions, type FuzzOptions } from './options.js';
import { hwmKiB, KeysmithServer, type LogLine, rssKiB } from './server.js';
import { Stats } from './stats.js';

/**
 * `npm run fuzz`: a bounded protocol fuzzer. Starts keysmith in a child process (or targets
 * --url), prepares a fixture, sends mutated requests over the four protocols with
 * `--concurrency` in flight until `--count` or `--seconds`, then reports and saves
 * reproductions of every distinct 5xx. See docs/security.md, "Fuzzing".
 */
interface Crash {
  afterRequests: number;
  exit: string;
  inFlight: Draft[];
  output: string;
}

interface RssSample {
  elapsedMs: number;
  sent: number;
  kib: number;
}

const MiB = 1024;

async function main(): Promise<number> {
  let options: FuzzOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`fuzz: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const o = options;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const out = resolve(o.out ?? join(repoRoot, 'keysmith-data', 'fuzz-findings', `${stamp}-seed-${o.seed}`));
  mkdirSync(out, { recursive: true });

  // The server.
  let server: KeysmithServer | undefined;
  let target: Target;
  let admin: Creds;
  let accountId = FUZZ_ACCOUNT_ID;
  if (o.url) {
    const u = new URL(o.url);
    target = { host: u.hostname, port: Number(u.port || 80) };
    admin = adminFromEnvironment(o);
    const c = new SetupClient(target, new Map([['admin', admin]]));
    accountId = xmlValue(await c.query('sts', { Action: 'GetCallerIdentity' }), 'Account');
    c.close();
  } else {
    server = new KeysmithServer({ accountId, admin: FUZZ_ADMIN, env: o.keysmithEnv, logFile: join(out, 'server.log') });
    await server.start();
    target = { host: server.host, port: server.port };
    admin = FUZZ_ADMIN;
  }
  const pidOf = () => server?.pid ?? o.serverPid;
  try {
    const fixture = await prepareFixture(target, accountId, admin);
    if (o.replay) return await replay(o, fixture, server);
    return await fuzz(o, out, fixture, server, pidOf);
  } finally {
    await server?.stop(o.keepData);
    if (server && o.keepData) process.stdout.write(`server data kept in ${server.dataDir}\n`);
  }
}

function adminFromEnvironment(o: FuzzOptions): Creds {
  if (o.accessKeyId && o.secretAccessKey) return { label: 'admin', accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey };
  const env = process.env;
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY)
    return { label: 'admin', accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
  const file = join(o.dataDir ?? join(process.cwd(), 'keysmith-data'), 'credentials');
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    const section = /\[default\]([^[]*)/.exec(text)?.[1] ?? '';
    const id = /aws_access_key_id\s*=\s*(\S+)/.exec(section)?.[1];
    const secret = /aws_secret_access_key\s*=\s*(\S+)/.exec(section)?.[1];
    if (id && secret) return { label: 'admin', accessKeyId: id, secretAccessKey: secret };
  }
  throw new Error(
    '--url needs the admin credentials: --access-key-id/--secret-access-key, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or <data-dir>/credentials',
  );
}

async function fuzz(
  o: FuzzOptions,
  out: string,
  fixture: Fixture,
  server: KeysmithServer | undefined,
  pidOf: () => number | undefined,
): Promise<number> {
  const target = fixture.target;
  const credsOf = (label: string) => fixture.creds.get(label) ?? fixture.creds.get('admin')!;
  const stats = new Stats();
  const findings = new Findings();
  const crashes: Crash[] = [];
  const inFlight = new Map<number, Draft>();
  const rss: RssSample[] = [];
  const rssAtStart = rssKiB(pidOf());
  const code = codeVersion();
  let stopping = false;
  let crashGate: Promise<void> | undefined;
  let next = o.first;
  const end = o.count > 0 ? o.first + o.count : Number.POSITIVE_INFINITY;
  const startedAt = Date.now();
  const deadline = o.seconds > 0 ? startedAt + o.seconds * 1000 : Number.POSITIVE_INFINITY;
  let fiveXx = 0;
  let notImplemented = 0;
  let restarts = 0;
  let generatorFailures = 0;

  const onCrash = async (exit: string): Promise<void> => {
    crashes.push({ afterRequests: stats.sent, exit, inFlight: [...inFlight.values()], output: server?.lastOutput() ?? '' });
    process.stdout.write(`\n!! server gone (${exit}) after ${stats.sent} requests; ${inFlight.size} in flight\n`);
    if (server && crashes.length <= o.maxCrashes) {
      await server.restart();
      restarts++;
      process.stdout.write(`   restarted (pid ${server.pid})\n`);
    } else stopping = true;
  };
  server?.child?.on('exit', function watch(code, signal) {
    if (stopping || server.stopping) return;
    crashGate = onCrash(signal ? `signal ${signal}` : `exit code ${code}`).finally(() => {
      crashGate = undefined;
      server.child?.on('exit', watch);
    });
  });
  // With --url: connection refused and no health answer means the server is gone.
  const checkRemote = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) {
      const h = await httpCall({ host: target.host, port: target.port, method: 'GET', path: '/_keysmith/health' }).catch(() => undefined);
      if (h?.status === 200) return;
      await sleep(1000);
    }
    crashes.push({ afterRequests: stats.sent, exit: 'no answer to /_keysmith/health', inFlight: [...inFlight.values()], output: '' });
    stopping = true;
  };

  const sampler = setInterval(() => {
    const kib = rssKiB(pidOf());
    if (kib !== undefined) rss.push({ elapsedMs: Date.now() - startedAt, sent: stats.sent, kib });
  }, 1000);
  const progress = setInterval(() => {
    if (!o.progress) return;
    const secs = (Date.now() - startedAt) / 1000;
    const kib = rss.at(-1)?.kib;
    process.stdout.write(
      `[${secs.toFixed(0).padStart(4)} s] ${stats.sent.toLocaleString('en')} sent, ${Math.round(stats.sent / secs).toLocaleString('en')}/s, 5xx ${fiveXx}${notImplemented ? ` (+${notImplemented} NotImplemented)` : ''}, timeouts ${stats.total().timeouts}, crashes ${crashes.length}${kib ? `, server RSS ${(kib / MiB).toFixed(0)} MiB` : ''}\n`,
    );
  }, 5000);

  process.stdout.write(
    `keysmith fuzz: seed ${o.seed}, requests ${o.first}…${Number.isFinite(end) ? end - 1 : '∞'}, ${o.seconds > 0 ? `at most ${o.seconds} s` : 'no time limit'}, concurrency ${o.concurrency}, protocols ${o.protocols.join(',')}\n`,
  );
  process.stdout.write(
    `target http://${target.host}:${target.port}${server ? ` (pid ${server.pid}, data ${server.dataDir})` : ''}; findings → ${out}\n`,
  );

  const trace = o.trace ? createWriteStream(join(out, 'trace.tsv')) : undefined;
  const slot = async (): Promise<void> => {
    const conn = new Connection(target.host, target.port);
    while (!stopping) {
      if (crashGate) await crashGate;
      if (stopping || next >= end || Date.now() >= deadline) break;
      const index = next++;
      let draft: Draft;
      let sent: Finished;
      try {
        draft = generate(o.seed, index, fixture, o.protocols);
        sent = finish(draft, target, credsOf, Date.now());
      } catch (error) {
        generatorFailures++;
        process.stderr.write(`fuzz: request #${index} could not be built: ${(error as Error).message}\n`);
        continue;
      }
      inFlight.set(index, draft);
      const head = draft.method === 'HEAD';
      const fresh = draft.raw !== undefined || draft.abortAfter !== undefined || draft.contentLength !== undefined;
      const outcome: Outcome = fresh
        ? await sendOnce(target.host, target.port, sent.bytes, {
            head,
            timeoutMs: Math.min(o.timeoutMs, 10_000),
            ...(draft.abortAfter !== undefined ? { abortAfter: draft.abortAfter } : {}),
          })
        : await conn.send(sent.bytes, { head, timeoutMs: o.timeoutMs });
      inFlight.delete(index);
      stats.record(draft, outcome, sent.bytes.length);
      if (trace) {
        const what =
          outcome.kind === 'reply'
            ? `${outcome.reply.status} ${outcome.reply.status >= 300 ? errorCodeOf(outcome.reply) : ''}`
            : outcome.kind === 'error'
              ? `error ${outcome.error}`
              : outcome.kind;
        trace.write(
          `${index}\t${draft.protocol}\t${draft.op}\t${what}\t${outcome.kind === 'reply' ? outcome.ms.toFixed(1) : ''}\t${sent.bytes.length}\t${draft.mutations.join(', ')}\n`,
        );
      }
      if (outcome.kind === 'reply') {
        const reply = outcome.reply;
        if (reply.status >= 500) {
          // NotImplemented is deliberate; HEAD answers carry no body, so a HEAD 501 counts as one too.
          if (reply.status === 501 && (errorCodeOf(reply) === 'NotImplemented' || (head && reply.body.length === 0))) notImplemented++;
          else {
            fiveXx++;
            findings.record(draft, sent, reply);
          }
        }
        if (reply.status === 200 && draft.op === 's3:CreateMultipartUpload') learnUpload(fixture, draft, reply);
      } else if (outcome.kind === 'error' && /ECONNREFUSED/.test(outcome.error) && !server && !stopping) {
        await checkRemote();
      }
    }
    conn.close();
  };
  await Promise.all(Array.from({ length: o.concurrency }, slot));
  const elapsedMs = Date.now() - startedAt;
  stopping = true;
  if (generatorFailures > 0) process.stdout.write(`${generatorFailures} requests could not be built (a fuzzer bug, not the server's)\n`);
  clearInterval(sampler);
  clearInterval(progress);
  trace?.end();

  // Let the server finish (audit batches are written every 200 ms), then measure it once more.
  await sleep(3000);
  const rssEnd = rssKiB(pidOf());
  const rssPeak = hwmKiB(pidOf());
  const alive = server ? server.alive() : true;
  const health = await httpCall({ host: target.host, port: target.port, method: 'GET', path: '/_keysmith/health' }).catch(() => undefined);
  if (health?.status !== 200)
    crashes.push({
      afterRequests: stats.sent,
      exit: alive ? 'alive but /_keysmith/health did not answer 200' : `gone: ${server?.exitHistory.join(', ')}`,
      inFlight: [],
      output: server?.lastOutput() ?? '',
    });

  // Memory: RSS wanders by tens of MiB as large bodies come and go, so medians are compared —
  // over the 10–20 % window of the requests (after the warm-up) and over the last 10 % plus the
  // sample taken after the run.
  const share = (from: number, to: number) =>
    rss.filter((s) => s.sent - o.first >= stats.sent * from && s.sent - o.first <= stats.sent * to).map((s) => s.kib);
  const warmKiB = median(share(0.1, 0.2));
  const endKiB = median([...share(0.9, 1), ...(rssEnd === undefined ? [] : [rssEnd])]);
  const warm = rss.find((s) => s.sent - o.first >= stats.sent * 0.1);
  const half = rss.find((s) => s.sent - o.first >= stats.sent * 0.5);
  const rssGrowthKiB = warmKiB !== undefined && endKiB !== undefined && restarts === 0 ? endKiB - warmKiB : undefined;
  const rssFailed = rssGrowthKiB !== undefined && rssGrowthKiB > o.maxRssGrowthMiB * MiB;

  // 5xx signatures, shrunk and saved.
  const signatures = server || o.url ? groupSignatures(findings, server?.logs ?? emptyLogs()) : [];
  const minimised = new Map<Signature, { draft: Draft; sent: Finished; reply: Reply; log?: LogLine }>();
  if (o.minimize && signatures.length > 0 && health?.status === 200) {
    const budgetEnd = Date.now() + o.minimizeSeconds * 1000;
    for (const sig of signatures) {
      if (Date.now() >= budgetEnd) break;
      const example = sig.examples[0]!;
      const original = generate(o.seed, example.index, fixture, o.protocols);
      const probe = async (d: Draft) => probeSignature(d, fixture, server, sig.key, findings.requestIds);
      if (!(await probe(original))) continue;
      const perSig = Math.max(5_000, (budgetEnd - Date.now()) / Math.max(1, signatures.length));
      const shrunk = await minimise(original, async (d) => (await probe(d)) !== undefined, {
        attempts: 150,
        deadline: Math.min(budgetEnd, Date.now() + perSig),
      });
      const final = await probe(shrunk.draft);
      if (final) minimised.set(sig, { draft: shrunk.draft, ...final });
    }
  }
  const findingsDir = join(out, 'findings');
  const written = signatures.map((sig, i) => writeSignature(findingsDir, i + 1, sig, minimised.get(sig), (d) => describeDraft(d, target)));
  crashes.forEach((c, i) => {
    const dir = join(out, `crash-${i + 1}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'README.txt'),
      `server ${c.exit} after ${c.afterRequests} requests; ${c.inFlight.length} requests in flight (saved here)\n\nlast output:\n${c.output}\n`,
    );
    c.inFlight.forEach((d) => {
      writeFileSync(join(dir, `request-${d.index}.draft.json`), JSON.stringify(draftToJson(d), null, 2));
      writeFileSync(join(dir, `request-${d.index}.txt`), describeDraft(d, target));
    });
  });

  // The audit log: server faults recorded without a 5xx, and secrets that reached it.
  const auditFile = server ? join(server.dataDir, 'audit.jsonl') : o.dataDir ? join(o.dataDir, 'audit.jsonl') : undefined;
  const secrets = [...fixture.creds.values()].flatMap((c) => [c.secretAccessKey, ...(c.sessionToken ? [c.sessionToken] : [])]);
  const audit = auditFile ? await scanAudit(auditFile, secrets, findings.requestIds) : undefined;

  const report = renderReport({
    code,
    o,
    out,
    stats,
    findings,
    signatures,
    minimised,
    written,
    crashes,
    restarts,
    elapsedMs,
    rssAtStart,
    warm,
    half,
    rss,
    rssEnd,
    rssPeak,
    warmKiB,
    endKiB,
    rssGrowthKiB,
    rssFailed,
    audit,
    fiveXx,
    notImplemented,
    server,
    target,
  });
  process.stdout.write(report.text);
  writeFileSync(join(out, 'report.md'), report.text);
  writeFileSync(join(out, 'summary.json'), JSON.stringify(report.summary, null, 2));
  const auditFailed = audit !== undefined && (audit.faultsWithout5xx > 0 || audit.leaks.size > 0);
  const failed = fiveXx > 0 || crashes.length > 0 || rssFailed || auditFailed || stats.unexpectedTimeouts > 0;
  process.stdout.write(
    failed
      ? `\nFAILED: ${[fiveXx > 0 && `${fiveXx} 5xx`, crashes.length > 0 && `${crashes.length} crash(es)`, rssFailed && 'RSS growth', auditFailed && 'audit findings', stats.unexpectedTimeouts > 0 && `${stats.unexpectedTimeouts} timeouts`].filter(Boolean).join(', ')}\n`
      : '\nPASSED: no 5xx but NotImplemented, no crash, flat memory, clean audit\n',
  );
  return failed ? 1 : 0;
}

function emptyLogs() {
  return { byRequestId: new Map(), loose: [], levels: new Map() } as unknown as import('./server.js').LogIndex;
}

function learnUpload(fixture: Fixture, draft: Draft, reply: Reply): void {
  const m = /<UploadId>([^<]+)<\/UploadId>/.exec(reply.body.toString('utf8'));
  const key = /<Key>([^<]*)<\/Key>/.exec(reply.body.toString('utf8'));
  if (!m || !key || !draft.path.startsWith(`/${fixture.bucket}/`)) return;
  fixture.uploads.push({ key: key[1]!, uploadId: m[1]! });
  if (fixture.uploads.length > 24) fixture.uploads.splice(0, fixture.uploads.length - 24);
}

/** Sends a draft alone; returns the answer when it is a 5xx with the given signature. */
async function probeSignature(
  d: Draft,
  fixture: Fixture,
  server: KeysmithServer | undefined,
  key: string,
  fiveXxIds: Set<string>,
): Promise<{ sent: Finished; reply: Reply; log?: LogLine } | undefined> {
  const sent = finish(d, fixture.target, (l) => fixture.creds.get(l) ?? fixture.creds.get('admin')!, Date.now());
  const conn = new Connection(fixture.target.host, fixture.target.port);
  const fresh = d.raw !== undefined || d.contentLength !== undefined;
  const outcome = fresh
    ? await sendOnce(fixture.target.host, fixture.target.port, sent.bytes, { head: d.method === 'HEAD', timeoutMs: 10_000 })
    : await conn.send(sent.bytes, { head: d.method === 'HEAD', timeoutMs: 10_000 });
  conn.close();
  if (outcome.kind !== 'reply' || outcome.reply.status < 500) return undefined;
  const requestId = requestIdOf(outcome.reply);
  if (requestId) fiveXxIds.add(requestId); // the audit scan must not count the probes' 5xx as silent faults
  let log: LogLine | undefined;
  for (let i = 0; i < 20 && server && requestId; i++) {
    log = logLineOf(server.logs, requestId);
    if (log) break;
    await sleep(25);
  }
  let code = errorCodeOf(outcome.reply);
  if (code === '(empty body)' && log?.code) code = `${log.code} (HEAD, no body)`;
  const got = signatureKey(outcome.reply.status, code, log, d.op);
  return got === key ? { sent, reply: outcome.reply, ...(log ? { log } : {}) } : undefined;
}

/** A human-readable reproduction: method, target, headers, body, how it is signed. */
export function describeDraft(d: Draft, target: Target): string {
  const q = joinPairs(d.query);
  const lines = [`${d.method} ${d.path}${q ? '?' + q : ''}`, `Host: ${d.host ?? `${target.host}:${target.port}`}`];
  for (const [k, v] of d.headers) lines.push(`${k}: ${JSON.stringify(v).slice(1, -1)}`);
  const s = d.sign;
  lines.push(
    s.kind === 'none'
      ? '(unsigned)'
      : s.kind === 'header'
        ? `(SigV4 Authorization header as ${s.creds}, service ${s.service}, region ${JSON.stringify(s.region)}, payload ${s.payload === 'literal' ? s.literal : s.payload}${s.skewMs ? `, clock ${s.skewMs / 1000} s off` : ''})`
        : s.kind === 'presign'
          ? `(SigV4 presigned as ${s.creds}, service ${s.service}, X-Amz-Expires ${s.expires})`
          : `(SigV2 presigned as ${s.creds}, Expires now${s.expiresDeltaS >= 0 ? '+' : ''}${s.expiresDeltaS} s)`,
  );
  if (d.post.length > 0) lines.push(`(after signing: ${d.post.map((p) => JSON.stringify(p)).join(', ')})`);
  if (d.raw) lines.push(`(HTTP damage: ${JSON.stringify(d.raw).slice(0, 300)})`);
  if (d.contentLength !== undefined) lines.push(`(Content-Length: ${d.contentLength})`);
  const b = d.body;
  if (b.kind === 'form') lines.push('', truncate(joinPairs(b.params, b.sep), 3000));
  else if (b.kind === 'bytes' && b.data.length > 0)
    lines.push(
      '',
      truncate(JSON.stringify(b.data.toString('latin1')).slice(1, -1), 3000) + (b.data.length > 3000 ? ` (${b.data.length} bytes)` : ''),
    );
  else if (b.kind === 'chunked')
    lines.push(
      '',
      `(aws-chunked, ${b.data.length} bytes in chunks ${b.sizes.join(',')}, ${b.signed ? 'signed' : 'unsigned'}, trailer ${JSON.stringify(b.trailer)}, damage ${JSON.stringify(b.damage ?? null)})`,
    );
  return lines.join('\n');
}

/** Request bytes as readable text: CR dropped, other control and non-ASCII bytes escaped, long lines and bodies cut. */
function wireText(bytes: Buffer): string {
  const text = bytes.subarray(0, 4000).toString('latin1').replace(/\r\n/g, '\n');
  const shown = text
    .split('\n')
    .map((line) =>
      truncate(
        line.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`),
        400,
      ),
    )
    .join('\n');
  return bytes.length > 4000 ? `${shown}\n… (${bytes.length} bytes in all)` : shown;
}

/** The commit the server was built from, and whether src/ had uncommitted changes. */
function codeVersion(): string {
  const git = (args: string[]) => spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
  const head = git(['rev-parse', '--short', 'HEAD']);
  if (head.status !== 0) return 'commit unknown';
  const dirty = git(['status', '--porcelain', '--', 'src']).stdout.trim() !== '';
  return `commit ${head.stdout.trim()}${dirty ? ' + uncommitted src/ changes' : ''}`;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function truncate(text: string, n: number): string {
  return text.length > n ? text.slice(0, n) + '…' : text;
}

async function replay(o: FuzzOptions, fixture: Fixture, server: KeysmithServer | undefined): Promise<number> {
  const draft = draftFromJson(JSON.parse(readFileSync(o.replay!, 'utf8')));
  process.stdout.write(`${describeDraft(draft, fixture.target)}\n\n`);
  const sent = finish(draft, fixture.target, (l) => fixture.creds.get(l) ?? fixture.creds.get('admin')!, Date.now());
  const outcome = await sendOnce(fixture.target.host, fixture.target.port, sent.bytes, {
    head: draft.method === 'HEAD',
    timeoutMs: 30_000,
  });
  if (outcome.kind !== 'reply') {
    process.stdout.write(`no answer: ${outcome.kind === 'error' ? outcome.error : outcome.kind}\n`);
    return 1;
  }
  process.stdout.write(
    `HTTP ${outcome.reply.status}\n${[...outcome.reply.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${outcome.reply.body.subarray(0, 4096).toString('utf8')}\n`,
  );
  await sleep(300);
  const log = server ? logLineOf(server.logs, requestIdOf(outcome.reply)) : undefined;
  if (log) process.stdout.write(`\nserver log: ${log.raw}\n`);
  return outcome.reply.status >= 500 ? 1 : 0;
}

interface ReportInput {
  /** Commit of the tree when the run started (the server runs what was built from it). */
  code: string;
  o: FuzzOptions;
  out: string;
  stats: Stats;
  findings: Findings;
  signatures: Signature[];
  minimised: Map<Signature, { draft: Draft; sent: Finished; reply: Reply; log?: LogLine }>;
  written: string[];
  crashes: Crash[];
  restarts: number;
  elapsedMs: number;
  rssAtStart: number | undefined;
  warm: RssSample | undefined;
  half: RssSample | undefined;
  rss: RssSample[];
  rssEnd: number | undefined;
  rssPeak: number | undefined;
  warmKiB: number | undefined;
  endKiB: number | undefined;
  rssGrowthKiB: number | undefined;
  rssFailed: boolean;
  audit: AuditScan | undefined;
  fiveXx: number;
  notImplemented: number;
  server: KeysmithServer | undefined;
  target: Target;
}

function renderReport(x: ReportInput): { text: string; summary: unknown } {
  const n = (v: number) => v.toLocaleString('en');
  const mib = (kib: number | undefined) => (kib === undefined ? 'n/a' : `${(kib / MiB).toFixed(1)} MiB`);
  const t = x.stats.total();
  const secs = x.elapsedMs / 1000;
  const L: string[] = [];
  L.push('', `## keysmith fuzz report — seed ${x.o.seed}, ${x.code}`, '');
  L.push(
    `${n(t.sent)} requests in ${secs.toFixed(1)} s (${n(Math.round(t.sent / secs))} req/s), concurrency ${x.o.concurrency}; ${n(t.reSigned)} signed after mutation, ${n(t.malformedHttp)} malformed HTTP, ${n(t.aborted)} abandoned by the client on purpose`,
    '',
  );
  L.push(
    '| protocol | sent | 2xx | 3xx | 4xx | 5xx | socket errors | timeouts | aborted |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  const row = (name: string, s: ReturnType<Stats['total']>) =>
    `| ${name} | ${n(s.sent)} | ${n(s.classes['2xx'])} | ${n(s.classes['3xx'])} | ${n(s.classes['4xx'])} | ${n(s.classes['5xx'])} | ${n([...s.errors.values()].reduce((a, b) => a + b, 0))} | ${n(s.timeouts)} | ${n(s.aborted)} |`;
  for (const [p, s] of x.stats.byProtocol) L.push(row(p, s));
  L.push(row('**all**', t), '');
  L.push(
    `5xx by code: ${x.findings.byCode.size === 0 ? 'none' : [...x.findings.byCode].map(([k, v]) => `${k} ×${n(v)}`).join(', ')}${x.notImplemented ? `; NotImplemented (501, deliberate) ×${n(x.notImplemented)}` : ''}`,
  );
  const top = [...t.codes]
    .filter(([k]) => !k.startsWith('5'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 14);
  L.push(`most frequent non-2xx answers: ${top.map(([k, v]) => `${k} ×${n(v)}`).join(', ')}`);
  if (t.errors.size > 0) L.push(`socket errors: ${[...t.errors].map(([k, v]) => `${k} ×${n(v)}`).join(', ')}`);
  if (x.stats.errorExamples.length > 0)
    L.push(
      `  e.g. ${x.stats.errorExamples
        .slice(0, 4)
        .map((e) => `#${e.index} ${e.op}: ${e.what}`)
        .join('; ')}`,
    );
  L.push(
    `crashes: ${x.crashes.length}${x.crashes.length ? ' — ' + x.crashes.map((c) => `${c.exit} after ${n(c.afterRequests)} requests`).join('; ') : ''}${x.restarts ? ` (restarted ${x.restarts}×)` : ''}`,
  );
  L.push(
    `server RSS: ${mib(x.rssAtStart)} after set-up, ${mib(x.warm?.kib)} after warm-up (${n(x.warm?.sent ?? 0)} requests), ${mib(x.half?.kib)} half-way (${n(x.half?.sent ?? 0)}), ${mib(x.rssEnd)} at the end, peak ${mib(x.rssPeak)}; median ${mib(x.warmKiB)} over 10–20 % of the run, ${mib(x.endKiB)} over the last 10 % and after: growth ${x.rssGrowthKiB === undefined ? 'n/a' : mib(x.rssGrowthKiB)} (threshold ${x.o.maxRssGrowthMiB} MiB)${x.rssFailed ? ' — TOO MUCH' : ''}`,
  );
  if (x.server) {
    const errs = x.server.logs.levels.get('error') ?? 0;
    L.push(`server log: ${n(errs)} error lines, ${n(x.server.logs.levels.get('warn') ?? 0)} warn lines (${x.out}/server.log)`);
    const loose = x.server.logs.loose.filter((l) => l.level === 'error' || l.level === 'warn');
    const looseKinds = new Map<string, number>();
    for (const l of loose)
      looseKinds.set(
        `${l.level}: ${l.msg}${l.detail ? ' — ' + l.detail.split('\n')[0]!.slice(0, 120) : ''}`,
        (looseKinds.get(`${l.level}: ${l.msg}${l.detail ? ' — ' + l.detail.split('\n')[0]!.slice(0, 120) : ''}`) ?? 0) + 1,
      );
    for (const [k, v] of looseKinds) L.push(`  without a request id: ${k} ×${v}`);
  }
  if (x.audit) {
    L.push(
      `audit: ${n(x.audit.events)} events in ${x.audit.file}; server-fault codes ${x.audit.faultCodes.size === 0 ? 'none' : [...x.audit.faultCodes].map(([k, v]) => `${k} ×${n(v)}`).join(', ')} (${n(x.audit.faultsWithout5xx)} without a 5xx answer); secrets/signatures not redacted: ${x.audit.leaks.size === 0 ? 'none' : [...x.audit.leaks].map(([k, v]) => `${k} ×${n(v)}`).join(', ')}`,
    );
    for (const e of x.audit.faultExamples.slice(0, 6)) L.push(`  fault: ${e}`);
    for (const e of x.audit.leakExamples.slice(0, 6)) L.push(`  leak: ${e}`);
  }
  if (x.stats.timeoutExamples.length > 0) {
    L.push(
      `timeouts (no answer within ${x.o.timeoutMs} ms): ${n(t.timeouts)}, ${n(x.stats.unexpectedTimeouts)} of them on well-formed requests`,
    );
    for (const e of x.stats.timeoutExamples.slice(0, 6)) L.push(`  #${e.index} ${e.op} [${e.mutations.join(', ')}]`);
  }
  L.push('');
  if (x.signatures.length > 0) {
    L.push(`### ${x.signatures.length} distinct 5xx signature(s) (reproductions in ${join(x.out, 'findings')})`, '');
    x.signatures.forEach((s, i) => {
      L.push(
        `${i + 1}. **${s.status} ${s.code}** — ${s.detail} (${n(s.count)} kept; ${[...s.ops].map(([op, c]) => `${op} ×${c}`).join(', ')})`,
      );
      L.push(`   folder: ${x.written[i]}`);
      const m = x.minimised.get(s);
      if (m) {
        L.push(
          '   minimal reproduction:',
          '   ```',
          ...describeDraft(m.draft, x.target)
            .split('\n')
            .map((l) => '   ' + l),
          '   ```',
        );
        L.push(
          '   as sent (minimal.http):',
          '   ```',
          ...wireText(m.sent.bytes)
            .split('\n')
            .map((l) => '   ' + l),
          '   ```',
          `   answer: HTTP ${m.reply.status}`,
          `   server log: ${m.log?.raw ?? s.log?.raw ?? '(none)'}`,
        );
      } else
        L.push(
          `   example: request #${s.examples[0]!.index} [${s.examples[0]!.mutations.join(', ')}]`,
          `   server log: ${s.log?.raw ?? '(none)'}`,
        );
      L.push('');
    });
  }
  const summary = {
    seed: x.o.seed,
    first: x.o.first,
    concurrency: x.o.concurrency,
    protocols: x.o.protocols,
    elapsedSeconds: secs,
    requests: t.sent,
    requestsPerSecond: t.sent / secs,
    byProtocol: Object.fromEntries(
      [...x.stats.byProtocol].map(([p, s]) => [p, { ...s, codes: Object.fromEntries(s.codes), errors: Object.fromEntries(s.errors) }]),
    ),
    fiveXxByCode: Object.fromEntries(x.findings.byCode),
    notImplemented: x.notImplemented,
    signatures: x.signatures.map((s) => ({ key: s.key, count: s.count, ops: Object.fromEntries(s.ops), log: s.log?.raw })),
    crashes: x.crashes.map((c) => ({ exit: c.exit, afterRequests: c.afterRequests, inFlight: c.inFlight.map((d) => d.index) })),
    code: x.code,
    rss: {
      afterSetupKiB: x.rssAtStart,
      afterWarmUpKiB: x.warm?.kib,
      halfWayKiB: x.half?.kib,
      endKiB: x.rssEnd,
      peakKiB: x.rssPeak,
      medianWarmKiB: x.warmKiB,
      medianEndKiB: x.endKiB,
      growthKiB: x.rssGrowthKiB,
      thresholdMiB: x.o.maxRssGrowthMiB,
      samples: x.rss.filter((_, i) => i % 5 === 0),
    },
    audit: x.audit
      ? {
          events: x.audit.events,
          faultCodes: Object.fromEntries(x.audit.faultCodes),
          faultsWithout5xx: x.audit.faultsWithout5xx,
          leaks: Object.fromEntries(x.audit.leaks),
        }
      : undefined,
    timeouts: t.timeouts,
    unexpectedTimeouts: x.stats.unexpectedTimeouts,
  };
  return { text: L.join('\n') + '\n', summary };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`fuzz: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
