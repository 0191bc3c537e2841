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
  if (missing.length > 0) {
    process.stderr.write(`keysmith tests need ${missing.join(', ')}; install them and rerun.\n`);
    process.exit(1);
  }
}
