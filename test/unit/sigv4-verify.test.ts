import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { nodeSigV4Crypto } from '../../src/platform/node-sigv4-crypto.js';
import {
  parseSigV4,
  presignRequest,
  signRequest,
  SigV4Verifier,
  UNSIGNED_PAYLOAD,
  type SignedRequest,
  type SignOptions,
} from '../../src/sigv4/index.js';
import { isAwsError } from '../../src/errors/aws-error.js';

const crypto = nodeSigV4Crypto;
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const T0 = Date.UTC(2022, 0, 27, 0, 14, 27); // 20220127T001427Z
const MINUTE = 60_000;
const verifier = new SigV4Verifier({ crypto });

function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function stsRequest(body = 'Action=GetCallerIdentity&Version=2011-06-15'): SignedRequest {
  return {
    method: 'POST',
    rawPath: '/',
    rawQuery: '',
    headers: {
      host: ['sts.eu-west-1.amazonaws.com'],
      'content-type': ['application/x-www-form-urlencoded; charset=utf-8'],
    },
    body: bytes(body),
  };
}

function options(overrides: Partial<SignOptions> = {}): SignOptions {
  return {
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET },
    region: 'eu-west-1',
    service: 'sts',
    nowMs: T0,
    crypto,
    ...overrides,
  };
}

