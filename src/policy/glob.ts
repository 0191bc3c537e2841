import { LIT, QMARK, STAR, VAR, type Token } from './template.js';
import type { EvalScope } from './scope.js';

/**
 * A compiled wildcard pattern over a range of a subject string. Static patterns get a fast path
 * chosen once (everything, exact, prefix, suffix); the general case is the classic
 * greedy-with-backtrack-to-last-star matcher, run over tokens so that text substituted for a
 * policy variable is always literal (a `*` in a tag value is not a wildcard).
 */
const ANY = 0;
const EXACT = 1;
const PREFIX = 2;
const SUFFIX = 3;
const GENERAL = 4;

export class Glob {
  private readonly mode: number;
  private readonly lit: string;
  readonly hasVars: boolean;

  /**
   * @param lowerVars lowercase substituted variable values (case-insensitive patterns, whose
   *   literal tokens were lowercased at tokenize time).
   */
  constructor(
    readonly tokens: readonly Token[],
    private readonly lowerVars = false,
  ) {
    this.hasVars = tokens.some((t) => t.k === VAR);
    const t0 = tokens[0];
    const t1 = tokens[1];
    if (this.hasVars) {
      this.mode = GENERAL;
      this.lit = '';
    } else if (tokens.length === 0) {
      this.mode = EXACT;
      this.lit = '';
    } else if (tokens.length === 1 && t0!.k === STAR) {
      this.mode = ANY;
      this.lit = '';
    } else if (tokens.length === 1 && t0!.k === LIT) {
      this.mode = EXACT;
      this.lit = t0!.s;
    } else if (tokens.length === 2 && t0!.k === LIT && t1!.k === STAR) {
      this.mode = PREFIX;
      this.lit = t0!.s;
    } else if (tokens.length === 2 && t0!.k === STAR && t1!.k === LIT) {
      this.mode = SUFFIX;
      this.lit = t1!.s;
    } else {
      this.mode = GENERAL;
      this.lit = '';
    }
  }

  /** Whether the pattern is a lone `*`. */
  get matchesEverything(): boolean {
    return this.mode === ANY;
  }

  /** Whether the last token is a `*` (it may then run past later ARN colons). */
  get endsWithStar(): boolean {
    const last = this.tokens[this.tokens.length - 1];
    return last !== undefined && last.k === STAR;
  }

  test(subject: string, scope?: EvalScope, from = 0, to = subject.length): boolean {
    const lit = this.lit;
    switch (this.mode) {
      case ANY:
        return true;
      case EXACT:
        return to - from === lit.length && subject.startsWith(lit, from);
      case PREFIX:
        return to - from >= lit.length && subject.startsWith(lit, from);
      case SUFFIX:
        return to - from >= lit.length && subject.startsWith(lit, to - lit.length);
      default:
        return this.general(subject, from, to, scope);
    }
  }

  private general(subject: string, from: number, to: number, scope: EvalScope | undefined): boolean {
    const toks = this.tokens;
    let ti = 0;
    let si = from;
    let starTi = -1;
    let starSi = -1;
    const n = toks.length;
    for (;;) {
      if (ti < n) {
        const t = toks[ti]!;
        if (t.k === STAR) {
          starTi = ti++;
          starSi = si;
          continue;
        }
        if (t.k === QMARK) {
          if (si < to) {
            ti++;
            si++;
            continue;
          }
        } else {
          let s: string;
          if (t.k === LIT) s = t.s;
          else {
            // A variable that cannot be resolved makes the whole pattern match nothing. (If the
            // match fails before reaching it, the answer is false anyway.)
            const v = scope === undefined ? undefined : scope.variable(t.key, t.def);
            if (v === undefined) return false;
            s = this.lowerVars ? v.toLowerCase() : v;
          }
          if (si + s.length <= to && subject.startsWith(s, si)) {
            ti++;
            si += s.length;
            continue;
          }
        }
      } else if (si === to) return true;
      // Mismatch: let the last star swallow one more character, or fail.
      if (starTi < 0 || starSi >= to) return false;
      starSi++;
      si = starSi;
      ti = starTi + 1;
    }
  }
}
