/**
 * Just enough of the Dockerfile format to check keysmith's recipe without a Docker engine:
 * instructions (continuation lines joined, comments dropped), stages, COPY sources, ENV values and
 * exec-form (JSON array) commands.
 */
export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1) + ' ';
      continue;
    }
    const whole = (pending + line).trim();
    pending = '';
    const m = /^(\S+)\s+([\s\S]*)$/.exec(whole);
    if (m) out.push({ keyword: m[1]!.toUpperCase(), args: m[2]!.replace(/\s+/g, ' ').trim() });
  }
  return out;
}

export function stages(instructions: Instruction[]): Stage[] {
  const out: Stage[] = [];
  for (const i of instructions) {
    if (i.keyword === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(i.args);
      out.push({ from: m![1]!, name: m![2], instructions: [] });
    } else out.at(-1)?.instructions.push(i);
  }
  return out;
}

/** A COPY's `--from=` stage (undefined: the build context), sources and destination. */
export function copyOf(i: Instruction): { from: string | undefined; sources: string[]; dest: string } {
  const words = i.args.split(' ');
  let from: string | undefined;
  while (words[0]?.startsWith('--')) {
    const flag = words.shift()!;
    if (flag.startsWith('--from=')) from = flag.slice('--from='.length);
  }
  const dest = words.pop()!;
  return { from, sources: words, dest };
}

/** The variables an ENV instruction sets (`K=V` pairs; values without spaces or double-quoted). */
export function envOf(i: Instruction): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of i.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|\S*)/g)) out[m[1]!] = m[3] ?? m[2]!;
  return out;
}

/** An exec-form command (`["node", "x.js"]`) as its argument vector. */
export function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) throw new Error(`not an exec-form command: ${args}`);
  return parsed;
}
