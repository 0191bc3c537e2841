/**
 * SigV4 URI encoding (RFC 3986): every byte except the unreserved characters A-Z a-z 0-9 - _ . ~
 * becomes %XX with upper-case hex, over the UTF-8 bytes of the text.
 *
 * Two flavours, because the wire text means different things in different places:
 * - `encodeLiteral` encodes the text as it stands, '%' included. Non-S3 services sign the path
 *   "double encoded": the client encodes once to put the path on the wire, then again for the
 *   canonical request, so the server encodes the received path once more.
 * - `encodeNormalized` treats valid %XX escapes as the bytes they stand for and re-encodes them in
 *   canonical form (query keys/values, and the S3 path which is encoded only once). A '%' that does
 *   not start a valid escape is a literal percent sign, and '+' is a literal plus, not a space.
 */

const UNRESERVED_ONLY = /^[A-Za-z0-9\-._~]*$/;
const UNRESERVED_OR_SLASH = /^[A-Za-z0-9\-._~/]*$/;
/** encodeURIComponent leaves these alone, RFC 3986 (and SigV4) does not. */
const SUB_DELIMS_LEFT_BY_ENCODE_URI = /[!'()*]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function hexByte(byte: number): string {
  return '%' + (byte < 16 ? '0' : '') + byte.toString(16).toUpperCase();
}

function encodeSubDelim(c: string): string {
  return hexByte(c.charCodeAt(0));
}

/** UTF-8 percent-encoding of arbitrary text, unreserved characters left as they are. */
function encodeText(text: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch {
    // A lone surrogate cannot be UTF-8 encoded; WHATWG encoders write U+FFFD for it.
    encoded = encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'));
  }
  return encoded.replace(SUB_DELIMS_LEFT_BY_ENCODE_URI, encodeSubDelim);
}

/** Encodes `text` as it stands ('%' becomes %25). With `keepSlash`, '/' is left unencoded. */
export function encodeLiteral(text: string, keepSlash: boolean): string {
  if ((keepSlash ? UNRESERVED_OR_SLASH : UNRESERVED_ONLY).test(text)) return text;
  if (!keepSlash) return encodeText(text);
  return text.split('/').map(encodeText).join('/');
}

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

function isUnreservedByte(byte: number): boolean {
  return (
    (byte >= 65 && byte <= 90) || // A-Z
    (byte >= 97 && byte <= 122) || // a-z
    (byte >= 48 && byte <= 57) || // 0-9
    byte === 45 ||
    byte === 46 ||
    byte === 95 ||
    byte === 126 // - . _ ~
  );
}

/**
 * Re-encodes already percent-encoded text in canonical form: valid escapes are read as bytes
 * (unreserved ones written as plain characters, the rest as upper-case %XX), other characters are
 * encoded from their UTF-8 bytes. With `keepSlash`, a literal '/' is left alone (an escaped %2F
 * stays escaped).
 */
export function encodeNormalized(text: string, keepSlash: boolean): string {
  if ((keepSlash ? UNRESERVED_OR_SLASH : UNRESERVED_ONLY).test(text)) return text;
  let out = '';
  let runStart = 0; // start of a run of characters that are not part of a valid escape
  const flushRun = (end: number): void => {
    if (end > runStart) out += encodeLiteral(text.slice(runStart, end), keepSlash);
  };
  for (let i = 0; i < text.length; i++) {
    if (
      text.charCodeAt(i) === 37 /* % */ &&
      i + 2 < text.length &&
      isHexDigit(text.charCodeAt(i + 1)) &&
      isHexDigit(text.charCodeAt(i + 2))
    ) {
      flushRun(i);
      const byte = parseInt(text.slice(i + 1, i + 3), 16);
      out += isUnreservedByte(byte) ? String.fromCharCode(byte) : hexByte(byte);
      i += 2;
      runStart = i + 1;
    }
  }
  flushRun(text.length);
  return out;
}

/**
 * Decodes a percent-encoded query value the way SigV4 reads it: %XX escapes become UTF-8 bytes,
 * '+' stays '+'. Malformed escapes or invalid UTF-8 leave the text as it is (fail closed: the
 * signature over the canonical form decides).
 */
export function decodeQueryComponent(text: string): string {
  if (text.indexOf('%') < 0) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
