import { type Document, type Element, type Node } from '@xmldom/xmldom';
import { parseUntrustedXml, parseXml, UntrustedXmlError } from '../xml/untrusted-xml.js';
import { invalidSaml } from './saml-errors.js';

export const SAML_NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
  xenc: 'http://www.w3.org/2001/04/xmlenc#',
} as const;

/** A SAML Response as received: the XML text (what signatures are checked over) and its DOM. */
export interface ParsedResponse {
  xml: string;
  doc: Document;
  root: Element;
}

const NOT_A_RESPONSE = 'Invalid SAML response: SAMLAssertion must be a base64-encoded SAML 2.0 Response';

/**
 * The base64 SAMLAssertion → a parsed SAML 2.0 Response. Refused before any parsing: a document
 * type declaration (no DTD, no entity is ever expanded: billion laughs, external entities);
 * refused after: processing instructions anywhere (nothing inside signed content may carry
 * markup a reader could skip or interpret), and any root but samlp:Response.
 */
export function parseSamlResponse(base64: string): ParsedResponse {
  const compact = base64.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw invalidSaml(NOT_A_RESPONSE, 'not base64');
  return parseSamlXml(Buffer.from(compact, 'base64').toString('utf8'), SAML_NS.protocol, 'Response', NOT_A_RESPONSE);
}

/**
 * SAML XML from outside (a response, a decrypted assertion) → its DOM, with the same refusals:
 * no DTD or entity declaration (looked for before parsing), no processing instruction, and the
 * root element expected.
 */
export function parseSamlXml(xml: string, rootNs: string, rootName: string, notExpected: string): ParsedResponse {
  let doc: Document;
  try {
    doc = parseUntrustedXml(xml);
  } catch (e) {
    if (e instanceof UntrustedXmlError && e.reason === 'dtd') {
      throw invalidSaml('Invalid SAML response: document type declarations are not allowed', e.message);
    }
    throw invalidSaml(notExpected, (e as Error).message);
  }
  const root = doc.documentElement;
  if (!root) throw invalidSaml(notExpected, 'no document element');
  if (root.namespaceURI !== rootNs || root.localName !== rootName) {
    throw invalidSaml(notExpected, `root element {${root.namespaceURI ?? ''}}${root.localName ?? ''}`);
  }
  if (hasProcessingInstruction(doc)) {
    throw invalidSaml('Invalid SAML response: processing instructions are not allowed', 'processing instruction');
  }
  return { xml, doc, root };
}

/** Parses XML keysmith produced itself (canonical signed content): no DTD, no PI can be in it. */
export function parseTrustedXml(xml: string): Element {
  const doc = parseXml(xml);
  if (!doc.documentElement) throw new Error('empty canonical XML');
  return doc.documentElement;
}

function hasProcessingInstruction(node: Node): boolean {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 7 || hasProcessingInstruction(child)) return true;
  }
  return false;
}

/** The element children of `parent` with this namespace and local name, in document order. */
export function childElements(parent: Element, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (el.namespaceURI === ns && el.localName === localName) out.push(el);
  }
  return out;
}

/** The one child of this name, or undefined when there is none; more than one is refused. */
export function onlyChild(parent: Element, ns: string, localName: string): Element | undefined {
  const found = childElements(parent, ns, localName);
  if (found.length > 1) throw invalidSaml(`Invalid SAML response: more than one ${localName} element`, `repeated ${localName}`);
  return found[0];
}

/**
 * The text of an element: its text and CDATA descendants joined. Comments are no part of it
 * (the signed form has none; a comment cannot cut `alice@evil.example<!---->.com` short).
 */
export function textOf(el: Element): string {
  let out = '';
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3 || node.nodeType === 4) out += node.nodeValue ?? '';
    else if (node.nodeType === 1) out += textOf(node as Element);
  }
  return out;
}
