/** The two text encodings the Query protocol's XML needs (the writing itself: shaped-xml.ts). */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const NEEDS_ESCAPE = /[&<>"']/;

/** Most texts (ARNs, ids, dates, tokens) have nothing to escape: one regex test, then the text itself. */
export function escapeXml(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c) : text;
}

/** What encodeURIComponent leaves and RFC 3986 reserves, with their percent-encodings. */
const RFC3986_EXTRA: Record<string, string> = { '!': '%21', "'": '%27', '(': '%28', ')': '%29', '*': '%2A' };

/**
 * RFC 3986 encoding, once: how IAM returns every policy document. The result has only letters,
 * digits, `-_.~` and `%XX`: nothing in it needs XML escaping.
 */
export function encodePolicyDocument(document: string): string {
  return encodeURIComponent(document).replace(/[!'()*]/g, (c) => RFC3986_EXTRA[c] ?? c);
}
