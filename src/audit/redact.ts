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
    'SecretAccessKey', 'SessionToken', 'SecretKey', 'X-Amz-Security-Token', 'X-Amz-Signature', 'Authorization',
    // Passwords (login profiles, password changes)
    'Password', 'OldPassword', 'NewPassword',
    // MFA: the TOTP seed and QR code, and the one-time codes
    'Base32StringSeed', 'QRCodePNG', 'TokenCode', 'AuthenticationCode1', 'AuthenticationCode2',
    // Federation assertions carry signed bearer credentials
    'SAMLAssertion', 'WebIdentityToken',
    // Keys that may be uploaded or returned
    'PrivateKey', 'ClientSecret',
  ].map((name) => name.toLowerCase()),
);

export function isSecretMember(name: string): boolean {
  return SECRET_MEMBERS.has(name.toLowerCase());
}

/**
 * A deep copy with every secret member's value replaced. Binary values (object bodies) are left
 * out: an audit event records that data moved, not the data.
 */
export function redact(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return undefined;
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
