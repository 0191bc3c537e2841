import { firstHeader, type SignedRequest } from './signed-request.js';
import { ALGORITHM, SCOPE_TERMINATOR, credentialScope } from './canonical-request.js';
import { toAmzDate } from './amz-date.js';
import { decodeQueryComponent } from './uri-encode.js';
import { incompleteSignature, missingAuthenticationToken } from './sigv4-errors.js';

/** What a request claims about its signature, before any secret is looked at. */
export interface ParsedSignature {
  accessKeyId: string;
  /** yyyyMMdd from the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  /** `scopeDate/region/service/aws4_request`. */
  scope: string;
  /** Lower-case header names, in the order the client listed them. */
  signedHeaders: string[];
  signature: string;
  /** The request date in `yyyyMMddTHHmmssZ` form (from X-Amz-Date, or a converted Date header). */
  amzDate: string;
  /** X-Amz-Security-Token (header or query), when the caller uses temporary credentials. */
  securityToken?: string | undefined;
  presigned: boolean;
  /** X-Amz-Expires of a presigned URL, in seconds (1..604800); undefined for header signatures. */
  expiresSeconds?: number | undefined;
}

export const MAX_PRESIGNED_EXPIRES_SECONDS = 604800;

const AUTH_QUERY_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature'] as const;
/** The order AWS lists the missing ones in. */
const REQUIRED_QUERY_PARAMS = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Signature',
  'X-Amz-SignedHeaders',
  'X-Amz-Date',
  'X-Amz-Expires',
] as const;
// eslint-disable-next-line no-control-regex -- a character-set check: the control characters are the point
const CONTROL_CHARACTER = /[\x00-\x1f\x7f]/;
const UPPER_CASE = /[A-Z]/;

/**
 * Reads the SigV4 parameters from the Authorization header or from a presigned query.
 * Throws MissingAuthenticationToken when there are neither, IncompleteSignature when what is
 * there is malformed. Says nothing yet about whether the signature is right: that needs the
 * secret, which the caller looks up by `accessKeyId`.
 */
export function parseSigV4(request: SignedRequest): ParsedSignature {
  const authorizations = request.headers['authorization'];
  const query = request.rawQuery.indexOf('X-Amz-') >= 0 ? authQueryParams(request.rawQuery) : undefined;
  const presigned = query !== undefined && AUTH_QUERY_PARAMS.some((name) => query.has(name));
  if (authorizations !== undefined && authorizations.length > 0) {
    if (presigned) {
      throw incompleteSignature(
        'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, ' +
          'Signature query string parameter or the Authorization header should be specified',
      );
    }
    if (authorizations.length > 1) {
      throw incompleteSignature('Authorization header requires exactly one value.', 'several Authorization headers');
    }
    return parseAuthorizationHeader(request, authorizations[0]!);
  }
  if (presigned) return parsePresignedQuery(query);
  throw missingAuthenticationToken();
}

const HEADER_PREFIX = ALGORITHM + ' Credential=';
const SIGNED_HEADERS_PART = ', SignedHeaders=';
const SIGNATURE_PART = ', Signature=';
const SEPARATOR = /[\s,]/;

/**
 * The header exactly as the SDKs write it, read with three indexOf calls (this is the hot path).
 * Undefined when the header has any other shape; the general reader below then decides, and it
 * gives the same answer for every header this one accepts.
 */
function readCanonicalShape(header: string): AuthorizationFields | undefined {
  if (!header.startsWith(HEADER_PREFIX)) return undefined;
  const a = header.indexOf(SIGNED_HEADERS_PART, HEADER_PREFIX.length);
  if (a < 0) return undefined;
  const b = header.indexOf(SIGNATURE_PART, a + SIGNED_HEADERS_PART.length);
  if (b < 0) return undefined;
  const credential = header.slice(HEADER_PREFIX.length, a);
  const signedHeaders = header.slice(a + SIGNED_HEADERS_PART.length, b);
  const signature = header.slice(b + SIGNATURE_PART.length);
  if (credential === '' || signedHeaders === '' || signature === '') return undefined;
  if (SEPARATOR.test(credential) || SEPARATOR.test(signedHeaders) || SEPARATOR.test(signature)) return undefined;
  return { algorithm: ALGORITHM, credential, signedHeaders, signature };
}

