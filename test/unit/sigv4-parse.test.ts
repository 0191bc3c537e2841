import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { parseSigV4, type SignedRequest } from '../../src/sigv4/index.js';
import { AwsError, isAwsError } from '../../src/errors/aws-error.js';

const CRED = 'AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request';
const SIG = '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';

function request(headers: Record<string, string>, rawQuery = ''): SignedRequest {
  const lower: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = [value];
  return { method: 'POST', rawPath: '/', rawQuery, headers: lower, body: new Uint8Array() };
}

function withAuth(authorization: string, extra: Record<string, string> = {}): SignedRequest {
  return request({ host: 'sts.example', 'x-amz-date': '20150830T123600Z', authorization, ...extra });
}

function parseError(req: SignedRequest): AwsError {
  try {
    parseSigV4(req);
  } catch (error) {
    if (isAwsError(error)) return error;
    throw error;
  }
  assert.fail('expected an AwsError');
}

test('no Authorization header and no presigned query: MissingAuthenticationToken', () => {
  const error = parseError(request({ host: 'sts.example' }, 'Action=GetCallerIdentity'));
  assert.equal(error.code, 'MissingAuthenticationToken');
  assert.equal(error.message, 'Request is missing Authentication Token');
  assert.equal(error.status, 403);
});

test('a well-formed Authorization header is parsed', () => {
  const parsed = parseSigV4(
    withAuth(`AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=host;x-amz-date, Signature=${SIG}`, {
      'x-amz-security-token': 'token+/=',
    }),
  );
  assert.deepEqual(parsed, {
    accessKeyId: 'AKIDEXAMPLE',
    scopeDate: '20150830',
    region: 'us-east-1',
    service: 'sts',
    scope: '20150830/us-east-1/sts/aws4_request',
    signedHeaders: ['host', 'x-amz-date'],
    signature: SIG,
    amzDate: '20150830T123600Z',
    securityToken: 'token+/=',
    presigned: false,
    expiresSeconds: undefined,
  });
});

test('pairs may be separated by commas alone, or by spaces alone', () => {
  for (const sep of [',', ' ', ' ,  ']) {
    const parsed = parseSigV4(withAuth(`AWS4-HMAC-SHA256 Credential=${CRED}${sep}SignedHeaders=host;x-amz-date${sep}Signature=${SIG}`));
    assert.equal(parsed.signature, SIG);
  }
});

test('anything that is not SigV4 gets the AWS "requires" message, echoing the header', () => {
  const jwt = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI5ZDQzIn0.4f1JhoEZYj16T9Cfe';
  const error = parseError(request({ host: 'sts.example', authorization: jwt }));
  assert.equal(error.code, 'IncompleteSignature');
  assert.equal(error.status, 400);
  assert.equal(
    error.message,
    "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
      "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of " +
      `either a 'X-Amz-Date' or a 'Date' header. Authorization=${jwt}`,
  );
});

test('only the missing parts are listed', () => {
  const header = `AWS4-HMAC-SHA256 Credential=${CRED}`;
  const error = parseError(withAuth(header));
  assert.equal(
    error.message,
    "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. " +
      `Authorization=${header}`,
  );
});

test('a token without "=" is reported as AWS does', () => {
  const header = `AWS4-HMAC-SHA256 Credential= ${CRED}, SignedHeaders=host;x-amz-date, Signature=${SIG}`;
  const error = parseError(withAuth(header));
  assert.equal(error.code, 'IncompleteSignature');
  assert.equal(error.message, `'${CRED}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`);
});

test('an unsupported algorithm is IncompleteSignature', () => {
  const error = parseError(withAuth(`AWS4-HMAC-SHA512 Credential=${CRED}, SignedHeaders=host;x-amz-date, Signature=${SIG}`));
  assert.equal(error.code, 'IncompleteSignature');
  assert.equal(error.message, "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'");
});

