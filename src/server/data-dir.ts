import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AT_REST_KEY_RULE, parseAtRestKey } from '../config/at-rest-key.js';
import { settingName } from '../config/setting-name.js';
import { makePrivateDirs } from '../storage/sqlite/private-dirs.js';
import { errnoOf, StartError } from './start-error.js';

/**
 * The data folder: created 0700 (with any missing parents), checked writable at start so a bad
 * path fails the start naming KEYSMITH_DATA_DIR rather than some later write; generated key files
 * are written once, 0600, and must be readable and well-formed ever after.
 */
export function ensureDataDir(dir: string): void {
  ensureWritableDir(dir, settingName('dataDir'), 'the data folder');
}

/** `mkdir -p` with mode 0700 (never spinning on a path like `/proc/x`), then a write probe. */
export function ensureWritableDir(dir: string, setting: string, what: string): void {
  const fail = (problem: string, error?: unknown): never => {
    throw new StartError(
      `${setting}: cannot use '${dir}' as ${what}: ${problem}${error ? ` (${errnoOf(error)})` : ''}; point it at a folder keysmith can create and write`,
    );
  };
  try {
    makePrivateDirs(dir);
  } catch (error) {
    fail(describeFsError(error), error);
  }
  if (!statSync(dir).isDirectory()) fail('it is a file, not a folder');
  const probe = join(dir, `.keysmith-write-test-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    closeSync(openSync(probe, 'wx', 0o600));
    unlinkSync(probe);
  } catch (error) {
    fail(`keysmith cannot write in it: ${describeFsError(error)}`, error);
  }
}

function describeFsError(error: unknown): string {
  switch ((error as NodeJS.ErrnoException | null)?.code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return 'it or one of its parents is a file, not a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOENT':
      return 'no folder can be created there';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return 'the file system refused';
  }
}

/** The secret files keysmith generates into the data folder, the setting that replaces each, and its rule. */
const SECRET_FILES: Record<string, { setting: string; rule: string; valid(text: string): boolean; remedy: string }> = {
  'at-rest.key': {
    setting: 'KEYSMITH_AT_REST_KEY',
    rule: AT_REST_KEY_RULE,
    valid: (text) => parseAtRestKey(text) !== undefined,
    // A new key cannot open the secrets sealed under the old one: restoring is the only fix.
    remedy: 'restore the original file from a backup (a different key cannot open the secrets already stored)',
  },
  'admin-token': {
    setting: 'KEYSMITH_ADMIN_TOKEN',
    rule: 'KEYSMITH_ADMIN_TOKEN (or <data-dir>/admin-token) must be one line without spaces',
    valid: (text) => /^\S+$/.test(text),
    remedy: 'delete the file to have a new token generated',
  },
};

/**
 * Reads a generated secret file, creating it with `generate()` on first use. A file that exists
 * but cannot be read, or does not hold what it should, stops the start: silently generating a new
 * one would lock out whatever the old one protected. Messages name the file, never its content.
 */
export function readOrCreateSecretFile(dir: string, name: string, generate: () => string): string {
  const path = join(dir, name);
  const known = SECRET_FILES[name];
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      const instead = known ? `, or set ${known.setting} instead` : '';
      throw new StartError(`cannot read ${path} (${errnoOf(error)}): make it a file readable by the user keysmith runs as${instead}`);
    }
    const value = generate();
    try {
      writeFileSync(path, `${value}\n`, { mode: 0o600, flag: 'wx' });
      return value;
    } catch (createError) {
      // Another process (a second node or CLI command starting at the same moment) made it first.
      if ((createError as NodeJS.ErrnoException).code !== 'EEXIST') throw createError;
      text = readFileSync(path, 'utf8').trim();
    }
  }
  if (known && !known.valid(text)) throw new StartError(`${known.rule}, and ${path} is not: ${known.remedy}`);
  return text;
}

export const generateKey = () => randomBytes(32).toString('base64');
export const generateToken = () => randomBytes(24).toString('base64url');
