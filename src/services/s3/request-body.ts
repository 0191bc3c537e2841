import { createHash } from 'node:crypto';
import { parseXml, type XmlElement, XmlSyntaxError } from '../../protocol/rest-xml/xml-reader.js';
import { checksumHeader, CHECKSUM_ALGORITHMS, CHECKSUM_BYTES, newChecksummer } from './files/checksums.js';
import type { S3Context } from './s3-context.js';
import { S3Error } from './s3-errors.js';

/** Buffered request documents (XML, policies) and their integrity headers. */

/**
 * Parses the request's XML document (MalformedXML when it is not one, or its root is wrong, or it
 * holds more than `maxElements` elements: the reader stops there, so an oversized list costs no
 * more than the largest valid one).
 */
export function xmlBody(ctx: S3Context, root: string, maxElements?: number): XmlElement {
  let doc: XmlElement;
  try {
    doc = parseXml(ctx.input.body.toString('utf8'), maxElements === undefined ? {} : { maxElements });
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new S3Error('MalformedXML', undefined, {}, error.message);
    throw error;
  }
  if (doc.name !== root) throw new S3Error('MalformedXML', undefined, {}, `root <${doc.name}>, expected <${root}>`);
  return doc;
}

/** Content-MD5, base64 of 16 bytes, when the request carries one. */
export function contentMd5(ctx: S3Context): Buffer | undefined {
  const header = ctx.input.header('content-md5');
  if (header === undefined) return undefined;
  const digest = Buffer.from(header, 'base64');
  if (digest.length !== 16 || digest.toString('base64') !== header.trim()) throw new S3Error('InvalidDigest');
  return digest;
}

/** The one x-amz-checksum-<algorithm> header a request carries (InvalidRequest for several). */
export function checksumFromHeaders(ctx: S3Context): { algorithm: (typeof CHECKSUM_ALGORITHMS)[number]; value: string } | undefined {
  let found: { algorithm: (typeof CHECKSUM_ALGORITHMS)[number]; value: string } | undefined;
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const value = ctx.input.header(checksumHeader(algorithm));
    if (value === undefined) continue;
    if (found) throw new S3Error('InvalidRequest', 'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
    found = { algorithm, value: value.trim() };
  }
  return found;
}

export function checkChecksumShape(algorithm: (typeof CHECKSUM_ALGORITHMS)[number], value: string, where = 'header'): void {
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== CHECKSUM_BYTES[algorithm] || bytes.toString('base64') !== value) {
    throw new S3Error('InvalidRequest', `Value for ${checksumHeader(algorithm)} ${where} is invalid.`);
  }
}

export function checksumMismatch(algorithm: string): S3Error {
  return new S3Error('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`);
}

/** Checks Content-MD5 and an x-amz-checksum-* header against a buffered body. */
export function verifyBufferedBody(ctx: S3Context): void {
  const body = ctx.input.body;
  const md5 = contentMd5(ctx);
  if (md5 && !createHash('md5').update(body).digest().equals(md5)) throw new S3Error('BadDigest');
  const checksum = checksumFromHeaders(ctx);
  if (checksum) {
    checkChecksumShape(checksum.algorithm, checksum.value);
    const c = newChecksummer(checksum.algorithm);
    c.update(body);
    if (c.digestBase64() !== checksum.value) throw checksumMismatch(checksum.algorithm);
  }
}
