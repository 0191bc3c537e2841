import { shape } from '../../model/shapes.js';
import { AWS_ACTION_CATALOGUE } from '../../policy/action-catalogue.js';
import { validatePolicy, type Finding, type PolicyKind } from '../../policy/index.js';
import type { SourceRange } from '../../policy/types.js';
import { defineOperation } from '../operation.js';

/** keysmith's policy kinds, and IAM Access Analyzer's PolicyType names for the same ones. */
const KINDS: Readonly<Record<string, PolicyKind>> = {
  identity: 'identity',
  resource: 'resource',
  trust: 'trust',
  session: 'session',
  scp: 'scp',
  rcp: 'rcp',
  boundary: 'boundary',
  IDENTITY_POLICY: 'identity',
  RESOURCE_POLICY: 'resource',
  SERVICE_CONTROL_POLICY: 'scp',
  RESOURCE_CONTROL_POLICY: 'rcp',
};

const position = shape.struct({ Line: shape.integer(), Column: shape.integer(), EndLine: shape.integer(), EndColumn: shape.integer() });

/**
 * keysmith's own: checks a policy document with keysmith's validator and answers every finding —
 * the same findings and messages `keysmith policy validate --json` prints (src/cli/policy-validate.ts:
 * IAM's MalformedPolicyDocument texts for errors, IAM Access Analyzer's texts for unknown actions),
 * errors first. The web console's policy and trust editors call it as the text changes.
 *
 * Positions: `Range` is the finding's own (the statement at fault, as the CLI prints it; for a JSON
 * syntax error the place the parser stopped). `Mark` narrows it, when the finding names something
 * that can be found inside that statement (the unknown action, the bad resource, the element at
 * fault), so an editor can underline the very token.
 *
 * Authorized as `access-analyzer:ValidatePolicy` on `*`: AWS's action for the same service (IAM
 * Access Analyzer's ValidatePolicy takes a document and answers findings, and has no resource type),
 * so a policy that allows a person to validate policies on AWS allows it here too. Nothing is
 * stored or changed.
 */
export const validatePolicyOperation = defineOperation({
  name: 'ValidatePolicy',
  action: 'access-analyzer:ValidatePolicy',
  readOnly: true,
  mutatesIam: false,
  input: shape.struct({
    PolicyDocument: shape.string({ required: true, min: 1, max: 131072 }),
    PolicyType: shape.string({ enum: Object.keys(KINDS) }),
    /** As `--allow-old-version`: accept a document without `Version: 2012-10-17`. */
    AllowOldVersion: shape.boolean(),
  }),
  authorization: { resource: () => '*' },
  output: shape.struct({
    Valid: shape.boolean(),
    PolicyType: shape.string(),
    Findings: shape.list(
      shape.struct({
        Severity: shape.string(),
        Code: shape.string(),
        Message: shape.string(),
        Detail: shape.string(),
        Field: shape.string(),
        SuggestedKind: shape.string(),
        StatementIndex: shape.integer(),
        Range: position,
        Mark: position,
      }),
    ),
  }),
  async handler(input) {
    const kind = KINDS[input.PolicyType ?? 'identity'] ?? 'identity';
    const text = input.PolicyDocument;
    const findings = validatePolicy(text, kind, {
      requireCurrentVersion: input.AllowOldVersion !== true && kind !== 'resource' && kind !== 'scp',
      actionCatalogue: AWS_ACTION_CATALOGUE,
    });
    const lines = lineStarts(text);
    return {
      Valid: !findings.some((f) => f.severity === 'error'),
      PolicyType: kind,
      Findings: findings.map((f) => {
        const range = f.range ?? syntaxErrorRange(f);
        const mark = range ? markOf(text, lines, range, f) : undefined;
        return {
          Severity: f.severity,
          Code: f.code,
          Message: f.message,
          Detail: f.detail,
          Field: f.field,
          SuggestedKind: f.suggestedKind,
          StatementIndex: f.statementIndex,
          Range: range ? view(range) : undefined,
          Mark: mark ? view(mark) : undefined,
        };
      }),
    };
  },
});

function view(r: SourceRange) {
  return { Line: r.start.line, Column: r.start.column, EndLine: r.end.line, EndColumn: r.end.column };
}

/** A JSON syntax error's detail ends `at line L column C` (src/policy/json.ts): that one character. */
function syntaxErrorRange(f: Finding): SourceRange | undefined {
  if (f.code !== 'json' || !f.detail) return undefined;
  const m = /at line (\d+) column (\d+)$/.exec(f.detail);
  if (!m) return undefined;
  const start = { line: Number(m[1]), column: Number(m[2]) };
  return { start, end: { line: start.line, column: start.column + 1 } };
}

/** Offsets of each line's first character (index 0 is line 1). */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') out.push(i + 1);
  return out;
}

function offsetOf(lines: number[], p: { line: number; column: number }): number {
  return (lines[p.line - 1] ?? 0) + p.column - 1;
}

function positionOf(lines: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lines[lo]! + 1 };
}

/**
 * The token a finding is about, searched for inside its range: the string its message names (the
 * action, the service prefix, the resource, the principal), else its element's key (`"Effect"`,
 * `"Condition"` and then the condition key). Undefined when nothing narrower is found.
 */
function markOf(text: string, lines: number[], range: SourceRange, f: Finding): SourceRange | undefined {
  if (f.code === 'json') return undefined;
  const from = offsetOf(lines, range.start);
  const to = Math.min(text.length, offsetOf(lines, range.end));
  const within = text.slice(from, to);
  const candidates: string[] = [];
  const named =
    /The action (\S+) does not exist/.exec(f.message)?.[1] ??
    /Resource (\S+) must be in ARN format/.exec(f.message)?.[1] ??
    /resource (\S+) cannot contain region/i.exec(f.message)?.[1] ??
    /Invalid principal in policy: "[^"]*":"([^"]*)"/.exec(f.message)?.[1] ??
    /Vendor (\S+) is not valid/.exec(f.message)?.[1];
  if (named) candidates.push(JSON.stringify(named));
  const service = /The service (\S+) specified in the action/.exec(f.message)?.[1];
  if (service) candidates.push(`"${service}:`);
  if (f.field) {
    const parts = f.field.split('.');
    // `Condition.StringEquals.aws:SourceIp`: the key inside the operator's block.
    if (parts[0] === 'Condition' && parts.length >= 3) candidates.push(JSON.stringify(parts.slice(2).join('.')));
    candidates.push(JSON.stringify(parts[0]));
  }
  const byCode: Record<string, string> = {
    'sid-unique': '"Sid"',
    'sid-characters': '"Sid"',
    'no-actions': '"Action"',
    'no-resources': '"Resource"',
    'principal-forbidden': '"Principal"',
    'principal-invalid': '"Principal"',
    'trust-actions': '"Action"',
    'trust-resource': '"Resource"',
    'trust-notprincipal': '"NotPrincipal"',
    'effect-case': '"Effect"',
  };
  const code = byCode[f.code];
  if (code) candidates.push(code);
  for (const c of candidates) {
    const at = within.indexOf(c);
    if (at < 0) continue;
    return { start: positionOf(lines, from + at), end: positionOf(lines, from + at + c.length) };
  }
  return undefined;
}
