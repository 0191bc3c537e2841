import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { AT_REST_KEY_HINT, AT_REST_KEY_RULE, parseAtRestKey } from '../config/at-rest-key.js';
import type { Config } from '../config/schema.js';
import { settingName } from '../config/setting-name.js';
import { auditFilePath } from '../audit/create-audit-log.js';
import { ensureDataDir, ensureWritableDir, generateKey, generateToken, readOrCreateSecretFile } from './data-dir.js';
import { errnoOf, StartError } from './start-error.js';

export interface StartPrerequisites {
  /** The at-rest key's 32 bytes. */
  atRestKey: Buffer;
  adminToken: string;
}

/**
 * Everything a start needs from the file system, checked before any of the server is loaded or
 * started: the data folder (made, writable), the key files (readable, well-formed; generated on
 * first start), the S3 objects folder, the audit file. Each failure is a StartError naming its
 * setting. Cheap and repeatable: `keysmith serve` runs it first so these failures come within
 * moments, and startKeysmith runs it again for every other caller.
 */
export function checkStartPrerequisites(config: Readonly<Config>): StartPrerequisites {
  ensureDataDir(config.dataDir);
  const atRestKey = config.atRestKey ?? readOrCreateSecretFile(config.dataDir, 'at-rest.key', generateKey);
  const adminToken = config.adminToken ?? readOrCreateSecretFile(config.dataDir, 'admin-token', generateToken);
  ensureWritableDir(config.s3ObjectsDir ?? join(config.dataDir, 'objects'), settingName('s3ObjectsDir'), 'the S3 objects folder');
  checkAuditFile(config);
  return { atRestKey: atRestKeyBytes(atRestKey), adminToken };
}

/** The configuration and the key file reader have already checked the text; this is the last word. */
function atRestKeyBytes(text: string): Buffer {
  const key = parseAtRestKey(text);
  if (!key) throw new StartError(`${AT_REST_KEY_RULE}; ${AT_REST_KEY_HINT}`);
  return key;
}

/** The audit worker opens the file later, on its own thread; a path it cannot append to fails the start here, named. */
function checkAuditFile(config: Readonly<Config>): void {
  if (!config.auditEnabled) return;
  const file = auditFilePath(config);
  if (file === undefined) return;
  try {
    closeSync(openSync(file, 'a', 0o600));
  } catch (error) {
    throw new StartError(
      `${settingName('auditFile')}: cannot append to ${file} (${errnoOf(error)}); point it at a file keysmith can write, or set it to off`,
    );
  }
}
