import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { accountOfId, newId, newSecretAccessKey } from '../../src/model/unique-ids.js';
import { nodeRandom } from '../../src/platform/node-random.js';

describe('AWS-shaped ids', () => {
  it('decodes the account from real AWS ids (reference §3.1)', () => {
    assert.equal(accountOfId('AKIA5NVJNZGMOIAEPI42'), '922699549080');
    assert.equal(accountOfId('AROA5NVJNZGMLZCLMQD34'), '922699549080');
  });

  it('round-trips the account through new ids of every prefix, with AWS lengths', () => {
    for (const account of ['000000000000', '000000000001', '123456789012', '999999999999']) {
      for (const prefix of ['AKIA', 'ASIA', 'AIDA', 'AROA', 'AGPA', 'ANPA'] as const) {
        const id = newId(prefix, account, nodeRandom);
        assert.match(id, /^[A-Z]{4}[A-Z2-7]+$/);
        assert.equal(id.length, prefix === 'AKIA' || prefix === 'ASIA' ? 20 : 21);
        assert.equal(accountOfId(id), account);
      }
    }
  });

  it('makes 40-character secrets', () => {
    assert.match(newSecretAccessKey(nodeRandom), /^[A-Za-z0-9+/]{40}$/);
  });
});
