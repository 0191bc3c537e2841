import { AwsError } from '../../errors/aws-error.js';
import type { Shape, StructShape } from '../../model/shapes.js';
import { encodePolicyDocument, escapeXml } from './xml.js';

/**
 * An output object → Query-protocol XML, as its shape says: members in the shape's order, lists
 * as `<member>` items, maps as `<entry><key/><value/></entry>`, IAM policy documents URL-encoded
 * (`policyDocument` strings, when the service returns them that way), absent members left out,
 * empty lists and structures as `<Name/>` (AWS sends them that way). A member the shape does not
 * declare is refused (an internal failure): what goes on the wire is only what the shape says.
 */
export function writeShapedMembers(shape: StructShape, value: object, out: string[], urlEncodePolicies: boolean, path: string): void {
  checkDeclared(shape, value, path);
  for (const [name, member] of Object.entries(shape.members)) {
    writeShaped(name, member, Reflect.get(value, name), out, urlEncodePolicies, `${path}.${name}`);
  }
}

function writeShaped(name: string, shape: Shape, value: unknown, out: string[], urlEncodePolicies: boolean, path: string): void {
  if (value === undefined || value === null) return;
  switch (shape.kind) {
    case 'list': {
      if (!Array.isArray(value)) throw mismatch(path, 'a list');
      if (value.length === 0) {
        out.push(`<${name}/>`);
        return;
      }
      out.push(`<${name}>`);
      for (const item of value) writeShaped('member', shape.member, item, out, urlEncodePolicies, `${path}[]`);
      out.push(`</${name}>`);
      return;
    }
    case 'map': {
      if (!Array.isArray(value)) throw mismatch(path, 'a map (key/value pairs)');
      out.push(`<${name}>`);
      for (const [k, v] of value as ReadonlyArray<readonly [string, string | number | boolean]>) {
        out.push(`<entry><key>${escapeXml(k)}</key><value>${escapeXml(String(v))}</value></entry>`);
      }
      out.push(`</${name}>`);
      return;
    }
    case 'struct': {
      if (typeof value !== 'object' || Array.isArray(value)) throw mismatch(path, 'a structure');
      checkDeclared(shape, value, path);
      const start = out.length;
      out.push(`<${name}>`);
      for (const [member, memberShape] of Object.entries(shape.members)) {
        writeShaped(member, memberShape, Reflect.get(value, member), out, urlEncodePolicies, `${path}.${member}`);
      }
      if (out.length === start + 1) out[start] = `<${name}/>`;
      else out.push(`</${name}>`);
      return;
    }
    case 'string': {
      if (typeof value !== 'string') throw mismatch(path, 'a string');
      const text = shape.policyDocument && urlEncodePolicies ? encodePolicyDocument(value) : value;
      out.push(`<${name}>${escapeXml(text)}</${name}>`);
      return;
    }
    case 'integer':
      if (typeof value !== 'number') throw mismatch(path, 'a number');
      out.push(`<${name}>${value}</${name}>`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch(path, 'a boolean');
      out.push(`<${name}>${value}</${name}>`);
      return;
  }
}

function checkDeclared(shape: StructShape, value: object, path: string): void {
  for (const [member, v] of Object.entries(value)) {
    if (v !== undefined && !(member in shape.members)) {
      throw new AwsError('InternalFailure', 'An internal error occurred. Try again later.', `${path}.${member}: not in the output shape`);
    }
  }
}

function mismatch(path: string, expected: string): AwsError {
  return new AwsError('InternalFailure', 'An internal error occurred. Try again later.', `${path}: the output shape expects ${expected}`);
}
