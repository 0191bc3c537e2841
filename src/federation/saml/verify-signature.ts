import type { Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { childElements, parseTrustedXml, SAML_NS, type ParsedResponse } from './parse-response.js';
import { badSignature } from './saml-errors.js';

const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
/** RSA with SHA-1/256/512: what IdPs sign SAML with. Never HMAC (the "key" would be public). */
const SIGNATURE_METHODS = new Set([
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
]);
const ID_ATTRIBUTES = ['ID', 'Id', 'id'];

/**
 * The parts of a response a signature covers, each as the signed bytes themselves (the canonical
 * XML the digest was computed over, parsed again), never as nodes looked up again in the received
 * document: what is read is exactly what was signed, wherever a wrapper puts other copies.
 */
export interface SignedParts {
  /** The document element (the Response; the Assertion of a decrypted assertion), when signed. */
  response?: Element;
  /** The Response's Assertion child, when signed. */
  assertion?: Element;
}

/**
 * Verifies every XML signature of a SAML Response against the provider's registered signing
 * certificates — never a certificate the document carries in KeyInfo. A signature may sit only on
 * the Response or on an Assertion that is the Response's child; it must use exclusive
 * canonicalisation without comments, RSA, exactly one Reference, and that Reference must point
 * (by an ID found exactly once in the document) at the element the signature sits in. Every
 * signature must hold; the caller decides which signed part it needs (none signed: nothing).
 */
export function verifySignatures(parsed: ParsedResponse, certificates: readonly string[]): SignedParts {
  const { doc, root } = parsed;
  const signatures = [...doc.getElementsByTagNameNS(SAML_NS.dsig, 'Signature')];
  const out: SignedParts = {};
  for (const signature of signatures) {
    const signed = signedElementOf(signature, root);
    const part = verifyOne(parsed, signature, signed, certificates);
    if (signed === root) out.response = part;
    else out.assertion = part;
  }
  return out;
}

/** The element a signature may sign: the Response it is a child of, or an Assertion child of it. */
function signedElementOf(signature: Element, root: Element): Element {
  const parent = signature.parentNode as Element | null;
  if (parent === root) return root;
  if (parent && parent.parentNode === root && parent.namespaceURI === SAML_NS.assertion && parent.localName === 'Assertion') return parent;
  throw badSignature('a signature sits somewhere other than the Response or its Assertion');
}

function verifyOne(parsed: ParsedResponse, signature: Element, signed: Element, certificates: readonly string[]): Element {
  const id = signed.getAttribute('ID') ?? '';
  if (id === '') throw badSignature(`the signed ${signed.localName} has no ID`);
  if (countWithId(parsed.root, id) !== 1) throw badSignature(`the ID ${id} is not unique in the document`);
  checkSignedInfo(signature, id);
  const failures: string[] = [];
  for (const pem of certificates) {
    const verifier = new SignedXml({ publicCert: pem, getCertFromKeyInfo: () => null });
    try {
      verifier.loadSignature(signature);
      if (verifier.checkSignature(parsed.xml) !== true) {
        failures.push('a reference did not validate');
        continue;
      }
    } catch (e) {
      failures.push((e as Error).message.replace(/the signature value \S+ is incorrect/, 'the signature value is incorrect'));
      continue;
    }
    const references = verifier.getSignedReferences();
    if (references.length !== 1) throw badSignature('the signature does not cover exactly one element');
    const element = parseTrustedXml(references[0]!);
    if (element.namespaceURI !== signed.namespaceURI || element.localName !== signed.localName || element.getAttribute('ID') !== id) {
      throw badSignature('the signed content is not the element the signature sits in');
    }
    return element;
  }
  throw badSignature(`no registered signing certificate verifies the ${signed.localName} signature: ${failures.join('; ')}`);
}

/** Exclusive c14n (no comments), an RSA method, one Reference to `#id`, known transforms only. */
function checkSignedInfo(signature: Element, id: string): void {
  const signedInfo = childElements(signature, SAML_NS.dsig, 'SignedInfo');
  if (signedInfo.length !== 1) throw badSignature('the signature must have one SignedInfo');
  const info = signedInfo[0]!;
  const c14n = childElements(info, SAML_NS.dsig, 'CanonicalizationMethod')[0]?.getAttribute('Algorithm');
  if (c14n !== EXC_C14N) throw badSignature(`canonicalization ${c14n ?? '(none)'} is not exclusive c14n without comments`);
  const method = childElements(info, SAML_NS.dsig, 'SignatureMethod')[0]?.getAttribute('Algorithm') ?? '';
  if (!SIGNATURE_METHODS.has(method)) throw badSignature(`signature method ${method || '(none)'} is not accepted`);
  const references = childElements(info, SAML_NS.dsig, 'Reference');
  if (references.length !== 1) throw badSignature(`the signature has ${references.length} references, not one`);
  const uri = references[0]!.getAttribute('URI');
  if (uri !== `#${id}`) throw badSignature(`the reference ${uri ?? '(none)'} does not point at the signed element #${id}`);
  const transforms = childElements(references[0]!, SAML_NS.dsig, 'Transforms').flatMap((t) => childElements(t, SAML_NS.dsig, 'Transform'));
  for (const t of transforms) {
    const algorithm = t.getAttribute('Algorithm');
    if (algorithm !== ENVELOPED && algorithm !== EXC_C14N) throw badSignature(`transform ${algorithm ?? '(none)'} is not accepted`);
  }
}

/** Elements anywhere in the document whose ID, Id or id attribute has this value. */
function countWithId(root: Element, id: string): number {
  let count = 0;
  const visit = (el: Element) => {
    for (const name of ID_ATTRIBUTES) if (el.getAttribute(name) === id) count++;
    for (let node = el.firstChild; node; node = node.nextSibling) if (node.nodeType === 1) visit(node as Element);
  };
  visit(root);
  return count;
}
