import { AWS_ACTION_CATALOGUE } from '../policy/action-catalogue.js';
import { validatePolicy, type Finding, type PolicyKind } from '../policy/index.js';
import { parseOrExit } from './args.js';
import { POLICY_VALIDATE } from './specs.js';

/**
 * `keysmith policy validate FILE [--kind identity|resource|trust|session|scp|rcp|boundary]
 * [--allow-old-version] [--json]`: prints AWS-style findings (errors carry IAM's
 * MalformedPolicyDocument text); exit 1 when there is an error, 0 otherwise (warnings only
 * print). `-` reads standard input. By default the document is checked as IAM's CreatePolicy
 * would (identity kind, Version 2012-10-17 required).
 *
 * Beyond IAM's own checks it teaches: actions and action patterns that name no AWS action (the
 * generated catalogue, src/policy/action-catalogue.ts) get IAM Access Analyzer's "Invalid action"
 * / "Invalid service in action" warnings with a "Did you mean"; a finding names the policy element
 * at fault (`Effect`, `Resource`, `Condition.<operator>.<key>`) and, for "legacy parsing", says
 * what is wrong with it; a document that looks like another kind (a role trust policy checked as
 * an identity policy) gets a hint to rerun with `--kind trust`.
 */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => Promise<string>;
  readStdin: () => Promise<string>;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseOrExit(POLICY_VALIDATE, argv, io);
  if (typeof parsed === 'number') return parsed;
  const file = parsed.positionals[0]!;
  const kind = (parsed.values.kind ?? 'identity') as PolicyKind;
  const requireCurrentVersion = parsed.values['allow-old-version'] !== true;
  const json = parsed.values.json === true;
  let text: string;
  try {
    text = file === '-' ? await io.readStdin() : await io.readFile(file);
  } catch (e) {
    io.stderr(`keysmith: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const findings = validatePolicy(text, kind, {
    requireCurrentVersion: requireCurrentVersion && kind !== 'resource' && kind !== 'scp',
    actionCatalogue: AWS_ACTION_CATALOGUE,
  });
  const errors = findings.filter((f) => f.severity === 'error');
  if (json) io.stdout(`${JSON.stringify({ valid: errors.length === 0, kind, findings }, null, 2)}\n`);
  else {
    for (const f of findings) io.stdout(`${format(file, f)}\n`);
    const suggested = findings.find((f) => f.severity === 'error' && f.suggestedKind !== undefined)?.suggestedKind;
    if (suggested) {
      const what = suggested === 'trust' ? 'a role trust policy' : `an ${suggested} policy`;
      io.stdout(`${file}: hint: this looks like ${what}; check it with: keysmith policy validate ${file} --kind ${suggested}\n`);
    }
    io.stdout(
      errors.length === 0
        ? `${file}: valid ${kind} policy${findings.length ? ` (${findings.length} warning${findings.length === 1 ? '' : 's'})` : ''}\n`
        : '',
    );
  }
  return errors.length === 0 ? 0 : 1;
}

function format(file: string, f: Finding): string {
  const where = f.range ? `${file}:${f.range.start.line}:${f.range.start.column}` : file;
  const label = f.severity === 'error' ? 'MalformedPolicyDocument' : `warning ${f.code}`;
  const about = [f.statementIndex !== undefined ? `statement ${f.statementIndex}` : undefined, f.field].filter((x) => x !== undefined);
  const stmt = about.length ? ` (${about.join(', ')})` : '';
  const hint = f.suggestedKind ? ` (try --kind ${f.suggestedKind})` : '';
  return `${where}: ${label}: ${f.message}${stmt}${f.detail ? ` [${f.detail}]` : ''}${hint}`;
}
