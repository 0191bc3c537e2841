import { test } from '../support/node-test.js';
import fc from 'fast-check';
import { evaluate } from '../../src/policy/index.js';
import { docSet, request, statementOf, type Doc, type DocSet, type GenRequest, type Kind } from './policy-arbitraries.js';
import { compileSet } from './policy-build.js';

/**
 * Metamorphic laws of the policy language (ARCHITECTURE.md, test layers):
 * statement and policy order never change a decision; adding an Allow never turns an Allow into
 * a deny; adding a Deny never turns a deny into an Allow. Runs are bounded to keep the suite fast.
 */
const RUNS = 250;

const decide = (s: DocSet, r: GenRequest) => evaluate(r, compileSet(s)).decision;

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let x = seed || 1;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
const shuffleDoc = (d: Doc, seed: number): Doc => ({ ...d, Statement: shuffled(d.Statement, seed) });
const shuffleDocs = (ds: Doc[], seed: number): Doc[] =>
  shuffled(
    ds.map((d, i) => shuffleDoc(d, seed + i)),
    seed,
  );

test('statement and policy order never change a decision', () => {
  fc.assert(
    fc.property(docSet, request, fc.integer({ min: 1, max: 1 << 30 }), (s, r, seed) => {
      const permuted: DocSet = {
        identity: shuffleDocs(s.identity, seed),
        ...(s.resource ? { resource: { kind: s.resource.kind, doc: shuffleDoc(s.resource.doc, seed) } } : {}),
        ...(s.boundary ? { boundary: shuffleDocs(s.boundary, seed + 1) } : {}),
        ...(s.session ? { session: shuffleDocs(s.session, seed + 2) } : {}),
        ...(s.scps
          ? {
              scps: shuffled(
                s.scps.map((l) => shuffleDocs(l, seed + 3)),
                seed,
              ),
            }
          : {}),
        ...(s.rcps
          ? {
              rcps: shuffled(
                s.rcps.map((l) => shuffleDocs(l, seed + 4)),
                seed,
              ),
            }
          : {}),
      };
      return decide(s, r) === decide(permuted, r);
    }),
    { numRuns: RUNS },
  );
});

/** Where a new statement may go: into an existing policy of any layer, or a new identity policy. */
type Target = { layer: 'identity' | 'resource' | 'boundary' | 'session' | 'scps' | 'rcps' | 'newIdentity'; index: number };
const target = fc.record({
  layer: fc.constantFrom<Target['layer']>('identity', 'resource', 'boundary', 'session', 'scps', 'rcps', 'newIdentity'),
  index: fc.nat(8),
});

function withStatement(s: DocSet, t: Target, stmt: (k: Kind) => Record<string, unknown>): DocSet {
  const add = (d: Doc, k: Kind): Doc => ({ ...d, Statement: [...d.Statement, stmt(k)] });
  const at = <T>(xs: T[], f: (x: T) => T): T[] => xs.map((x, i) => (i === t.index % xs.length ? f(x) : x));
  const out: DocSet = { ...s };
  switch (t.layer) {
    case 'identity':
      if (s.identity.length) out.identity = at(s.identity, (d) => add(d, 'identity'));
      break;
    case 'newIdentity':
      out.identity = [...s.identity, { Version: '2012-10-17', Statement: [stmt('identity')] }];
      break;
    case 'resource':
      if (s.resource) out.resource = { kind: s.resource.kind, doc: add(s.resource.doc, s.resource.kind) };
      break;
    case 'boundary':
      if (s.boundary) out.boundary = at(s.boundary, (d) => add(d, 'boundary'));
      break;
    case 'session':
      if (s.session) out.session = at(s.session, (d) => add(d, 'session'));
      break;
    case 'scps':
      if (s.scps) out.scps = at(s.scps, (l) => at(l, (d) => add(d, 'scp')));
      break;
    case 'rcps':
      if (s.rcps) out.rcps = at(s.rcps, (l) => at(l, (d) => add(d, 'rcp')));
      break;
  }
  return out;
}

/** One generated statement per kind, so the added statement is valid wherever it lands. */
const statementsByKind = (effect: 'Allow' | 'Deny') =>
  fc.record({
    identity: statementOf('identity', effect),
    resource: statementOf('resource', effect),
    trust: statementOf('trust', effect),
    session: statementOf('session', effect),
    boundary: statementOf('boundary', effect),
    scp: statementOf('scp', effect),
    rcp: statementOf('rcp', effect),
  });

test('adding an Allow never turns an Allow into a deny', () => {
  fc.assert(
    fc.property(docSet, request, target, statementsByKind('Allow'), (s, r, t, stmts) => {
      fc.pre(decide(s, r) === 'allowed');
      return (
        decide(
          withStatement(s, t, (k) => stmts[k]),
          r,
        ) === 'allowed'
      );
    }),
    { numRuns: RUNS },
  );
});

test('adding a Deny never turns a deny into an Allow', () => {
  fc.assert(
    fc.property(docSet, request, target, statementsByKind('Deny'), (s, r, t, stmts) => {
      fc.pre(decide(s, r) !== 'allowed');
      return (
        decide(
          withStatement(s, t, (k) => stmts[k]),
          r,
        ) !== 'allowed'
      );
    }),
    { numRuns: RUNS },
  );
});

test('an explicit deny stays an explicit deny whatever is added', () => {
  fc.assert(
    fc.property(docSet, request, target, statementsByKind('Allow'), (s, r, t, stmts) => {
      fc.pre(decide(s, r) === 'explicitDeny');
      return (
        decide(
          withStatement(s, t, (k) => stmts[k]),
          r,
        ) === 'explicitDeny'
      );
    }),
    { numRuns: RUNS },
  );
});
