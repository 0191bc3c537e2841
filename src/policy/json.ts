/**
 * A strict JSON reader for policy documents. `JSON.parse` is not enough for two reasons:
 * AWS refuses an element that appears twice in one object (JSON.parse keeps the last one
 * silently), and SimulatePrincipalPolicy reports where each matched statement starts and ends
 * (line and column), which needs source positions.
 *
 * Objects come back with a null prototype (so a key such as `__proto__` is just a key);
 * numbers come back as `JsonNumber`, keeping the text as written (`1.50` stays `1.50` when it
 * becomes a condition value).
 */

export interface SourcePosition {
  /** 1-based. */
  line: number;
  /** 1-based, counted in UTF-16 code units. */
  column: number;
}

export interface SourceRange {
  start: SourcePosition;
  end: SourcePosition;
}

export class JsonNumber {
  constructor(readonly raw: string) {}
  toString(): string {
    return this.raw;
  }
}

export type JsonValue = string | boolean | null | JsonNumber | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export interface ParsedJson {
  value: JsonValue;
  /** Source range of every object and array in the document. */
  ranges: WeakMap<object, SourceRange>;
}

export function isJsonObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JsonNumber);
}

export function parseJson(text: string): ParsedJson {
  const ranges = new WeakMap<object, SourceRange>();
  let i = 0;
  let line = 1;
  let lineStart = 0;

  const pos = (): SourcePosition => ({ line, column: i - lineStart + 1 });
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what} at line ${line} column ${i - lineStart + 1}`, i);
  };

  const skipWs = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0d) i++;
      else if (c === 0x0a) {
        i++;
        line++;
        lineStart = i;
      } else return;
    }
  };

  const parseString = (): string => {
    // text[i] === '"'
    i++;
    let out = '';
    let runStart = i;
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(runStart, i);
        i++;
        return out;
      }
      if (c < 0x20) fail('control character in string');
      if (c === 0x5c) {
        out += text.slice(runStart, i);
        const e = text[i + 1];
        switch (e) {
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case '/':
            out += '/';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            const hex = text.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad unicode escape');
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            fail('bad escape');
        }
        i += 2;
        runStart = i;
        continue;
      }
      i++;
    }
  };

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

  const parseValue = (depth: number): JsonValue => {
    if (depth > 64) fail('nesting too deep');
    skipWs();
    const c = text[i];
    if (c === '{') return parseObject(depth);
    if (c === '[') return parseArray(depth);
    if (c === '"') return parseString();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0].length > 0) {
      i += m[0].length;
      return new JsonNumber(m[0]);
    }
    return fail('unexpected character');
  };

  const parseObject = (depth: number): JsonObject => {
    const start = pos();
    i++;
    const obj = Object.create(null) as JsonObject;
    skipWs();
    if (text[i] === '}') {
      i++;
      ranges.set(obj, { start, end: pos() });
      return obj;
    }
    for (;;) {
      skipWs();
      if (text[i] !== '"') fail('expected a key');
      const key = parseString();
      if (Object.prototype.hasOwnProperty.call(obj, key)) fail(`duplicate key ${JSON.stringify(key)}`);
      skipWs();
      if (text[i] !== ':') fail('expected ":"');
      i++;
      obj[key] = parseValue(depth + 1);
      skipWs();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        ranges.set(obj, { start, end: pos() });
        return obj;
      }
      fail('expected "," or "}"');
    }
  };

  const parseArray = (depth: number): JsonValue[] => {
    const start = pos();
    i++;
    const arr: JsonValue[] = [];
    skipWs();
    if (text[i] === ']') {
      i++;
      ranges.set(arr, { start, end: pos() });
      return arr;
    }
    for (;;) {
      arr.push(parseValue(depth + 1));
      skipWs();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        ranges.set(arr, { start, end: pos() });
        return arr;
      }
      fail('expected "," or "]"');
    }
  };

  // A byte-order mark is not JSON; AWS does not accept one either.
  const value = parseValue(0);
  skipWs();
  if (i !== text.length) fail('trailing characters');
  return { value, ranges };
}
