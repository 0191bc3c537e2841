import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * SSH public keys as UploadSSHPublicKey takes them: OpenSSH's one-line form (`ssh-rsa AAAA… comment`,
 * `ssh-ed25519 …`) or PEM (`BEGIN PUBLIC KEY`, SubjectPublicKeyInfo, or `BEGIN RSA PUBLIC KEY`).
 * node:crypto parses the PEM forms; the OpenSSH wire format (RFC 4253 §6.6: length-prefixed
 * strings and mpints) is small enough to read and write here. Pure functions, no I/O.
 */
export type SshKeyProblem =
  /** Neither OpenSSH nor PEM, or a blob that does not decode. */
  | { kind: 'unrecognized' }
  /** A key type IAM does not take (DSA, ECDSA, …). */
  | { kind: 'unsupported-type'; type: string }
  /** RSA shorter than 2048 bits. */
  | { kind: 'too-short'; bits: number };

export interface ParsedSshKey {
  type: 'ssh-rsa' | 'ssh-ed25519';
  /** The OpenSSH wire blob (what the fingerprint hashes). */
  blob: Buffer;
  key: KeyObject;
  bits: number;
}

export const MIN_RSA_BITS = 2048;

/** Parses a key body; the problem explains a refusal. */
export function parseSshPublicKey(body: string): ParsedSshKey | SshKeyProblem {
  const text = body.trim();
  const key = text.startsWith('-----BEGIN') ? fromPem(text) : fromOpenSsh(text);
  if ('kind' in key) return key;
  if (key.type === 'ssh-rsa' && key.bits < MIN_RSA_BITS) return { kind: 'too-short', bits: key.bits };
  return key;
}

function fromPem(text: string): ParsedSshKey | SshKeyProblem {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: text, format: 'pem' });
  } catch {
    return { kind: 'unrecognized' };
  }
  return fromKeyObject(key);
}

function fromKeyObject(key: KeyObject): ParsedSshKey | SshKeyProblem {
  const jwk = key.export({ format: 'jwk' });
  if (key.asymmetricKeyType === 'rsa' && jwk.n && jwk.e) {
    const n = Buffer.from(jwk.n, 'base64url');
    const e = Buffer.from(jwk.e, 'base64url');
    return {
      type: 'ssh-rsa',
      blob: wire(['ssh-rsa', mpint(e), mpint(n)]),
      key,
      bits: key.asymmetricKeyDetails?.modulusLength ?? n.length * 8,
    };
  }
  if (key.asymmetricKeyType === 'ed25519' && jwk.x) {
    return { type: 'ssh-ed25519', blob: wire(['ssh-ed25519', Buffer.from(jwk.x, 'base64url')]), key, bits: 256 };
  }
  return { kind: 'unsupported-type', type: key.asymmetricKeyType ?? 'unknown' };
}

function fromOpenSsh(text: string): ParsedSshKey | SshKeyProblem {
  const [type, base64] = text.split(/\s+/);
  if (type === undefined || base64 === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return { kind: 'unrecognized' };
  const blob = Buffer.from(base64, 'base64');
  const fields = readWire(blob);
  if (!fields || fields[0]?.toString('latin1') !== type) return { kind: 'unrecognized' };
  try {
    if (type === 'ssh-rsa' && fields.length === 3) {
      const jwk = { kty: 'RSA', e: unsigned(fields[1]!).toString('base64url'), n: unsigned(fields[2]!).toString('base64url') };
      const key = createPublicKey({ key: jwk, format: 'jwk' });
      return { type, blob, key, bits: key.asymmetricKeyDetails?.modulusLength ?? 0 };
    }
    if (type === 'ssh-ed25519' && fields.length === 2 && fields[1]!.length === 32) {
      const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: fields[1]!.toString('base64url') }, format: 'jwk' });
      return { type, blob, key, bits: 256 };
    }
  } catch {
    return { kind: 'unrecognized' };
  }
  return type === 'ssh-rsa' || type === 'ssh-ed25519' ? { kind: 'unrecognized' } : { kind: 'unsupported-type', type };
}

/** The fingerprint AWS shows: MD5 of the OpenSSH blob, as colon-separated lowercase hex. */
export function md5Fingerprint(blob: Buffer): string {
  return (createHash('md5').update(blob).digest('hex').match(/../g) ?? []).join(':');
}

/** `ssh-rsa AAAA…` (no comment). */
export function toOpenSsh(key: ParsedSshKey): string {
  return `${key.type} ${key.blob.toString('base64')}`;
}

/** SubjectPublicKeyInfo PEM (`BEGIN PUBLIC KEY`). */
export function toPem(key: ParsedSshKey): string {
  return key.key.export({ type: 'spki', format: 'pem' }).toString().trim();
}

/** Length-prefixed fields (RFC 4251 §5 `string`), or undefined if the blob is truncated or has trailing bytes. */
function readWire(blob: Buffer): Buffer[] | undefined {
  const out: Buffer[] = [];
  let at = 0;
  while (at < blob.length) {
    if (at + 4 > blob.length) return undefined;
    const length = blob.readUInt32BE(at);
    at += 4;
    if (at + length > blob.length) return undefined;
    out.push(blob.subarray(at, at + length));
    at += length;
  }
  return out;
}

function wire(fields: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [];
  for (const f of fields) {
    const bytes = typeof f === 'string' ? Buffer.from(f, 'latin1') : f;
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    parts.push(length, bytes);
  }
  return Buffer.concat(parts);
}

/** An mpint: big-endian, with a leading zero byte when the top bit is set (RFC 4251 §5). */
function mpint(unsignedBytes: Buffer): Buffer {
  const trimmed = unsigned(unsignedBytes);
  return trimmed.length > 0 && (trimmed[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
}

/** Drops an mpint's leading zero bytes. */
function unsigned(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}
