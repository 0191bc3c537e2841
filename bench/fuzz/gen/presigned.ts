import type { Rng } from '../rng.js';
import type { Draft, Pair, PostOp } from '../draft.js';
import type { Fixture } from '../fixture.js';
import { enc } from '../encoding.js';
import { oddNumber, oddText } from '../values.js';
import { pickCreds } from './common.js';
import { s3Path } from './s3.js';

/**
 * Presigned URLs: SigV4 (X-Amz-Algorithm, -Credential, -Date, -Expires, -SignedHeaders,
 * -Signature, -Security-Token) for S3 objects and for STS/IAM Query GETs, and S3's legacy
 * SigV2 query form (AWSAccessKeyId, Expires, Signature). Expiry, encoding and duplicated
 * parameters are mutated; response-* overrides and other signed parameters ride along.
 */
const OBJECT_METHODS = ['GET', 'GET', 'GET', 'PUT', 'HEAD', 'DELETE'];

function extraParams(r: Rng, what: string[]): Pair[] {
  const out: Pair[] = [];
  if (r.chance(0.3)) {
    const name = r.pick([
      'response-content-type',
      'response-content-disposition',
      'response-cache-control',
      'response-expires',
      'response-content-language',
      'response-content-encoding',
    ]);
    out.push([
      name,
      r.weighted<string>([
        [enc(r.pick(['text/plain', 'attachment; filename="x"'])), 3],
        [enc(oddText(r)), 3],
        [r.pick(['%0D%0AX-Injected:%201', '%0A', '%00', '%C4%80', '%E2%80%A8', '%FF']), 3],
      ]),
    ]);
    what.push(`query:${name}`);
  }
  if (r.chance(0.15)) {
    out.push([r.pick(['x-id', 'versionId', 'tagging', 'partNumber', 'x', enc(oddText(r))]), r.chance(0.3) ? undefined : enc(oddText(r))]);
    what.push('query:extra');
  }
  return out;
}

/** Changes after presigning: the signature no longer covers them (expiry, credential, signature itself). */
function v4Post(r: Rng, what: string[]): PostOp[] {
  if (!r.chance(0.35)) return [];
  const param = r.pick([
    'X-Amz-Expires',
    'X-Amz-Date',
    'X-Amz-Credential',
    'X-Amz-SignedHeaders',
    'X-Amz-Signature',
    'X-Amz-Algorithm',
    'X-Amz-Security-Token',
  ]);
  what.push(`post-sign:${param}`);
  const value = (): string | undefined => {
    switch (param) {
      case 'X-Amz-Expires':
        return enc(oddNumber(r));
      case 'X-Amz-Date':
        return r.pick(['20990101T000000Z', '19700101T000000Z', 'x', '', '20240230T250000Z', enc(new Date().toUTCString())]);
      case 'X-Amz-Credential':
        return r.pick([
          '',
          'AKIAKEYSMITHFUZZ0001',
          'AKIAKEYSMITHFUZZ0001%2F20240101',
          'a%2Fb%2Fc%2Fd%2Fe%2Ff%2Fg',
          '%2F%2F%2F%2F',
          'AKIAKEYSMITHFUZZ0001/20240101/us-east-1/s3/aws4_request',
          enc(oddText(r)),
        ]);
      case 'X-Amz-SignedHeaders':
        return r.pick(['', 'x-foo', 'host%3Bx-amz-date', 'HOST', 'host%3Bhost', ';;', enc(oddText(r))]);
      case 'X-Amz-Signature':
        return r.pick(['', 'x', '0'.repeat(64), 'F'.repeat(64), 'g'.repeat(64), '0'.repeat(63), '0'.repeat(65), undefined]);
      case 'X-Amz-Algorithm':
        return r.pick(['AWS4-HMAC-SHA1', '', 'AWS4-ECDSA-P256-SHA256', 'aws4-hmac-sha256']);
      default:
        return r.pick(['', 'x', 'A'.repeat(3000)]);
    }
  };
  const roll = r.int(4);
  if (roll === 0) return [{ op: 'drop-query', key: param }];
  if (roll === 1) return [{ op: 'add-query', key: param, value: value() }];
  if (roll === 2) return [{ op: 'flip-signature' }];
  return [{ op: 'set-query', key: param, value: value() }];
}

function v2Post(r: Rng, what: string[]): PostOp[] {
  if (!r.chance(0.4)) return [];
  const param = r.pick(['Expires', 'Signature', 'AWSAccessKeyId', 'x-amz-security-token']);
  what.push(`post-sign:${param}`);
  const value = (): string | undefined => {
    switch (param) {
      case 'Expires':
        return r.pick(['', '-1', '0', '1e10', '9999999999999', '99999999999999999999', 'abc', ' 1', '1.5', String(2 ** 53 + 1), undefined]);
      case 'Signature':
        return r.pick(['', '====', 'not base64!', 'A'.repeat(28), '%2B%2F%3D', '+/+/', 'a b', 'AAAA%00', enc(oddText(r)), undefined]);
      case 'AWSAccessKeyId':
        return r.pick(['', 'AKIA', 'ASIAAAAAAAAAAAAAAAAA', enc(oddText(r)), undefined]);
      default:
        return r.pick(['', 'x', 'A'.repeat(2000)]);
    }
  };
  const roll = r.int(4);
  if (roll === 0) return [{ op: 'drop-query', key: param }];
  if (roll === 1) return [{ op: 'add-query', key: param, value: value() }];
  if (roll === 2) return [{ op: 'flip-signature' }];
  return [{ op: 'set-query', key: param, value: value() }];
}

