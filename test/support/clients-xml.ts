/**
 * A deliberately tiny XML reader for checking Query-protocol envelopes in wire tests: elements,
 * attributes, text and the five predefined entities. No DTDs, CDATA or processing instructions
 * beyond an optional prolog — if keysmith ever sends those, the test should notice.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text of this element (not of its children). */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
    const v = ENTITIES[e];
    if (v === undefined) throw new Error(`unknown XML entity ${whole}`);
    return v;
  });
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const src = xml.replace(/^\uFEFF/, '');
  const skipSpace = () => {
    while (i < src.length && /\s/.test(src[i]!)) i++;
  };
  skipSpace();
  if (src.startsWith('<?xml', i)) {
    const end = src.indexOf('?>', i);
    if (end < 0) throw new Error('unterminated XML prolog');
    i = end + 2;
    skipSpace();
  }
  const element = (): XmlElement => {
    const open = /^<([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(src.slice(i));
    if (!open) throw new Error(`expected an element at offset ${i}: ${src.slice(i, i + 40)}`);
    i += open[0].length;
    const name = open[1]!;
    const attributes: Record<string, string> = {};
    for (const a of open[2]!.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attributes[a[1]!] = decodeEntities(a[2] ?? a[3] ?? '');
    const node: XmlElement = { name, attributes, children: [], text: '' };
    if (open[3] === '/') return node;
    for (;;) {
      const lt = src.indexOf('<', i);
      if (lt < 0) throw new Error(`unterminated element ${name}`);
      node.text += decodeEntities(src.slice(i, lt));
      i = lt;
      if (src.startsWith('</', i)) {
        const close = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(src.slice(i));
        if (!close || close[1] !== name) throw new Error(`mismatched closing tag at offset ${i}, expected </${name}>`);
        i += close[0].length;
        return node;
      }
      node.children.push(element());
    }
  };
  const root = element();
  skipSpace();
  if (i !== src.length) throw new Error(`trailing content after the root element: ${src.slice(i, i + 40)}`);
  return root;
}

/** The child elements' names, in order. */
export function childNames(e: XmlElement): string[] {
  return e.children.map((c) => c.name);
}

/** The one child with this name (throws when absent or repeated). */
export function child(e: XmlElement, name: string): XmlElement {
  const found = e.children.filter((c) => c.name === name);
  if (found.length !== 1) throw new Error(`<${e.name}> has ${found.length} <${name}> children (children: ${childNames(e).join(', ')})`);
  return found[0]!;
}

/** The trimmed text at a path of child names. */
export function textAt(e: XmlElement, ...path: string[]): string {
  let node = e;
  for (const name of path) node = child(node, name);
  return node.text.trim();
}
