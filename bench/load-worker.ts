/**
 * The load generator, run as its own process (forked by bench/run.ts) so that it never shares an
 * event loop with the server it measures. It receives one LoadJob over IPC, keeps `concurrency`
 * requests in flight over keep-alive loopback connections, first for the warm-up, then for the
 * measured window, and sends back one LoadResult.
 *
 * Each in-flight slot is a loop: sign → send → read the whole response → record → repeat. So the
 * number of open connections equals the concurrency, like a client pool of that size.
 *
 * Two clients: `lean` (default) — one raw net.Socket per slot, the request written as one
 * pre-built buffer, the response read by a minimal HTTP/1.1 parser (bench/lib/lean-connection.ts);
 * and `node-http` — node:http with a keep-alive Agent, about twice the client CPU per request.
 */
import { performance } from 'node:perf_hooks';
import { LeanConnection, type Outcome } from './lib/lean-connection.js';
import { NodeHttpClient } from './lib/node-http-client.js';
import { RequestSigner, wireBytes, type SignedQuery } from './lib/request-signer.js';
import { summarise } from './lib/stats.js';
import type { FromWorker, LoadJob, LoadResult, ToWorker } from './lib/worker-protocol.js';

const MAX_ERROR_SAMPLES = 5;
const REQUEST_TIMEOUT_MS = 10_000;

/** What a slot needs from a client: send one signed request, get its outcome. */
type SendNext = (signed: SignedQuery) => Promise<Outcome>;

interface Client {
  slots: SendNext[];
  connects(): number;
  close(): void;
}

function leanClient(job: LoadJob, keepBody?: (status: number) => boolean): Client {
  const bodyLength = Buffer.byteLength(job.template.body);
  const connections = Array.from({ length: job.concurrency }, () => new LeanConnection(job.host, job.port, keepBody));
  // One timer for all connections instead of one per request.
  const watchdog = setInterval(() => {
    const now = performance.now();
    for (const c of connections) c.expire(now, REQUEST_TIMEOUT_MS);
  }, 1000);
  watchdog.unref();
  return {
    slots: connections.map((c) => (signed: SignedQuery) => c.send(wireBytes(job.template, signed, bodyLength))),
    connects: () => connections.reduce((n, c) => n + c.connects, 0),
    close: () => {
      clearInterval(watchdog);
      for (const c of connections) c.close();
    },
  };
}

function nodeHttpClient(job: LoadJob): Client {
  const client = new NodeHttpClient(job.host, job.port, job.concurrency, REQUEST_TIMEOUT_MS);
  const body = job.template.body;
  const contentLength = String(Buffer.byteLength(body));
  const send: SendNext = (signed) => client.send(job.template.path, signed.headers, body, contentLength, job.template.method);
  return { slots: Array.from({ length: job.concurrency }, () => send), connects: () => client.connects, close: () => client.destroy() };
}

export async function runLoad(
  job: LoadJob,
  onWindowStart: () => void = () => {},
  keepBody?: (status: number) => boolean,
): Promise<LoadResult & { bodies?: Buffer[] }> {
  const client = job.client === 'node-http' ? nodeHttpClient(job) : leanClient(job, keepBody);
  const signer = new RequestSigner(job.template, job.credentials, job.signing, job.poolSize);
  const latencies = new Float64Array(job.maxRequests);
  const errorSamples: string[] = [];
  const outcomes: Record<string, number> = {};
  const bodies: Buffer[] = [];
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

  async function slot(sendNext: SendNext): Promise<void> {
    for (;;) {
      const now = performance.now();
      if (now >= windowEnd || issued >= job.maxRequests) return;
      const inWindow = now >= windowStart;
      if (inWindow) issued++;
      // Signing is client work before the request exists; latency starts when it is handed over.
      const signed = signer.next();
      const t0 = performance.now();
      const outcome = await sendNext(signed);
      const t1 = performance.now();
      if (!inWindow) {
        warmupRequests++;
        continue;
      }
      latencies[measured++] = t1 - t0;
      lastDone = t1;
      const key = outcome.status !== undefined ? String(outcome.status) : (outcome.error ?? 'unknown');
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      if (keepBody && outcome.body) bodies.push(outcome.body);
      if (!outcome.ok) {
        errors++;
        if (errorSamples.length < MAX_ERROR_SAMPLES && !errorSamples.includes(outcome.error!)) errorSamples.push(outcome.error!);
      }
    }
  }

  await Promise.all(client.slots.map(slot));
  const cpu = process.cpuUsage(cpuAtWindowStart);
  clearTimeout(cpuTimer);
  const connects = client.connects();
  client.close();
  const elapsedMs = Math.max(lastDone - windowStart, 1e-9);
  return {
    requests: measured,
    errors,
    errorSamples,
    warmupRequests,
    elapsedMs,
    requestsPerSecond: measured / (elapsedMs / 1000),
    latencyMs: summarise(latencies.subarray(0, measured)),
    signing: {
      mode: job.signing,
      signatures: signer.signatures,
      meanMicros: signer.meanMicros(),
      ...(job.signing === 'pool' ? { poolSize: job.poolSize } : {}),
    },
    client: job.client,
    connects,
    outcomes,
    hitRequestCap: issued >= job.maxRequests,
    clientCpuPercent: ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
    ...(keepBody ? { bodies } : {}),
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
