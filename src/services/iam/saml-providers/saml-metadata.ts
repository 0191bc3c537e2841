import { X509Certificate } from 'node:crypto';
import { type Element } from '@xmldom/xmldom';
import { parseUntrustedXml } from '../../../federation/xml/untrusted-xml.js';
import { AwsError } from '../../../errors/aws-error.js';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';

/** AWS's InvalidInput text for metadata it cannot use (docs/iam/providers.md). */
export const INVALID_METADATA = 'Could not parse metadata';

/** A certificate the IdP signs SAML responses with. Times are epoch ms. */
export interface SigningCertificate {
  pem: string;
  notBefore: number;
  notAfter: number;
}

/** What keysmith reads from an IdP's SAML 2.0 metadata document. */
export interface SamlMetadata {
  /** EntityDescriptor's entityID: the Issuer of the IdP's responses. */
  entityId: string;
  /** EntityDescriptor's validUntil (epoch ms), when it has one. */
  validUntil?: number;
  signingCertificates: SigningCertificate[];
}

const invalid = () => new AwsError('InvalidInput', INVALID_METADATA);

/**
 * Parses IdP metadata as AWS needs it: one EntityDescriptor with an entityID and an
 * IDPSSODescriptor whose signing keys (KeyDescriptor use="signing", or no `use`) hold X.509
 * certificates. A DTD is refused outright (no entity expansion, no external references): metadata
 * never needs one. Anything unusable is AWS's one InvalidInput text.
 */
export function parseSamlMetadata(xml: string): SamlMetadata {
  let root: Element | null;
  try {
    root = parseUntrustedXml(xml).documentElement;
  } catch {
    throw invalid();
  }
  if (!root || root.namespaceURI !== MD || root.localName !== 'EntityDescriptor') throw invalid();
  const entityId = root.getAttribute('entityID') ?? '';
  if (entityId.trim() === '') throw invalid();
  const idp = children(root, MD, 'IDPSSODescriptor')[0];
  if (!idp) throw invalid();
  const signingCertificates = children(idp, MD, 'KeyDescriptor')
    .filter((k) => !k.hasAttribute('use') || k.getAttribute('use') === 'signing')
    .flatMap((k) => [...k.getElementsByTagNameNS(DS, 'X509Certificate')].map((c) => certificate(c.textContent ?? '')));
  if (signingCertificates.length === 0) throw invalid();
  const out: SamlMetadata = { entityId, signingCertificates };
  const validUntil = root.getAttribute('validUntil');
  if (validUntil !== null) out.validUntil = dateTime(validUntil);
  return out;
}

function children(parent: Element, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    const el = node as Element;
    if (node.nodeType === 1 && el.namespaceURI === ns && el.localName === localName) out.push(el);
  }
  return out;
}

function certificate(base64Text: string): SigningCertificate {
  const base64 = base64Text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw invalid();
  try {
    const cert = new X509Certificate(Buffer.from(base64, 'base64'));
    return { pem: cert.toString(), notBefore: Date.parse(cert.validFrom), notAfter: Date.parse(cert.validTo) };
  } catch {
    throw invalid();
  }
}

/** xs:dateTime (`2099-01-01T00:00:00Z`, fractions and offsets allowed) → epoch ms. */
function dateTime(text: string): number {
  const t = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(t)) throw invalid();
  const ms = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(t) ? t : `${t}Z`);
  if (Number.isNaN(ms)) throw invalid();
  return ms;
}
