import { AwsError } from '../../errors/aws-error.js';
import { constraint, type ConstraintViolation, validationError } from '../../errors/validation.js';
import type { Shape, StructShape } from '../../model/shapes.js';

/** STS echoes the offending value in ValidationError texts; IAM (2025+) does not. */
export type ValidationStyle = 'with-value' | 'without-value';

/** One decoding: the request's parameters and what it has found wrong so far. */
interface Decoding {
  readonly params: ReadonlyMap<string, string>;
  readonly violations: ConstraintViolation[];
  readonly style: ValidationStyle;
  /**
   * Whether any parameter name has a dot. Without one, no list member (`Tags.member.1…`) nor
   * structure member (`Name.Field`) was sent, and the per-member scans of every parameter name
   * are skipped: most calls (AssumeRole, GetRole) send only flat names.
   */
  readonly dotted: boolean;
}

/** A structure's member as decoding needs it: its name and, for error paths, its camelCase name. */
interface Field {
  readonly name: string;
  readonly camel: string;
  readonly shape: Shape;
}

/**
 * Each input structure's members, listed once per shape (cached by the shape object) rather than
 * by Object.entries and a camelCase conversion per member per request.
 */
const fieldTables = new WeakMap<StructShape, readonly Field[]>();

function fieldsOf(struct: StructShape): readonly Field[] {
  let fields = fieldTables.get(struct);
  if (fields === undefined) {
    fields = Object.entries(struct.members).map(([name, shape]) => ({ name, camel: name.charAt(0).toLowerCase() + name.slice(1), shape }));
    fieldTables.set(struct, fields);
  }
  return fields;
}

/**
 * Decodes Query-protocol parameters into the input object an operation's handler expects.
 * Missing required members fail first with MissingParameter; every constraint violation is then
 * reported together in one ValidationError, as AWS does.
 */
export function decodeQueryInput(params: ReadonlyMap<string, string>, input: StructShape, style: ValidationStyle): Record<string, unknown> {
  let dotted = false;
  for (const k of params.keys()) {
    if (k.includes('.')) {
      dotted = true;
      break;
    }
  }
  const d: Decoding = { params, violations: [], style, dotted };
  const out = decodeStruct(d, '', '', input);
  if (d.violations.length > 0) throw validationError(d.violations);
  return out;
}

function decodeStruct(d: Decoding, prefix: string, path: string, struct: StructShape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { name, camel, shape: member } of fieldsOf(struct)) {
    // At the top level both prefixes are empty and these are the field's own strings.
    const key = prefix + name;
    const memberPath = path + camel;
    const value = decodeMember(d, key, memberPath, member);
    if (value === undefined) {
      if (member.required) {
        if (path === '') throw new AwsError('MissingParameter', `The request must contain the parameter ${name}`);
        d.violations.push({ path: memberPath, constraint: constraint.notNull() });
      }
      continue;
    }
    out[name] = value;
  }
  return out;
}

function decodeMember(d: Decoding, key: string, path: string, s: Shape): unknown {
  switch (s.kind) {
    case 'string': {
      const v = d.params.get(key);
      if (v === undefined) return undefined;
      checkString(v, path, s, d);
      return v;
    }
    case 'integer': {
      const v = d.params.get(key);
      if (v === undefined) return undefined;
      if (!/^-?\d+$/.test(v.trim())) {
        throw new AwsError('ValidationError', `Value '${v}' at '${path}' failed to satisfy constraint: Member must be a number`);
      }
      const n = Number(v);
      // A secret (a private key, a password) is never echoed back in a validation message.
      const shown = d.style === 'with-value' && s.sensitive !== true ? v : undefined;
      if (s.min !== undefined && n < s.min) d.violations.push({ path, constraint: constraint.minValue(s.min), value: shown });
      if (s.max !== undefined && n > s.max) d.violations.push({ path, constraint: constraint.maxValue(s.max), value: shown });
      return n;
    }
    case 'boolean': {
      const v = d.params.get(key);
      if (v === undefined) return undefined;
      const lower = v.toLowerCase();
      if (lower !== 'true' && lower !== 'false') {
        throw new AwsError('ValidationError', `Value '${v}' at '${path}' failed to satisfy constraint: Member must be a boolean`);
      }
      return lower === 'true';
    }
    case 'list':
      return decodeList(d, key, path, s);
    case 'struct': {
      if (!d.dotted) return undefined;
      const inner = `${key}.`;
      let present = false;
      for (const k of d.params.keys()) {
        if (k.startsWith(inner)) {
          present = true;
          break;
        }
      }
      if (!present) return undefined;
      return decodeStruct(d, inner, `${path}.`, s);
    }
    case 'map':
      // No Query input keysmith decodes is a map; a shape that declares one is a programming error.
      throw new Error(`${path}: map members are output-only`);
  }
}

