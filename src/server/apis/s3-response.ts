import { encodeS3Error } from '../../protocol/rest-xml/error-xml.js';
import type { S3Response } from '../../services/s3/s3-context.js';
import { S3Error } from '../../services/s3/s3-errors.js';
import { unwritableHeader } from '../../services/s3/response-headers.js';
import type { ApiResponse } from '../edge/api-request.js';
import type { RequestIds } from '../pipeline.js';

/** The Date header's text, formatted once a second: every S3 response carries one. */
let dateSecond = -1;
let dateText = '';
function httpDateNow(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(second * 1000).toUTCString();
  }
  return dateText;
}

function baseHeaders(ids: RequestIds): Record<string, string> {
  return { 'x-amz-request-id': ids.requestId, 'x-amz-id-2': ids.hostId ?? '', Date: httpDateNow(), Server: 'keysmith' };
}

/**
 * A handler's answer on the wire: XML, another document, or object data; headers only for HEAD.
 * The headers are built once, in the order they are written, with Content-Length last: Node (PR
 * 46528) re-encodes a Content-Disposition value that comes after Content-Length as a Latin-1 buffer
 * and then refuses any non-ASCII byte in it, so a stored or overridden `filename="café.pdf"` would
 * fail the whole response; before Content-Length it is written like every other header.
 */
export function s3Response(method: string, response: S3Response, ids: RequestIds): ApiResponse {
  // Node throws on a header value it cannot write; found here, it is an error answer instead.
  const unwritable = response.headers === undefined ? undefined : unwritableHeader(response.headers);
  if (unwritable !== undefined)
    throw new S3Error('InternalError', undefined, {}, `response header ${unwritable} holds characters HTTP cannot carry`);
  const status = response.status ?? 200;
  const headers = baseHeaders(ids);
  let length: string | undefined;
  for (const name in response.headers) {
    if (name === 'Content-Length') length = response.headers[name];
    else headers[name] = response.headers[name]!;
  }
  let body: string | Uint8Array | undefined;
  if (response.xml !== undefined) {
    body = response.xml;
    headers['Content-Type'] = 'application/xml';
  } else if (response.text !== undefined) {
    body = response.text.body;
    headers['Content-Type'] = response.text.contentType;
  }
  if (body !== undefined) length = String(Buffer.byteLength(body));
  else if (response.data !== undefined) body = response.data;
  else if (response.stream === undefined && length === undefined && status !== 204 && status !== 304) length = '0';
  if (length !== undefined) headers['Content-Length'] = length;
  if (method === 'HEAD') {
    response.stream?.destroy();
    return { status, headers };
  }
  return { status, headers, body: body ?? response.stream };
}

/** S3's error document (headers only for HEAD). */
export function s3ErrorResponse(method: string, error: S3Error, resource: string | undefined, ids: RequestIds): ApiResponse {
  const headers: Record<string, string> = { ...baseHeaders(ids), ...error.headers, 'Content-Type': 'application/xml' };
  if (method === 'HEAD') return { status: error.status, headers };
  const xml = encodeS3Error(error.code, error.message, error.fields, resource, ids.requestId, ids.hostId ?? '');
  headers['Content-Length'] = String(Buffer.byteLength(xml));
  return { status: error.status, headers, body: xml };
}
