import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/paths.js';
import {
  evaluate,
  parsePolicy,
  validatePolicy,
  type PolicyKind,
  type PolicyRef,
  type PolicySet,
  type RequestPrincipal,
} from '../../src/policy/index.js';
import { isAwsError } from '../../src/errors/aws-error.js';
import { referenceDecide, Unsupported, type RefPolicies } from '../property/reference-evaluator.js';

/**
 * Runs every scenario file in test/scenarios/ (format: test/scenarios/README.md): the engine's
 * decision, deciding layer and matched statements; the same decision with `trace: true`; and the
 * naive reference evaluator's decision where it supports the policies.
 */
interface ScenarioFile {
  description?: string;
  source: string;
  principals?: Record<string, RequestPrincipal>;
  policies?: Record<string, { kind: PolicyKind; document: unknown }>;
  scenarios?: Scenario[];
  validations?: Validation[];
}
interface Scenario {
  name: string;
  source?: string;
  request: {
    principal: string | RequestPrincipal;
    action: string;
    resource: string;
    resourceAccount?: string;
    context: Record<string, string | string[]>;
  };
  identity: string[];
  resource?: string;
  boundary?: string[];
  session?: string[];
  scps?: string[][];
  rcps?: string[][];
  expect: { decision: string; layer?: string; matched?: string[] };
}
interface Validation {
  name: string;
  kind: PolicyKind;
  requireCurrentVersion?: boolean;
  document: unknown;
  error: string | null;
}

const dir = join(repoRoot, 'test', 'scenarios');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

let referenceCompared = 0;

for (const file of files) {
  const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ScenarioFile;
  assert.ok(data.source, `${file} must cite its source`);
  const compiled = new Map<string, PolicyRef>();
  const docs = new Map<string, unknown>();
  for (const [name, p] of Object.entries(data.policies ?? {})) {
    const text = typeof p.document === 'string' ? p.document : JSON.stringify(p.document, null, 2);
    compiled.set(name, { id: name, policy: parsePolicy(text, p.kind) });
    docs.set(name, typeof p.document === 'string' ? JSON.parse(p.document) : p.document);
  }
  const ref = (name: string): PolicyRef => {
    const r = compiled.get(name);
    assert.ok(r, `${file}: unknown policy ${name}`);
    return r;
  };

  for (const s of data.scenarios ?? []) {
    test(`${file}: ${s.name}`, () => {
      const principal = typeof s.request.principal === 'string' ? data.principals?.[s.request.principal] : s.request.principal;
      assert.ok(principal, `unknown principal ${JSON.stringify(s.request.principal)}`);
      const request = { ...s.request, principal };
      const set: PolicySet = {
        identity: s.identity.map(ref),
        ...(s.resource ? { resource: ref(s.resource) } : {}),
        ...(s.boundary ? { boundary: s.boundary.map(ref) } : {}),
        ...(s.session ? { session: s.session.map(ref) } : {}),
        ...(s.scps ? { scps: s.scps.map((l) => l.map(ref)) } : {}),
        ...(s.rcps ? { rcps: s.rcps.map((l) => l.map(ref)) } : {}),
      };
      const d = evaluate(request, set, { allMatches: true });
      assert.equal(d.decision, s.expect.decision, `decision (source: ${s.source ?? data.source})`);
      const fast = evaluate(request, set);
      assert.equal(fast.decision, d.decision, 'first-match mode decides the same');
      assert.equal(fast.layer, d.layer);
      for (const m of fast.matched)
        assert.ok(d.matched.some((x) => x.policyId === m.policyId && x.statementIndex === m.statementIndex && x.layer === m.layer));
      if (s.expect.layer) assert.equal(d.layer, s.expect.layer, 'layer');
      if (s.expect.matched) {
        const got = [...new Set(d.matched.map((m) => `${m.policyId}#${m.statementIndex}`))].sort();
        assert.deepEqual(got, [...new Set(s.expect.matched)].sort(), 'matched statements');
      }
      const traced = evaluate(request, set, { trace: true });
      assert.equal(traced.decision, d.decision, 'trace mode decides the same');
      assert.deepEqual(traced.matched, d.matched);
      assert.ok(traced.trace && traced.trace.steps.length > 0);

      const refPolicies: RefPolicies = {
        identity: s.identity.map((n) => docs.get(n)),
        ...(s.resource ? { resource: docs.get(s.resource), resourceIsTrust: data.policies![s.resource]!.kind === 'trust' } : {}),
        ...(s.boundary ? { boundary: s.boundary.map((n) => docs.get(n)) } : {}),
        ...(s.session ? { session: s.session.map((n) => docs.get(n)) } : {}),
        ...(s.scps ? { scps: s.scps.map((l) => l.map((n) => docs.get(n))) } : {}),
        ...(s.rcps ? { rcps: s.rcps.map((l) => l.map((n) => docs.get(n))) } : {}),
      };
      try {
        assert.equal(referenceDecide(request, refPolicies), s.expect.decision, 'the naive reference evaluator agrees');
        referenceCompared++;
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
      }
    });
  }

  for (const v of data.validations ?? []) {
    test(`${file}: ${v.name}`, () => {
      const text = typeof v.document === 'string' ? v.document : JSON.stringify(v.document);
      const options = { requireCurrentVersion: v.requireCurrentVersion ?? false };
      let message: string | null = null;
      try {
        parsePolicy(text, v.kind, options);
      } catch (e) {
        assert.ok(isAwsError(e) && e.code === 'MalformedPolicyDocument', String(e));
        message = e.message;
      }
      assert.equal(message, v.error);
      const first = validatePolicy(text, v.kind, options).find((f) => f.severity === 'error');
      assert.equal(first?.message ?? null, v.error, 'validatePolicy reports the same first error');
    });
  }
}

test('the corpus covers every operator, qualifier and layer', () => {
  const all = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  const operators = [
    'StringEquals',
    'StringNotEquals',
    'StringEqualsIgnoreCase',
    'StringNotEqualsIgnoreCase',
    'StringLike',
    'StringNotLike',
    'NumericEquals',
    'NumericNotEquals',
    'NumericLessThan',
    'NumericLessThanEquals',
    'NumericGreaterThan',
    'NumericGreaterThanEquals',
    'DateEquals',
    'DateNotEquals',
    'DateLessThan',
    'DateLessThanEquals',
    'DateGreaterThan',
    'DateGreaterThanEquals',
    'Bool',
    'BinaryEquals',
    'IpAddress',
    'NotIpAddress',
    'ArnEquals',
    'ArnLike',
    'ArnNotEquals',
    'ArnNotLike',
    'Null',
    'IfExists"',
    'ForAllValues:',
    'ForAnyValue:',
    '"NotPrincipal"',
    '"NotAction"',
    '"NotResource"',
    '"scps"',
    '"rcps"',
    '"boundary"',
    '"session"',
    '"resourceAccount"',
    '"kind": "trust"',
    '${*}',
    "'company-wide'",
    '"Service"',
    '"Federated"',
    '"type": "Root"',
    '"type": "FederatedUser"',
    '"type": "Anonymous"',
  ];
  for (const op of operators) assert.ok(all.includes(`"${op}`) || all.includes(op), `corpus lacks ${op}`);
});

test('the naive reference evaluator was compared on most scenarios', () => {
  assert.ok(referenceCompared > 100, `only ${referenceCompared} comparisons`);
});
