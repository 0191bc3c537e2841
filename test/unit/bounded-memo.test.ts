import assert from 'node:assert/strict';
import { describe, it } from '../support/node-test.js';
import { boundedMemo } from '../../src/kernel/bounded-memo.js';

describe('boundedMemo', () => {
  it('computes a key once while it is remembered, and forgets everything at the limit', () => {
    const calls: number[] = [];
    const double = boundedMemo(2, (n: number) => {
      calls.push(n);
      return n * 2;
    });
    assert.equal(double(1), 2);
    assert.equal(double(1), 2);
    assert.equal(double(2), 4);
    assert.deepEqual(calls, [1, 2]);
    assert.equal(double(3), 6); // third key: the two before are forgotten
    assert.equal(double(1), 2);
    assert.deepEqual(calls, [1, 2, 3, 1]);
  });
});
