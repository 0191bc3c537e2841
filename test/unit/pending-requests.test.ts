import assert from 'node:assert/strict';
import { describe, it } from '../support/node-test.js';
import { PendingRequests } from '../../src/server/edge/pending-requests.js';

describe('PendingRequests: the listener takes on at most `limit` unanswered requests', () => {
  it('refuses past the limit, takes on again once one is answered, and counts the refusals once', () => {
    const pending = new PendingRequests(2);
    assert.equal(pending.enter(), true);
    assert.equal(pending.enter(), true);
    assert.equal(pending.enter(), false);
    assert.equal(pending.enter(), false);
    assert.equal(pending.count, 2, 'refused requests are not counted as pending');
    pending.leave();
    assert.equal(pending.enter(), true);
    assert.equal(pending.takeRefused(), 2);
    assert.equal(pending.takeRefused(), 0, 'each refusal is reported once');
  });

  it('leave works detached (it is passed as a callback)', () => {
    const pending = new PendingRequests(1);
    assert.equal(pending.enter(), true);
    const leave = pending.leave;
    leave();
    assert.equal(pending.count, 0);
    assert.equal(pending.enter(), true);
  });
});
