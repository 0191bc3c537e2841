import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { encodeLiteral, encodeNormalized, decodeQueryComponent } from '../../src/sigv4/uri-encode.js';
import { canonicalUri, normalizePath } from '../../src/sigv4/canonical-uri.js';
import { canonicalQuery } from '../../src/sigv4/canonical-query.js';
import { canonicalHeaders, canonicalHeaderValue } from '../../src/sigv4/canonical-headers.js';
import { formatAmzDate, parseAmzDate, toAmzDate } from '../../src/sigv4/amz-date.js';

test('encodeLiteral: RFC 3986 unreserved kept, everything else %XX of UTF-8, "%" included', () => {
  assert.equal(encodeLiteral('-._~AZaz09', false), '-._~AZaz09');
  assert.equal(encodeLiteral("a b+c!'()*", false), 'a%20b%2Bc%21%27%28%29%2A');
  assert.equal(encodeLiteral('%20', false), '%2520');
  assert.equal(encodeLiteral('\u1234', false), '%E1%88%B4');
  assert.equal(encodeLiteral('/a b/c', true), '/a%20b/c');
  assert.equal(encodeLiteral('/a b/c', false), '%2Fa%20b%2Fc');
  assert.equal(encodeLiteral('\uD800x', false), '%EF%BF%BDx', 'a lone surrogate becomes U+FFFD');
});

test('encodeNormalized: escapes read as bytes, re-encoded canonically', () => {
  assert.equal(encodeNormalized('a%20b', false), 'a%20b');
  assert.equal(encodeNormalized('a%2fb%3d', false), 'a%2Fb%3D', 'lower-case hex upper-cased');
  assert.equal(encodeNormalized('%41%7E', false), 'A~', 'escaped unreserved characters decoded');
  assert.equal(encodeNormalized('a+b', false), 'a%2Bb', '"+" is a literal plus, not a space');
  assert.equal(encodeNormalized('100%', false), '100%25', 'a bare "%" is a literal percent sign');
  assert.equal(encodeNormalized('%zz%4', false), '%25zz%254');
  assert.equal(encodeNormalized('\u1234=', false), '%E1%88%B4%3D');
  assert.equal(encodeNormalized('%E1%88%B4', false), '%E1%88%B4');
  assert.equal(encodeNormalized('/a%2Fb/c d', true), '/a%2Fb/c%20d', 'an escaped slash stays escaped');
});

test('decodeQueryComponent keeps "+" and survives bad escapes', () => {
  assert.equal(decodeQueryComponent('a%2Bb+c%2F'), 'a+b+c/');
  assert.equal(decodeQueryComponent('100%'), '100%');
  assert.equal(decodeQueryComponent('%E1%88'), '%E1%88');
});

test('normalizePath removes dot segments and empty segments', () => {
  const cases: Array<[string, string]> = [
    ['/', '/'],
    ['//', '/'],
    ['/example/..', '/'],
    ['/example1/example2/../..', '/'],
    ['/./', '/'],
    ['/./example', '/example'],
    ['//example//', '/example/'],
    ['/a/b/../c/./d/', '/a/c/d/'],
    ['/../a', '/a'],
    ['/a.txt', '/a.txt'],
  ];
  for (const [input, expected] of cases) assert.equal(normalizePath(input), expected, input);
});

test('canonicalUri: non-S3 services normalise and encode the received path again', () => {
  // AWS's own example: "/documents and settings/" is sent as /documents%20and%20settings/.
  assert.equal(canonicalUri('/documents%20and%20settings/', 'iam'), '/documents%2520and%2520settings/');
  assert.equal(canonicalUri('/a/./b/../c', 'sts'), '/a/c');
  assert.equal(canonicalUri('', 'sts'), '/');
  assert.equal(canonicalUri('/', 'cloudtrail'), '/');
});