interface AuthorizationFields {
  algorithm: string;
  credential: string | undefined;
  signedHeaders: string | undefined;
  signature: string | undefined;
}

/**
 * `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`: the algorithm, then key=value
 * pairs separated by commas and/or white space, which is how AWS reads it.
 */
function readAnyShape(header: string): AuthorizationFields {
  const trimmed = header.trim();
  const space = trimmed.search(/\s/);
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  const rest = space < 0 ? '' : trimmed.slice(space + 1);
  const fields = new Map<string, string>();
  for (const token of rest.split(/[\s,]+/)) {
    if (token === '') continue;
    const eq = token.indexOf('=');
    if (eq < 0) {
      throw incompleteSignature(`'${token}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`);
    }
    const key = token.slice(0, eq);
    // One value per component: a second Credential= (or SignedHeaders=, Signature=) after the
    // signed ones must not be able to tell a reader other than this one something else.
    if (fields.has(key)) {
      throw incompleteSignature(
        `Authorization header has more than one '${key}' parameter.`,
        `duplicate ${key} component in the Authorization header`,
      );
    }
    fields.set(key, token.slice(eq + 1));
  }
  return {
    algorithm,
    credential: fields.get('Credential'),
    signedHeaders: fields.get('SignedHeaders'),
    signature: fields.get('Signature'),
  };
}

