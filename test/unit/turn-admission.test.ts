import assert from 'node:assert/strict';
import { describe, it } from '../support/node-test.js';
import { TurnAdmission } from '../../src/server/edge/turn-admission.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('TurnAdmission: requests started a few per event-loop turn', () => {
  it('starts at most perTurn requests a turn, in arrival order, until none wait', async () => {
    const admission = new TurnAdmission(8);
    const started: number[] = [];
    for (let i = 0; i < 20; i++) admission.admit(() => started.push(i));
    assert.deepEqual(started, [], 'nothing starts inside the callback that admitted it');
    await nextTurn();
    assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6, 7]);
    await nextTurn();
    assert.equal(started.length, 16);
    await nextTurn();
    assert.deepEqual(
      started,
      Array.from({ length: 20 }, (_, i) => i),
    );
  });

  it('a request admitted while a slice runs waits for a later turn, behind those before it', async () => {
    const admission = new TurnAdmission(2);
    const started: string[] = [];
    admission.admit(() => {
      started.push('a');
      admission.admit(() => started.push('late'));
    });
    admission.admit(() => started.push('b'));
    admission.admit(() => started.push('c'));
    await nextTurn();
    assert.deepEqual(started, ['a', 'b']);
    await nextTurn();
    assert.deepEqual(started, ['a', 'b', 'c', 'late']);
  });
});
