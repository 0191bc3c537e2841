import type { Principal } from '../model/principal.js';

/**
 * A request no credentials signed (S3 under a bucket policy). It has no identity side: only a
 * resource policy that names `*` can allow it.
 */
export interface AnonymousRequester {
  readonly type: 'Anonymous';
}

export const ANONYMOUS_REQUESTER: AnonymousRequester = Object.freeze({ type: 'Anonymous' });

/**
 * Whom an authorization check is for: an authenticated principal, or the anonymous requester.
 * (Not the server's `Caller`, which is what authentication found, signature and all.)
 */
export type Requester = Principal | AnonymousRequester;

export function isAnonymous(requester: Requester): requester is AnonymousRequester {
  return requester.type === 'Anonymous';
}
