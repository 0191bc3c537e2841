/**
 * keysmith's command line. Each subcommand lives in its own file and exports `run(argv)`.
 */
const USAGE = `usage: keysmith <command> [options]

commands:
  serve                  start the server (see README for options and environment)
  account create         add an account with root credentials and an admin user
  keys rotate            make a new session-token key the active one (old tokens stay valid)
  sessions revoke ROLE_ARN [--session-name NAME]
                         void the role's temporary credentials issued until now
  policy validate FILE   check a policy document, AWS-style findings
  policy simulate [FILE|-] [--derive] [--explain]
                         evaluate a request against policies, offline
  assume ROLE_ARN --session-name NAME [--duration S] [--external-id X] [--format env|json|credential-process]
                         assume a role with your AWS credentials; print the temporary ones
`;

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  switch (command) {
    case 'serve':
      return (await import('./serve.js')).run(argv.slice(1));
    case 'account':
      if (sub === 'create') return (await import('./account-create.js')).run(rest);
      break;
    case 'keys':
      if (sub === 'rotate') return (await import('./keys-rotate.js')).run(rest);
      break;
    case 'sessions':
      if (sub === 'revoke') return (await import('./sessions-revoke.js')).run(rest);
      break;
    case 'assume':
      return (await import('./assume.js')).run(argv.slice(1));
    case 'policy':
      if (sub === 'validate' || sub === 'simulate') return runPolicyCommand(sub, rest);
      break;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
  }
  process.stderr.write(USAGE);
  return 2;
}

async function runPolicyCommand(sub: 'validate' | 'simulate', argv: string[]): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const io = {
    stdout: (s: string) => void process.stdout.write(s),
    stderr: (s: string) => void process.stderr.write(s),
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`keysmith: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
