// @ts-check
import { sign } from './sigv4.js';
import { parseXml, toValue } from './xml.js';

/**
 * Calls to keysmith's AWS APIs from the browser, on the page's own origin: the Query protocol
 * (IAM, STS, keysmith's own service) and JSON 1.1 (CloudTrail), signed with the session's
 * credentials. Errors are `AwsError`s with AWS's code and message, as the CLI prints them.
 */

export class AwsError extends Error {
  /** @param {string} code @param {string} message @param {number} status */
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

const VERSIONS = { iam: '2010-05-08', sts: '2011-06-15', keysmith: '2026-12-01' };

/**
 * Query members in the wire's flat form: lists as `Name.member.N`, structures as `Name.Member`.
 * @param {Record<string, unknown>} params
 * @param {string} [prefix]
 * @param {Record<string, string>} [out]
 */
export function flatten(params, prefix = '', out = {}) {
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const name = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(value)) {
      if (value.length === 0) out[name] = '';
      value.forEach((v, i) => {
        if (v !== null && typeof v === 'object') flatten(/** @type {Record<string, unknown>} */ (v), `${name}.member.${i + 1}`, out);
        else out[`${name}.member.${i + 1}`] = String(v);
      });
    } else if (typeof value === 'object') flatten(/** @type {Record<string, unknown>} */ (value), name, out);
    else out[name] = String(value);
  }
  return out;
}

/**
 * @typedef {import('./sigv4.js').Credentials} Credentials
 * @typedef {() => Credentials | undefined} CredentialSource
 */

export class AwsClient {
  /** @param {CredentialSource} credentials @param {string} [region] */
  constructor(credentials, region = 'us-east-1') {
    this.credentials = credentials;
    this.region = region;
    /** Called with every AwsError (the session uses it to notice expiry). @type {(e: AwsError) => void} */
    this.onError = () => {};
  }

  /**
   * One Query call; the `<Action>Result` element as an object (`{}` when there is none).
   * Unsigned when `options.unsigned` (the console's password sign-in).
   * @param {'iam' | 'sts' | 'keysmith'} service
   * @param {string} action
   * @param {Record<string, unknown>} [params]
   * @param {{ unsigned?: boolean, credentials?: Credentials }} [options]
   * @returns {Promise<any>}
   */
  async query(service, action, params = {}, options = {}) {
    const body = new URLSearchParams({ Action: action, Version: VERSIONS[service], ...flatten(params) }).toString();
    /** @type {Record<string, string>} */
    let headers = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    if (!options.unsigned) {
      const credentials = options.credentials ?? this.credentials();
      if (!credentials) throw new AwsError('NotSignedIn', 'Sign in first.', 0);
      headers = await sign({ method: 'POST', host: location.host, path: '/', headers, body, service, region: this.region, credentials });
    }
    const response = await fetch('/', { method: 'POST', headers, body });
    const text = await response.text();
    const root = parseXml(text);
    if (!response.ok || root.localName === 'ErrorResponse') {
      const code = root.getElementsByTagName('Code')[0]?.textContent ?? `HTTP ${response.status}`;
      const message = root.getElementsByTagName('Message')[0]?.textContent ?? text.slice(0, 200);
      const error = new AwsError(code, message, response.status);
      this.onError(error);
      throw error;
    }
    const result = Array.from(root.children).find((c) => c.localName === `${action}Result`);
    const value = result ? toValue(result) : {};
    return typeof value === 'object' ? value : {};
  }

  /**
   * One JSON 1.1 call (CloudTrail).
   * @param {string} service  the SigV4 scope's service (`cloudtrail`)
   * @param {string} target   X-Amz-Target
   * @param {unknown} input
   * @returns {Promise<any>}
   */
  async json(service, target, input) {
    const credentials = this.credentials();
    if (!credentials) throw new AwsError('NotSignedIn', 'Sign in first.', 0);
    const body = JSON.stringify(input);
    const headers = await sign({
      method: 'POST',
      host: location.host,
      path: '/',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
      body,
      service,
      region: this.region,
      credentials,
    });
    const response = await fetch('/', { method: 'POST', headers, body });
    const parsed = /** @type {any} */ (await response.json().catch(() => ({})));
    if (!response.ok) {
      const type = String(parsed.__type ?? `HTTP ${response.status}`);
      const error = new AwsError(type.slice(type.lastIndexOf('#') + 1), String(parsed.message ?? parsed.Message ?? ''), response.status);
      this.onError(error);
      throw error;
    }
    return parsed;
  }
}
