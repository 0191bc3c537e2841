/**
 * Output objects → Query-protocol XML. Objects become elements, arrays become `<member>` lists,
 * `XmlMap` becomes `<entry><key/><value/></entry>`, undefined members are left out (AWS omits
 * absent members) and empty arrays become `<Name/>` (AWS sends empty lists that way).
 */
export class XmlMap {
  constructor(readonly entries: ReadonlyArray<readonly [string, string | number | boolean]>) {}
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const NEEDS_ESCAPE = /[&<>"']/;

export function escapeXml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c) : text;
}

/** RFC 3986 encoding, once: how IAM returns every policy document. */
export function encodePolicyDocument(document: string): string {
  return encodeURIComponent(document).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Members of IAM's `policyDocumentType`; their text is URL-encoded on the wire. */
const POLICY_DOCUMENT_MEMBERS = new Set(['AssumeRolePolicyDocument', 'PolicyDocument', 'Document']);

export function writeXml(name: string, value: unknown, out: string[], urlEncodePolicies: boolean): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push(`<${name}/>`);
      return;
    }
    out.push(`<${name}>`);
    for (const item of value) writeXml('member', item, out, urlEncodePolicies);
    out.push(`</${name}>`);
    return;
  }
  if (value instanceof XmlMap) {
    out.push(`<${name}>`);
    for (const [k, v] of value.entries) out.push(`<entry><key>${escapeXml(k)}</key><value>${escapeXml(String(v))}</value></entry>`);
    out.push(`</${name}>`);
    return;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.every(([, v]) => v === undefined)) {
      out.push(`<${name}/>`);
      return;
    }
    out.push(`<${name}>`);
    for (const [k, v] of entries) writeXml(k, v, out, urlEncodePolicies);
    out.push(`</${name}>`);
    return;
  }
  // Arrays, maps and objects returned above: a scalar is left (TypeScript does not narrow `unknown` here).
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a scalar, see above
  let text = String(value);
  if (urlEncodePolicies && POLICY_DOCUMENT_MEMBERS.has(name)) text = encodePolicyDocument(text);
  out.push(`<${name}>${escapeXml(text)}</${name}>`);
}
