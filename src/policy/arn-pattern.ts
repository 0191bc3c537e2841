import { Glob } from './glob.js';
import { literalPrefix } from './literal-prefix.js';
import { LIT, literaliseVariables, STAR, type Token } from './template.js';
import type { EvalScope } from './scope.js';

/**
 * ARN matching as AWS documents it for the Resource element and the Arn* condition operators:
 *
 * - the ARN has six colon-separated parts (arn:partition:service:region:account:resource); the
 *   resource part keeps any further colons;
 * - wildcards match within a part and never cross into the next one — except that a `*` ending
 *   the pattern's last part, when the pattern has fewer than six parts, runs on over the rest of
 *   the ARN (`arn:aws:ec2:us-east-1:*` covers every instance of that region);
 * - inside the resource part `*` and `?` cross `/` and `:` freely;
 * - matching is case-sensitive;
 * - a lone `*` matches everything, including the `*` resource of actions without resource-level
 *   permissions (which no ARN pattern matches).
 *
 * Variables are substituted before matching, as literal text. For the Resource element they
 * are allowed only in the resource part; elsewhere `${...}` is literal text.
 */
export class ArnPattern {
  private readonly any: boolean;
  private readonly parts: Glob[];
  private readonly tailExpands: boolean;
  /**
   * The leading parts that are plain text, joined with their colons (`arn:aws:s3:::`): one
   * test (literal-prefix.ts) instead of five part matches, for the common pattern.
   * `prefixParts` is how many parts, `prefixLength` how many characters.
   */
  private readonly prefix: RegExp | null;
  private readonly prefixLength: number;
  private readonly prefixParts: number;

  constructor(tokens: readonly Token[], opts: { variablesOnlyInResourcePart: boolean }) {
    this.any = tokens.length === 1 && tokens[0]!.k === STAR;
    const parts = splitParts(tokens);
    if (opts.variablesOnlyInResourcePart) {
      for (let i = 0; i < parts.length && i < 5; i++) parts[i] = literaliseVariables(parts[i]!);
    }
    this.parts = parts.map((p) => new Glob(p));
    const last = this.parts[this.parts.length - 1]!;
    this.tailExpands = this.parts.length < 6 && last.endsWithStar;
    let n = 0;
    const head: string[] = [];
    while (n < this.parts.length - 1 && parts[n]!.every((t) => t.k === LIT)) {
      for (const t of parts[n]!) head.push((t as { s: string }).s);
      head.push(':');
      n++;
    }
    const prefix = head.join(''); // one flat string for the table lookup (literal-prefix.ts)
    this.prefix = prefix === '' ? null : literalPrefix(prefix);
    this.prefixLength = prefix.length;
    this.prefixParts = n;
  }

  get matchesEverything(): boolean {
    return this.any;
  }

  get hasVariables(): boolean {
    return this.parts.some((p) => p.hasVars);
  }

  test(subject: string, scope?: EvalScope): boolean {
    if (this.any) return true;
    const parts = this.parts;
    const k = parts.length;
    if (this.prefix !== null && !this.prefix.test(subject)) return false;
    let from = this.prefixLength;
    for (let i = this.prefixParts; i < k - 1; i++) {
      const colon = subject.indexOf(':', from);
      if (colon < 0) return false;
      if (!parts[i]!.test(subject, scope, from, colon)) return false;
      from = colon + 1;
    }
    // The last pattern part: to the end for the 6th part or an expanding tail; otherwise the
    // subject must have no further part.
    if (k < 6 && !this.tailExpands && subject.indexOf(':', from) >= 0) return false;
    return parts[k - 1]!.test(subject, scope, from, subject.length);
  }
}

/** Split tokens at the first five literal colons. */
function splitParts(tokens: readonly Token[]): Token[][] {
  const parts: Token[][] = [[]];
  for (const t of tokens) {
    if (t.k !== LIT || parts.length === 6) {
      parts[parts.length - 1]!.push(t);
      continue;
    }
    let s = t.s;
    for (;;) {
      const colon = parts.length < 6 ? s.indexOf(':') : -1;
      if (colon < 0) {
        if (s !== '') parts[parts.length - 1]!.push({ k: LIT, s });
        break;
      }
      if (colon > 0) parts[parts.length - 1]!.push({ k: LIT, s: s.slice(0, colon) });
      parts.push([]);
      s = s.slice(colon + 1);
    }
  }
  return parts;
}
