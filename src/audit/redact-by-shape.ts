import { memberEntries, type Shape, type StructShape } from '../model/shapes.js';
import { isSecretMember, redact, REDACTED } from './redact.js';

/**
 * An operation's output as the audit keeps it, by its output shape: every member the shape marks
 * `sensitive` (a secret access key, a session token, an MFA seed) replaced by AWS's marker, at any
 * depth; members the shape does not declare left out (the codec refuses to send them anyway).
 * Maps become plain objects, as CloudTrail shows them.
 */
export function redactByShape(shape: StructShape, value: object, options: { byName?: boolean } = {}): Record<string, unknown> {
  return struct(shape, value, options.byName === true);
}

/**
 * `byName` (request parameters): in the same pass, a member with one of redact.ts's secret names
 * is hidden too, and what redact() leaves out of a record (binary values) is left out.
 */
function struct(shape: StructShape, value: object, byName: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of memberEntries(shape)) {
    const raw: unknown = Reflect.get(value, name);
    const kept = byName && raw !== undefined && raw !== null && isSecretMember(name) ? REDACTED : copy(member, raw, byName);
    if (kept !== undefined) out[name] = kept;
  }
  return out;
}

function copy(shape: Shape, value: unknown, byName: boolean): unknown {
  if (value === undefined || value === null) return undefined;
  if (shape.sensitive) return REDACTED;
  switch (shape.kind) {
    case 'struct':
      return typeof value === 'object' && !Array.isArray(value) ? struct(shape, value, byName) : undefined;
    case 'list':
      return Array.isArray(value) ? value.map((item) => copy(shape.member, item, byName)) : undefined;
    case 'map': {
      if (!Array.isArray(value)) return undefined;
      const map = Object.fromEntries(value as ReadonlyArray<readonly [string, unknown]>);
      return byName ? redact(map) : map;
    }
    default:
      return byName && (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) ? undefined : value;
  }
}