function verifyError(request: SignedRequest, nowMs: number, secret = SECRET, v = verifier): { code: string; message: string } {
  try {
    v.verify(request, parseSigV4(request), secret, nowMs);
  } catch (error) {
    if (isAwsError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  assert.fail('expected the request to be rejected');
}

function accepts(request: SignedRequest, nowMs: number, v = verifier): void {
  v.verify(request, parseSigV4(request), SECRET, nowMs);
}

test('a signed STS request verifies; the wrong secret does not', () => {
  const { request } = signRequest(stsRequest(), options());
  accepts(request, T0);
  const error = verifyError(request, T0, 'not-the-secret');
  assert.equal(error.code, 'SignatureDoesNotMatch');
  assert.equal(
    error.message,
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret ' +
      'Access Key and signing method. Consult the service documentation for details.',
  );
});

test('any region and the services iam, sts, cloudtrail, s3 are accepted', () => {
  for (const service of ['iam', 'sts', 'cloudtrail', 's3']) {
    for (const region of ['us-east-1', 'ap-southeast-2', 'my-own-region']) {
      const { request } = signRequest(stsRequest(), options({ service, region }));
      accepts(request, T0);
    }
  }
});

test('a changed body, path, query or signed header breaks the signature', () => {
  const { request } = signRequest(stsRequest(), options());
  const variants: SignedRequest[] = [
    { ...request, body: bytes('Action=GetCallerIdentity&Version=2011-06-16') },
    { ...request, rawPath: '/x' },
    { ...request, rawQuery: 'a=b' },
    { ...request, headers: { ...request.headers, host: ['sts.eu-west-2.amazonaws.com'] } },
    { ...request, method: 'PUT' },
  ];
  for (const variant of variants) assert.equal(verifyError(variant, T0).code, 'SignatureDoesNotMatch');
  // An unsigned header may change.
  accepts({ ...request, headers: { ...request.headers, 'user-agent': ['other'] } }, T0);
});

test('clock skew: 15 minutes either way is fine, one second more is RequestExpired with AWS wording', () => {
  const { request } = signRequest(stsRequest(), options());
  accepts(request, T0 + 15 * MINUTE);
  accepts(request, T0 - 15 * MINUTE);

  // The example AWS STS answered with (aws/aws-cli#6676).
  const late = verifyError(request, Date.UTC(2022, 0, 27, 1, 59, 28));
  assert.equal(late.code, 'RequestExpired');
  assert.equal(late.message, 'Signature expired: 20220127T001427Z is now earlier than 20220127T014428Z (20220127T015928Z - 15 min.)');
  assert.equal(verifyError(request, T0 + 15 * MINUTE + 1000).code, 'RequestExpired');

  const early = verifyError(request, T0 - 15 * MINUTE - 1000);
  assert.equal(early.code, 'RequestExpired');
  assert.equal(
    early.message,
    'Signature not yet current: 20220127T001427Z is still later than 20220127T001426Z (20220126T235926Z + 15 min.)',
  );
});

test('the skew window can be configured', () => {
  const strict = new SigV4Verifier({ crypto, maxSkewMs: 5 * MINUTE });
  const { request } = signRequest(stsRequest(), options());
  accepts(request, T0 + 5 * MINUTE, strict);
  assert.match(verifyError(request, T0 + 6 * MINUTE, SECRET, strict).message, /\(20220127T002027Z - 5 min\.\)$/);
});

test('a credential scope dated another day than X-Amz-Date is SignatureDoesNotMatch', () => {
  const { request } = signRequest(stsRequest(), options());
  const auth = request.headers['authorization']![0]!.replace('/20220127/', '/20220126/');
  const error = verifyError({ ...request, headers: { ...request.headers, authorization: [auth] } }, T0);
  assert.equal(error.code, 'SignatureDoesNotMatch');
  assert.equal(
    error.message,
    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20220126' != " +
      "'20220127', from '20220127T001427Z'.",
  );
});

test('a signature in upper-case hex, or of the wrong length, does not match', () => {
  const { request, signature } = signRequest(stsRequest(), options());
  for (const other of [signature.toUpperCase(), signature.slice(0, 63), signature + '0']) {
    const auth = request.headers['authorization']![0]!.replace(signature, other);
    assert.equal(verifyError({ ...request, headers: { ...request.headers, authorization: [auth] } }, T0).code, 'SignatureDoesNotMatch');
  }
});

test('a header listed in SignedHeaders but absent from the request fails closed', () => {
  const { request } = signRequest(stsRequest(), options());
  const headers = { ...request.headers };
  delete headers['content-type'];
  assert.equal(verifyError({ ...request, headers }, T0).code, 'SignatureDoesNotMatch');
});

test('session credentials: the token is reported, and signed', () => {
  const { request } = signRequest(
    stsRequest(),
    options({ credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: SECRET, sessionToken: 'tok+/=' } }),
  );
  const parsed = parseSigV4(request);
  assert.equal(parsed.securityToken, 'tok+/=');
  assert.ok(parsed.signedHeaders.includes('x-amz-security-token'));
  verifier.verify(request, parsed, SECRET, T0);
  const swapped = { ...request, headers: { ...request.headers, 'x-amz-security-token': ['other'] } };
  assert.equal(verifyError(swapped, T0).code, 'SignatureDoesNotMatch');
});

// ---- payload hash ----

test('SDK v3 style: a signed x-amz-content-sha256 equal to the body hash verifies', () => {
  const body = 'Action=GetCallerIdentity&Version=2011-06-15';
  const { request } = signRequest(stsRequest(body), options({ contentSha256: crypto.sha256Hex(body) }));
  assert.ok(parseSigV4(request).signedHeaders.includes('x-amz-content-sha256'));
  accepts(request, T0);
});

test('x-amz-content-sha256 that is not the body hash is refused, even if signed', () => {
  const { request } = signRequest(stsRequest(), options({ contentSha256: crypto.sha256Hex('something else') }));
  assert.equal(verifyError(request, T0).code, 'SignatureDoesNotMatch');
  // And a body swapped under a correct header.
  const good = signRequest(stsRequest(), options({ contentSha256: crypto.sha256Hex('Action=GetCallerIdentity&Version=2011-06-15') }));
  assert.equal(verifyError({ ...good.request, body: bytes('Action=AssumeRole') }, T0).code, 'SignatureDoesNotMatch');
});

test('UNSIGNED-PAYLOAD for s3: used verbatim, the body is not covered', () => {
  const s3Request: SignedRequest = {
    method: 'PUT',
    rawPath: '/bucket/key%20name',
    rawQuery: '',
    headers: { host: ['s3.example'] },
    body: bytes('content'),
  };
  const { request, canonicalRequest } = signRequest(s3Request, options({ service: 's3', contentSha256: UNSIGNED_PAYLOAD }));
  assert.ok(canonicalRequest.endsWith('\nUNSIGNED-PAYLOAD'));
  const parsed = parseSigV4(request);
  assert.equal(verifier.canonicalRequest(request, parsed), canonicalRequest);
  accepts(request, T0);
  accepts({ ...request, body: bytes('other content') }, T0);
});

test('STREAMING-… markers are used verbatim for s3', () => {
  const marker = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
  const s3Request: SignedRequest = {
    method: 'PUT',
    rawPath: '/b/k',
    rawQuery: '',
    headers: { host: ['s3.example'] },
    body: bytes('chunks'),
  };
  const { request } = signRequest(s3Request, options({ service: 's3', contentSha256: marker }));
  const parsed = parseSigV4(request);
  assert.ok(verifier.canonicalRequest(request, parsed)!.endsWith('\n' + marker));
  accepts(request, T0);
});

test('UNSIGNED-PAYLOAD is refused for the Query-protocol services (the body is the operation)', () => {
  for (const service of ['sts', 'iam', 'cloudtrail']) {
    const { request } = signRequest(stsRequest(), options({ service, contentSha256: UNSIGNED_PAYLOAD }));
    assert.equal(verifyError(request, T0).code, 'SignatureDoesNotMatch', service);
  }
  const lenient = new SigV4Verifier({ crypto, unsignedPayloadServices: ['s3', 'sts'] });
  const { request } = signRequest(stsRequest(), options({ contentSha256: UNSIGNED_PAYLOAD }));
  accepts(request, T0, lenient);
});

// ---- presigned URLs ----

function presigned(expiresSeconds: number, extra: Partial<SignOptions> = {}): SignedRequest {
  const get: SignedRequest = {
    method: 'GET',
    rawPath: '/',
    rawQuery: 'Action=GetCallerIdentity&Version=2011-06-15',
    headers: { host: ['sts.amazonaws.com'] },
    body: new Uint8Array(),
  };
  return presignRequest(get, { ...options(extra), expiresSeconds }).request;
}

test('a presigned URL verifies until X-Amz-Date + X-Amz-Expires', () => {
  const request = presigned(60);
  assert.equal(parseSigV4(request).presigned, true);
  accepts(request, T0);
  accepts(request, T0 + 60_000);
  const expired = verifyError(request, T0 + 61_000);
  assert.equal(expired.code, 'RequestExpired');
  assert.equal(expired.message, 'Request has expired.');
  // A week-long URL is good for a week: the 15-minute skew applies to header signatures only.
  accepts(presigned(604800), T0 + 6 * 24 * 60 * MINUTE);
  // But a URL dated in the future is refused like a header signature.
  assert.equal(verifyError(request, T0 - 16 * MINUTE).code, 'RequestExpired');
});

test('a tampered presigned URL is refused', () => {
  const request = presigned(300);
  const tamper = (from: string, to: string): SignedRequest => ({ ...request, rawQuery: request.rawQuery.replace(from, to) });
  assert.equal(verifyError(tamper('Action=GetCallerIdentity', 'Action=GetSessionToken'), T0).code, 'SignatureDoesNotMatch');
  assert.equal(verifyError(tamper('X-Amz-Expires=300', 'X-Amz-Expires=900'), T0).code, 'SignatureDoesNotMatch');
  const signature = parseSigV4(request).signature;
  const flipped = signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');
  assert.equal(verifyError(tamper(signature, flipped), T0).code, 'SignatureDoesNotMatch');
  assert.equal(verifyError({ ...request, headers: { host: ['evil.example'] } }, T0).code, 'SignatureDoesNotMatch');
});

test('a presigned URL with a session token', () => {
  const request = presigned(60, { credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: SECRET, sessionToken: 'a+b/c=' } });
  assert.match(request.rawQuery, /X-Amz-Security-Token=a%2Bb%2Fc%3D/);
  assert.equal(parseSigV4(request).securityToken, 'a+b/c=');
  accepts(request, T0);
  assert.equal(verifyError({ ...request, rawQuery: request.rawQuery.replace('a%2Bb%2Fc%3D', 'other') }, T0).code, 'SignatureDoesNotMatch');
});