test('a malformed credential is IncompleteSignature', () => {
  for (const credential of ['AKIDEXAMPLE/20150830/us-east-1/sts', 'AKIDEXAMPLE//us-east-1/sts/aws4_request', 'a/b/c/d/e/f']) {
    const error = parseError(withAuth(`AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host;x-amz-date, Signature=${SIG}`));
    assert.equal(error.code, 'IncompleteSignature');
    assert.equal(
      error.message,
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const error = parseError(
    withAuth(
      `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws5_request, SignedHeaders=host;x-amz-date, Signature=${SIG}`,
    ),
  );
  assert.equal(error.message, "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.");
});

test('host and a date header must be signed', () => {
  const noHost = parseError(withAuth(`AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=x-amz-date, Signature=${SIG}`));
  assert.equal(noHost.code, 'IncompleteSignature');
  assert.equal(noHost.message, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  const noDate = parseError(withAuth(`AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=host, Signature=${SIG}`));
  assert.equal(noDate.code, 'IncompleteSignature');
});

test('a date that is not ISO 8601 basic format is IncompleteSignature', () => {
  const error = parseError(
    withAuth(`AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=host;x-amz-date, Signature=${SIG}`, {
      'x-amz-date': '2015-08-30T12:36:00Z',
    }),
  );
  assert.equal(error.code, 'IncompleteSignature');
  assert.equal(
    error.message,
    "Date must be in ISO-8601 'basic format'. Got '2015-08-30T12:36:00Z'. See http://en.wikipedia.org/wiki/ISO_8601",
  );
});

test('a Date header (IMF-fixdate) stands in for X-Amz-Date', () => {
  const parsed = parseSigV4(
    request({
      host: 'sts.example',
      date: 'Sun, 30 Aug 2015 12:36:00 GMT',
      authorization: `AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=date;host, Signature=${SIG}`,
    }),
  );
  assert.equal(parsed.amzDate, '20150830T123600Z');
});

test('several Authorization headers are refused', () => {
  const req = withAuth(`AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=host;x-amz-date, Signature=${SIG}`);
  req.headers['authorization'] = [req.headers['authorization']![0]!, req.headers['authorization']![0]!];
  assert.equal(parseError(req).code, 'IncompleteSignature');
});

const PRESIGNED =
  'Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256' +
  '&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20150830T123600Z' +
  `&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Security-Token=abc%2Bdef%2F%3D&X-Amz-Signature=${SIG}`;

test('a presigned query is parsed, values decoded', () => {
  const parsed = parseSigV4(request({ host: 'sts.example' }, PRESIGNED));
  assert.deepEqual(parsed, {
    accessKeyId: 'AKIDEXAMPLE',
    scopeDate: '20150830',
    region: 'us-east-1',
    service: 'sts',
    scope: '20150830/us-east-1/sts/aws4_request',
    signedHeaders: ['host', 'x-k8s-aws-id'],
    signature: SIG,
    amzDate: '20150830T123600Z',
    securityToken: 'abc+def/=',
    presigned: true,
    expiresSeconds: 60,
  });
});

test('a presigned query missing parameters lists them as AWS does', () => {
  const error = parseError(request({ host: 'sts.example' }, `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=${SIG}`));
  assert.equal(error.code, 'IncompleteSignature');
  assert.equal(
    error.message,
    "AWS query-string parameters must include 'X-Amz-Credential'. " +
      "AWS query-string parameters must include 'X-Amz-SignedHeaders'. " +
      "AWS query-string parameters must include 'X-Amz-Date'. " +
      "AWS query-string parameters must include 'X-Amz-Expires'. Re-examine the query-string parameters.",
  );
});

test('X-Amz-Expires must be 1..604800 seconds', () => {
  for (const expires of ['0', '-1', 'abc', '604801', '99999999999']) {
    const error = parseError(request({ host: 'sts.example' }, PRESIGNED.replace('X-Amz-Expires=60', `X-Amz-Expires=${expires}`)));
    assert.equal(error.code, 'IncompleteSignature', expires);
  }
  const week = parseSigV4(request({ host: 'sts.example' }, PRESIGNED.replace('X-Amz-Expires=60', 'X-Amz-Expires=604800')));
  assert.equal(week.expiresSeconds, 604800);
});

test('a presigned query and an Authorization header together are refused', () => {
  const req = request(
    {
      host: 'sts.example',
      'x-amz-date': '20150830T123600Z',
      authorization: `AWS4-HMAC-SHA256 Credential=${CRED}, SignedHeaders=host;x-amz-date, Signature=${SIG}`,
    },
    PRESIGNED,
  );
  assert.equal(parseError(req).code, 'IncompleteSignature');
});

test('an ordinary X-Amz-* query parameter does not make a request presigned', () => {
  const error = parseError(request({ host: 'sts.example' }, 'X-Amz-Foo=1'));
  assert.equal(error.code, 'MissingAuthenticationToken');
});
