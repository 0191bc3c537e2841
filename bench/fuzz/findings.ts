import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reply } from './client.js';
import type { Body, Draft, Finished } from './draft.js';
import type { LogIndex, LogLine } from './server.js';

/**
 * 5xx answers: recorded as they come, grouped into *signatures* at the end (status, error
 * code, and the server's own log line for that request id: the exception's first line and the
 * innermost keysmith frame), a few reproductions of each written to the findings folder.
 */
export interface ServerError {
  index: number;
  protocol: string;
  op: string;
  mutations: string[];
  status: number;
  code: string;
  requestId?: string;
  /** The request as sent (kept whole up to 256 KiB). */
  request: Buffer;
  requestBytes: number;
  responseHead: string;
  responseBody: string;
}

export interface Signature {
  key: string;
  status: number;
  code: string;
  detail: string;
  count: number;
  ops: Map<string, number>;
  examples: ServerError[];
  log?: LogLine;
}

const KEEP_PER_COARSE_KEY = 12;
const KEEP_REQUEST_BYTES = 256 * 1024;

/** The AWS error code of a response: S3/Query XML `<Code>`, JSON `__type`, or the x-amzn-ErrorType header. */
export function errorCodeOf(reply: Reply): string {
  const text = reply.body.subarray(0, 64 * 1024).toString('utf8');
  const xml = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  if (xml !== undefined) return xml;
  const json = /"__type"\s*:\s*"([^"]*)"/.exec(text)?.[1];
  if (json !== undefined) return json.replace(/^.*#/, '');
  const header = reply.headers.get('x-amzn-errortype');
  if (header) return header.split(':')[0]!;
  return reply.body.length === 0 ? '(empty body)' : '(no code)';
}

export function requestIdOf(reply: Reply): string | undefined {
  return reply.headers.get('x-amzn-requestid') ?? reply.headers.get('x-amz-request-id');
}

export function responseHead(reply: Reply): string {
  return [`HTTP/1.1 ${reply.status}`, ...[...reply.headers].map(([k, v]) => `${k}: ${v}`)].join('\n');
}

export class Findings {
  readonly all: ServerError[] = [];
  private readonly kept = new Map<string, number>();
  /** 5xx counted by "status code" (every one, kept or not). */
  readonly byCode = new Map<string, number>();
  readonly requestIds = new Set<string>();

  record(draft: Draft, sent: Finished, reply: Reply): void {
    const code = errorCodeOf(reply);
    const key = `${reply.status} ${code}`;
    this.byCode.set(key, (this.byCode.get(key) ?? 0) + 1);
    const requestId = requestIdOf(reply);
    if (requestId) this.requestIds.add(requestId);
    const coarse = `${key} ${draft.op}`;
    const n = this.kept.get(coarse) ?? 0;
    if (n >= KEEP_PER_COARSE_KEY) return;
    this.kept.set(coarse, n + 1);
    this.all.push({
      index: draft.index,
      protocol: draft.protocol,
      op: draft.op,
      mutations: draft.mutations,
      status: reply.status,
      code,
      ...(requestId ? { requestId } : {}),
      request: sent.bytes.length > KEEP_REQUEST_BYTES ? sent.bytes.subarray(0, KEEP_REQUEST_BYTES) : sent.bytes,
      requestBytes: sent.bytes.length,
      responseHead: responseHead(reply),
      responseBody: reply.body.subarray(0, 4096).toString('utf8'),
    });
  }
}

/** The server's error line for a request id, if it wrote one. */
export function logLineOf(logs: LogIndex, requestId: string | undefined): LogLine | undefined {
  if (requestId === undefined) return undefined;
  const lines = logs.byRequestId.get(requestId);
  return lines?.find((l) => l.level === 'error') ?? lines?.[0];
}

