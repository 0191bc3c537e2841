import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/paths.js';

// issue 10, item 4, through the installed entry point (bin/keysmith.js), as a user types it.
const bin = join(repoRoot, 'bin', 'keysmith.js');

function keysmith(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 60_000, env: { PATH: process.env.PATH ?? '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

describe('keysmith bin: help, version, unknown commands', () => {
  it('--help on every command and subcommand exits 0 with usage on stdout', async () => {
    const lines = [
      ['--help'],
      ['serve', '--help'],
      ['account', 'create', '-h'],
      ['keys', 'rotate', '--help'],
      ['sessions', 'revoke', '--help'],
      ['policy', 'validate', '-h'],
      ['policy', 'simulate', '--help'],
      ['assume', '-h'],
      ['completion', '--help'],
    ];
    const results = await Promise.all(lines.map((args) => keysmith(args)));
    results.forEach((r, i) => {
      assert.equal(r.code, 0, `${lines[i]!.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, /^usage: keysmith /);
      assert.equal(r.stderr, '');
    });
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const r = await keysmith(['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `keysmith ${version}\n`);
  });

  it('an unknown command suggests the nearest and exits 2', async () => {
    const r = await keysmith(['sesions', 'revoke']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^keysmith: unknown command 'sesions'; did you mean 'keysmith sessions'\?/);
  });
});