// ---- AWS's published S3 examples (Amazon S3 API reference, "Signature Calculations") ----

const S3_EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const S3_EXAMPLE_NOW = Date.UTC(2013, 4, 24, 0, 0, 0);

test('S3 example: GET Object with a Range header', () => {
  const request: SignedRequest = {
    method: 'GET',
    rawPath: '/test.txt',
    rawQuery: '',
    headers: {
      host: ['examplebucket.s3.amazonaws.com'],
      range: ['bytes=0-9'],
      'x-amz-content-sha256': ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
      'x-amz-date': ['20130524T000000Z'],
      authorization: [
        'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
          'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
          'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
      ],
    },
    body: new Uint8Array(),
  };
  const parsed = parseSigV4(request);
  assert.equal(
    verifier.stringToSign(request, parsed),
    'AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n' +
      '7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972',
  );
  verifier.verify(request, parsed, S3_EXAMPLE_SECRET, S3_EXAMPLE_NOW);
});

test('S3 example: presigned GET URL (UNSIGNED-PAYLOAD implied)', () => {
  const request: SignedRequest = {
    method: 'GET',
    rawPath: '/test.txt',
    rawQuery:
      'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request' +
      '&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host' +
      '&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    headers: { host: ['examplebucket.s3.amazonaws.com'] },
    body: new Uint8Array(),
  };
  const parsed = parseSigV4(request);
  verifier.verify(request, parsed, S3_EXAMPLE_SECRET, S3_EXAMPLE_NOW + 3600_000);
  assert.throws(
    () => verifier.verify(request, parsed, S3_EXAMPLE_SECRET, S3_EXAMPLE_NOW + 86401_000),
    (error: unknown) => isAwsError(error) && error.code === 'RequestExpired',
  );
});
