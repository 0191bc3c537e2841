import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK, SignJWT, type CryptoKey } from 'jose';
import { repoRoot } from './paths.js';

/** The test CA's files and SHA-1 (test/fixtures/federation/README.md). */
export const FEDERATION_FIXTURES = join(repoRoot, 'test', 'fixtures', 'federation');
export const TEST_CA_FILE = join(FEDERATION_FIXTURES, 'oidc-ca.pem');
export const TEST_CA_THUMBPRINT = 'd6d87c70aeb2d062fd07ddf81c7bf8e17cca260b';

export interface SigningKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function signingKey(kid: string, alg = 'RS256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/**
 * A hand-rolled OpenID Connect issuer over HTTPS on 127.0.0.1 (the test CA's certificate): the
 * discovery document and a JWKS for every path prefix, the keys it publishes changeable by the
 * test, request counts per path, and a mode that accepts connections but never answers.
 */
export class TestIssuer {
  published: SigningKey[] = [];
  hang = false;
  readonly requests = new Map<string, number>();
  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<TestIssuer> {
    const server = createServer({
      key: readFileSync(join(FEDERATION_FIXTURES, 'oidc-server.key')),
      cert: readFileSync(join(FEDERATION_FIXTURES, 'oidc-server.pem')),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const issuer = new TestIssuer(server, `https://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => {
      const path = req.url ?? '/';
      issuer.requests.set(path, (issuer.requests.get(path) ?? 0) + 1);
      if (issuer.hang) return; // never answers
      const discovery = /^(.*)\/\.well-known\/openid-configuration$/.exec(path);
      if (discovery) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ issuer: `${issuer.origin}${discovery[1]}`, jwks_uri: `${issuer.origin}${discovery[1]}/keys` }));
        return;
      }
      if (path.endsWith('/keys')) {
        res.setHeader('content-type', 'application/json');
        res.setHeader('cache-control', 'public, max-age=300');
        res.end(JSON.stringify({ keys: issuer.published.map((k) => k.publicJwk) }));
        return;
      }
      res.statusCode = 404;
      res.end();
    });
    return issuer;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  count(path: string): number {
    return this.requests.get(path) ?? 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A signed JWT for `iss`, with exp/iat around now unless the claims say otherwise. */
export async function signToken(key: SigningKey, claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iat: now, exp: now + 600, ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header })
    .sign(key.privateKey);
}
