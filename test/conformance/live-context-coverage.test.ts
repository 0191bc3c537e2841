import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { CONDITION_KEYS } from '../../src/authz/condition-keys/key-table.js';
import { collectTables, type LiveCase } from '../support/live-context.js';

/**
 * Every condition key keysmith sets (a row of key-table.ts with a `source`) has a live case: a
 * policy that tests it, a call it allows and a call it refuses, run against a real keysmith by
 * one of the live-context suites. The suites are imported in collect mode: their tables are read,
 * their tests not run. A new key in the table fails here until someone writes its case.
 */

const tables = collectTables();
await import('./live-context-global.test.js');
await import('./live-context-iam.test.js');
await import('./live-context-iam-roles.test.js');
await import('./live-context-iam-certs.test.js');
await import('./live-context-iam-passwords.test.js');
await import('./live-context-iam-rest.test.js');
await import('./live-context-sts.test.js');
await import('./live-context-s3.test.js');
await import('./live-context-federation.test.js');
await import('./live-context-service-roles.test.js');

const cases: { area: string; c: LiveCase }[] = tables.flatMap((t) => t.cases.map((c) => ({ area: t.area, c })));
const sourced = CONDITION_KEYS.filter((row) => row.source !== undefined);
const lower = (k: string) => k.toLowerCase();

/** Everything a case's policies say, as text: where its keys must appear. */
function policyText(c: LiveCase): string {
  return JSON.stringify([c.policy, c.boundary, c.role, c.bucket, c.caller]).toLowerCase();
}

test('the suites registered their tables', () => {
  assert.deepEqual(tables.map((t) => t.area).sort(), [
    'IAM keys',
    'IAM keys (certs)',
    'IAM keys (passwords)',
    'IAM keys (rest)',
    'IAM keys (roles)',
    'S3 keys',
    'STS keys',
    'federation keys',
    'global keys',
    'service-role keys',
  ]);
  for (const t of tables) assert.ok(t.cases.length > 0, `${t.area} has no cases`);
});

test('every key keysmith sets has a live case with an allowed and a denied call', () => {
  const missing: string[] = [];
  for (const row of sourced) {
    // A key no live suite can produce says why, and is covered by a unit test instead.
    if (row.noLiveCase !== undefined) continue;
    const mine = cases.filter(({ c }) => c.keys.some((k) => lower(k) === lower(row.key)));
    const complete = mine.filter(({ c }) => typeof c.allowed?.run === 'function' && typeof c.denied?.run === 'function');
    if (complete.length === 0) missing.push(`${row.key} (${row.source})`);
  }
  assert.deepEqual(missing, [], `keys with a source but no live case: ${missing.join(', ')}`);
});

test('cases name only keys keysmith sets, as the table spells them', () => {
  const known = new Map(sourced.map((row) => [lower(row.key), row.key]));
  const notSet = new Set(CONDITION_KEYS.filter((row) => row.source === undefined).map((row) => lower(row.key)));
  for (const { area, c } of cases) {
    for (const k of c.keys) {
      assert.ok(!notSet.has(lower(k)), `${area} / ${c.title}: ${k} is a key keysmith never sets`);
      assert.equal(known.get(lower(k)), k, `${area} / ${c.title}: ${k} is not a key-table row (a family is written with its trailing "/")`);
    }
  }
});

test('every case’s policies test the keys it claims', () => {
  for (const { area, c } of cases) {
    const text = policyText(c);
    for (const k of c.keys) {
      // A family (aws:RequestTag/) appears with a tag key after it; an exact key as itself; a
      // family written with a placeholder (${ProviderName}:sub) with anything in its place.
      const mentioned = k.includes('${') ? templateIn(k).test(text) : text.includes(lower(k));
      assert.ok(mentioned, `${area} / ${c.title}: no policy of the case mentions ${k}`);
    }
  }
});

/** A key with `${Placeholder}`s as a pattern over a case's policy text (JSON, lower-case). */
function templateIn(key: string): RegExp {
  const parts = lower(key)
    .split(/\$\{\w+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join('[^"]+'));
}

test('a key without a live case says why, and is one only a real third party produces', () => {
  for (const row of sourced.filter((r) => r.noLiveCase !== undefined)) {
    assert.ok(row.noLiveCase!.length > 20, `${row.key}: noLiveCase needs a reason`);
    assert.ok(!cases.some(({ c }) => c.keys.includes(row.key)), `${row.key} has a live case: drop its noLiveCase`);
  }
});

test('titles are unique per key, and each case says what its two calls are', () => {
  const seen = new Set<string>();
  for (const { area, c } of cases) {
    const id = `${c.keys.join(',')}|${c.title}`;
    assert.ok(!seen.has(id), `${area}: duplicate case ${id}`);
    seen.add(id);
    assert.ok(c.allowed.does.length > 0 && c.denied.does.length > 0, `${area} / ${c.title}: unnamed call`);
  }
});

test('absence is covered where AWS leaves a key out', () => {
  const absent = new Set(cases.filter(({ c }) => c.absence).flatMap(({ c }) => c.keys.map(lower)));
  // The keys whose absence the brief and AWS's docs single out: tests written with Null or
  // …IfExists depend on it.
  for (const k of [
    'aws:MultiFactorAuthPresent',
    'aws:username',
    'aws:TagKeys',
    'aws:TokenIssueTime',
    'aws:SourceIdentity',
    'aws:PrincipalArn',
    's3:authType',
    'iam:PermissionsBoundary',
  ]) {
    assert.ok(absent.has(lower(k)), `no absence case for ${k}`);
  }
});
