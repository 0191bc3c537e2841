import { parseArgs } from 'node:util';

/**
 * The one argument helper of the CLI: every command describes its options once (a CommandSpec),
 * and gets from it the parsing (Node's own `util.parseArgs`, strict), the `--help`/`-h` text with
 * each option's default, and usage errors that name the flag at fault and what is accepted.
 */
export interface OptionSpec {
  /** Long name without the dashes. */
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  /** Placeholder shown in help for a string option (`--port N`). */
  value?: string;
  /** The default as shown in help (the command applies it). */
  default?: string;
  /** Environment variable that sets the same thing. */
  env?: string;
  /** For a string option with a closed set of values. */
  choices?: readonly string[];
  doc: string;
}

export interface CommandSpec {
  /** The words after `keysmith`: 'serve', 'account create'. */
  name: string;
  summary: string;
  /** The argument line after the command name: 'ROLE_ARN --session-name NAME [options]'. */
  args: string;
  /** Positional arguments: how many are accepted. */
  positionals: { min: number; max: number };
  options: readonly OptionSpec[];
  /** Free text after the options. */
  notes?: string;
}

export interface CliOut {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processOut: CliOut = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
};

/** A usage problem: printed as `keysmith <command>: <message>`, exit 2. */
export class UsageError extends Error {}

export type Parsed = { help: true } | { help: false; values: Record<string, string | boolean | undefined>; positionals: string[] };

const HELP: OptionSpec = { name: 'help', short: 'h', type: 'boolean', doc: 'show this help and exit' };

/** True when `--help` or `-h` comes before a `--` (wins over every other problem of the line). */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/** Parses argv against the spec; throws UsageError naming the flag at fault and what is accepted. */
export function parseCommand(spec: CommandSpec, argv: readonly string[]): Parsed {
  if (wantsHelp(argv)) return { help: true };
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const o of spec.options) options[o.name] = o.short ? { type: o.type, short: o.short } : { type: o.type };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(explainParseError(spec, error, argv));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  for (const o of spec.options) {
    const v = values[o.name];
    if (o.choices && typeof v === 'string' && !o.choices.includes(v)) {
      throw new UsageError(`--${o.name} must be one of ${o.choices.join(', ')}, got '${v}'`);
    }
  }
  const { min, max } = spec.positionals;
  if (parsed.positionals.length > max) {
    const extra = parsed.positionals[max]!;
    throw new UsageError(
      max === 0
        ? `unexpected argument '${extra}' (this command takes options only)`
        : `unexpected argument '${extra}' (usage: ${usageLine(spec)})`,
    );
  }
  if (parsed.positionals.length < min) throw new UsageError(`missing argument (usage: ${usageLine(spec)})`);
  return { help: false, values, positionals: parsed.positionals };
}

function explainParseError(spec: CommandSpec, error: unknown, argv: readonly string[]): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(--?[^' ]+)/.exec(message)?.[1] ?? '';
  const accepted = `accepted: ${[...spec.options, HELP].map((o) => `--${o.name}`).join(', ')}`;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const name = flag.replace(/^-+/, '').split('=')[0]!;
      const near = nearest(
        name,
        spec.options.map((o) => o.name),
      );
      return `unknown option ${flag}${near ? `; did you mean --${near}?` : ''} (${accepted})`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const option = spec.options.find((o) => flag === `--${o.name}` || flag === `-${o.short}`);
      if (option?.type === 'boolean') return `--${option.name} is a switch and takes no value (got '${argvValue(argv, option.name)}')`;
      if (option) return `--${option.name} needs a value${option.value ? ` (${option.value})` : ''}`;
      return message;
    }
    default:
      return message;
  }
}

function argvValue(argv: readonly string[], name: string): string {
  const a = argv.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : '';
}

/** The usage line: `keysmith serve [options]`. */
export function usageLine(spec: CommandSpec): string {
  return `keysmith ${spec.name}${spec.args ? ` ${spec.args}` : ''}`;
}

/** The full help: usage, summary, each option with its value, default and environment variable. */
export function helpText(spec: CommandSpec): string {
  const rows = [...spec.options, HELP].map((o) => {
    const left = `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    const extras: string[] = [];
    if (o.choices) extras.push(`one of ${o.choices.join(', ')}`);
    if (o.env) extras.push(`env ${o.env}`);
    if (o.default !== undefined) extras.push(`default: ${o.default}`);
    return { left, right: `${o.doc}${extras.length ? ` (${extras.join('; ')})` : ''}` };
  });
  const width = Math.min(32, Math.max(...rows.map((r) => r.left.length)) + 2);
  const lines = rows.map((r) => {
    const wrapped = wrap(r.right, 100 - width - 2);
    const first = r.left.length + 2 > width ? [`  ${r.left}`, ...wrapped.map((w) => `  ${' '.repeat(width)}${w}`)] : [];
    if (first.length) return first.join('\n');
    return wrapped.map((w, i) => `  ${(i === 0 ? r.left : '').padEnd(width)}${w}`).join('\n');
  });
  return `usage: ${usageLine(spec)}\n\n${spec.summary}\n\noptions:\n${lines.join('\n')}\n${spec.notes ? `\n${spec.notes.trimEnd()}\n` : ''}`;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/** Prints the problem and the usage line; returns the exit status 2. */
export function usageFailure(spec: CommandSpec, io: CliOut, message: string): number {
  io.stderr(`keysmith ${spec.name}: ${message}\nusage: ${usageLine(spec)}  (keysmith ${spec.name} --help for more)\n`);
  return 2;
}

/**
 * Parses, and answers `--help` itself. Returns the parsed arguments, or the exit status when the
 * command is done (0 after help, 2 after a usage error).
 */
export function parseOrExit(
  spec: CommandSpec,
  argv: readonly string[],
  io: CliOut,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } | number {
  try {
    const parsed = parseCommand(spec, argv);
    if (parsed.help) {
      io.stdout(helpText(spec));
      return 0;
    }
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(spec, io, error.message);
    throw error;
  }
}

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The candidate nearest to `word`, if it is near enough to be a plausible typo (or a prefix). */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.startsWith(word) && word.length >= 2 ? 0.5 : editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/**
 * Splits `[options] [--] COMMAND [ARGS…]` (keysmith run): the options end at the first `--`, or
 * at the first word that is not an option or an option's value; the rest is the command, its own
 * flags untouched.
 */
export function splitCommandLine(spec: CommandSpec, argv: readonly string[]): { options: string[]; command: string[] } {
  const takesValue = new Set(
    spec.options.filter((o) => o.type === 'string').flatMap((o) => [`--${o.name}`, ...(o.short ? [`-${o.short}`] : [])]),
  );
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return { options: argv.slice(0, i), command: argv.slice(i + 1) };
    if (a.startsWith('-') && a !== '-') {
      if (takesValue.has(a)) i++;
      continue;
    }
    return { options: argv.slice(0, i), command: argv.slice(i) };
  }
  return { options: [...argv], command: [] };
}
