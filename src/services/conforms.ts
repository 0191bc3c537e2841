import { type Decoded, memberEntries, type Shape } from '../model/shapes.js';

/**
 * Whether a value is what decoding `shape` produces: the proof that lets an operation table hold
 * every operation under one type (input `Record<string, unknown>`) and still hand each handler
 * its own typed input, without a cast. The codec decodes with the same shape, so this never
 * fails for a decoded input; it checks types only (constraints are the codec's).
 */
export function conforms<S extends Shape>(shape: S, value: unknown): value is Decoded<S> {
  return matches(shape, value);
}

function matches(shape: Shape, value: unknown): boolean {
  switch (shape.kind) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value) && value.every((item) => matches(shape.member, item));
    case 'struct': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      for (const [name, member] of memberEntries(shape)) {
        const v: unknown = Reflect.get(value, name);
        if (v === undefined ? member.required === true : !matches(member, v)) return false;
      }
      return true;
    }
    case 'map':
      return Array.isArray(value) && value.every((entry) => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string');
  }
}