test('canonicalUri: S3 encodes once and keeps dot segments and double slashes', () => {
  assert.equal(canonicalUri('/documents%20and%20settings/', 's3'), '/documents%20and%20settings/');
  assert.equal(canonicalUri('/bucket/a/../b//c', 's3'), '/bucket/a/../b//c');
  assert.equal(canonicalUri('/bucket/k%2by', 's3'), '/bucket/k%2By');
  assert.equal(canonicalUri('', 's3'), '/');
});

test('canonicalQuery sorts by encoded key, then value, and re-encodes', () => {
  assert.equal(canonicalQuery('', false), '');
  assert.equal(canonicalQuery('Param2=value2&Param1=value1', false), 'Param1=value1&Param2=value2');
  assert.equal(canonicalQuery('Param1=value2&Param1=Value1', false), 'Param1=Value1&Param1=value2');
  assert.equal(canonicalQuery('b&a=&c=1', false), 'a=&b=&c=1', 'a key without "=" has an empty value');
  assert.equal(canonicalQuery('a=1&&b=2&', false), 'a=1&b=2', 'empty segments dropped');
  assert.equal(canonicalQuery('k=a b&k2=a+b&k3=a%20b', false), 'k=a%20b&k2=a%2Bb&k3=a%20b');
  assert.equal(canonicalQuery('c%2Bd', false), 'c%2Bd=');
  assert.equal(canonicalQuery('c+d', false), 'c%2Bd=', 'AWS get-query-plus: "+" is literal');
  // Sorting is on the encoded form: "%2B" (for "+") sorts before "%40" (for "@") and before letters.
  assert.equal(canonicalQuery('a=1&@=2&+=3', false), '%2B=3&%40=2&a=1');
});

test('canonicalQuery leaves X-Amz-Signature out of a presigned URL only', () => {
  assert.equal(canonicalQuery('X-Amz-Signature=abc&X-Amz-Date=1', true), 'X-Amz-Date=1');
  assert.equal(canonicalQuery('X-Amz-Signature=abc&X-Amz-Date=1', false), 'X-Amz-Date=1&X-Amz-Signature=abc');
});

test('canonical header values are trimmed, inner white space collapsed, values joined by ","', () => {
  assert.equal(canonicalHeaderValue('  "a   b   c"  '), '"a b c"');
  assert.equal(canonicalHeaderValue('a\t \tb'), 'a b');
  assert.equal(canonicalHeaderValue('plain'), 'plain');
  const headers = { host: ['example.com'], 'my-header1': ['value4', ' value1 ', 'value3'], 'x-amz-date': ['20150830T123600Z'] };
  assert.equal(
    canonicalHeaders(headers, ['host', 'my-header1', 'x-amz-date']),
    'host:example.com\nmy-header1:value4,value1,value3\nx-amz-date:20150830T123600Z\n',
  );
  assert.equal(canonicalHeaders(headers, ['host', 'missing']), undefined, 'a signed header that is absent');
  assert.equal(canonicalHeaders({ host: ['h'], empty: [''] }, ['empty', 'host']), 'empty:\nhost:h\n');
});

test('amz dates: parse, format, and IMF-fixdate conversion', () => {
  const ms = Date.UTC(2015, 7, 30, 12, 36, 0);
  assert.equal(parseAmzDate('20150830T123600Z'), ms);
  assert.equal(formatAmzDate(ms + 999), '20150830T123600Z');
  assert.equal(parseAmzDate('20150231T000000Z'), undefined, 'no such day');
  assert.equal(parseAmzDate('2015-08-30T12:36:00Z'), undefined);
  assert.equal(parseAmzDate('20150830T123600'), undefined);
  assert.equal(toAmzDate('Sun, 30 Aug 2015 12:36:00 GMT'), '20150830T123600Z');
  assert.equal(toAmzDate('20150830T123600Z'), '20150830T123600Z');
  assert.equal(toAmzDate('Sun, 30 Foo 2015 12:36:00 GMT'), undefined);
});
