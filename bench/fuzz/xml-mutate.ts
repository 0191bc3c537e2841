import type { Rng } from './rng.js';
import { hugeText, oddText } from './values.js';

/**
 * XML documents S3 reads (Tagging, Delete, CompleteMultipartUpload, CreateBucketConfiguration),
 * built as a tree, then damaged: character and entity references past Unicode or at zero,
 * DOCTYPEs with entities (internal, external, exponential), CDATA, comments, processing
 * instructions, mismatched tags, deep nesting, other encodings, invalid UTF-8.
 */
export interface XmlNode {
  name: string;
  attrs?: Array<[string, string]>;
  children: Array<XmlNode | XmlText>;
}

/** Text content; `raw` is written as it stands (references, markup), otherwise it is escaped. */
export interface XmlText {
  text: string;
  raw?: boolean;
}

export const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

export function el(name: string, ...children: Array<XmlNode | string>): XmlNode {
  return { name, children: children.map((c) => (typeof c === 'string' ? { text: c } : c)) };
}

const REFERENCES = [
  '&#x110000;',
  '&#0;',
  '&#x0;',
  '&#xD800;',
  '&#xDFFF;',
  '&#xFFFE;',
  '&#xFFFF;',
  '&#x1F600;',
  '&#99999999999999999999;',
  '&#x;',
  '&#;',
  '&#-1;',
  '&#x-1;',
  '&#1e3;',
  '&#x7FFFFFFF;',
  '&#x80000000;',
  '&#4294967296;',
  '&#65;',
  '&#x41;',
  '&#1;',
  '&#x1F;',
  '&#9;',
  '&#xA;',
  '&lt;',
  '&gt;',
  '&amp;',
  '&quot;',
  '&apos;',
  '&nbsp;',
  '&foo;',
  '&',
  '&amp',
  '&#38;#38;',
  '&#x26;amp;',
  '&#x000000000041;',
  '&#X41;',
  '&#x0041',
  '&lt',
  '&#xd;&#xa;',
  '&#13;&#10;',
  '&#x85;',
  '&#x2028;',
];

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function render(node: XmlNode): string {
  const attrs = (node.attrs ?? []).map(([k, v]) => ` ${k}="${v}"`).join('');
  const inner = node.children.map((c) => ('name' in c ? render(c) : c.raw ? c.text : escape(c.text))).join('');
  return `<${node.name}${attrs}>${inner}</${node.name}>`;
}

function allNodes(root: XmlNode): XmlNode[] {
  const out = [root];
  for (let i = 0; i < out.length && out.length < 3000; i++) for (const c of out[i]!.children) if ('name' in c) out.push(c);
  return out;
}

function textSlots(root: XmlNode): XmlText[] {
  const out: XmlText[] = [];
  for (const n of allNodes(root)) for (const c of n.children) if (!('name' in c)) out.push(c);
  return out;
}

/** One change to a (copied) tree. */
function mutateTree(r: Rng, root: XmlNode): { root: XmlNode; what: string } {
  const copy = structuredClone(root);
  const nodes = allNodes(copy);
  const texts = textSlots(copy);
  const node = r.pick(nodes);
  switch (r.int(9)) {
    case 0:
    case 1: {
      if (texts.length === 0) break;
      const t = r.pick(texts);
      const ref = r.pick(REFERENCES);
      const at = r.int(t.text.length + 1);
      t.text = escape(t.text.slice(0, at)) + ref + escape(t.text.slice(at));
      t.raw = true;
      return { root: copy, what: `xml:reference ${ref}` };
    }
    case 2: {
      if (texts.length === 0) break;
      r.pick(texts).text = r.chance(0.2) ? hugeText(r) : oddText(r);
      return { root: copy, what: 'xml:odd-text' };
    }
    case 3: {
      const elements = node.children.filter((c): c is XmlNode => 'name' in c);
      if (elements.length > 0) {
        const victim = r.pick(elements);
        node.children.splice(node.children.indexOf(victim), 1);
        return { root: copy, what: 'xml:drop-element' };
      }
      break;
    }
    case 4: {
      const elements = node.children.filter((c): c is XmlNode => 'name' in c);
      if (elements.length > 0) {
        const e = r.pick(elements);
        const max = Math.max(1, Math.floor(150_000 / (allNodes(e).length + allNodes(copy).length / 10)));
        const n = Math.min(max, r.chance(0.05) ? r.range(1000, 12000) : r.range(1, 60));
        for (let i = 0; i < n; i++) node.children.push(structuredClone(e));
        return { root: copy, what: `xml:duplicate-element x${n}` };
      }
      break;
    }
    case 5: {
      let inner: XmlNode = el('Deep', 'x');
      const depth = r.chance(0.2) ? r.range(200, 400) : r.range(10, 200);
      for (let i = 0; i < depth; i++) inner = el(r.chance(0.5) ? 'Deep' : node.name, inner);
      node.children.push(inner);
      return { root: copy, what: `xml:nesting ${depth}` };
    }
    case 6:
      node.name = r.pick([node.name.toLowerCase(), `s3:${node.name}`, `${node.name}x`, 'x:y:z', node.name + '\u00e9', '_', 'a-b.c']);
      return { root: copy, what: 'xml:rename-element' };
    case 7:
      node.attrs = [
        ...(node.attrs ?? []),
        [r.pick(['xmlns', 'xmlns:s3', 'id', 'xml:lang', 'a']), r.pick([S3_NS, '', '&#x110000;', '"', 'x'])],
      ];
      return { root: copy, what: 'xml:attribute' };
    default: {
      if (texts.length === 0) break;
      const t = r.pick(texts);
      t.text = `<![CDATA[${t.text}${r.pick(['', ']]>', '&#0;', '\u0000'])}]]>`;
      t.raw = true;
      return { root: copy, what: 'xml:cdata' };
    }
  }
  return { root: copy, what: 'xml:none' };
}

