import { nearest, processOut, type CliOut } from './args.js';
import { COMMANDS } from './specs.js';
import { packageVersion } from './version.js';

/**
 * keysmith's command line: finds the command and hands it the rest of the line. Each subcommand
 * lives in its own file and exports `run(argv)`; they are loaded only when used.
 */
export function overview(): string {
  const rows = COMMANDS.map((c) => `  ${c.name.padEnd(18)}${c.summary.split('\n')[0]}`);
  return `usage: keysmith <command> [options]

commands:
${rows.join('\n')}

options:
  -h, --help        show this help (keysmith <command> --help: the command's options and defaults)
  -V, --version     print keysmith's version
`;
}

const GROUPS = [...new Set(COMMANDS.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0]!))];

function groupHelp(group: string): string {
  const subs = COMMANDS.filter((c) => c.name.startsWith(`${group} `));
  return `usage: keysmith ${group} <subcommand> [options]\n\nsubcommands:\n${subs.map((c) => `  ${c.name.padEnd(18)}${c.summary.split('\n')[0]}`).join('\n')}\n\nkeysmith ${group} <subcommand> --help shows its options.\n`;
}

export async function dispatch(argv: readonly string[], io: CliOut = processOut): Promise<number> {
  const [command, sub, ...rest] = argv;
  switch (command) {
    case 'serve':
      return (await import('./serve.js')).run(argv.slice(1), io);
    case 'assume':
      return (await import('./assume.js')).run(argv.slice(1), process.env, io);
    case 'run':
      return (await import('./run.js')).run(argv.slice(1), process.env, io);
    case 'endpoint':
      return (await import('./endpoint.js')).run(argv.slice(1), process.env, io === processOut ? undefined : io);
    case 'completion':
      return (await import('./completion.js')).run(argv.slice(1), io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      if (command === 'help' && sub !== undefined) return dispatch([sub, ...rest, '--help'], io);
      io.stdout(overview());
      return 0;
    case '--version':
    case '-V':
      io.stdout(`keysmith ${packageVersion()}\n`);
      return 0;
  }
  if (GROUPS.includes(command)) {
    const full = `${command} ${sub ?? ''}`;
    switch (full) {
      case 'account create':
        return (await import('./account-create.js')).run(rest, io);
      case 'keys rotate':
        return (await import('./keys-rotate.js')).run(rest, io);
      case 'sessions revoke':
        return (await import('./sessions-revoke.js')).run(rest, io);
      case 'grant create':
        return (await import('./grant.js')).create(rest, process.env, io);
      case 'grant revoke':
        return (await import('./grant.js')).revoke(rest, process.env, io);
      case 'policy validate':
      case 'policy simulate':
        return runPolicyCommand(sub as 'validate' | 'simulate', rest, io);
    }
    if (sub === '--help' || sub === '-h') {
      io.stdout(groupHelp(command));
      return 0;
    }
    const subs = COMMANDS.filter((c) => c.name.startsWith(`${command} `)).map((c) => c.name.split(' ')[1]!);
    if (sub === undefined) io.stderr(`keysmith ${command}: missing subcommand (accepted: ${subs.join(', ')})\n\n${groupHelp(command)}`);
    else {
      const near = nearest(sub, subs);
      io.stderr(
        `keysmith ${command}: unknown subcommand '${sub}'${near ? `; did you mean 'keysmith ${command} ${near}'?` : ''} (accepted: ${subs.join(', ')})\n`,
      );
    }
    return 2;
  }
  const words = [...new Set(COMMANDS.map((c) => c.name.split(' ')[0]!))];
  const near = nearest(command, words);
  const what = command.startsWith('-') ? 'option' : 'command';
  io.stderr(
    `keysmith: unknown ${what} '${command}'${near ? `; did you mean 'keysmith ${near}'?` : ''}\n` +
      `commands: ${words.join(', ')} (keysmith --help for more)\n`,
  );
  return 2;
}

async function runPolicyCommand(sub: 'validate' | 'simulate', argv: string[], out: CliOut): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const io = {
    stdout: out.stdout,
    stderr: out.stderr,
    readFile: (path: string) => readFile(path, 'utf8'),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
  const mod = sub === 'validate' ? await import('./policy-validate.js') : await import('./policy-simulate.js');
  return mod.run(argv, io);
}
