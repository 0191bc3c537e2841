/**
 * An HTTP request as the verifier sees it: nothing parsed, nothing decoded, so that the canonical
 * request can be rebuilt from exactly what the client sent.
 */
export interface SignedRequest {
  method: string;
  /** The path as received, still percent-encoded, without the query. */
  rawPath: string;
  /** The query as received (still percent-encoded), without the leading '?'. */
  rawQuery: string;
  /** Lower-case header names → values in arrival order (what Node's `req.headersDistinct` gives). */
  headers: Record<string, string[]>;
  body: Uint8Array;
  /**
   * The pipeline streams the body instead of buffering it (S3 object uploads): `body` is empty, a
   * declared hex `x-amz-content-sha256` is signed as it stands, and the pipeline must compare it
   * with the hash of the bytes it receives before keeping them (S3's XAmzContentSHA256Mismatch).
   */
  bodyStreamed?: boolean;
}

/** The first value of a header, or undefined when the request does not carry it. */
export function firstHeader(request: SignedRequest, lowerCaseName: string): string | undefined {
  const values = request.headers[lowerCaseName];
  return values === undefined ? undefined : values[0];
}
