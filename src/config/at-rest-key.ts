/** Where the at-rest key comes from, as every message about it names it. */
export const AT_REST_KEY_RULE = 'KEYSMITH_AT_REST_KEY (or <data-dir>/at-rest.key) must be base64 of 32 bytes';
export const AT_REST_KEY_HINT = 'generate one with `openssl rand -base64 32`';

/**
 * The 32-byte at-rest key from its base64 text, or undefined when the text is anything else.
 * Strict on purpose: Node's base64 decoder skips characters it does not know, so a truncated or
 * mangled key would otherwise decode to some other key and every stored secret would fail to open
 * later, far from the cause. Standard or URL-safe alphabet, padding optional, surrounding
 * whitespace (a trailing newline in a file) ignored.
 */
export function parseAtRestKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === 32 ? key : undefined;
}
