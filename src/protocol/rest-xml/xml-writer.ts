/**
 * S3 REST-XML output. Unlike the Query protocol, S3 repeats list elements (`<Contents>` after
 * `<Contents>`) rather than wrapping them in `<member>`, so responses are built from small
 * element helpers instead of a generic object walk.
 */
export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Already-serialised XML. */
export class Xml {
  constructor(readonly text: string) {}
}

export type XmlContent = string | number | boolean | Xml | undefined | null | readonly XmlContent[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };

export function escapeXml(text: string): string {
  return /[&<>"'\r]/.test(text) ? text.replace(/[&<>"'\r]/g, (c) => ESCAPES[c]!) : text;
}

function render(content: XmlContent): string {
  if (content === undefined || content === null) return '';
  if (content instanceof Xml) return content.text;
  // Array.isArray does not narrow a readonly array type; after Xml, the only object is the array.
  if (typeof content === 'object') return content.map(render).join('');
  return escapeXml(String(content));
}

/** `<name>content</name>`; an undefined content leaves the element out altogether. */
export function el(name: string, content: XmlContent, attributes?: Record<string, string>): Xml {
  if (content === undefined) return new Xml('');
  const attrs = attributes
    ? Object.entries(attributes)
        .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
        .join('')
    : '';
  const inner = render(content);
  return new Xml(inner === '' ? `<${name}${attrs}></${name}>` : `<${name}${attrs}>${inner}</${name}>`);
}

/** A whole response document: declaration, then the root element in S3's namespace. */
export function xmlDocument(root: string, content: XmlContent): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${el(root, content ?? '', { xmlns: S3_NAMESPACE }).text}`;
}

/** S3's XML timestamps: ISO 8601 with milliseconds. */
export function xmlTime(ms: number): string {
  return new Date(ms).toISOString();
}