/** The document as bytes; valid about a third of the time. */
export function xmlDocument(r: Rng, root: XmlNode, mutateProbability = 0.65): { bytes: Buffer; what: string[] } {
  let tree = root;
  const what: string[] = [];
  if (r.chance(mutateProbability)) {
    const n = r.range(1, 2);
    for (let i = 0; i < n; i++) {
      const m = mutateTree(r, tree);
      tree = m.root;
      what.push(m.what);
    }
  }
  let text = render(tree);
  if (r.chance(0.5)) text = `<?xml version="1.0" encoding="UTF-8"?>\n${text}`;
  if (!r.chance(mutateProbability * 0.5)) return { bytes: Buffer.from(text, 'utf8'), what };
  switch (r.int(15)) {
    case 14: {
      const depth = r.range(2000, 60000);
      text = text.replace(/(<[A-Za-z]+>)/, `$1${'<a>'.repeat(depth)}x${r.chance(0.8) ? '</a>'.repeat(depth) : ''}`);
      what.push(`xml-text:nesting ${depth}`);
      break;
    }
    case 0:
      text = text.slice(0, r.int(text.length));
      what.push('xml-text:truncate');
      break;
    case 1:
      text =
        `<!DOCTYPE r [<!ENTITY a "${'x'.repeat(50)}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>` +
        text.replace(/>([^<]*)</, '>&d;$1<');
      what.push('xml-text:entity-expansion');
      break;
    case 2:
      text = `<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>` + text.replace(/>([^<]*)</, '>&x;$1<');
      what.push('xml-text:external-entity');
      break;
    case 3:
      text = text.replace(/<\/([A-Za-z]+)>/, '</$1x>');
      what.push('xml-text:mismatched-tag');
      break;
    case 4:
      text = text.replace(/></, '><!-- c --><?pi data?><');
      what.push('xml-text:comment-pi');
      break;
    case 5:
      text = '\ufeff' + text;
      what.push('xml-text:bom');
      break;
    case 6:
      what.push('xml-text:utf16');
      return { bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace('UTF-8', 'UTF-16'), 'utf16le')]), what };
    case 7:
      what.push('xml-text:latin1');
      return { bytes: Buffer.from(text.replace('UTF-8', 'ISO-8859-1').replace(/>([^<]+)</, '>$1\u00e9\u00ff<'), 'latin1'), what };
    case 8: {
      const bytes = Buffer.from(text, 'utf8');
      const at = Math.max(0, bytes.indexOf(0x3e, r.int(bytes.length)) + 1);
      what.push('xml-text:bad-utf8');
      return {
        bytes: Buffer.concat([
          bytes.subarray(0, at),
          Buffer.from(r.pick([[0xff], [0xc3], [0xed, 0xa0, 0x80], [0x00], [0xc0, 0x80]])),
          bytes.subarray(at),
        ]),
        what,
      };
    }
    case 9:
      text = text.replace(/>([^<]*)</, (_, t: string) => `>${t}<${r.pick(['', '<', '&', ']]>'])}<`);
      what.push('xml-text:stray-markup');
      break;
    case 10:
      text = r.pick(['', ' ', '<', '<?xml version="1.0"?>', '<a/>', 'not xml', '<Tagging/>', '<Delete></Delete>', '\u0000']);
      what.push('xml-text:replace-document');
      break;
    case 11:
      text = text + r.pick(['<extra/>', 'trailing', '\u0000', '<!-- -->']);
      what.push('xml-text:trailing');
      break;
    case 12:
      text = text.replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        r.pick(['<?xml version="1.1"?>', '<?xml version="2.0"?>', '<?xml encoding="EBCDIC"?>', '<?xml?>']),
      );
      what.push('xml-text:declaration');
      break;
    default:
      text = text.replace(/<([A-Za-z]+)>/, '<$1 a="1" a="2">');
      what.push('xml-text:duplicate-attribute');
  }
  return { bytes: Buffer.from(text, 'utf8'), what };
}
