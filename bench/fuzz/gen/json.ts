import type { Rng } from '../rng.js';
import type { Draft } from '../draft.js';
import type { Fixture } from '../fixture.js';
import { type Json, jsonText, mutateTree } from '../json-mutate.js';
import { enc } from '../encoding.js';
import { oddText } from '../values.js';
import { mutateHeaders, oddHeaderValue, signChoice } from './common.js';

/**
 * CloudTrail JSON 1.1: LookupEvents with mutated bodies (member types, nesting, huge and
 * non-finite numbers, bad UTF-8, broken grammar) and the occasional odd X-Amz-Target or
 * Content-Type, signed after mutation most of the time.
 */
const TARGET = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101';
const ATTRIBUTE_KEYS = ['EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'];

function validBody(r: Rng, f: Fixture): Json {
  const body: { [k: string]: Json } = {};
  const now = Math.floor(Date.now() / 1000);
  if (r.chance(0.6)) {
    const key = r.pick(ATTRIBUTE_KEYS);
    const value = r.pick([
      'AssumeRole',
      'CreateUser',
      'admin',
      'fuzz-caller',
      'AKIAKEYSMITHFUZZ0001',
      'true',
      'false',
      'iam.amazonaws.com',
      's3.amazonaws.com',
      'AWS::IAM::Role',
      f.roleArn,
      '',
    ]);
    body.LookupAttributes = [{ AttributeKey: key, AttributeValue: value }];
  }
  if (r.chance(0.4)) body.StartTime = now - r.range(0, 3600);
  if (r.chance(0.4)) body.EndTime = r.chance(0.8) ? now : new Date().toISOString();
  if (r.chance(0.5)) body.MaxResults = r.range(1, 50);
  if (r.chance(0.1)) body.EventCategory = 'insight';
  if (r.chance(0.15)) body.NextToken = r.pick(['', 'x', 'eyJhIjoxfQ==', 'A'.repeat(200), r.hex(64)]);
  return body;
}

const INTERESTING: Json[] = [
  1e308,
  -1,
  0,
  51,
  50.5,
  2 ** 53 + 2,
  '1',
  'NaN',
  null,
  [],
  {},
  [{}],
  [{ AttributeKey: 'EventName' }],
  [{ AttributeKey: 'x', AttributeValue: 'y' }],
  [
    { AttributeKey: 'EventName', AttributeValue: 'a' },
    { AttributeKey: 'Username', AttributeValue: 'b' },
  ],
  { AttributeKey: 'EventName', AttributeValue: 1 },
  'insight',
  'management',
  'data',
  -8.64e15,
  8.64e15,
  8.64e15 + 1,
  1e21,
  '2020-01-01T00:00:00Z',
  true,
];

export function generateJson(r: Rng, f: Fixture, index: number): Draft {
  const what: string[] = [];
  let value = validBody(r, f);
  if (r.chance(0.75)) {
    const n = r.range(1, 3);
    for (let i = 0; i < n; i++) {
      const m = mutateTree(r, value, INTERESTING);
      value = m.value;
      what.push(m.what);
    }
  }
  const text = jsonText(r, value, 0.25);
  if (text.what) what.push(text.what);
  let body = text.bytes;
  if (r.chance(0.01)) {
    body = Buffer.alloc(r.range(1_048_577, 1_100_000), 0x20);
    what.push('json:over-limit');
  }
  let headers: Array<[string, string]> = [
    ['Content-Type', 'application/x-amz-json-1.1'],
    ['X-Amz-Target', `${TARGET}.LookupEvents`],
  ];
  if (r.chance(0.15)) {
    const target = r.pick([
      `${TARGET}.CreateTrail`,
      `${TARGET}.lookupevents`,
      `${TARGET}.`,
      TARGET,
      'LookupEvents',
      '',
      `${TARGET}.LookupEvents.x`,
      `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents${'\u00e9'}`,
      `${TARGET}.constructor`,
      `${TARGET}.__proto__`,
      `${TARGET}.GetTrailStatus`,
      `${TARGET}.DescribeTrails`,
      oddHeaderValue(r),
      'x'.repeat(8000),
    ]);
    headers[1] = ['X-Amz-Target', target];
    what.push('header:target');
  }
  if (r.chance(0.08)) {
    headers[0] = [
      'Content-Type',
      r.pick(['application/json', 'application/x-amz-json-1.0', 'text/plain', '', 'application/x-www-form-urlencoded', oddHeaderValue(r)]),
    ];
    what.push('header:content-type');
  }
  if (r.chance(0.05)) {
    headers.push(['X-Amz-Target', r.pick([`${TARGET}.LookupEvents`, `${TARGET}.CreateTrail`])]);
    what.push('header:duplicate-target');
  }
  if (r.chance(0.06)) {
    const m = mutateHeaders(r, headers, ['Content-Encoding', 'X-Amz-User-Agent', 'Accept', 'Content-Type', 'X-Amz-Target']);
    headers = m.headers;
    what.push(...m.what);
  }
  const choice = signChoice(r, r.chance(0.97) ? 'cloudtrail' : r.pick(['iam', 's3']), 'hash', f);
  return {
    index,
    protocol: 'json',
    op: 'cloudtrail:LookupEvents',
    mutations: [...what, ...choice.mutations],
    method: r.chance(0.97) ? 'POST' : r.pick(['GET', 'PUT', 'DELETE']),
    path: r.chance(0.97) ? '/' : r.pick(['/x', '//', '/?a=1', '/' + enc(oddText(r))]),
    query: [],
    headers,
    body: { kind: 'bytes', data: body },
    sign: choice.sign,
    post: choice.post,
  };
}
