import { describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { nodeRandom } from '../../src/platform/node-random.js';
import { hashPassword, verifyPassword } from '../../src/services/iam/login-profiles/password-hash.js';
import type { PasswordPolicyValue } from '../../src/services/iam/login-profiles/password-policy-record.js';
import { PASSWORD_SYMBOLS, passwordExpired, passwordViolation, VIOLATION } from '../../src/services/iam/login-profiles/password-rules.js';

/** The password checker (policy and AWS's default rules) and the scrypt hash format. */
const policy = (over: Partial<PasswordPolicyValue> = {}): PasswordPolicyValue => ({
  minimumPasswordLength: 6,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercaseCharacters: false,
  requireLowercaseCharacters: false,
  allowUsersToChangePassword: false,
  ...over,
});

suite('passwordViolation without a policy (AWS default rules)', () => {
  test('at least 8 characters', () => {
    assert.equal(passwordViolation('Ab1!xyz', undefined), VIOLATION.minimumLength(8));
    assert.equal(passwordViolation('Ab1!wxyz', undefined), undefined);
  });
  test('at least three of the four character types', () => {
    assert.equal(passwordViolation('abcdefgh', undefined), VIOLATION.defaultClasses);
    assert.equal(passwordViolation('abcdEFGH', undefined), VIOLATION.defaultClasses);
    assert.equal(passwordViolation('abcdEFG1', undefined), undefined);
    assert.equal(passwordViolation('abcdefg1!', undefined), undefined);
    assert.equal(passwordViolation('ABCDEFG1!', undefined), undefined);
    // A space or a character outside AWS's symbol list is not a symbol.
    assert.equal(passwordViolation('abcdefg1 ~', undefined), VIOLATION.defaultClasses);
  });
});

suite('passwordViolation with a policy', () => {
  test('minimum length, exactly at the boundary', () => {
    assert.equal(passwordViolation('a'.repeat(13), policy({ minimumPasswordLength: 14 })), VIOLATION.minimumLength(14));
    assert.equal(passwordViolation('a'.repeat(14), policy({ minimumPasswordLength: 14 })), undefined);
    // A policy replaces the default rules: six lowercase letters pass the API's defaults.
    assert.equal(passwordViolation('abcdef', policy()), undefined);
  });
  test('each requirement, first broken rule reported', () => {
    const all = policy({ requireUppercaseCharacters: true, requireLowercaseCharacters: true, requireNumbers: true, requireSymbols: true });
    assert.equal(passwordViolation('abc', all), VIOLATION.minimumLength(6));
    assert.equal(passwordViolation('abcdef', all), VIOLATION.uppercase);
    assert.equal(passwordViolation('ABCDEF', all), VIOLATION.lowercase);
    assert.equal(passwordViolation('ABCdef', all), VIOLATION.number);
    assert.equal(passwordViolation('ABCdef1', all), VIOLATION.symbol);
    assert.equal(passwordViolation('ABCdef1!', all), undefined);
  });
  test('every listed symbol counts; others do not', () => {
    const symbols = policy({ requireSymbols: true });
    for (const c of PASSWORD_SYMBOLS) assert.equal(passwordViolation(`abcdef${c}`, symbols), undefined, c);
    for (const c of ' ~`"<>?/.,:;\\') assert.equal(passwordViolation(`abcdef${c}`, symbols), VIOLATION.symbol, c);
  });
  test('uppercase and lowercase are ISO basic Latin only', () => {
    assert.equal(passwordViolation('ÀÉÎõüabc', policy({ requireUppercaseCharacters: true })), VIOLATION.uppercase);
    assert.equal(passwordViolation('ÀÉÎõüABC', policy({ requireLowercaseCharacters: true })), VIOLATION.lowercase);
  });
});

suite('passwordExpired', () => {
  const day = 24 * 60 * 60 * 1000;
  test('never without MaxPasswordAge', () => {
    assert.equal(passwordExpired(undefined, 0, 10_000 * day), false);
    assert.equal(passwordExpired(policy(), 0, 10_000 * day), false);
  });
  test('after MaxPasswordAge days', () => {
    assert.equal(passwordExpired(policy({ maxPasswordAge: 90 }), 0, 90 * day - 1), false);
    assert.equal(passwordExpired(policy({ maxPasswordAge: 90 }), 0, 90 * day), true);
  });
});

suite('password hashes', () => {
  test('scrypt with its parameters and salt; verifies only the same password', async () => {
    const hash = await hashPassword('Correct horse 1!', nodeRandom);
    assert.match(hash, /^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    assert.ok(!hash.includes('Correct'));
    assert.equal(await verifyPassword('Correct horse 1!', hash), true);
    assert.equal(await verifyPassword('correct horse 1!', hash), false);
    assert.notEqual(await hashPassword('Correct horse 1!', nodeRandom), hash, 'a fresh salt each time');
  });
  test('Latin-1 characters and control characters the model allows', async () => {
    const password = 'Ünïcødé\tpass\n1';
    assert.equal(await verifyPassword(password, await hashPassword(password, nodeRandom)), true);
  });
  test('a malformed stored value never verifies', async () => {
    for (const stored of ['', 'plain', 'scrypt$x$8$1$a$b', 'bcrypt$1$2$3$4$5']) assert.equal(await verifyPassword('x', stored), false);
  });
});