export function generatePresigned(r: Rng, f: Fixture, index: number): Draft {
  const what: string[] = [];
  const creds = pickCreds(r);
  const kind = r.weighted<string>([
    ['s3-v4', 5],
    ['s3-v2', 3.5],
    ['query-v4', 1.5],
  ]);
  if (kind === 'query-v4') {
    const service = r.chance(0.6) ? 'sts' : 'iam';
    const action =
      service === 'sts'
        ? r.pick(['GetCallerIdentity', 'GetSessionToken', 'AssumeRole'])
        : r.pick(['ListUsers', 'GetUser', 'ListRoles', 'GetAccountSummary']);
    const query: Pair[] = [
      ['Action', action],
      ['Version', service === 'sts' ? '2011-06-15' : '2010-05-08'],
    ];
    if (action === 'AssumeRole') query.push(['RoleArn', enc(f.roleArn)], ['RoleSessionName', 'presigned']);
    if (r.chance(0.2)) {
      query.push([
        r.pick(['Action', 'Version', 'X-Amz-Date', 'DurationSeconds', 'MaxItems']),
        enc(r.chance(0.5) ? oddNumber(r) : oddText(r)),
      ]);
      what.push('query:extra');
    }
    const post = v4Post(r, what);
    return {
      index,
      protocol: 'presigned',
      op: `presigned-v4:${service}:${action}`,
      mutations: what,
      method: 'GET',
      path: '/',
      query,
      headers: [],
      body: { kind: 'bytes', data: Buffer.alloc(0) },
      sign: {
        kind: 'presign',
        creds,
        service,
        region: f.region,
        expires: presignExpiry(r, what),
        ...(r.chance(0.05) ? { skewMs: r.pick([-20 * 60e3, 20 * 60e3, -8 * 86400e3]) } : {}),
      },
      post,
    };
  }
  const method = r.pick(OBJECT_METHODS);
  const key =
    method === 'GET' || method === 'HEAD'
      ? r.chance(0.85)
        ? r.pick(f.objects)
        : r.pick(['nope', '日本', 'a'.repeat(1025), oddText(r)])
      : r.pick(['k0', 'k1', 'presigned-put', oddText(r)]);
  const bucketName = r.chance(0.92) ? f.bucket : r.pick([...f.scratchBuckets, 'does-not-exist', 'UPPER']);
  const at = s3Path(r, bucketName, key, what);
  const query = extraParams(r, what);
  const body = method === 'PUT' ? Buffer.from(r.chance(0.9) ? 'presigned body\n' : oddText(r)) : Buffer.alloc(0);
  const headers: Array<[string, string]> = method === 'PUT' && r.chance(0.3) ? [['Content-Type', r.pick(['text/plain', 'x', ''])]] : [];
  if (kind === 's3-v4') {
    return {
      index,
      protocol: 'presigned',
      op: `presigned-v4:s3:${method}`,
      mutations: what,
      method,
      path: at.path,
      query,
      headers,
      body: { kind: 'bytes', data: body },
      sign: {
        kind: 'presign',
        creds,
        service: 's3',
        region: f.region,
        expires: presignExpiry(r, what),
        ...(r.chance(0.05) ? { skewMs: r.pick([-20 * 60e3, 20 * 60e3, -8 * 86400e3]) } : {}),
      },
      post: v4Post(r, what),
      ...(at.host ? { host: at.host } : {}),
    };
  }
  const expiresDeltaS = r.weighted<number>([
    [r.pick([60, 300, 3600]), 8],
    [r.pick([-1, -3600, 0, 86400 * 3650, 2 ** 31]), 2],
  ]);
  if (expiresDeltaS <= 0) what.push('sigv2:expired');
  return {
    index,
    protocol: 'presigned',
    op: `presigned-v2:s3:${method}`,
    mutations: what,
    method,
    path: at.path,
    query,
    headers,
    body: { kind: 'bytes', data: body },
    sign: { kind: 'sigv2', creds, expiresDeltaS, tokenInQuery: r.chance(0.8) },
    post: v2Post(r, what),
    ...(at.host ? { host: at.host } : {}),
  };
}

function presignExpiry(r: Rng, what: string[]): number {
  if (r.chance(0.85)) return r.pick([60, 300, 3600, 604800]);
  what.push('presign:odd-expiry');
  return r.pick([0, 1, -1, 604801, 2 ** 31, 1e15, 1.5]);
}
