import assert from 'node:assert/strict';
import { describe, it } from '../support/node-test.js';
import { SERVER_NODE_FLAGS, withServerNodeFlags } from '../../src/server/node-flags.js';

describe('the server process Node flags', () => {
  it('are added to what the caller passes', () => {
    assert.deepEqual(withServerNodeFlags(['--cpu-prof'], ''), ['--cpu-prof', ...SERVER_NODE_FLAGS]);
  });

  it('give way to the same flag set on the command line or in NODE_OPTIONS, in either spelling', () => {
    assert.deepEqual(withServerNodeFlags(['--max-semi-space-size=64'], ''), ['--max-semi-space-size=64']);
    assert.deepEqual(withServerNodeFlags([], '--enable-source-maps --max_semi_space_size=8'), []);
  });
});
