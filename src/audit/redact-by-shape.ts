import type { Shape, StructShape } from '../model/shapes.js';
import { REDACTED } from './redact.js';

/**
 * An operation's output as the audit keeps it, by its output shape: every member the shape marks
 * `sensitive` (a secret access key, a session token, an MFA seed) replaced by AWS's marker, at any
 * depth; members the shape does not declare left out (the codec refuses to send them anyway).
 * Maps become plain objects, as CloudTrail shows them.
 */
export function redactByShape(shape: StructShape, value: object): Record<string, unknown> {
  return struct(shape, value);
}

function struct(shape: StructShape, value: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const kept = copy(member, Reflect.get(value, name));
    if (kept !== undefined) out[name] = kept;
  }
  return out;
}

function copy(shape: Shape, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (shape.sensitive) return REDACTED;
  switch (shape.kind) {
    case 'struct':
      return typeof value === 'object' && !Array.isArray(value) ? struct(shape, value) : undefined;
    case 'list':
      return Array.isArray(value) ? value.map((item) => copy(shape.member, item)) : undefined;
    case 'map':
      return Array.isArray(value) ? Object.fromEntries(value as ReadonlyArray<readonly [string, unknown]>) : undefined;
    default:
      return value;
  }
}
