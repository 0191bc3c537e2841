/**
 * node:test with keysmith's time-limit rule: every test and hook has its own limit, and no suite
 * or file has one. A whole-file or whole-suite limit fails a slow but healthy file on a busy CI
 * machine (the runner's --test-timeout would apply to each file as a whole); a per-test limit
 * still stops a test that hangs. Test files import from here instead of 'node:test'.
 */
import * as nodeTest from 'node:test';

/** The default limit of one test or hook. A test that needs more says so itself. */
export const TEST_TIMEOUT_MS = 300_000;

type Args = unknown[];

/** Adds the default timeout to a test's (or hook's) options when it has none. */
function limited(args: Args, optionsAt: number): Args {
  const out = [...args];
  const candidate = out[optionsAt];
  if (typeof candidate === 'object' && candidate !== null) {
    const options = candidate as { timeout?: number };
    if (options.timeout === undefined) out[optionsAt] = { ...options, timeout: TEST_TIMEOUT_MS };
  } else {
    out.splice(optionsAt, 0, { timeout: TEST_TIMEOUT_MS });
  }
  return out;
}

/** Drops a suite's timeout: suites are never limited as a whole. */
function unlimited(args: Args): Args {
  return args.map((a) => {
    if (typeof a !== 'object' || a === null || !('timeout' in a)) return a;
    const { timeout: _dropped, ...rest } = a as { timeout?: number };
    return rest;
  });
}

/** Where a test's options go: after the name when there is one. */
const testArgs = (args: Args): Args => limited(args, typeof args[0] === 'string' ? 1 : 0);
/** Hooks take (fn, options). */
const hookArgs = (args: Args): Args =>
  typeof args[1] === 'object' && args[1] !== null ? limited(args, 1) : [args[0], { timeout: TEST_TIMEOUT_MS }];

const call = (fn: unknown, args: Args): never => (fn as (...a: Args) => never)(...args);

export const test = ((...args: Args) => call(nodeTest.test, testArgs(args))) as unknown as typeof nodeTest.test;
export const it = test;
export const describe = ((...args: Args) => call(nodeTest.describe, unlimited(args))) as unknown as typeof nodeTest.describe;
export const suite = describe;
export const before = ((...args: Args) => call(nodeTest.before, hookArgs(args))) as typeof nodeTest.before;
export const after = ((...args: Args) => call(nodeTest.after, hookArgs(args))) as typeof nodeTest.after;
export const beforeEach = ((...args: Args) => call(nodeTest.beforeEach, hookArgs(args))) as typeof nodeTest.beforeEach;
export const afterEach = ((...args: Args) => call(nodeTest.afterEach, hookArgs(args))) as typeof nodeTest.afterEach;
