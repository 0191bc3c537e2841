import { AwsError } from '../../errors/aws-error.js';
import { constraint, type ConstraintViolation, validationError } from '../../errors/validation.js';
import type { Shape, StructShape } from '../../model/shapes.js';

/** STS echoes the offending value in ValidationError texts; IAM (2025+) does not. */
export type ValidationStyle = 'with-value' | 'without-value';

const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

/**
 * Decodes Query-protocol parameters into the input object an operation's handler expects.
 * Missing required members fail first with MissingParameter; every constraint violation is then
 * reported together in one ValidationError, as AWS does.
 */
export function decodeQueryInput(params: ReadonlyMap<string, string>, input: StructShape, style: ValidationStyle): Record<string, unknown> {
  const violations: ConstraintViolation[] = [];
  const out = decodeStruct(params, '', '', input, violations, style);
  if (violations.length > 0) throw validationError(violations);
  return out;
}

function decodeStruct(
  params: ReadonlyMap<string, string>,
  prefix: string,
  path: string,
  struct: StructShape,
  violations: ConstraintViolation[],
  style: ValidationStyle,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(struct.members)) {
    const key = prefix + name;
    const memberPath = path + camel(name);
    const value = decodeMember(params, key, memberPath, member, violations, style);
    if (value === undefined) {
      if (member.required) {
        if (path === '') throw new AwsError('MissingParameter', `The request must contain the parameter ${name}`);
        violations.push({ path: memberPath, constraint: constraint.notNull() });
      }
      continue;
    }
    out[name] = value;
  }
  return out;
}

function decodeMember(
  params: ReadonlyMap<string, string>,
  key: string,
  path: string,
  s: Shape,
  violations: ConstraintViolation[],
  style: ValidationStyle,
): unknown {
  switch (s.kind) {
    case 'string': {
      const v = params.get(key);
      if (v === undefined) return undefined;
      checkString(v, path, s, violations, style);
      return v;
    }
    case 'integer': {
      const v = params.get(key);
      if (v === undefined) return undefined;
      if (!/^-?\d+$/.test(v.trim())) {
        throw new AwsError('ValidationError', `Value '${v}' at '${path}' failed to satisfy constraint: Member must be a number`);
      }
      const n = Number(v);
      // A secret (a private key, a password) is never echoed back in a validation message.
      const shown = style === 'with-value' && s.sensitive !== true ? v : undefined;
      if (s.min !== undefined && n < s.min) violations.push({ path, constraint: constraint.minValue(s.min), value: shown });
      if (s.max !== undefined && n > s.max) violations.push({ path, constraint: constraint.maxValue(s.max), value: shown });
      return n;
    }
    case 'boolean': {
      const v = params.get(key);
      if (v === undefined) return undefined;
      const lower = v.toLowerCase();
      if (lower !== 'true' && lower !== 'false') {
        throw new AwsError('ValidationError', `Value '${v}' at '${path}' failed to satisfy constraint: Member must be a boolean`);
      }
      return lower === 'true';
    }
    case 'list':
      return decodeList(params, key, path, s, violations, style);
    case 'struct': {
      const inner = `${key}.`;
      let present = false;
      for (const k of params.keys()) {
        if (k.startsWith(inner)) {
          present = true;
          break;
        }
      }
      if (!present) return undefined;
      return decodeStruct(params, inner, `${path}.`, s, violations, style);
    }
    case 'map':
      // No Query input keysmith decodes is a map; a shape that declares one is a programming error.
      throw new Error(`${path}: map members are output-only`);
  }
}

function decodeList(
  params: ReadonlyMap<string, string>,
  key: string,
  path: string,
  s: Extract<Shape, { kind: 'list' }>,
  violations: ConstraintViolation[],
  style: ValidationStyle,
): unknown[] | undefined {
  // `Name=` (empty value) is how both boto3 and SDK v3 send an empty list.
  const bare = params.get(key);
  const memberPrefix = `${key}.member.`;
  const indices = new Set<number>();
  const ofStructs = s.member.kind === 'struct';
  for (const k of params.keys()) {
    if (!k.startsWith(memberPrefix)) continue;
    const rest = k.slice(memberPrefix.length);
    const dot = rest.indexOf('.');
    // A member of a list of scalars is `member.N`; of structures, `member.N.Field`. Anything else
    // (`member.1.5` for a string list) names no member and is ignored like any unknown parameter.
    if (ofStructs !== dot >= 0) continue;
    // Only indices written plainly (`1`, `12`) name members: `01`, `1e3` or an index beyond the
    // safe integers would be looked up again under another spelling and found missing, so they
    // are ignored too.
    const index = dot < 0 ? rest : rest.slice(0, dot);
    if (!/^[1-9][0-9]{0,8}$/.test(index)) continue;
    indices.add(Number(index));
  }
  if (indices.size === 0) {
    if (bare === undefined) return undefined;
    // An empty list is still a list: its minimum length applies (a required list sent empty fails).
    if (s.min !== undefined && s.min > 0) violations.push({ path, constraint: constraint.minLength(s.min) });
    return [];
  }
  // Clients number from 1 without gaps; tolerate gaps by ordering numerically.
  const ordered = [...indices].sort((a, b) => a - b);
  const items: unknown[] = [];
  for (const n of ordered) {
    const itemPath = s.member.kind === 'struct' ? `${path}.${n}.member.` : `${path}.${n}.member`;
    if (s.member.kind === 'struct') {
      items.push(decodeStruct(params, `${memberPrefix}${n}.`, itemPath, s.member, violations, style));
    } else {
      items.push(decodeMember(params, `${memberPrefix}${n}`, itemPath, s.member, violations, style));
    }
  }
  if (s.max !== undefined && items.length > s.max) violations.push({ path, constraint: constraint.maxLength(s.max) });
  if (s.min !== undefined && items.length < s.min) violations.push({ path, constraint: constraint.minLength(s.min) });
  return items;
}

function checkString(
  v: string,
  path: string,
  s: Extract<Shape, { kind: 'string' }>,
  violations: ConstraintViolation[],
  style: ValidationStyle,
): void {
  // A NUL is refused before anything else, and never echoed (XML 1.0 cannot carry it).
  if (v.includes('\u0000')) {
    violations.push({ path, constraint: constraint.noNul() });
    return;
  }
  // A secret (a private key, a password) is never echoed back in a validation message.
  const shown = style === 'with-value' && s.sensitive !== true ? v : undefined;
  const length = [...v].length;
  if (s.max !== undefined && length > s.max) violations.push({ path, constraint: constraint.maxLength(s.max), value: shown });
  if (s.min !== undefined && length < s.min) violations.push({ path, constraint: constraint.minLength(s.min), value: shown });
  if (s.enum && !s.enum.includes(v)) violations.push({ path, constraint: constraint.enumSet(s.enum), value: shown });
  if (s.pattern && length > 0 && !s.pattern.test(v)) {
    violations.push({ path, constraint: constraint.pattern(s.patternText ?? s.pattern.source), value: shown });
  }
}
