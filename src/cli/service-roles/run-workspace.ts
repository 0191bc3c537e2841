import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The run's private temp folder (0700): the empty stand-ins for the shared credentials and config
 * files (0600), and the EKS token file. Removed when the run ends.
 */
export interface RunWorkspace {
  dir: string;
  emptyCredentialsFile: string;
  emptyConfigFile: string;
  /** Writes a secret file (0600) in the folder; returns its path. */
  writeSecret(name: string, content: string): Promise<string>;
  remove(): Promise<void>;
}

export async function createWorkspace(): Promise<RunWorkspace> {
  const dir = await mkdtemp(join(tmpdir(), 'keysmith-run-'));
  await chmod(dir, 0o700);
  const writeSecret = async (name: string, content: string) => {
    const path = join(dir, name);
    await writeFile(path, content, { mode: 0o600 });
    return path;
  };
  return {
    dir,
    emptyCredentialsFile: await writeSecret('credentials', ''),
    emptyConfigFile: await writeSecret('config', ''),
    writeSecret,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
