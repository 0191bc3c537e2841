// @ts-check
import { AwsClient, AwsError } from './aws/client.js';

/**
 * The signed-in session, in sessionStorage (gone when the tab closes; never localStorage): the
 * console session's credentials and who they are, and — after "Switch role" — a stack of role
 * sessions on top, each with the display name and colour the person chose, as AWS's console shows
 * them. Every API call signs with the top of the stack.
 *
 * @typedef {{ accessKeyId: string, secretAccessKey: string, sessionToken?: string, expiration: string }} SessionCredentials
 * @typedef {{ credentials: SessionCredentials, arn: string, accountId: string, userName?: string,
 *   displayName?: string, color?: string, roleArn?: string }} Identity
 */

const KEY = 'keysmith.console.session';

/** @returns {Identity[]} */
function load() {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

/** @param {Identity[]} stack */
function save(stack) {
  if (stack.length === 0) sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, JSON.stringify(stack));
}

/** The identity whose credentials sign calls now, if signed in. */
export function current() {
  const stack = load();
  return stack[stack.length - 1];
}

/** The identity that signed in (the bottom of the stack). */
export function signedInAs() {
  return load()[0];
}

export function isSwitched() {
  return load().length > 1;
}

/** @param {Identity} identity */
export function start(identity) {
  save([identity]);
}

/** Switch role: the role session goes on top. @param {Identity} identity */
export function pushRole(identity) {
  save([...load(), identity]);
}

/** Back to the identity below (the signed-in user). */
export function popRole() {
  const stack = load();
  if (stack.length > 1) save(stack.slice(0, -1));
}

/** @param {string} [reason] */
export function signOut(reason) {
  save([]);
  if (reason) sessionStorage.setItem(`${KEY}.reason`, reason);
  location.hash = '#/';
  location.reload();
}

/** Why the last session ended, once. */
export function takeSignOutReason() {
  const reason = sessionStorage.getItem(`${KEY}.reason`);
  sessionStorage.removeItem(`${KEY}.reason`);
  return reason ?? undefined;
}

/** Whether the current credentials have expired by the browser's clock. */
export function expired() {
  const c = current();
  return c !== undefined && Date.parse(c.credentials.expiration) <= Date.now();
}

/** The one client every page uses: it signs with the current identity's credentials. */
export const aws = new AwsClient(() => current()?.credentials);

// A session the server no longer honours (expired, revoked) ends the console session.
aws.onError = (error) => {
  if (error instanceof AwsError && (error.code === 'ExpiredToken' || error.code === 'InvalidClientTokenId')) {
    signOut(error.code === 'ExpiredToken' ? 'Your session has expired. Sign in again.' : 'Your session is no longer valid. Sign in again.');
  }
};

/** Checks the clock every few seconds: an expired session goes back to the sign-in page. */
export function watchExpiry() {
  setInterval(() => {
    if (expired()) signOut('Your session has expired. Sign in again.');
  }, 5000);
}
