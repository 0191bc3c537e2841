/**
 * What the runner (bench/run.ts) sends to the load worker (bench/load-worker.ts) over the fork
 * IPC channel, and what comes back. Plain data only: it crosses a process boundary.
 */
import type { Credentials, QueryTemplate } from './sign-query.js';

/** `fresh`: every request signed just before it is sent (as a real client does).
 *  `per-second`: one signature per template per wall-clock second, reused within that second
 *  (X-Amz-Date has one-second resolution, so the bytes on the wire are the same).
 *  `pool`: a pool of requests signed up front (dates one second apart), sent in turn. */
export type SigningMode = 'fresh' | 'per-second' | 'pool';

/** `lean`: raw net.Socket per connection, pre-built request bytes, a minimal response parser.
 *  `node-http`: node:http with a keep-alive Agent (the first load generator; costs more CPU). */
export type ClientKind = 'lean' | 'node-http';

export interface LoadJob {
  host: string;
  port: number;
  template: QueryTemplate;
  credentials: Credentials;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Upper bound on measured requests (the run also stops after durationMs). */
  maxRequests: number;
  signing: SigningMode;
  /** Requests in the pool when signing is `pool`. */
  poolSize: number;
  client: ClientKind;
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export interface LoadResult {
  /** Measured requests completed (warm-up excluded), errors included. */
  requests: number;
  errors: number;
  /** A few error descriptions (status and AWS error code, or the socket error). */
  errorSamples: string[];
  warmupRequests: number;
  /** From the start of the measured window to the last measured response. */
  elapsedMs: number;
  requestsPerSecond: number;
  /** Milliseconds, from the request being handed to the client to the end of the response body. */
  latencyMs: LatencySummary;
  signing: { mode: SigningMode; signatures: number; meanMicros: number; poolSize?: number };
  client: ClientKind;
  /** Connections opened, warm-up included (= concurrency unless the server closed some). */
  connects: number;
  /** Measured responses by outcome: `200`, `403`, `socket: ECONNRESET`, `timeout`, … */
  outcomes: Record<string, number>;
  /** CPU the load worker itself used during the window, in % of one core (100 = one core busy). */
  clientCpuPercent: number;
  /** True when maxRequests, not durationMs, ended the run. */
  hitRequestCap: boolean;
}

export type ToWorker = { type: 'run'; job: LoadJob };
/** `window` marks the end of the warm-up, so the runner can sample server CPU over the window alone. */
export type FromWorker = { type: 'window' } | { type: 'result'; result: LoadResult } | { type: 'failed'; message: string };
