import { S3Error } from './s3-errors.js';

/**
 * Request-controlled values that S3 turns into response headers (GetObject's `response-*`
 * overrides, and anything stored from a request and sent back). Node's header writer throws on a
 * value it cannot put on the wire; that must never be how a caller's bad value is found out (it
 * was a 500, and the object's file stayed open until garbage collection).
 */

/** What HTTP/1.1 cannot carry in a header value: control characters other than tab, and DEL. */
// eslint-disable-next-line no-control-regex -- a character-set check: the control characters are the point
const NOT_IN_A_HEADER = /[\u0000-\u0008\u000a-\u001f\u007f]/;
/** What Node would refuse (it writes header strings as Latin-1). */
const NOT_WRITABLE = /[^\t\u0020-\u007e\u0080-\u00ff]/;
// eslint-disable-next-line no-control-regex -- a character-set check: the control characters are the point
const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * A value from the query string (already percent-decoded to text) that becomes the response
 * header `parameter` names: InvalidArgument when it holds a character no header can carry (CR, LF,
 * NUL, …: header injection); non-ASCII text is sent as its UTF-8 bytes, which is what the client
 * percent-encoded.
 */
export function headerFromQuery(parameter: string, value: string): string {
  if (NOT_IN_A_HEADER.test(value)) {
    throw new S3Error(
      'InvalidArgument',
      `Header value cannot be represented using ISO-8859-1.`,
      { ArgumentName: parameter },
      `control character in ${parameter}`,
    );
  }
  return NON_ASCII.test(value) ? Buffer.from(value, 'utf8').toString('latin1') : value;
}

/**
 * The name of the first header whose value Node would refuse to write, or undefined. The last
 * line of defence before `writeHead` (values from the store, from handlers): the pipeline answers
 * an error instead of throwing half-way through a response.
 */
export function unwritableHeader(headers: Readonly<Record<string, string>>): string | undefined {
  for (const name in headers) {
    const value = headers[name]!;
    if (NOT_WRITABLE.test(value)) return name;
  }
  return undefined;
}
