import type { Rng } from './rng.js';

/**
 * Percent-encoding as clients write it (RFC 3986, upper-case hex), and the odd encodings a
 * fuzzer wants on the wire. Lone surrogates are written as the bytes WTF-8 gives them
 * (`%ED%A0%80`), which are not valid UTF-8: exactly what a sloppy client sends.
 */
export function enc(text: string): string {
  try {
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => hexByte(c.charCodeAt(0)));
  } catch {
    return encSlow(text); // a lone surrogate
  }
}

function encSlow(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x2d ||
      c === 0x2e ||
      c === 0x5f ||
      c === 0x7e
    ) {
      out += text[i];
      continue;
    }
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    out += utf8Bytes(cp).map(hexByte).join('');
  }
  return out;
}

/** Like `enc` but keeps '/' (S3 keys in a path). */
export function encPath(text: string): string {
  return text.split('/').map(enc).join('/');
}

function hexByte(b: number): string {
  return '%' + b.toString(16).toUpperCase().padStart(2, '0');
}

/** UTF-8 (WTF-8 for lone surrogates) bytes of one code point. */
function utf8Bytes(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
}

/** Text to bytes, lone surrogates as WTF-8 (Buffer.from would write U+FFFD). */
export function wtf8(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    for (const b of utf8Bytes(cp)) bytes.push(b);
  }
  return Buffer.from(bytes);
}

/**
 * Mostly `enc`; sometimes an encoding that is legal but unusual (lower-case hex, '+' for a space,
 * needless escapes of unreserved characters), sometimes a broken one (a bad escape, invalid
 * UTF-8, double encoding).
 */
export function oddEnc(r: Rng, text: string): string {
  const e = enc(text);
  switch (r.int(12)) {
    case 0:
      return e.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
    case 1:
      return e.replace(/%20/g, '+');
    case 2:
      return e.replace(/[A-Za-z]/g, (ch) => (r.chance(0.2) ? hexByte(ch.charCodeAt(0)) : ch));
    case 3:
      return enc(e); // double encoded
    case 4:
      return insertAt(
        r,
        e,
        r.pick([
          '%',
          '%Z',
          '%4',
          '%zz',
          '%%',
          '%C3',
          '%FF',
          '%ED%A0%80',
          '%C0%AF',
          '%F4%90%80%80',
          '%00',
          '%0D%0A',
          '+',
          '&',
          '=',
          ';',
          '#',
        ]),
      );
    default:
      return e;
  }
}

export function insertAt(r: Rng, text: string, piece: string): string {
  const at = r.int(text.length + 1);
  return text.slice(0, at) + piece + text.slice(at);
}

/** RFC 3986 form body / query string of already-encoded pairs. */
export function joinPairs(pairs: ReadonlyArray<readonly [string, string | undefined]>, sep = '&'): string {
  return pairs.map(([k, v]) => (v === undefined ? k : `${k}=${v}`)).join(sep);
}
