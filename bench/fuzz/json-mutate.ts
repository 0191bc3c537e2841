import type { Rng } from './rng.js';
import { hugeText, oddNumber, oddText } from './values.js';

/** Mutations of JSON documents: of the value tree (types, members, sizes) and of the text (grammar). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON value that a schema does not expect. */
export function oddJson(r: Rng, depth = 0): Json {
  switch (r.int(depth > 2 ? 14 : 18)) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1, -0, 0.5, 1e308, -1e308, 5e-324, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e21]);
    case 3:
      return '';
    case 4:
    case 5:
      return oddText(r);
    case 6:
      return oddNumber(r);
    case 7:
      return [];
    case 8:
      return {};
    case 9:
      return r.chance(0.05) ? hugeText(r) : 'x'.repeat(r.range(100, 5000));
    case 10:
      return { '': '' };
    case 11:
      return { __proto__: 1, constructor: { prototype: 1 } };
    case 12:
      return [null];
    case 13:
      return '\u0000';
    case 14:
      return [oddJson(r, depth + 1), oddJson(r, depth + 1)];
    case 15:
      return { [oddText(r)]: oddJson(r, depth + 1) };
    case 16:
      return Array.from({ length: r.range(100, r.chance(0.05) ? 20000 : 1000) }, (_, i) => (i % 2 === 0 ? i : `v${i}`));
    default:
      return nested(r.range(10, 400));
  }
}

function nested(depth: number): Json {
  let v: Json = 'leaf';
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
}

/** About how many bytes a tree's JSON text takes (shared subtrees counted each time), stopping at `limit`. */
export function weigh(root: Json, limit: number): number {
  let n = 0;
  const stack: Json[] = [root];
  while (stack.length > 0 && n < limit) {
    const v = stack.pop()!;
    n += typeof v === 'string' ? v.length + 3 : 6;
    if (Array.isArray(v)) for (const c of v) stack.push(c);
    else if (v !== null && typeof v === 'object')
      for (const [k, c] of Object.entries(v)) {
        n += k.length;
        stack.push(c);
      }
  }
  return n;
}

/** The nesting depth of a tree, up to `limit`. */
function depthOf(root: Json, limit: number): number {
  let max = 0;
  const stack: Array<[Json, number]> = [[root, 0]];
  while (stack.length > 0 && max < limit) {
    const [v, d] = stack.pop()!;
    if (d > max) max = d;
    if (Array.isArray(v)) for (const c of v.slice(0, 100)) stack.push([c, d + 1]);
    else if (v !== null && typeof v === 'object') for (const c of Object.values(v).slice(0, 100)) stack.push([c, d + 1]);
  }
  return max;
}

interface Slot {
  parent: Json[] | { [key: string]: Json } | undefined;
  key: string | number | undefined;
  value: Json;
}

function slots(root: Json, limit = 400): Slot[] {
  const out: Slot[] = [{ parent: undefined, key: undefined, value: root }];
  for (let i = 0; i < out.length && out.length < limit; i++) {
    const v = out[i]!.value;
    if (Array.isArray(v)) v.slice(0, 50).forEach((c, k) => out.push({ parent: v, key: k, value: c }));
    else if (v !== null && typeof v === 'object') for (const [k, c] of Object.entries(v)) out.push({ parent: v, key: k, value: c });
  }
  return out;
}