function decodeList(d: Decoding, key: string, path: string, s: Extract<Shape, { kind: 'list' }>): unknown[] | undefined {
  // `Name=` (empty value) is how both boto3 and SDK v3 send an empty list.
  const bare = d.params.get(key);
  const memberPrefix = `${key}.member.`;
  const indices = d.dotted ? memberIndices(d.params, memberPrefix, s.member.kind === 'struct') : [];
  if (indices.length === 0) {
    if (bare === undefined) return undefined;
    // An empty list is still a list: its minimum length applies (a required list sent empty fails).
    if (s.min !== undefined && s.min > 0) d.violations.push({ path, constraint: constraint.minLength(s.min) });
    return [];
  }
  const items: unknown[] = [];
  for (const n of indices) {
    if (s.member.kind === 'struct') {
      items.push(decodeStruct(d, `${memberPrefix}${n}.`, `${path}.${n}.member.`, s.member));
    } else {
      items.push(decodeMember(d, `${memberPrefix}${n}`, `${path}.${n}.member`, s.member));
    }
  }
  if (s.max !== undefined && items.length > s.max) d.violations.push({ path, constraint: constraint.maxLength(s.max) });
  if (s.min !== undefined && items.length < s.min) d.violations.push({ path, constraint: constraint.minLength(s.min) });
  return items;
}

/** The member numbers a list's parameters name (`Tags.member.N…`), in numeric order. */
function memberIndices(params: ReadonlyMap<string, string>, memberPrefix: string, ofStructs: boolean): number[] {
  const indices = new Set<number>();
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
  // Clients number from 1 without gaps; tolerate gaps by ordering numerically.
  return [...indices].sort((a, b) => a - b);
}

/** UTF-16 code units that are halves of surrogate pairs (or lone halves). */
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * A string's length in code points, as AWS counts it: without surrogates, its length in code
 * units (a regex test; spreading every value into an array of characters cost more than the rest
 * of decoding AssumeRole's input).
 */
function codePoints(v: string): number {
  return SURROGATE.test(v) ? [...v].length : v.length;
}

function checkString(v: string, path: string, s: Extract<Shape, { kind: 'string' }>, d: Decoding): void {
  // A NUL is refused before anything else, and never echoed (XML 1.0 cannot carry it).
  if (v.includes('\u0000')) {
    d.violations.push({ path, constraint: constraint.noNul() });
    return;
  }
  // A secret (a private key, a password) is never echoed back in a validation message.
  const shown = d.style === 'with-value' && s.sensitive !== true ? v : undefined;
  const length = codePoints(v);
  if (s.max !== undefined && length > s.max) d.violations.push({ path, constraint: constraint.maxLength(s.max), value: shown });
  if (s.min !== undefined && length < s.min) d.violations.push({ path, constraint: constraint.minLength(s.min), value: shown });
  if (s.enum && !s.enum.includes(v)) d.violations.push({ path, constraint: constraint.enumSet(s.enum), value: shown });
  if (s.pattern && length > 0 && !s.pattern.test(v)) {
    d.violations.push({ path, constraint: constraint.pattern(s.patternText ?? s.pattern.source), value: shown });
  }
}
