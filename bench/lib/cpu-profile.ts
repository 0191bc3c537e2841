import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../../test/support/paths.js';
import { formatNumber, markdownTable } from './markdown.js';

/** The parts of a V8 .cpuprofile (what `node --cpu-prof` writes) this summary reads. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  /** Sampled milliseconds, idle excluded. */
  busyMs: number;
  idleMs: number;
  functions: Array<{ function: string; location: string; selfMs: number; share: number }>;
  /**
   * Each sample charged to the innermost keysmith (src/) function on its stack: its own time plus
   * the Node internals, native code and libraries it called (a SQLite query, zlib, a socket write).
   */
  keysmith: Array<{ function: string; location: string; ms: number; share: number }>;
  files: Array<{ file: string; selfMs: number; share: number }>;
}

/**
 * The profiles a server wrote into a folder when it exited, main thread first: Node writes one per
 * thread, named CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile (thread 0 is the main
 * thread; others are worker threads such as the audit writer).
 */
export function profilesIn(dir: string): { main?: string; threads: string[] } {
  if (!existsSync(dir)) return { threads: [] };
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort();
  const threadOf = (f: string) => Number(f.split('.')[4]);
  const main = files.find((f) => threadOf(f) === 0);
  return { ...(main ? { main: join(dir, main) } : {}), threads: files.filter((f) => f !== main).map((f) => join(dir, f)) };
}

/**
 * Self time per function and per file, with compiled dist/ locations mapped back to the
 * TypeScript source through the build's source maps. Self time: the samples whose innermost frame
 * is that function — where the CPU actually was, not who called it.
 */
export function summariseProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const byFunction = new Map<string, { function: string; location: string; us: number }>();
  const byKeysmith = new Map<string, { function: string; location: string; us: number }>();
  const byFile = new Map<string, number>();
  let idleUs = 0;
  let busyUs = 0;
  const maps = new Map<string, SourceMap | undefined>();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const located = new Map<number, { name: string; file: string; line: number; location: string }>();
  const locate = (id: number) => {
    let l = located.get(id);
    if (!l) {
      const { functionName, url, lineNumber, columnNumber } = nodes.get(id)!.callFrame;
      const where = sourceLocation(url, lineNumber, columnNumber, maps);
      l = { name: functionName || '(anonymous)', ...where, location: where.line > 0 ? `${where.file}:${where.line}` : where.file };
      located.set(id, l);
    }
    return l;
  };
  const add = (map: Map<string, { function: string; location: string; us: number }>, l: { name: string; location: string }, us: number) => {
    const key = `${l.name} ${l.location}`;
    const entry = map.get(key) ?? { function: l.name, location: l.location, us: 0 };
    entry.us += us;
    map.set(key, entry);
  };
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    if (node.callFrame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    busyUs += us;
    const l = locate(node.id);
    add(byFunction, l, us);
    byFile.set(l.file, (byFile.get(l.file) ?? 0) + us);
    let at: number | undefined = node.id;
    while (at !== undefined && !locate(at).file.startsWith('src/')) at = parent.get(at);
    add(byKeysmith, at === undefined ? { name: '(outside keysmith code)', location: 'node:http, event loop, GC' } : locate(at), us);
  }
  const share = (us: number) => (busyUs === 0 ? 0 : us / busyUs);
  return {
    file: relative(repoRoot, file),
    busyMs: busyUs / 1000,
    idleMs: idleUs / 1000,
    functions: [...byFunction.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ function: f.function, location: f.location, selfMs: f.us / 1000, share: share(f.us) })),
    keysmith: [...byKeysmith.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ function: f.function, location: f.location, ms: f.us / 1000, share: share(f.us) })),
    files: [...byFile.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([file, us]) => ({ file, selfMs: us / 1000, share: share(us) })),
  };
}

/** dist/src/x.js:line → src/x.ts:line; node internals and (program)/(garbage collector) as they are. */
function sourceLocation(
  url: string,
  line0: number,
  column0: number,
  maps: Map<string, SourceMap | undefined>,
): { file: string; line: number } {
  if (url === '') return { file: '(native / VM)', line: 0 };
  if (!url.startsWith('file://')) return { file: url, line: line0 + 1 };
  const path = fileURLToPath(url);
  if (!maps.has(path)) {
    let map: SourceMap | undefined;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')) as SourceMapPayload);
    } catch {
      map = undefined;
    }
    maps.set(path, map);
  }
  const map = maps.get(path);
  const entry: { originalSource?: string; originalLine?: number } | undefined = map?.findEntry(line0, column0);
  if (entry?.originalSource) {
    const original = entry.originalSource.startsWith('file://')
      ? fileURLToPath(entry.originalSource)
      : join(path, '..', entry.originalSource);
    return { file: relative(repoRoot, original), line: (entry.originalLine ?? 0) + 1 };
  }
  const rel = relative(repoRoot, path);
  return {
    file: rel.startsWith('node_modules') ? rel.split('/').slice(0, 2).join('/') : rel,
    line: rel.startsWith('node_modules') ? 0 : line0 + 1,
  };
}

export function profileSection(summary: ProfileSummary, threads: ProfileSummary[] = []): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const threadLines = threads.flatMap((t) => [
    '',
    `Another thread of the server (${t.file}): ${formatNumber(t.busyMs)} ms busy. Top functions by self time:`,
    '',
    markdownTable(
      ['function', 'where', 'self ms', 'share'],
      t.functions.slice(0, 8).map((f) => [f.function, f.location, formatNumber(f.selfMs), pct(f.share)]),
      [false, false, true, true],
    ),
  ]);
  return [
    `Server CPU profile, main thread (\`node --cpu-prof\`, ${summary.file}): ${formatNumber(summary.busyMs)} ms busy, ${formatNumber(summary.idleMs)} ms idle. Top functions by self time:`,
    '',
    markdownTable(
      ['function', 'where', 'self ms', 'share'],
      summary.functions.map((f) => [f.function, f.location, formatNumber(f.selfMs), pct(f.share)]),
      [false, false, true, true],
    ),
    '',
    'Charged to the innermost keysmith function on the stack (its own time plus the Node internals, native code and libraries it called):',
    '',
    markdownTable(
      ['keysmith function', 'where', 'ms', 'share'],
      summary.keysmith.map((f) => [f.function, f.location, formatNumber(f.ms), pct(f.share)]),
      [false, false, true, true],
    ),
    '',
    'By file (self time):',
    '',
    markdownTable(
      ['file', 'self ms', 'share'],
      summary.files.map((f) => [f.file, formatNumber(f.selfMs), pct(f.share)]),
      [false, true, true],
    ),
    ...threadLines,
  ].join('\n');
}