/** One change somewhere in a (copied) tree; returns the new root and what was done. */
export function mutateTree(r: Rng, root: Json, interesting: readonly Json[] = []): { value: Json; what: string } {
  // A JSON round trip, not structuredClone: shared subtrees (from huge-array) must become
  // separate, or one change inside them would be multiplied by every copy.
  const copy = JSON.parse(JSON.stringify(root) ?? 'null') as Json;
  const all = slots(copy);
  const slot = r.pick(all);
  const set = (v: Json): Json => {
    if (slot.parent === undefined) return v;
    (slot.parent as Record<string | number, Json>)[slot.key as string] = v;
    return copy;
  };
  switch (r.int(10)) {
    case 0: {
      if (slot.parent === undefined) return { value: oddJson(r), what: 'json:replace-root' };
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else delete slot.parent[slot.key as string];
      return { value: copy, what: 'json:delete-member' };
    }
    case 1:
      return { value: set(oddJson(r)), what: 'json:odd-type' };
    case 2:
      return { value: set(interesting.length > 0 ? structuredClone(r.pick(interesting)) : oddJson(r)), what: 'json:odd-value' };
    case 3:
      return { value: set([slot.value]), what: 'json:wrap-array' };
    case 4: {
      // Bounded by the size of what is repeated and of the whole document, so that repeated
      // mutations cannot multiply into hundreds of megabytes.
      const limit = r.chance(0.05) ? 2_000_000 : 200_000;
      const unit = weigh(slot.value, limit);
      const budget = Math.max(0, limit - weigh(copy, limit));
      const max = Math.max(1, Math.min(40_000, Math.floor(budget / unit)));
      const n = Math.min(max, r.chance(0.1) ? r.range(Math.floor(max / 8), max) : r.range(10, 500));
      // The same value n times (shared: JSON text does not care, and cloning would be slow).
      return { value: set(new Array<Json>(n).fill(slot.value)), what: 'json:huge-array' };
    }
    case 5: {
      if (slot.value !== null && typeof slot.value === 'object' && !Array.isArray(slot.value)) {
        const keys = Object.keys(slot.value);
        if (keys.length > 0) {
          const k = r.pick(keys);
          const v = slot.value[k]!;
          delete slot.value[k];
          slot.value[r.pick([k.toLowerCase(), k.toUpperCase(), ` ${k}`, `${k}\u0000`, k + k, k.replace(/e/, '\u0435')])] = v;
          return { value: copy, what: 'json:rename-member' };
        }
      }
      return { value: set(nested(r.range(10, 200))), what: 'json:nesting' };
    }
    case 6:
      if (slot.value !== null && typeof slot.value === 'object' && !Array.isArray(slot.value)) {
        slot.value[r.pick(['Foo', '', 'Condition', 'Sid', '__proto__', 'Effect', 'NotAction', oddText(r)])] = oddJson(r);
        return { value: copy, what: 'json:extra-member' };
      }
      return { value: set({ value: slot.value }), what: 'json:wrap-object' };
    case 7:
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- JavaScript's own stringification ('[object Object]' too) is the mutation
      return { value: set(typeof slot.value === 'string' ? slot.value + oddText(r) : String(slot.value)), what: 'json:stringify-member' };
    case 8:
      return { value: set(nested(r.chance(0.2) ? r.range(300, 900) : r.range(20, 300))), what: 'json:deep-nesting' };
    default:
      return { value: set(r.pick([1e308, -1, 2 ** 53 + 2, 0.1, -0, 1e-7])), what: 'json:number' };
  }
}

/**
 * JSON text of `value`, sometimes broken: truncation, stray or missing punctuation, comments,
 * single quotes, duplicate members, bad escapes, invalid UTF-8, lone surrogates, huge numbers,
 * deep nesting far past any parser's comfort.
 */
