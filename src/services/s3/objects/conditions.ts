import type { S3Object } from '../../../storage/store.js';
import { S3Error } from '../s3-errors.js';
import { httpDate, quoteEtag } from '../object-headers.js';

/** Whether an If-Match / If-None-Match list names this etag (`*` names any). */
function etagListMatches(list: string, etag: string): boolean {
  return list.split(',').some((item) => {
    const t = item.trim().replace(/^W\//, '');
    return t === '*' || t.replace(/^"|"$/g, '') === etag;
  });
}

function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

function parseDate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

export interface Preconditions {
  ifMatch?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  ifUnmodifiedSince?: string;
}

/**
 * RFC 9110 §13.2.2 order, as S3 applies it: If-Match (else If-Unmodified-Since) failing is 412;
 * then If-None-Match (else If-Modified-Since) failing is 304 for GET/HEAD — or 412 for a copy
 * source, where "not modified" means the copy must not happen.
 */
export function checkPreconditions(
  object: S3Object,
  p: Preconditions,
  notModified: 'NotModified' | 'PreconditionFailed',
): 'ok' | 'not-modified' {
  if (p.ifMatch !== undefined) {
    if (!etagListMatches(p.ifMatch, object.etag)) throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-Match' });
  } else {
    const since = parseDate(p.ifUnmodifiedSince);
    if (since !== undefined && seconds(object.lastModified) > seconds(since)) {
      throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-Unmodified-Since' });
    }
  }
  let unchanged: boolean;
  if (p.ifNoneMatch !== undefined) unchanged = etagListMatches(p.ifNoneMatch, object.etag);
  else {
    const since = parseDate(p.ifModifiedSince);
    unchanged = since !== undefined && seconds(object.lastModified) <= seconds(since);
  }
  if (!unchanged) return 'ok';
  if (notModified === 'PreconditionFailed') {
    throw new S3Error('PreconditionFailed', undefined, { Condition: p.ifNoneMatch !== undefined ? 'If-None-Match' : 'If-Modified-Since' });
  }
  return 'not-modified';
}

/** The headers of a 304 answer. */
export function notModifiedHeaders(object: S3Object): Record<string, string> {
  return { ETag: quoteEtag(object.etag), 'Last-Modified': httpDate(object.lastModified) };
}
