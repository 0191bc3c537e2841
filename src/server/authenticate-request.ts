import type { VerifiedCredentials } from '../authn/authenticator.js';
import type { Principal } from '../model/principal.js';
import type { ParsedSignature } from '../sigv4/index.js';
import type { Exchange } from './pipeline.js';

/**
 * Who is asking, as authentication leaves it: a principal (or none: S3's anonymous callers), the
 * signature it was read from, and the means to verify what it signed — never its secret.
 */
export interface Caller {
  principal?: Principal;
  /** SigV4: what the request claimed (date, scope, the seed signature of aws-chunked uploads). */
  signature?: ParsedSignature;
  /** `AWS4-HMAC-SHA256`, `AWS` (S3's legacy presigned URLs); none for anonymous requests. */
  signatureVersion?: 'AWS4-HMAC-SHA256' | 'AWS';
  presigned: boolean;
  credentials?: VerifiedCredentials;
  /** A long-term key's use, recorded (last used) once the request names a known operation. */
  usage?: { accessKeyId: string; service: string; region: string };
}

export const ANONYMOUS: Caller = { presigned: false };

/**
 * The credentials behind a SigV4 claim, looked up from the headers alone (before a byte of the
 * body is read), with the audit record told who is asking.
 */
export async function sigV4Caller(x: Exchange, parsed: ParsedSignature): Promise<Caller> {
  x.audit.accessKeyId = parsed.accessKeyId;
  const credentials = await x.app.authenticator.credentials(parsed.accessKeyId, parsed.securityToken, x.now);
  return callerOf(x, credentials, parsed, parsed.service, parsed.region);
}

/** The caller behind verified-to-be credentials, noted in the audit record. */
export function callerOf(
  x: Exchange,
  credentials: VerifiedCredentials,
  signature: ParsedSignature | undefined,
  service: string,
  region: string,
): Caller {
  const principal = credentials.principal;
  return {
    principal,
    credentials,
    presigned: signature?.presigned ?? true,
    ...(signature ? { signature, signatureVersion: 'AWS4-HMAC-SHA256' as const } : { signatureVersion: 'AWS' as const }),
    ...(principal.temporary ? {} : { usage: { accessKeyId: principal.accessKeyId, service, region } }),
  };
}

/** After the signature checked out: the audit record names the caller and the region it signed for. */
export function noteCaller(x: Exchange, caller: Caller, region: string): void {
  x.audit.principal = caller.principal;
  x.audit.region = region;
}