export function jsonText(r: Rng, value: Json, breakProbability: number): { bytes: Buffer; what: string | undefined } {
  // Indented text grows with the square of the depth: only shallow documents are pretty-printed.
  let text =
    r.chance(0.2) && depthOf(value, 12) < 12 ? JSON.stringify(value, null, r.pick([1, 2, '\t'])) : (JSON.stringify(value) ?? 'null');
  if (!r.chance(breakProbability)) return { bytes: Buffer.from(text, 'utf8'), what: undefined };
  const at = r.int(text.length + 1);
  const insert = (piece: string) => text.slice(0, at) + piece + text.slice(at);
  let what: string;
  switch (r.int(20)) {
    case 0:
      text = text.slice(0, at);
      what = 'truncate';
      break;
    case 1:
      text = text.slice(0, at) + text.slice(at + 1);
      what = 'drop-char';
      break;
    case 2:
      text = insert(r.pick(['{', '}', '[', ']', ',', ':', '"', '\\', "'", ' ', '\u0000', '\n']));
      what = 'stray-char';
      break;
    case 3:
      text = text.replace(/([}\]])/, ',$1');
      what = 'trailing-comma';
      break;
    case 4:
      text = text.replace(/"/g, "'");
      what = 'single-quotes';
      break;
    case 5:
      text = insert(r.pick(['/* c */', '// c\n', '#c\n']));
      what = 'comment';
      break;
    case 6:
      text = '\ufeff' + text;
      what = 'bom';
      break;
    case 7: {
      const m = /^\s*\{\s*("(?:[^"\\]|\\.)*")\s*:/.exec(text);
      text = m ? text.replace('{', `{${m[1]}:${JSON.stringify(oddJson(r))},`) : insert('"a":1,"a":2');
      what = 'duplicate-member';
      break;
    }
    case 8:
      text = text.replace(
        /"([^"\\]{1,40})"/,
        (_, s: string) => `"${s}${r.pick(['\\x41', '\\u00', '\\ud800', '\\udc00\\ud800', '\\', '\\0', '\\u0000', '\\uZZZZ', '\\U0041'])}"`,
      );
      what = 'bad-escape';
      break;
    case 9:
      text = text.replace(/"([A-Za-z])/, (_, c: string) => `"\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      what = 'escaped-key';
      break;
    case 10:
      text = text.replace(
        /-?\d+(\.\d+)?/,
        r.pick(['1e999999', '-0', '01', '.5', 'NaN', 'Infinity', '0x10', '1e-999999', '9'.repeat(1000), '1.', '+1']),
      );
      what = 'number-literal';
      break;
    case 11:
      text = insert(r.pick(['\u00a0', '\u2028', '\u000b', '\u000c', '\u3000']));
      what = 'odd-whitespace';
      break;
    case 12: {
      const n = r.chance(0.3) ? r.range(20000, 200000) : r.range(500, 5000);
      const open = r.chance(0.5) ? '[' : '{"a":';
      const close = open === '[' ? ']' : '}';
      text = insert(open.repeat(n) + '1' + (r.chance(0.8) ? close.repeat(n) : ''));
      what = 'deep-nesting';
      break;
    }
    case 13: {
      const bytes = Buffer.from(text, 'utf8');
      const bad = Buffer.from(r.pick([[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xfe, 0xff], [0x80]]));
      const q = bytes.indexOf(0x22, Math.floor(r.float() * bytes.length));
      const pos = q < 0 ? bytes.length : q + 1;
      return { bytes: Buffer.concat([bytes.subarray(0, pos), bad, bytes.subarray(pos)]), what: 'json-text:bad-utf8' };
    }
    case 14:
      text = r.pick(['', ' ', 'null', 'true', '0', '""', '[]', '"{}"', '{', '}', '[{}]', 'undefined', '\u0000']);
      what = 'replace-document';
      break;
    case 15:
      text = text + r.pick(['x', '{}', ' ', '\u0000', ',', '}']);
      what = 'trailing-garbage';
      break;
    case 16:
      text = insert('"' + 'k'.repeat(r.range(1, 100000)) + '":1,');
      what = 'long-key';
      break;
    case 17:
      return { bytes: Buffer.from(text, 'utf16le'), what: 'json-text:utf16' };
    case 18:
      text = text.replace(/"([^"\\]{1,20})"/, (_, s: string) => `"${s}${String.fromCharCode(r.range(0, 31))}"`);
      what = 'raw-control-char';
      break;
    default:
      text = text.replace(/"/, '');
      what = 'unbalanced-quote';
  }
  return { bytes: Buffer.from(text, 'utf8'), what: `json-text:${what}` };
}
