import { AwsError } from '../../../errors/aws-error.js';

/** AWS's text for every URL CreateOpenIDConnectProvider refuses (reference §4.9, recorded). */
export const INVALID_OIDC_URL = 'Invalid Open ID Connect Provider URL';

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV6 = /^\[[0-9A-Fa-f:.]+\]$/;
const PATH = /^(?:\/[\u0021-\u007E]*)*$/;

/**
 * A provider's URL → its name, the URL without `https://` (`host/path`): the ARN's resource and
 * the issuer (`iss`) AssumeRoleWithWebIdentity matches. AWS's rules (CreateOpenIDConnectProvider
 * API reference): it must begin with `https://`; path components are allowed, query parameters
 * (and fragments) are not; it "should not contain a port number". A local identity provider
 * usually listens on one (https://127.0.0.1:8443), so `allowPorts` (KEYSMITH_OIDC_ALLOW_PORTS,
 * off by default) accepts a port; AWS's answer stays the default. No user info, no spaces.
 */
export function oidcProviderName(url: string, options: { allowPorts: boolean }): string {
  const invalid = () => new AwsError('ValidationError', INVALID_OIDC_URL);
  if (!url.startsWith('https://')) throw invalid();
  const rest = url.slice('https://'.length);
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const path = slash < 0 ? '' : rest.slice(slash);
  if (!PATH.test(path) || path.includes('?') || path.includes('#')) throw invalid();
  const portAt = authority.lastIndexOf(':');
  const hasPort = portAt >= 0 && !authority.endsWith(']');
  const host = hasPort ? authority.slice(0, portAt) : authority;
  if (!HOST.test(host) && !IPV6.test(host)) throw invalid();
  if (hasPort) {
    const port = authority.slice(portAt + 1);
    if (!options.allowPorts || !/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw invalid();
  }
  return rest;
}

/** `https://` + name: the URL a provider was created with, as its issuer claim reads. */
export function oidcUrlOfName(name: string): string {
  return `https://${name}`;
}