/** "TypeError: x is not a function @ handleS3Request (src/server/s3-pipeline.js)" with numbers and ids blurred. */
export function normaliseDetail(detail: string | undefined): string {
  if (detail === undefined) return '(no log line)';
  const lines = detail.split('\n');
  const message = lines[0]!
    .replace(/\b[0-9a-f]{16,}\b/gi, 'H')
    .replace(/\d+/g, 'N')
    .slice(0, 200);
  const frame = lines.find((l) => /\/(dist\/)?src\//.test(l));
  const where = frame ? /at (?:async )?([^\s(]+)?\s*\(?(?:file:\/\/)?[^()]*?\/((?:dist\/)?src\/[^:)]+)/.exec(frame) : null;
  return where ? `${message} @ ${where[1] ?? '<anonymous>'} (${where[2]!.replace(/^dist\//, '')})` : message;
}

export function signatureKey(status: number, code: string, log: LogLine | undefined, op: string): string {
  return log ? `${status} ${code} | ${normaliseDetail(log.detail ?? log.msg)}` : `${status} ${code} | (no log line) ${op}`;
}

export function groupSignatures(findings: Findings, logs: LogIndex): Signature[] {
  const groups = new Map<string, Signature>();
  for (const e of findings.all) {
    const log = logLineOf(logs, e.requestId);
    // HEAD answers have no body: the code is the one the server logged.
    if (e.code === '(empty body)' && log?.code) e.code = `${log.code} (HEAD, no body)`;
    const key = signatureKey(e.status, e.code, log, e.op);
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        status: e.status,
        code: e.code,
        detail: normaliseDetail(log?.detail ?? log?.msg),
        count: 0,
        ops: new Map(),
        examples: [],
        ...(log ? { log } : {}),
      };
      groups.set(key, g);
    }
    g.count++;
    g.ops.set(e.op, (g.ops.get(e.op) ?? 0) + 1);
    g.examples.push(e);
  }
  for (const g of groups.values()) g.examples.sort((a, b) => a.requestBytes - b.requestBytes);
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

/** Draft ⇄ JSON (Buffers as base64), for draft.json files and --replay. */
export function draftToJson(draft: Draft): unknown {
  const buf = (b: Buffer) => ({ base64: b.toString('base64'), text: b.length <= 4096 ? b.toString('latin1') : undefined });
  const body: unknown =
    draft.body.kind === 'bytes'
      ? { kind: 'bytes', data: buf(draft.body.data) }
      : draft.body.kind === 'chunked'
        ? { ...draft.body, data: buf(draft.body.data) }
        : draft.body;
  return { ...draft, body };
}

export function draftFromJson(json: unknown): Draft {
  const d = json as Draft & { body: { kind: string; data?: { base64: string } } };
  const fromB64 = (x: { base64: string } | undefined) => Buffer.from(x?.base64 ?? '', 'base64');
  const b = d.body as unknown as { kind: string; data?: { base64: string } };
  const body: Body =
    b.kind === 'form'
      ? d.body
      : b.kind === 'chunked'
        ? ({ ...(d.body as object), data: fromB64(b.data) } as Body)
        : { kind: 'bytes', data: fromB64(b.data) };
  return { ...d, body };
}

function slug(text: string): string {
  return text
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

export interface WrittenRepro {
  dir: string;
  draft?: Draft;
  sent?: Finished;
  reply?: Reply;
  log?: LogLine;
}

/** One folder per signature: the smallest examples as sent, the minimised draft (replayable), response and log line. */
export function writeSignature(
  root: string,
  n: number,
  sig: Signature,
  minimised: { draft: Draft; sent: Finished; reply: Reply; log?: LogLine } | undefined,
  describe: (d: Draft) => string,
): string {
  const dir = join(root, `${String(n).padStart(2, '0')}-${slug(`${sig.status}-${sig.code}-${sig.detail}`)}`);
  mkdirSync(dir, { recursive: true });
  const lines = [
    `signature: ${sig.key}`,
    `count (kept examples): ${sig.count}`,
    `operations: ${[...sig.ops].map(([op, c]) => `${op} ×${c}`).join(', ')}`,
    `server log line: ${sig.log?.raw ?? '(none)'}`,
    '',
  ];
  sig.examples.slice(0, 3).forEach((e, i) => {
    writeFileSync(join(dir, `example-${i + 1}.http`), e.request);
    writeFileSync(join(dir, `example-${i + 1}.response.txt`), `${e.responseHead}\n\n${e.responseBody}`);
    lines.push(`example-${i + 1}: request #${e.index} ${e.op}, ${e.requestBytes} bytes, mutations: ${e.mutations.join(', ') || '(none)'}`);
  });
  if (minimised) {
    writeFileSync(join(dir, 'minimal.http'), minimised.sent.bytes);
    writeFileSync(join(dir, 'minimal.draft.json'), JSON.stringify(draftToJson(minimised.draft), null, 2));
    writeFileSync(
      join(dir, 'minimal.response.txt'),
      `${responseHead(minimised.reply)}\n\n${minimised.reply.body.subarray(0, 4096).toString('utf8')}`,
    );
    lines.push(
      '',
      'minimal reproduction (re-signed at send time; replay: npm run fuzz -- --replay minimal.draft.json):',
      describe(minimised.draft),
      `server log line: ${minimised.log?.raw ?? '(none)'}`,
    );
  }
  writeFileSync(join(dir, 'README.txt'), lines.join('\n') + '\n');
  return dir;
}
