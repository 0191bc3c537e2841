import { createCipheriv, createDecipheriv } from 'node:crypto';
import { nodeRandom } from '../platform/node-random.js';
import type { TokenKeyRing } from './key-ring.js';

/**
 * The one sealed format keysmith hands out (session tokens, encoded authorization messages):
 * AES-256-GCM under the key ring's active key, written as base64url of
 *
 *   version (1 byte) | key id (4, big-endian) | iv (12) | ciphertext | tag (16)
 *
 * The header — and a per-use `domain` string, when given — is authenticated as associated data,
 * so neither the version, the key id nor a bit of the body can change unnoticed, and a sealed
 * value of one use cannot be passed off as another's. What the version means (plain, deflated)
 * is the caller's business; any node holding the ring can open what any other sealed.
 */
const HEADER = 1 + 4 + 12;
const TAG = 16;

export type EnvelopeFault = 'malformed' | 'unknownKey' | 'authentication';

/** Why a sealed value would not open. `unknownKey`: the ring may be stale (reload and retry). */
export class EnvelopeError extends Error {
  constructor(readonly fault: EnvelopeFault) {
    super(fault);
  }
}

export function sealEnvelope(version: number, plaintext: Buffer, ring: TokenKeyRing, domain?: Buffer): string {
  const header = Buffer.alloc(HEADER);
  header.writeUInt8(version, 0);
  header.writeUInt32BE(ring.active.id, 1);
  header.set(nodeRandom.bytes(12), 5);
  const cipher = createCipheriv('aes-256-gcm', ring.active.key, header.subarray(5));
  cipher.setAAD(domain === undefined ? header : Buffer.concat([header, domain]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]).toString('base64url');
}

/**
 * Opens a sealed value whose version `accepts`; throws EnvelopeError for anything else: text that
 * is not canonical base64url of at least one body byte, an unknown version or key, or a failed
 * authentication.
 */
export function openEnvelope(
  text: string,
  ring: TokenKeyRing,
  accepts: (version: number) => boolean,
  domain?: Buffer,
): { version: number; plaintext: Buffer } {
  const raw = Buffer.from(text, 'base64url');
  const version = raw.length > 0 ? raw.readUInt8(0) : -1;
  if (raw.length < HEADER + TAG + 1 || !accepts(version) || raw.toString('base64url') !== text) throw new EnvelopeError('malformed');
  const key = ring.get(raw.readUInt32BE(1));
  if (!key) throw new EnvelopeError('unknownKey');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(5, HEADER));
  const header = raw.subarray(0, HEADER);
  decipher.setAAD(domain === undefined ? header : Buffer.concat([header, domain]));
  decipher.setAuthTag(raw.subarray(raw.length - TAG));
  try {
    return { version, plaintext: Buffer.concat([decipher.update(raw.subarray(HEADER, raw.length - TAG)), decipher.final()]) };
  } catch {
    throw new EnvelopeError('authentication');
  }
}
