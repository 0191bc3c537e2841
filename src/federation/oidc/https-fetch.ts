import { createHash, X509Certificate } from 'node:crypto';
import { request } from 'node:https';
import { rootCertificates, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';

/**
 * One GET of an identity provider's document (discovery or JWKS) over HTTPS with Node's https:
 * certificates checked against the system's CAs plus the configured private CA, a hard time
 * limit, a size limit, no redirects. It reports the chain the server proved, so the caller can
 * apply AWS's thumbprint rule (thumbprints.ts).
 */
export interface FetchOptions {
  /** PEM of the private CA(s) trusted besides the system's (KEYSMITH_FEDERATION_CA_FILE). */
  extraCa?: string;
  timeoutMs: number;
}

export interface FetchedDocument {
  status: number;
  body: string;
  cacheControl?: string;
  expires?: string;
  /** SHA-1 (lower-case hex) of each certificate above the server's own, up to the root. */
  caThumbprints: string[];
  /** Whether the chain ends in one of Node's bundled (publicly trusted) root CAs. */
  publiclyTrusted: boolean;
}

/** The server could not be reached in time (connection refused, reset, timeout). */
export class IdpUnreachable extends Error {}
/** The server answered, but its TLS certificate is not trusted. */
export class IdpCertificateRejected extends Error {}

const MAX_BODY = 512 * 1024;
const PUBLIC_ROOTS = new Set(rootCertificates.map((pem) => sha1(new X509Certificate(pem).raw)));

export function fetchDocument(url: string, options: FetchOptions): Promise<FetchedDocument> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(error);
    };
    const req = request(
      url,
      {
        method: 'GET',
        headers: { accept: 'application/json' },
        ...(options.extraCa !== undefined ? { ca: [...rootCertificates, options.extraCa] } : {}),
        timeout: options.timeoutMs,
        agent: false,
      },
      (res) => {
        const chain = chainOf(res.socket as TLSSocket);
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) fail(new Error(`the document at ${url} is larger than ${MAX_BODY} bytes`));
          else chunks.push(chunk);
        });
        res.on('error', (error) => fail(new IdpUnreachable(error.message)));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            cacheControl: header(res.headers['cache-control']),
            expires: header(res.headers.expires),
            ...chain,
          });
        });
      },
    );
    // `timeout` above is for an idle socket; this bounds the whole exchange.
    const deadline = setTimeout(() => fail(new IdpUnreachable(`no answer from ${url} within ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('timeout', () => fail(new IdpUnreachable(`no answer from ${url} within ${options.timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(deadline);
      fail(isCertificateError(error) ? new IdpCertificateRejected(error.message) : new IdpUnreachable(error.message));
    });
    req.end();
  });
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function chainOf(socket: TLSSocket): { caThumbprints: string[]; publiclyTrusted: boolean } {
  const thumbprints: string[] = [];
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  const seen = new Set<string>();
  let top: string | undefined;
  let first = true;
  while (cert?.raw !== undefined) {
    const print = sha1(cert.raw);
    if (seen.has(print)) break;
    seen.add(print);
    if (!first) thumbprints.push(print);
    top = print;
    first = false;
    cert = cert.issuerCertificate;
  }
  return { caThumbprints: thumbprints, publiclyTrusted: top !== undefined && PUBLIC_ROOTS.has(top) };
}

function sha1(der: Buffer): string {
  return createHash('sha1').update(der).digest('hex');
}

function isCertificateError(error: NodeJS.ErrnoException): boolean {
  const code = error.code ?? '';
  return /CERT|SELF_SIGNED|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY|ERR_TLS_CERT_ALTNAME/.test(code);
}
