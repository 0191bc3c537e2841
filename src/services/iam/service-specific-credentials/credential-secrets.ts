import { createHash } from 'node:crypto';
import type { Random } from '../../../kernel/random.js';

/**
 * The secrets of service-specific credentials. A password is 32 random bytes in base64 (44
 * characters, as AWS's examples). An API key (Bedrock, CloudWatch Logs) is `ABSK` + base64 of
 * `<alias>:<random>`, the shape of Bedrock's long-term keys. Only a SHA-256 hash is stored.
 */
export function newServicePassword(random: Random): string {
  return Buffer.from(random.bytes(32)).toString('base64');
}

export function newApiKeySecret(random: Random, alias: string): string {
  return 'ABSK' + Buffer.from(`${alias}:${Buffer.from(random.bytes(30)).toString('base64')}`).toString('base64');
}

export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('base64');
}
