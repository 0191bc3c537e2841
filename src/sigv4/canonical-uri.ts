import { encodeLiteral, encodeNormalized } from './uri-encode.js';

/**
 * Services whose canonical URI is the path encoded once and not normalised. Every other service
 * removes dot segments, collapses repeated slashes and encodes the received path again.
 */
const SINGLE_ENCODE_SERVICES: ReadonlySet<string> = new Set(['s3']);

export function usesSingleEncodedPath(service: string): boolean {
  return SINGLE_ENCODE_SERVICES.has(service);
}

/**
 * Removes '.' and '..' segments and empty segments ('//'), keeping a leading and (when anything
 * is left) a trailing slash — the rule the AWS SDKs (botocore, JS v3) apply before signing.
 */
export function normalizePath(path: string): string {
  if (path.indexOf('.') < 0 && path.indexOf('//') < 0) return path;
  const kept: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') kept.pop();
    else kept.push(segment);
  }
  const lead = path.startsWith('/') ? '/' : '';
  const trail = kept.length > 0 && path.endsWith('/') ? '/' : '';
  return lead + kept.join('/') + trail;
}

/** The CanonicalURI line of the canonical request, from the path as received. */
export function canonicalUri(rawPath: string, service: string): string {
  if (rawPath === '' || rawPath === '/') return '/';
  if (usesSingleEncodedPath(service)) return encodeNormalized(rawPath, true);
  const normalized = normalizePath(rawPath);
  return normalized === '' ? '/' : encodeLiteral(normalized, true);
}
