/**
 * The one place that decides what never reaches an audit event. Any member with one of these
 * names, at any depth of requestParameters or responseElements, has its value replaced by
 * AWS's own marker. Names are compared ignoring case, so `SecretAccessKey` (the operation's
 * member) and `secretAccessKey` (CloudTrail's spelling) are both caught, whichever is redacted.
 *
 * Policies, ARNs, names and tags are not secrets (AWS records them); keysmith records them too.
 */
export const REDACTED = 'HIDDEN_DUE_TO_SECURITY_REASONS';

const SECRET_MEMBERS = new Set(
  [
    // Credentials
    'SecretAccessKey',
    'SessionToken',
    'SecretKey',
    'X-Amz-Security-Token',
    'X-Amz-Signature',
    'Authorization',
    // Request signatures: SigV2's query `Signature` (legacy presigned S3 URLs)
    'Signature',
    // Passwords (login profiles, password changes)
    'Password',
    'OldPassword',
    'NewPassword',
    // MFA: the TOTP seed and QR code, and the one-time codes
    'Base32StringSeed',
    'QRCodePNG',
    'TokenCode',
    'AuthenticationCode1',
    'AuthenticationCode2',
    // Federation assertions carry signed bearer credentials
    'SAMLAssertion',
    'WebIdentityToken',
    // Keys that may be uploaded or returned
    'PrivateKey',
    // A SAML provider's assertion-decryption key (CreateSAMLProvider, UpdateSAMLProvider)
    'AddPrivateKey',
    'ClientSecret',
  ].map((name) => name.toLowerCase()),
);

export function isSecretMember(name: string): boolean {
  return SECRET_MEMBERS.has(name.toLowerCase());
}

/**
 * A deep copy with every secret member's value replaced. Binary values and streams (object
 * bodies) are left out: an audit event records that data moved, not the data. So is what is not
 * data at all (a function), so that the copy is plain data that can cross to the audit worker.
 */
export function redact(value: unknown): unknown {
  if (typeof value === 'function') return undefined;
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return undefined;
  if (typeof (value as { pipe?: unknown }).pipe === 'function') return undefined;
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    const kept = isSecretMember(key) ? REDACTED : redact(member);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

/**
 * Query parameters that authenticate a request rather than say what it does: SigV4's presigned
 * `X-Amz-*` set (any `X-Amz-` name, compared ignoring case) and SigV2's `AWSAccessKeyId`,
 * `Signature` and `Expires`. Together they rebuild a working URL, so none of them is copied into
 * an audit record's requestParameters; the access key id is recorded in userIdentity instead.
 */
export function isAuthQueryParameter(name: string): boolean {
  if (name.length >= 6 && name.slice(0, 6).toLowerCase() === 'x-amz-') return true;
  return SIGV2_QUERY_AUTH.has(name.toLowerCase());
}

const SIGV2_QUERY_AUTH = new Set(['awsaccesskeyid', 'signature', 'expires']);

/** `Signature=…`, `X-Amz-Signature=…`, `X-Amz-Security-Token=…` (and the like) inside a text. */
const SECRET_IN_TEXT = /\b((?:X-Amz-)?(?:Signature|Security-Token|SessionToken)\s*[=:]\s*)[^\s,&'"]+/gi;

/**
 * A message that may quote the request (IncompleteSignature echoes the Authorization header) with
 * every signature and token value replaced by the marker. For audit records and log lines.
 */
export function redactText(text: string): string {
  return text.replace(SECRET_IN_TEXT, `$1${REDACTED}`);
}
