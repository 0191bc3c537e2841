import { AwsError } from '../errors/aws-error.js';
import type { Requester } from './requester.js';

/**
 * What GetSessionToken credentials may not do (reference §2.3.9): call IAM unless the session was
 * created with MFA (AWS then answers as if the token were unknown), or call STS other than
 * AssumeRole and GetCallerIdentity. Undefined means "no objection".
 */
export function sessionTokenRefusal(caller: Requester, action: string): AwsError | undefined {
  const session = caller.type === 'Anonymous' ? undefined : caller.session;
  // A console sign-in acts as the user itself (AWS's console sessions call IAM freely).
  if (session?.kind !== 'SessionToken' || session.console === true) return undefined;
  const [service, name] = splitAction(action);
  if (service === 'iam' && session.mfaAuthenticated !== true) {
    return new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid');
  }
  if (service === 'sts' && name !== 'AssumeRole' && name !== 'GetCallerIdentity') {
    return new AwsError('AccessDenied', `Cannot call ${name} with session credentials`);
  }
  return undefined;
}

/**
 * What GetFederationToken credentials may not do (reference §2.3.9): call any IAM API, or any STS
 * API but GetCallerIdentity. AssumeRole answers for itself (its own AccessDenied text), so it is
 * left to the handler. Undefined means "no objection".
 */
export function federationTokenRefusal(caller: Requester, action: string): AwsError | undefined {
  if (caller.type === 'Anonymous' || caller.session?.kind !== 'FederatedUser') return undefined;
  const [service, name] = splitAction(action);
  if (service === 'iam') return new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid');
  if (service === 'sts' && name !== 'GetCallerIdentity' && name !== 'AssumeRole') {
    return new AwsError('AccessDenied', `Cannot call ${name} with session credentials`);
  }
  return undefined;
}

/**
 * GetSessionToken and GetFederationToken sessions are barred from most of IAM and STS, whatever
 * their policies say (root sessions included): the refusal for calling the API `action` with the
 * caller's credentials, or undefined. It is about the call, not a permission, so it holds for
 * operations that ask no permission too.
 */
export function sessionLimitRefusal(caller: Requester, action: string): AwsError | undefined {
  return sessionTokenRefusal(caller, action) ?? federationTokenRefusal(caller, action);
}

function splitAction(action: string): [service: string, name: string] {
  const colon = action.indexOf(':');
  return [action.slice(0, colon).toLowerCase(), action.slice(colon + 1)];
}
