// What the generators of committed source files share (scripts/generate-action-catalogue.mjs,
// scripts/generate-service-names.mjs): where the AWS Service Authorization Reference data is
// (../shared/reference/service-authorization/, or --reference DIR), and writing the output laid out by
// the project's Prettier settings — or, with --check, comparing it with the committed file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as prettier from 'prettier';

export const root = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

/** The command line of a generator: the reference folder, and whether to check only. */
export function generatorArgs(name, requiredFile) {
  const args = process.argv.slice(2);
  const refIndex = args.indexOf('--reference');
  const referenceDir = refIndex >= 0 ? args[refIndex + 1] : join(root, '..', 'shared', 'reference', 'service-authorization');
  if (!existsSync(join(referenceDir, requiredFile))) {
    process.stderr.write(`${name}: no ${requiredFile} in ${referenceDir} (pass --reference DIR)\n`);
    process.exit(2);
  }
  return { referenceDir, check: args.includes('--check') };
}

/** Formats `text` for `target`; writes it, or with `check` exits 1 when the committed file differs. */
export async function writeGenerated(name, target, text, check, summary) {
  const out = await prettier.format(text, { ...(await prettier.resolveConfig(target)), filepath: target });
  const shown = relative(root, target);
  if (check) {
    if ((existsSync(target) ? readFileSync(target, 'utf8') : '') !== out) {
      process.stderr.write(`${name}: ${shown} is stale; run node scripts/${name}.mjs\n`);
      process.exit(1);
    }
    process.stderr.write(`${shown} is fresh (${summary})\n`);
  } else {
    writeFileSync(target, out);
    process.stderr.write(`wrote ${shown} (${summary})\n`);
  }
}
