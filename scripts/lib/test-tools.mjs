// Checks the external clients the conformance tests drive (AWS CLI, boto3, Terraform with the
// AWS provider in the machine's plugin mirror). Missing tools fail the run here, loudly: a test
// that skips for a missing dependency would hide it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function has(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return r.status === 0;
}

export function prepareTools() {
  const missing = [];
  if (!has('aws', ['--version'])) missing.push('the AWS CLI (aws)');
  if (!has('python3', ['-c', 'import boto3'])) missing.push('python3 with boto3');
  if (!has('terraform', ['version'])) missing.push('terraform');
  const mirror = process.env.KEYSMITH_TF_PLUGIN_MIRROR ?? '/opt/tf-plugins';
  if (!existsSync(`${mirror}/registry.terraform.io/hashicorp/aws`)) {
    missing.push(`the Terraform AWS provider in a local plugin mirror at ${mirror} (set KEYSMITH_TF_PLUGIN_MIRROR)`);
  }
  ensureChromium(missing);
  if (missing.length > 0) {
    process.stderr.write(`keysmith tests need ${missing.join(', ')}; install them and rerun.\n`);
    process.exit(1);
  }
}

/**
 * The console's browser tests drive Debian's Chromium (playwright-core downloads no browser, and no
 * browser download is reachable here). Missing, it is installed with apt when this runs as root (a
 * fresh CI machine); otherwise the run stops and says how.
 */
function ensureChromium(missing) {
  const chromium = process.env.KEYSMITH_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(chromium)) return;
  if (process.getuid?.() !== 0) {
    missing.push(`Chromium at ${chromium} (apt-get install chromium, or set KEYSMITH_CHROMIUM)`);
    return;
  }
  process.stderr.write("keysmith: installing Debian's chromium for the console's browser tests (apt-get; about a minute)\n");
  const started = Date.now();
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env }) : update;
  if (install.status !== 0 || !existsSync(chromium)) missing.push(`Chromium at ${chromium} (apt-get install chromium failed)`);
  else process.stderr.write(`keysmith: chromium installed (${Math.round((Date.now() - started) / 1000)} s)\n`);
}
