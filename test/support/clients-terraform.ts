import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientEnv, credentialEnv, type ProcessResult, runProcess } from './clients-process.js';

/** Where these machines keep the AWS provider (no registry access); KEYSMITH_TF_PLUGIN_MIRROR overrides. */
export const TERRAFORM_PLUGIN_MIRROR = process.env.KEYSMITH_TF_PLUGIN_MIRROR ?? '/opt/tf-plugins';

export interface TerraformWorkspace {
  dir: string;
  /** Runs `terraform <args>` in the workspace, non-interactively. */
  run(args: readonly string[], timeoutMs?: number): Promise<ProcessResult>;
  cleanup(): void;
}

/**
 * Copies a fixture folder (or writes the given files) into a fresh temporary directory (lock file,
 * `.terraform` and state stay out of the repository) and prepares an environment that installs
 * providers only from the local mirror and, when `creds` are given, authenticates with them.
 */
export function terraformWorkspace(
  source: string | Record<string, string>,
  creds?: { accessKeyId: string; secretAccessKey: string },
): TerraformWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'keysmith-tf-'));
  const dir = join(root, 'config');
  if (typeof source === 'string') cpSync(source, dir, { recursive: true });
  else {
    mkdirSync(dir);
    for (const [name, text] of Object.entries(source)) writeFileSync(join(dir, name), text);
  }
  const cliConfig = join(root, 'terraform.rc');
  writeFileSync(
    cliConfig,
    `provider_installation {
  filesystem_mirror {
    path    = "${TERRAFORM_PLUGIN_MIRROR}"
    include = ["registry.terraform.io/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
`,
  );
  const env = clientEnv({
    ...(creds ? credentialEnv(creds) : {}),
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_DATA_DIR: join(root, 'data'),
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    // KEYSMITH_TF_LOG=DEBUG keeps a provider log (with the HTTP exchanges) in the workspace.
    ...(process.env.KEYSMITH_TF_LOG ? { TF_LOG: process.env.KEYSMITH_TF_LOG, TF_LOG_PATH: join(root, 'terraform.log') } : {}),
  });
  return {
    dir,
    run: (args, timeoutMs = 300_000) => runProcess('terraform', args, { env, cwd: dir, timeoutMs }),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
