import { dispatch } from './dispatch.js';

/** keysmith's command line (bin/keysmith.js loads this): src/cli/dispatch.ts finds the command. */
dispatch(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`keysmith: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
