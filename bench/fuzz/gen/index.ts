import { Rng } from '../rng.js';
import type { Draft, FuzzProtocol, RawDamage } from '../draft.js';
import type { Fixture } from '../fixture.js';
import { generateForm } from './form.js';
import { generateJson } from './json.js';
import { generatePresigned } from './presigned.js';
import { generateS3 } from './s3.js';

export const ALL_PROTOCOLS: readonly FuzzProtocol[] = ['form', 'json', 's3', 'presigned'];
const WEIGHTS: Record<FuzzProtocol, number> = { form: 38, json: 12, s3: 36, presigned: 14 };

/**
 * Request `index` of a run seeded with `seed`: a pure function of (seed, index) and the fixture
 * (credentials, upload ids). About 2 % become malformed HTTP on a connection of their own, and
 * about 1 % are abandoned by the client half-way through the body.
 */
export function generate(seed: number, index: number, fixture: Fixture, protocols: readonly FuzzProtocol[]): Draft {
  const r = Rng.of(seed, index);
  const protocol = r.weighted(protocols.map((p) => [p, WEIGHTS[p]] as const));
  const draft =
    protocol === 'form'
      ? generateForm(r, fixture, index)
      : protocol === 'json'
        ? generateJson(r, fixture, index)
        : protocol === 's3'
          ? generateS3(r, fixture, index)
          : generatePresigned(r, fixture, index);
  const roll = r.float();
  if (roll < 0.02) {
    draft.raw = rawDamage(r);
    draft.mutations.push(`http:${draft.raw.kind}`);
  } else if (roll < 0.03) {
    draft.abortAfter = r.range(1, 400);
    draft.mutations.push('http:client-abort');
  } else if (roll < 0.035) {
    draft.contentLength = r.pick(['none', '-1', '0', 'abc', '1e3', ' 5', '99999999999999999999', '0x10']);
    draft.mutations.push('http:content-length');
  }
  return draft;
}

function rawDamage(r: Rng): RawDamage {
  switch (r.int(14)) {
    case 0:
      return {
        kind: 'request-line',
        line: r.pick([
          'GET',
          'GET /',
          '/ HTTP/1.1',
          'GET  / HTTP/1.1',
          'GET / HTTP/1.1 extra',
          '\u0000 / HTTP/1.1',
          'G\u00c9T / HTTP/1.1',
          'GET /\u0000 HTTP/1.1',
          'GET / / HTTP/1.1',
          '',
        ]),
      };
    case 1:
      return { kind: 'version', version: r.pick(['HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/1.2', 'http/1.1', 'HTTP/11', 'FOO/1.1']) };
    case 2:
      return {
        kind: 'header-line',
        line: r.pick([
          'NoColon',
          ': empty-name',
          'Bad Name: x',
          ' folded: continuation',
          'X-A:\u0000',
          'X-A: a\rb',
          'Transfer-Encoding: gzip, chunked',
          'Content-Length: 5',
          'Host: other',
          'X-\u00e9: v',
          'Content-Length:',
          'Connection: upgrade, close',
          'Upgrade: h2c',
        ]),
      };
    case 3:
      return { kind: 'bare-lf' };
    case 4:
      return { kind: 'duplicate-content-length', value: r.pick(['0', '1', '5', '100000', '-1']) };
    case 5:
      return { kind: 'te-and-cl' };
    case 6:
      return {
        kind: 'chunked-body',
        body: r.pick([
          '5\r\nhello\r\n0\r\n\r\n',
          'zz\r\n',
          '5\r\nhel',
          'ffffffffffffffff\r\nx\r\n0\r\n\r\n',
          '0\r\nX-T: 1\r\n\r\n',
          '5;ext=1\r\nhello\r\n0\r\n\r\n',
          '-5\r\nhello\r\n0\r\n\r\n',
          '5\r\nhelloXX0\r\n\r\n',
        ]),
      };
    case 7:
      return { kind: 'short-body', missing: r.range(1, 50) };
    case 8:
      return { kind: 'pipelined' };
    case 9:
      return { kind: 'many-headers', count: r.pick([100, 1000, 3000]) };
    case 10:
      return { kind: 'huge-header', bytes: r.pick([8000, 17000, 70000]) };
    case 11:
      return { kind: 'absolute-uri' };
    case 12:
      return { kind: 'expect-continue' };
    default:
      return {
        kind: 'garbage',
        bytes: r.pick([
          '\u0016\u0003\u0001\u0000\u00a5\u0001\u0000',
          'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
          '\r\n\r\n',
          'GET / HTTP/1.1\r\n',
          '\u0000'.repeat(100),
          'SSH-2.0-OpenSSH\r\n',
        ]),
      };
  }
}
