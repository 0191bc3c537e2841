import type { SourcePosition, SourceRange } from '../../../policy/index.js';

/** A type, not an interface: the output shape's structures take only types with an implicit index signature. */
export type AwsPosition = {
  Line: number;
  Column: number;
};

/**
 * A matched statement's StartPosition/EndPosition as IAM's simulator reports them. IAM reads the
 * policy with a streaming parser and records the parser's location *after* the token before the
 * statement and after the statement's closing `}` (1-based). So the end is one past the `}`; the
 * first statement of an array starts just after the `[`, a later one just after the previous
 * statement's `}`, and a statement given as a lone object starts just after its own `{`.
 *
 * Recorded: `{"Version":"2012-10-17","Statement":{…}}` → 1:38–1:167 (the `{` is at column 37,
 * the `}` at 166; AWS CLI example for simulate-custom-policy); a compact two-statement policy →
 * 1:41–1:198 then 1:198–1:300 (the second starts where the first ends); AdministratorAccess
 * (2-space indent) → 3:17–8:6 (after the `[` on line 3, after the `}` on line 8).
 */
export function awsStatementSpan(text: string, range: SourceRange): { StartPosition: AwsPosition; EndPosition: AwsPosition } {
  const lines = lineStarts(text);
  const open = offsetOf(lines, range.start);
  let j = open - 1;
  while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
  let after: number;
  if (text[j] === '[') after = j + 1;
  else if (text[j] === ',') {
    let k = j - 1;
    while (k >= 0 && isSpace(text.charCodeAt(k))) k--;
    after = k + 1;
  } else after = open + 1;
  return { StartPosition: position(lines, after), EndPosition: { Line: range.end.line, Column: range.end.column } };
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Offsets where each line starts; lines end at `\n`, as in the policy reader (src/policy/json.ts). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function offsetOf(lines: readonly number[], p: SourcePosition): number {
  return (lines[p.line - 1] ?? 0) + p.column - 1;
}

function position(lines: readonly number[], offset: number): AwsPosition {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { Line: lo + 1, Column: offset - lines[lo]! + 1 };
}
