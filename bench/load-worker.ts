/**
 * The load generator, run as its own process (forked by bench/run.ts) so that it never shares an
 * event loop with the server it measures. It receives one LoadJob over IPC, keeps `concurrency`
 * requests in flight over keep-alive loopback connections (node:http Agent), first for the
 * warm-up, then for the measured window, and sends back one LoadResult.
 *
 * Each in-flight slot is a loop: sign → send → read the whole response → record → repeat. So the
 * number of open connections equals the concurrency, like a client pool of that size.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { QuerySigner, type Credentials, type QueryTemplate } from './lib/sign-query.js';
import { awsErrorCode } from './lib/http-call.js';
import { summarise } from './lib/stats.js';
import type { FromWorker, LoadJob, LoadResult, ToWorker } from './lib/worker-protocol.js';

const MAX_ERROR_SAMPLES = 5;
const REQUEST_TIMEOUT_MS = 10_000;

/** Signs according to the job's mode and keeps the cost of signing, which is client CPU. */
class Signer {
  signatures = 0;
  private spentMs = 0;
  private cachedSecond = -1;
  private cached: Record<string, string> = {};
  private readonly signer: QuerySigner;

  constructor(
    template: QueryTemplate,
    credentials: Credentials,
    private readonly mode: LoadJob['signing'],
  ) {
    this.signer = new QuerySigner(template, credentials);
    // Untimed: the first calls pay for lazy crypto set-up and cold code, not for signing.
    for (let i = 0; i < 200; i++) this.signer.sign(Date.now());
  }

  headers(): Record<string, string> {
    const now = Date.now();
    if (this.mode === 'per-second') {
      const second = Math.floor(now / 1000);
      if (second === this.cachedSecond) return this.cached;
      this.cachedSecond = second;
    }
    const t0 = performance.now();
    const headers = this.signer.sign(now);
    this.spentMs += performance.now() - t0;
    this.signatures++;
    this.cached = headers;
    return headers;
  }

  meanMicros(): number {
    return this.signatures === 0 ? 0 : (this.spentMs * 1000) / this.signatures;
  }
}

interface Outcome {
  ok: boolean;
  error?: string;
}

/** `body` is a string on purpose: node:http then writes head and body in one write, not a writev. */
function send(agent: Agent, job: LoadJob, headers: Record<string, string>, body: string, contentLength: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(
      { agent, host: job.host, port: job.port, method: 'POST', path: job.template.path, headers: { ...headers, 'content-length': contentLength } },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status === 200) {
          res.on('end', () => resolve({ ok: true })).resume();
          return;
        }
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const code = awsErrorCode(text);
          resolve({ ok: false, error: `HTTP ${status}${code ? ` ${code}` : ''}` });
        });
      },
    );
    req.on('error', (error) => resolve({ ok: false, error: `socket: ${error.message}` }));
    // A hung request must not hang the run: it becomes an error after REQUEST_TIMEOUT_MS.
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no response within ${REQUEST_TIMEOUT_MS} ms`)));
    req.end(body);
  });
}

export async function runLoad(job: LoadJob, onWindowStart: () => void = () => {}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency, maxFreeSockets: job.concurrency });
  const body = job.template.body;
  const contentLength = String(Buffer.byteLength(body));
  const signer = new Signer(job.template, job.credentials, job.signing);
  const latencies = new Float64Array(job.maxRequests);
  const errorSamples: string[] = [];
  const start = performance.now();
  const windowStart = start + job.warmupMs;
  const windowEnd = windowStart + job.durationMs;
  let measured = 0;
  let errors = 0;
  let warmupRequests = 0;
  let issued = 0;
  let lastDone = windowStart;
  let cpuAtWindowStart = process.cpuUsage();
  const cpuTimer = setTimeout(() => {
    cpuAtWindowStart = process.cpuUsage();
    onWindowStart();
  }, job.warmupMs);

  async function slot(): Promise<void> {
    for (;;) {
      const now = performance.now();
      if (now >= windowEnd || issued >= job.maxRequests) return;
      const inWindow = now >= windowStart;
      if (inWindow) issued++;
      const headers = signer.headers();
      const t0 = performance.now();
      const outcome = await send(agent, job, headers, body, contentLength);
      const t1 = performance.now();
      if (!inWindow) {
        warmupRequests++;
        continue;
      }
      latencies[measured++] = t1 - t0;
      lastDone = t1;
      if (!outcome.ok) {
        errors++;
        if (errorSamples.length < MAX_ERROR_SAMPLES && !errorSamples.includes(outcome.error!)) errorSamples.push(outcome.error!);
      }
    }
  }

  await Promise.all(Array.from({ length: job.concurrency }, slot));
  const cpu = process.cpuUsage(cpuAtWindowStart);
  clearTimeout(cpuTimer);
  agent.destroy();
  const elapsedMs = Math.max(lastDone - windowStart, 1e-9);
  return {
    requests: measured,
    errors,
    errorSamples,
    warmupRequests,
    elapsedMs,
    requestsPerSecond: measured / (elapsedMs / 1000),
    latencyMs: summarise(latencies.subarray(0, measured)),
    signing: { mode: job.signing, signatures: signer.signatures, meanMicros: signer.meanMicros() },
    hitRequestCap: issued >= job.maxRequests,
    clientCpuPercent: ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
  };
}

if (process.send !== undefined) {
  process.once('message', (message: ToWorker) => {
    const reply = (m: FromWorker) => process.send!(m, undefined, {}, () => process.disconnect());
    runLoad(message.job, () => process.send!({ type: 'window' } satisfies FromWorker)).then(
      (result) => reply({ type: 'result', result }),
      (error: unknown) => reply({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
}
