import { httpDateNow } from '../../kernel/http-date.js';
import type { ApiResponse } from '../edge/api-request.js';

/**
 * An answer of the Query and JSON 1.1 protocols: one document with the headers both send
 * (x-amzn-RequestId, which the SDKs read, Content-Type, Content-Length, Date), in that order.
 */
export function documentResponse(
  status: number,
  contentType: string,
  body: string,
  requestId: string,
  extraHeaders?: Record<string, string>,
): ApiResponse {
  return {
    status,
    headers: {
      'x-amzn-RequestId': requestId,
      'Content-Type': contentType,
      'Content-Length': String(Buffer.byteLength(body)),
      Date: httpDateNow(),
      ...extraHeaders,
    },
    body,
  };
}
