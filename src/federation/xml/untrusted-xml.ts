import { DOMParser, type Document } from '@xmldom/xmldom';

/** Why XML from outside was refused: a DTD or entity declaration, or not well-formed XML. */
export class UntrustedXmlError extends Error {
  constructor(
    readonly reason: 'dtd' | 'malformed',
    message: string,
  ) {
    super(message);
    this.name = 'UntrustedXmlError';
  }
}

/**
 * XML that arrives from outside (SAML metadata, SAML responses, decrypted assertions) as a DOM, or
 * refused: a DTD or entity declaration is looked for before parsing (no entity expansion, no
 * external reference — SAML never needs one), and any parser error stops the parse rather than
 * being repaired. Callers turn the refusal into their own AWS error.
 */
export function parseUntrustedXml(xml: string): Document {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new UntrustedXmlError('dtd', 'DTD or entity declaration');
  let doc: Document;
  try {
    doc = parseXml(xml);
  } catch (e) {
    throw new UntrustedXmlError('malformed', `XML parse error: ${(e as Error).message}`);
  }
  if (doc.doctype) throw new UntrustedXmlError('dtd', 'document type declaration');
  return doc;
}

/** The parser both use: errors (not warnings) throw. For XML keysmith produced itself, directly. */
export function parseXml(xml: string): Document {
  return new DOMParser({
    onError(level, message) {
      if (level !== 'warning') throw new Error(message);
    },
  }).parseFromString(xml, 'text/xml');
}
