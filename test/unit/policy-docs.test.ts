import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/paths.js';
import { run as simulate } from '../../src/cli/policy-simulate.js';
import { run as validate } from '../../src/cli/policy-validate.js';

// docs/policy-engine.md "Command-line tools": every console block is a command on a sample file of
// docs/examples/policy/ followed by its exact output and `exit N`; run them all (issue 10, item 5).
const page = readFileSync(join(repoRoot, 'docs', 'policy-engine.md'), 'utf8');
const blocks = [...page.matchAll(/```console\n([\s\S]*?)```/g)].map((m) => m[1]!);
const COMMAND = /^\$ keysmith policy (validate|simulate) (.*); echo "exit \$\?"$/;

test('the page has console blocks for both commands and every sample file', () => {
  assert.ok(blocks.length >= 6);
  const text = blocks.join('\n');
  assert.match(text, /keysmith policy validate /);
  assert.match(text, /keysmith policy simulate /);
  for (const f of readdirSync(join(repoRoot, 'docs', 'examples', 'policy'))) assert.ok(text.includes(`docs/examples/policy/${f}`), f);
});

for (const block of blocks) {
  const [first, ...rest] = block.replace(/\n$/, '').split('\n');
  test(`docs: ${first}`, async () => {
    const m = COMMAND.exec(first!);
    assert.ok(m, `a console block must start with $ keysmith policy …; echo "exit $?": ${first}`);
    const exit = rest.pop();
    const out: string[] = [];
    const io = {
      stdout: (s: string) => void out.push(s),
      stderr: (s: string) => void out.push(s),
      readFile: (p: string) => readFile(join(repoRoot, p), 'utf8'),
      readStdin: () => Promise.resolve(''),
    };
    const args = m[2]!.split(' ');
    const status = m[1] === 'validate' ? await validate(args, io) : await simulate(args, io);
    assert.equal(out.join(''), rest.map((l) => `${l}\n`).join(''));
    assert.equal(`exit ${status}`, exit);
  });
}
