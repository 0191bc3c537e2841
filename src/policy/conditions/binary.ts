import { InvalidConditionValue, op, type BaseOperator, type ValueTest } from './operator.js';

/**
 * BinaryEquals: the policy holds base64; the request value is base64 too. Compared byte by
 * byte (decoded), so padding or line breaks in the encoding do not matter. No variables.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i] as const));

/** Decode base64 to a string of byte values (one char per byte), or undefined if invalid. */
export function decodeBase64(input: string): string | undefined {
  const s = input.replace(/[\r\n\t ]/g, '');
  if (s.length % 4 !== 0) return undefined;
  const body = s.replace(/={1,2}$/, '');
  if (body.includes('=')) return undefined;
  let out = '';
  let bits = 0;
  let acc = 0;
  for (const c of body) {
    const v = INDEX.get(c);
    if (v === undefined) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out;
}

function compileBinary(values: readonly string[]): ValueTest {
  const set = new Set(
    values.map((v) => {
      const d = decodeBase64(v);
      if (d === undefined) throw new InvalidConditionValue(`not base64: ${v}`);
      return d;
    }),
  );
  return (r) => {
    const d = decodeBase64(r);
    return d === undefined ? undefined : set.has(d);
  };
}

export const BINARY_OPERATORS: readonly BaseOperator[] = [op('BinaryEquals', false, false, compileBinary)];
