import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from '../../test/support/paths.js';
import { stopChild } from '../lib/child-process.js';
import { freePort } from '../lib/free-port.js';
import { httpCall } from '../lib/http-call.js';

/**
 * The server under fuzz: `node bin/keysmith.js serve` in a child process (as bench/ starts it),
 * SQLite in a fresh temp data folder, fixed bootstrap keys, log level `warn`, S3 data events
 * audited too (so every request's audit record is built). Its stderr goes to a file and into an
 * index by request id, so each 5xx can be paired with the server's own log line.
 */
export interface LogLine {
  level: string;
  msg: string;
  requestId?: string;
  code?: string;
  detail?: string;
  raw: string;
}

export class LogIndex {
  readonly byRequestId = new Map<string, LogLine[]>();
  /** Error and warn lines without a request id (unhandled failures, audit sink problems). */
  readonly loose: LogLine[] = [];
  readonly levels = new Map<string, number>();
  private partial = '';

  constructor(private readonly file: WriteStream | undefined) {}

  feed(chunk: Buffer): void {
    this.file?.write(chunk);
    const text = this.partial + chunk.toString('utf8');
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const raw of lines) this.line(raw);
  }

  private line(raw: string): void {
    if (raw.trim() === '') return;
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      parsed = { level: 'text', msg: raw };
    }
    const line: LogLine = {
      level: typeof parsed.level === 'string' ? parsed.level : 'text',
      msg: typeof parsed.msg === 'string' ? parsed.msg : '',
      ...(typeof parsed.requestId === 'string' ? { requestId: parsed.requestId } : {}),
      ...(typeof parsed.code === 'string' ? { code: parsed.code } : {}),
      ...(parsed.detail !== undefined ? { detail: typeof parsed.detail === 'string' ? parsed.detail : JSON.stringify(parsed.detail) } : {}),
      raw: raw.length > 4000 ? raw.slice(0, 4000) + '…' : raw,
    };
    this.levels.set(line.level, (this.levels.get(line.level) ?? 0) + 1);
    if (line.requestId !== undefined) {
      const list = this.byRequestId.get(line.requestId) ?? [];
      if (list.length < 4) list.push(line);
      this.byRequestId.set(line.requestId, list);
    } else if (this.loose.length < 2000) this.loose.push(line);
  }
}

export interface ServerOptions {
  accountId: string;
  admin: { accessKeyId: string; secretAccessKey: string };
  env: Record<string, string>;
  logFile: string;
}

export class KeysmithServer {
  readonly host = '127.0.0.1';
  port = 0;
  dataDir = '';
  child: ChildProcess | undefined;
  /** Set once stop() is called: an exit after that is not a crash. */
  stopping = false;
  readonly logs: LogIndex;
  private readonly logStream: WriteStream;
  private exits: string[] = [];
  private tail = '';

  constructor(private readonly options: ServerOptions) {
    this.logStream = createWriteStream(options.logFile, { flags: 'a' });
    this.logs = new LogIndex(this.logStream);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** How the server ended, each time it did (crashes). */
  get exitHistory(): readonly string[] {
    return this.exits;
  }

  lastOutput(): string {
    return this.tail;
  }

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    if (this.dataDir === '') this.dataDir = mkdtempSync(join(tmpdir(), 'keysmith-fuzz-'));
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('KEYSMITH_')) env[k] = v;
    Object.assign(env, { KEYSMITH_AUDIT_DATA_EVENTS: 'true' }, this.options.env, {
      KEYSMITH_HOST: this.host,
      KEYSMITH_ACCOUNT_ID: this.options.accountId,
      KEYSMITH_ADMIN_ACCESS_KEY_ID: this.options.admin.accessKeyId,
      KEYSMITH_ADMIN_SECRET_ACCESS_KEY: this.options.admin.secretAccessKey,
      KEYSMITH_LOG_LEVEL: this.options.env.KEYSMITH_LOG_LEVEL ?? 'warn',
    });
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'bin', 'keysmith.js'), 'serve', '--port', String(this.port), '--data-dir', this.dataDir],
      { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.tail = (this.tail + chunk.toString('utf8')).slice(-8000);
      this.logs.feed(chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('exit', (code, signal) => this.exits.push(signal ? `signal ${signal}` : `exit code ${code}`));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (!this.alive()) throw new Error(`keysmith serve exited before it was healthy:\n${this.tail}`);
      const health = await httpCall({ host: this.host, port: this.port, method: 'GET', path: '/_keysmith/health' }).catch(() => undefined);
      if (health?.status === 200) return;
      if (Date.now() > deadline) throw new Error(`keysmith serve was not healthy within 60 s:\n${this.tail}`);
      await sleep(100);
    }
  }

  /** After a crash: the same data folder and port, so credentials and fixture stay valid. */
  async restart(): Promise<void> {
    if (this.alive()) await stopChild(this.child!, 5000);
    await this.start();
  }

  async stop(keepData: boolean): Promise<void> {
    this.stopping = true;
    if (this.child && this.alive()) await stopChild(this.child, 10_000);
    await new Promise<void>((resolve) => this.logStream.end(() => resolve()));
    if (!keepData && this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** VmRSS of a process in KiB (Linux /proc), or undefined. */
export function rssKiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export function hwmKiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
