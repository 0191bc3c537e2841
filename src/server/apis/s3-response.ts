import { encodeS3Error } from '../../protocol/rest-xml/error-xml.js';
import type { S3Response } from '../../services/s3/s3-context.js';
import { S3Error } from '../../services/s3/s3-errors.js';
import { unwritableHeader } from '../../services/s3/response-headers.js';
import type { ApiResponse } from '../edge/api-request.js';
import type { RequestIds } from '../pipeline.js';

function baseHeaders(ids: RequestIds): Record<string, string> {
  return { 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId ?? '', Date: new Date().toUTCString(), Server: 'keysmith' };
}

/** A handler's answer on the wire: XML, another document, or object data; headers only for HEAD. */
export function s3Response(method: string, response: S3Response, ids: RequestIds): ApiResponse {
  // Node throws on a header value it cannot write; found here, it is an error answer instead.
  const unwritable = response.headers === undefined ? undefined : unwritableHeader(response.headers);
  if (unwritable !== undefined)
    throw new S3Error('InternalError', undefined, {}, `response header ${unwritable} holds characters HTTP cannot carry`);
  const headers: Record<string, string> = { ...baseHeaders(ids), ...response.headers };
  const status = response.status ?? 200;
  let body: string | Uint8Array | undefined;
  if (response.xml !== undefined) {
    body = response.xml;
    headers['Content-Type'] = 'application/xml';
  } else if (response.text !== undefined) {
    body = response.text.body;
    headers['Content-Type'] = response.text.contentType;
  }
  if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
  else if (response.data !== undefined) body = response.data;
  else if (response.stream === undefined && headers['Content-Length'] === undefined && status !== 204 && status !== 304)
    headers['Content-Length'] = '0';
  if (method === 'HEAD') {
    response.stream?.destroy();
    return { status, headers: contentLengthLast(headers) };
  }
  return { status, headers: contentLengthLast(headers), body: body ?? response.stream };
}

/**
 * The same headers with Content-Length moved to the end. Node (PR 46528) re-encodes a
 * Content-Disposition value that comes after Content-Length as a Latin-1 buffer and then refuses
 * any non-ASCII byte in it, so a stored or overridden `filename="café.pdf"` would fail the whole
 * response; before Content-Length it is written like every other header (its Latin-1 bytes).
 */
function contentLengthLast(headers: Record<string, string>): Record<string, string> {
  const length = headers['Content-Length'];
  if (length === undefined) return headers;
  const out: Record<string, string> = {};
  for (const name in headers) if (name !== 'Content-Length') out[name] = headers[name]!;
  out['Content-Length'] = length;
  return out;
}

/** S3's error document (headers only for HEAD). */
export function s3ErrorResponse(method: string, error: S3Error, resource: string | undefined, ids: RequestIds): ApiResponse {
  const headers: Record<string, string> = { ...baseHeaders(ids), ...error.headers, 'Content-Type': 'application/xml' };
  if (method === 'HEAD') return { status: error.status, headers };
  const xml = encodeS3Error(error.code, error.message, error.fields, resource, ids.requestId, ids.hostId ?? '');
  headers['Content-Length'] = String(Buffer.byteLength(xml));
  return { status: error.status, headers, body: xml };
}
