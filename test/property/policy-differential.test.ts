import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluate } from '../../src/policy/index.js';
import { docSet, request } from './policy-arbitraries.js';
import { compileSet, referenceSet } from './policy-build.js';
import { referenceDecide, Unsupported } from './reference-evaluator.js';

/**
 * The optimised engine (indexed by service, precompiled globs, lazy context) agrees with the
 * naive reference evaluator written straight from the documented flow; and trace mode (a full,
 * unindexed scan) reports an `applies` outcome for exactly the statements the decision matched.
 */
const RUNS = 500;

test('the engine agrees with the naive reference evaluator', () => {
  let compared = 0;
  fc.assert(
    fc.property(docSet, request, (s, r) => {
      let expected;
      try {
        expected = referenceDecide(r, referenceSet(s));
      } catch (e) {
        if (e instanceof Unsupported) return true;
        throw e;
      }
      compared++;
      return evaluate(r, compileSet(s)).decision === expected;
    }),
    { numRuns: RUNS },
  );
  assert.ok(compared > RUNS / 2, `only ${compared} of ${RUNS} cases compared`);
});

test('trace mode: same decision, and every matched statement is traced as applying', () => {
  fc.assert(
    fc.property(docSet, request, (s, r) => {
      const set = compileSet(s);
      const fast = evaluate(r, set);
      const traced = evaluate(r, set, { trace: true });
      if (traced.decision !== fast.decision) return false;
      const applying = new Set(
        traced.trace!.statements.filter((t) => t.outcome === 'applies').map((t) => `${t.layer}/${t.policyId}#${t.statementIndex}`),
      );
      return fast.matched.every((m) => applying.has(`${m.layer}/${m.policyId}#${m.statementIndex}`));
    }),
    { numRuns: 200 },
  );
});

test('decisions do not depend on earlier decisions (no state leaks between calls)', () => {
  fc.assert(
    fc.property(docSet, request, request, (s, r1, r2) => {
      const set = compileSet(s);
      const first = evaluate(r2, set).decision;
      evaluate(r1, set);
      return evaluate(r2, set).decision === first;
    }),
    { numRuns: 200 },
  );
});
