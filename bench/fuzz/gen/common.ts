import type { Rng } from '../rng.js';
import type { PostOp, SignPlan } from '../draft.js';
import type { Fixture } from '../fixture.js';
import { oddText } from '../values.js';

/** Who signs: mostly the admin and the assumed-role session (they reach handlers), sometimes the limited ones. */
export function pickCreds(r: Rng): string {
  return r.weighted<string>([
    ['admin', 45],
    ['session', 35],
    ['user', 12],
    ['restricted-session', 8],
  ]);
}

export interface SignChoice {
  sign: SignPlan;
  post: PostOp[];
  mutations: string[];
}

/**
 * How a request is authenticated: most are signed *after* mutation (so they pass authentication
 * and reach decoding and the handler), some are signed and then changed (the signature no longer
 * matches: the pre-authentication paths), some carry no signature at all, and a few are signed
 * with a skewed clock, an odd region or another service's scope.
 */
export function signChoice(r: Rng, service: string, payload: 'hash' | 'hash-header', fixture: Fixture): SignChoice {
  const creds = pickCreds(r);
  const base = { kind: 'header' as const, creds, service, region: fixture.region, payload };
  const roll = r.float();
  if (roll < 0.72) return { sign: base, post: [], mutations: [] };
  if (roll < 0.86) {
    const post = postMutation(r, service);
    return { sign: base, post: [post], mutations: [`post-sign:${post.op}`] };
  }
  if (roll < 0.93) return { sign: { kind: 'none' }, post: [], mutations: ['unsigned'] };
  switch (r.int(5)) {
    case 0:
      return {
        sign: { ...base, skewMs: r.pick([-16 * 60e3, 16 * 60e3, -14 * 60e3, 86400e3 * 3650, -86400e3 * 20000]) },
        post: [],
        mutations: ['sign:clock-skew'],
      };
    case 1:
      return {
        sign: { ...base, region: r.pick(['eu-west-1', '', 'x'.repeat(300), 'us-east-1 ', 'ÜS', '*', 'aws-global']) },
        post: [],
        mutations: ['sign:odd-region'],
      };
    case 2:
      return {
        sign: { ...base, service: r.pick(['iam', 'sts', 's3', 'cloudtrail', 'ec2', '', 'IAM']) },
        post: [],
        mutations: ['sign:other-service'],
      };
    case 3:
      return {
        sign: base,
        post: [{ op: 'replace-in-auth', from: 'aws4_request', to: r.pick(['aws4_requestx', '', 'aws5_request']) }],
        mutations: ['post-sign:scope'],
      };
    default:
      return {
        sign: base,
        post: [
          {
            op: 'set-header',
            name: 'X-Amz-Date',
            value: r.pick(['20990101T000000Z', '19700101T000000Z', 'garbage', '', '20240230T000000Z', new Date().toUTCString()]),
          },
        ],
        mutations: ['post-sign:date'],
      };
  }
}

/** A change after signing. */
export function postMutation(r: Rng, service: string): PostOp {
  switch (r.int(8)) {
    case 0:
    case 1:
      return { op: 'flip-signature' };
    case 2:
      return { op: 'drop-header', name: r.pick(['Authorization', 'X-Amz-Date', 'X-Amz-Security-Token', 'x-amz-content-sha256', 'Host']) };
    case 3:
      return {
        op: 'add-header',
        name: r.pick(['Authorization', 'X-Amz-Date', 'X-Amz-Security-Token', 'Host']),
        value: r.pick(['', 'AWS4-HMAC-SHA256 Credential=x', '20240101T000000Z', oddText(r).replace(/[\r\n]/g, '')]),
      };
    case 4:
      return {
        op: 'set-header',
        name: 'Authorization',
        value: r.pick([
          'AWS4-HMAC-SHA256',
          'AWS4-HMAC-SHA256 Credential=AKIAKEYSMITHFUZZ0001',
          `AWS4-HMAC-SHA256 Credential=AKIAKEYSMITHFUZZ0001/20240101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
          'AWS AKIAKEYSMITHFUZZ0001:c2lnbmF0dXJl',
          'Bearer x',
          'AWS4-HMAC-SHA256 Credential=/////, SignedHeaders=;;;, Signature=',
          `AWS4-HMAC-SHA256 Credential=AKIAKEYSMITHFUZZ0001/20240101/us-east-1/${service}/aws4_request, SignedHeaders=${'a;'.repeat(2000)}host, Signature=${'a'.repeat(64)}`,
          'AWS4-HMAC-SHA256 Credential=AKIAKEYSMITHFUZZ0001/20240101/us-east-1/s3/aws4_request,SignedHeaders=host,Signature=zz',
          'AWS4-ECDSA-P256-SHA256 Credential=x',
          'AWS4-HMAC-SHA256 Credential=ASIAAAAAAAAAAAAAAAAA/20240101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=' +
            'f'.repeat(64),
        ]),
      };
    case 5:
      return {
        op: 'set-header',
        name: 'X-Amz-Security-Token',
        value: r.pick(['', 'x', 'A'.repeat(5000), 'FwoGZXIvYXdzE' + 'A'.repeat(300), '%%%', 'ks1.' + 'a'.repeat(100)]),
      };
    case 6:
      return { op: 'add-query', key: r.pick(['Action', 'X-Amz-Signature', 'x', 'Version']), value: r.pick(['ListUsers', '', 'x']) };
    default:
      return { op: 'append-body', data: r.pick(['&Action=DeleteUser', '&x=1', ' ', '\u0000']) };
  }
}

/** Header values: CR/LF-free but odd (latin1 text; UTF-8 is written as its bytes). */
export function oddHeaderValue(r: Rng): string {
  const v = oddText(r).replace(/[\r\n]/g, '');
  return Buffer.from(v, 'utf8').toString('latin1').slice(0, 6000);
}

/** The headers of a request, after a few random changes (header names never change case meaningfully for HTTP). */
export function mutateHeaders(
  r: Rng,
  headers: Array<[string, string]>,
  candidates: readonly string[],
): { headers: Array<[string, string]>; what: string[] } {
  const out = headers.slice();
  const what: string[] = [];
  const n = r.range(1, 3);
  for (let i = 0; i < n; i++) {
    switch (r.int(5)) {
      case 0:
        if (out.length > 0) {
          const j = r.int(out.length);
          what.push(`header:drop ${out[j]![0]}`);
          out.splice(j, 1);
        }
        break;
      case 1:
        if (out.length > 0) {
          const h = r.pick(out);
          out.push([h[0], r.chance(0.5) ? h[1] : oddHeaderValue(r)]);
          what.push(`header:duplicate ${h[0]}`);
        }
        break;
      case 2:
      case 3: {
        const name = r.pick(candidates);
        out.push([name, oddHeaderValue(r)]);
        what.push(`header:odd ${name}`);
        break;
      }
      default: {
        if (out.length > 0) {
          const j = r.int(out.length);
          out[j] = [out[j]![0], oddHeaderValue(r)];
          what.push(`header:odd-value ${out[j][0]}`);
        }
      }
    }
  }
  return { headers: out, what };
}
