/**
 * AWS's rule for the issuer's TLS certificate (IAM API reference, UpdateOpenIDConnectProviderThumbprint,
 * current text): STS verifies the JWKS endpoint's certificate with its library of trusted root
 * CAs; only when the certificate is not signed by one of those does it fall back to the
 * provider's thumbprints, the SHA-1 of the top intermediate CA of the server's chain. keysmith:
 * a chain ending in one of Node's bundled public roots needs no thumbprint; a chain that only the
 * configured private CA vouches for must have one of its CA certificates' SHA-1 (any certificate
 * above the server's own: the top intermediate or the root) in the provider's ThumbprintList.
 */
export function thumbprintAccepted(
  chain: { caThumbprints: readonly string[]; publiclyTrusted: boolean },
  providerThumbprints: readonly string[],
): boolean {
  if (chain.publiclyTrusted) return true;
  const wanted = new Set(providerThumbprints.map((t) => t.toLowerCase()));
  return chain.caThumbprints.some((t) => wanted.has(t));
}
