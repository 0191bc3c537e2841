/**
 * A small, strict reader for the XML bodies S3 requests carry (CreateBucketConfiguration,
 * Delete, CompleteMultipartUpload, Tagging). Elements, attributes (kept, unused), text, CDATA,
 * comments, the five predefined entities and character references. No DTDs or external
 * entities (refused: they are the classic XML attack surface), no processing beyond the
 * declaration. Namespace prefixes are dropped from element names.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (concatenated, entity-decoded), children's text excluded. */
  text: string;
}

export class XmlSyntaxError extends Error {}

const MAX_DEPTH = 32;
const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeText(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);|&/g, (all, ref: string | undefined) => {
    if (ref === undefined) throw new XmlSyntaxError('bare & in text');
    if (ref.startsWith('#x')) return characterReference(all, parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return characterReference(all, parseInt(ref.slice(1), 10));
    const v = ENTITIES[ref];
    if (v === undefined) throw new XmlSyntaxError(`unknown entity ${all}`);
    return v;
  });
}

/**
 * A character reference must name a Unicode scalar value: beyond U+10FFFF (String.fromCodePoint
 * would throw a RangeError, which is not the caller's syntax error) or a surrogate half is
 * malformed. Control characters (`&#0;` included) are decoded: whoever reads the value decides
 * whether it may hold them (a tag key may not: InvalidTag).
 */
function characterReference(all: string, codePoint: number): string {
  if (!(codePoint <= 0x10ffff) || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
    throw new XmlSyntaxError(`character reference ${all.length > 24 ? `${all.slice(0, 24)}…` : all} is not a Unicode character`);
  }
  return String.fromCodePoint(codePoint);
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

export interface XmlLimits {
  /** Most elements the document may hold, root included (XmlSyntaxError beyond, while reading). */
  maxElements?: number;
}

export function parseXml(text: string, limits: XmlLimits = {}): XmlElement {
  let i = 0;
  let elements = 0;
  const maxElements = limits.maxElements ?? Number.POSITIVE_INFINITY;
  const skipMisc = (): void => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i]!)) i++;
      if (text.startsWith('<?', i)) {
        const end = text.indexOf('?>', i);
        if (end < 0) throw new XmlSyntaxError('unterminated declaration');
        i = end + 2;
      } else if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i);
        if (end < 0) throw new XmlSyntaxError('unterminated comment');
        i = end + 3;
      } else if (text.startsWith('<!', i)) {
        throw new XmlSyntaxError('DTDs are not accepted');
      } else return;
    }
  };

  const readElement = (depth: number): XmlElement => {
    if (depth > MAX_DEPTH) throw new XmlSyntaxError('too deep');
    if (++elements > maxElements) throw new XmlSyntaxError(`more than ${maxElements} elements`);
    if (text[i] !== '<') throw new XmlSyntaxError(`expected an element at ${i}`);
    i++;
    const m = NAME.exec(text.slice(i, i + 256));
    if (!m) throw new XmlSyntaxError(`bad element name at ${i}`);
    const rawName = m[0];
    i += rawName.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      while (i < text.length && /\s/.test(text[i]!)) i++;
      if (text.startsWith('/>', i)) {
        i += 2;
        return { name: localName(rawName), attributes, children: [], text: '' };
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      const a = NAME.exec(text.slice(i, i + 256));
      if (!a) throw new XmlSyntaxError(`bad attribute at ${i}`);
      i += a[0].length;
      while (/\s/.test(text[i] ?? '')) i++;
      if (text[i] !== '=') throw new XmlSyntaxError('attribute without value');
      i++;
      while (/\s/.test(text[i] ?? '')) i++;
      const quote = text[i];
      if (quote !== '"' && quote !== "'") throw new XmlSyntaxError('unquoted attribute');
      const end = text.indexOf(quote, i + 1);
      if (end < 0) throw new XmlSyntaxError('unterminated attribute');
      attributes[a[0]] = decodeText(text.slice(i + 1, end));
      i = end + 1;
    }
    const children: XmlElement[] = [];
    let own = '';
    for (;;) {
      if (i >= text.length) throw new XmlSyntaxError(`unterminated <${rawName}>`);
      if (text.startsWith('</', i)) {
        const end = text.indexOf('>', i);
        if (end < 0 || text.slice(i + 2, end).trim() !== rawName) throw new XmlSyntaxError(`mismatched end of <${rawName}>`);
        i = end + 1;
        return { name: localName(rawName), attributes, children, text: own };
      }
      if (text.startsWith('<![CDATA[', i)) {
        const end = text.indexOf(']]>', i);
        if (end < 0) throw new XmlSyntaxError('unterminated CDATA');
        own += text.slice(i + 9, end);
        i = end + 3;
      } else if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i);
        if (end < 0) throw new XmlSyntaxError('unterminated comment');
        i = end + 3;
      } else if (text.startsWith('<!', i) || text.startsWith('<?', i)) {
        throw new XmlSyntaxError('unexpected markup');
      } else if (text[i] === '<') {
        children.push(readElement(depth + 1));
      } else {
        const next = text.indexOf('<', i);
        const end = next < 0 ? text.length : next;
        own += decodeText(text.slice(i, end));
        i = end;
      }
    }
  };

  // A UTF-8 byte order mark may lead.
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  skipMisc();
  const root = readElement(0);
  skipMisc();
  if (i !== text.length) throw new XmlSyntaxError('content after the root element');
  return root;
}

/** Children with a given (local) name. */
export function childrenNamed(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter((c) => c.name === name);
}

/** The text of the first child with this name, or undefined. */
export function childText(parent: XmlElement, name: string): string | undefined {
  return parent.children.find((c) => c.name === name)?.text;
}
