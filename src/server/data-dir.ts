import { mkdirSync, existsSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** The data folder: created 0700; generated key files are written once, 0600. */
export function ensureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Reads a generated secret file, creating it with `generate()` on first use. */
export function readOrCreateSecretFile(dir: string, name: string, generate: () => string): string {
  const path = join(dir, name);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const value = generate();
  writeFileSync(path, `${value}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return value;
}

export const generateKey = () => randomBytes(32).toString('base64');
export const generateToken = () => randomBytes(24).toString('base64url');