function parseAuthorizationHeader(request: SignedRequest, header: string): ParsedSignature {
  const fields = readCanonicalShape(header) ?? readAnyShape(header);
  const dateHeader = firstHeader(request, 'x-amz-date') ?? firstHeader(request, 'date');
  const { algorithm, credential: credentialText, signature, signedHeaders: signedHeadersText } = fields;
  if (!credentialText || !signature || !signedHeadersText || dateHeader === undefined) {
    const missing: string[] = [];
    if (!credentialText) missing.push("Authorization header requires 'Credential' parameter.");
    if (!signature) missing.push("Authorization header requires 'Signature' parameter.");
    if (!signedHeadersText) missing.push("Authorization header requires 'SignedHeaders' parameter.");
    if (dateHeader === undefined) {
      missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    throw incompleteSignature(`${missing.join(' ')} Authorization=${header}`);
  }

  if (algorithm !== ALGORITHM) throw unsupportedAlgorithm(algorithm);
  const credential = parseCredential(credentialText);
  const signedHeaders = parseSignedHeaders(signedHeadersText);
  if (!signedHeaders.includes('x-amz-date') && !signedHeaders.includes('date')) {
    throw incompleteSignature("'X-Amz-Date' or 'Date' must be a 'SignedHeader' in the AWS Authorization.");
  }
  return {
    accessKeyId: credential.accessKeyId,
    scopeDate: credential.scopeDate,
    region: credential.region,
    service: credential.service,
    scope: credential.scope,
    signedHeaders,
    signature,
    amzDate: requestDate(dateHeader),
    securityToken: firstHeader(request, 'x-amz-security-token'),
    presigned: false,
    expiresSeconds: undefined,
  };
}

function parsePresignedQuery(query: Map<string, string>): ParsedSignature {
  const missing = REQUIRED_QUERY_PARAMS.filter((name) => !query.get(name));
  if (missing.length > 0) {
    throw incompleteSignature(
      missing.map((name) => `AWS query-string parameters must include '${name}'.`).join(' ') + ' Re-examine the query-string parameters.',
    );
  }
  const algorithm = query.get('X-Amz-Algorithm')!;
  if (algorithm !== ALGORITHM) throw unsupportedAlgorithm(algorithm);
  const credential = parseCredential(query.get('X-Amz-Credential')!);
  const signedHeaders = parseSignedHeaders(query.get('X-Amz-SignedHeaders')!);
  const amzDate = query.get('X-Amz-Date')!;
  if (toAmzDate(amzDate) !== amzDate) throw badDateFormat(amzDate);
  const expiresText = query.get('X-Amz-Expires')!;
  const expiresSeconds = /^\d{1,10}$/.test(expiresText) ? Number(expiresText) : NaN;
  if (!(expiresSeconds >= 1)) {
    throw incompleteSignature(`X-Amz-Expires must be a positive integer number of seconds, got '${expiresText}'.`);
  }
  if (expiresSeconds > MAX_PRESIGNED_EXPIRES_SECONDS) {
    throw incompleteSignature(`X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGNED_EXPIRES_SECONDS}`);
  }
  return {
    accessKeyId: credential.accessKeyId,
    scopeDate: credential.scopeDate,
    region: credential.region,
    service: credential.service,
    scope: credential.scope,
    signedHeaders,
    signature: query.get('X-Amz-Signature')!,
    amzDate,
    securityToken: query.get('X-Amz-Security-Token'),
    presigned: true,
    expiresSeconds,
  };
}

type Credential = Pick<ParsedSignature, 'accessKeyId' | 'scopeDate' | 'region' | 'service' | 'scope'>;

function parseCredential(value: string): Credential {
  const parts = value.split('/');
  if (parts.length !== 5 || parts.includes('') || CONTROL_CHARACTER.test(value)) {
    throw incompleteSignature(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${value}'`,
    );
  }
  const [accessKeyId, scopeDate, region, service, terminator] = parts as [string, string, string, string, string];
  if (terminator !== SCOPE_TERMINATOR) {
    throw incompleteSignature(`Credential should be scoped with a valid terminator: '${SCOPE_TERMINATOR}', not '${terminator}'.`);
  }
  return { accessKeyId, scopeDate, region, service, scope: credentialScope(scopeDate, region, service) };
}

function parseSignedHeaders(value: string): string[] {
  const names = (UPPER_CASE.test(value) ? value.toLowerCase() : value).split(';');
  if (names.includes('')) {
    throw incompleteSignature(`SignedHeaders must be a ';'-separated list of header names, got '${value}'.`);
  }
  if (!names.includes('host')) {
    throw incompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  return names;
}

function requestDate(headerValue: string): string {
  const amzDate = toAmzDate(headerValue);
  if (amzDate === undefined) throw badDateFormat(headerValue);
  return amzDate;
}

function badDateFormat(value: string): Error {
  return incompleteSignature(`Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`);
}

function unsupportedAlgorithm(algorithm: string): Error {
  return incompleteSignature(`Unsupported AWS 'algorithm': '${algorithm}'`);
}

/** The presigned-URL parameters, each of which may appear once. */
const SIGNATURE_QUERY_PARAMS = new Set<string>([...REQUIRED_QUERY_PARAMS, 'X-Amz-Security-Token']);

/**
 * The X-Amz-* query parameters, decoded. A signature parameter given twice is malformed (which
 * value a reader takes must not matter); other X-Amz-* names keep their first value.
 */
function authQueryParams(rawQuery: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const segment of rawQuery.split('&')) {
    if (!segment.startsWith('X-Amz-')) continue;
    const eq = segment.indexOf('=');
    const name = eq < 0 ? segment : segment.slice(0, eq);
    if (params.has(name)) {
      if (SIGNATURE_QUERY_PARAMS.has(name)) {
        throw incompleteSignature(`AWS query-string parameters must include '${name}' only once. Re-examine the query-string parameters.`);
      }
      continue;
    }
    params.set(name, eq < 0 ? '' : decodeQueryComponent(segment.slice(eq + 1)));
  }
  return params;
}
