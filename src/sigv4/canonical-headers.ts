/**
 * The CanonicalHeaders block: for each signed header, in the order the client listed them,
 * `name:value\n`, where several values of one header are joined with ',' and each value is trimmed
 * with runs of white space collapsed to one space.
 *
 * Returns undefined when a signed header is absent from the request: the client cannot have
 * signed it, so the signature cannot match (fail closed, and skip the hashing).
 */
export function canonicalHeaders(headers: Record<string, string[]>, signedHeaders: readonly string[]): string | undefined {
  let out = '';
  for (const name of signedHeaders) {
    const values = headers[name];
    if (values === undefined || values.length === 0) return undefined;
    out += name + ':';
    for (let i = 0; i < values.length; i++) {
      out += (i === 0 ? '' : ',') + canonicalHeaderValue(values[i]!);
    }
    out += '\n';
  }
  return out;
}

const NEEDS_COLLAPSE = /\s\s|[^\S ]/;

/** Trims a header value and collapses each run of white space inside it to a single space. */
export function canonicalHeaderValue(value: string): string {
  const trimmed = value.trim();
  return NEEDS_COLLAPSE.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}
