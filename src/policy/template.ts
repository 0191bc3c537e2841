/**
 * Policy text with wildcards and policy variables, split into tokens once at compile time.
 *
 * - `*` / `?` become wildcard tokens (only where the element allows wildcards).
 * - `${key}` and `${key, 'default'}` become variable tokens (only in Version 2012-10-17, and only
 *   where the element allows variables); key names are case-insensitive, so the key is stored
 *   lowercased.
 * - `${*}`, `${?}`, `${$}` are the documented escapes for a literal `*`, `?`, `$`.
 * Anything else — including a `${` with no closing brace — is literal text.
 */

export const LIT = 0;
export const STAR = 1;
export const QMARK = 2;
export const VAR = 3;

export type Token =
  | { readonly k: typeof LIT; readonly s: string }
  | { readonly k: typeof STAR }
  | { readonly k: typeof QMARK }
  | {
      readonly k: typeof VAR;
      /** Lowercased key name (with `name`, the token is a ContextKey: context-key.ts). */
      readonly key: string;
      /** The key as written, for messages and lookups. */
      readonly name: string;
      readonly def: string | undefined;
      /** The source text, used when a variable is not allowed where it appears. */
      readonly raw: string;
    };

export interface TokenizeOptions {
  wildcards: boolean;
  variables: boolean;
  /** Lowercase literal text (case-insensitive matching). */
  lower?: boolean;
}

const STAR_TOKEN: Token = { k: STAR };
const QMARK_TOKEN: Token = { k: QMARK };

// `${name}` or `${name, 'default'}`. The name excludes `}` and `,`; the default is quoted.
const VARIABLE = /^\s*([^,}'\s][^,}']*?)\s*(?:,\s*'([^']*)'\s*)?$/;

export function tokenize(text: string, opts: TokenizeOptions): Token[] {
  const out: Token[] = [];
  let lit = '';
  const flush = (): void => {
    if (lit !== '') {
      out.push({ k: LIT, s: opts.lower ? lit.toLowerCase() : lit });
      lit = '';
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (opts.variables && c === '$' && text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      if (close > 0) {
        const inner = text.slice(i + 2, close);
        if (inner === '*' || inner === '?' || inner === '$') {
          lit += inner;
          i = close;
          continue;
        }
        const m = VARIABLE.exec(inner);
        if (m) {
          flush();
          const name = m[1]!;
          out.push({ k: VAR, key: name.toLowerCase(), name, def: m[2], raw: text.slice(i, close + 1) });
          i = close;
          continue;
        }
      }
    }
    if (opts.wildcards && c === '*') {
      flush();
      // Consecutive stars mean the same as one.
      if (out.length === 0 || out[out.length - 1]!.k !== STAR) out.push(STAR_TOKEN);
      continue;
    }
    if (opts.wildcards && c === '?') {
      flush();
      out.push(QMARK_TOKEN);
      continue;
    }
    lit += c;
  }
  flush();
  return out;
}

export function hasVariables(tokens: readonly Token[]): boolean {
  for (const t of tokens) if (t.k === VAR) return true;
  return false;
}

/** The variable key names (as written) a token list refers to. */
export function variableNames(tokens: readonly Token[]): string[] {
  const keys: string[] = [];
  for (const t of tokens) if (t.k === VAR) keys.push(t.name);
  return keys;
}

/** Turn variable tokens back into literal text (a variable where none is allowed is just text). */
export function literaliseVariables(tokens: readonly Token[], lower = false): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const lit = t.k === VAR ? (lower ? t.raw.toLowerCase() : t.raw) : undefined;
    const prev = out[out.length - 1];
    if (lit !== undefined || t.k === LIT) {
      const s = lit ?? (t as { s: string }).s;
      if (prev && prev.k === LIT) out[out.length - 1] = { k: LIT, s: prev.s + s };
      else out.push({ k: LIT, s });
    } else out.push(t);
  }
  return out;
}
