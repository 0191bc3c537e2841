import { isoSeconds } from '../kernel/iso-time.js';
import type { AuditEventRecord } from '../storage/store.js';
import type { AuditRecord } from './audit-record.js';
import type { CloudTrailEvent, UserIdentity } from './cloudtrail-event.js';
import { toRequestParameters, toResponseElements } from './cloudtrail-members.js';
import { arnAccount } from '../model/arns.js';
import { eventResources } from './event-resources.js';
import { federatedIdentityOf, foreignAccountIdentity, lookupUsername, unknownIdentity, userIdentityOf } from './user-identity.js';

/**
 * Read-only calls keep no responseElements in CloudTrail (a GetRole or ListUsers answer would be
 * large and says nothing new), except the STS calls that hand out credentials: who got which
 * temporary key is the point of auditing them.
 */
const RESPONSE_KEPT_WHEN_READ_ONLY = new Set([
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:GetSessionToken',
  'sts:GetFederationToken',
]);

export interface BuildOptions {
  newId: () => string;
  /** For a request that never authenticated: the account its access key belongs to, if known. */
  keyAccountId?: string;
}

/** An event and the stored form (same JSON text) the sinks write. */
export interface BuiltEvent {
  event: CloudTrailEvent;
  record: AuditEventRecord;
}

/**
 * One finished request → its CloudTrail events: one, in the caller's account; two for a
 * successful cross-account AssumeRole, the second in the role owner's account with the caller
 * shown as `AWSAccount`, both sharing requestID and sharedEventID (reference §5.1). A request
 * that failed before authentication is recorded with what it said about itself, in the account
 * of its access key when that is known (otherwise with no account: only the file sink shows it).
 * The record is already redacted (auditRecordOf, on the request thread).
 */
export function buildEvents(input: AuditRecord, options: BuildOptions): BuiltEvent[] {
  const p = input.caller;
  const federated = p ? undefined : input.federatedCaller;
  const callerAccount = p?.accountId ?? federated?.accountId ?? options.keyAccountId;
  const identity: UserIdentity = p
    ? userIdentityOf(p)
    : federated
      ? federatedIdentityOf(federated)
      : unknownIdentity(input.accessKeyId, options.keyAccountId);
  const failed = input.errorCode !== undefined;
  const keepResponse = !failed && (!input.readOnly || RESPONSE_KEPT_WHEN_READ_ONLY.has(`${input.service}:${input.operation}`));
  const resources = eventResources(input);
  // A service's own call comes from the service: CloudTrail names it as the source and agent.
  const service = federated?.type === 'AWSService' ? federated.invokedBy : undefined;
  // Built member by member in AWS's order rather than with conditional spreads, which copy a
  // temporary object each (about 5 % of building an event, measured).
  const base = {
    eventVersion: '1.08',
    userIdentity: identity,
    eventTime: isoSeconds(input.time),
    eventSource: eventSourceOf(input.service, input.operation),
    eventName: input.operation,
    awsRegion: input.region,
    sourceIPAddress: service ?? input.sourceIp,
    userAgent: service ?? input.userAgent,
  } as CloudTrailEvent;
  if (failed) {
    base.errorCode = input.errorCode;
    base.errorMessage = input.errorMessage ?? '';
  }
  base.requestParameters = requestParametersOf(input);
  base.responseElements = isConsoleLogin(input)
    ? { ConsoleLogin: failed ? 'Failure' : 'Success' }
    : keepResponse
      ? toResponseElements(input.service, input.responseElements)
      : null;
  base.requestID = input.requestId;
  base.eventID = options.newId();
  base.readOnly = input.readOnly;
  if (resources.record.length > 0) base.resources = resources.record;
  if (input.additionalEventData !== undefined) base.additionalEventData = input.additionalEventData;
  base.eventType = 'AwsApiCall';
  base.managementEvent = input.dataEvent !== true;
  if (callerAccount !== undefined) base.recipientAccountId = callerAccount;
  base.eventCategory = input.dataEvent === true ? 'Data' : 'Management';
  const stored = (event: CloudTrailEvent, username: string | undefined): BuiltEvent => {
    const record = {
      eventId: event.eventID,
      accountId: event.recipientAccountId ?? '',
      eventTime: input.time,
      eventName: column(event.eventName),
      eventSource: column(event.eventSource),
      readOnly: event.readOnly,
    } as AuditEventRecord;
    if (username !== undefined) record.username = column(username);
    if (event.userIdentity.accessKeyId) record.accessKeyId = column(event.userIdentity.accessKeyId);
    record.resources = resources.lookup.map((r) => ({ type: column(r.type), name: column(r.name) }));
    record.body = JSON.stringify(event);
    return { event, record };
  };

  const roleAccount = crossAccountRoleOwner(input);
  if (!p || roleAccount === undefined)
    return [stored(base, p ? lookupUsername(p) : federated?.type === 'AWSService' ? undefined : federated?.userName)];
  const sharedEventID = options.newId();
  const inCallerAccount: CloudTrailEvent = withShared(base, sharedEventID);
  const inRoleAccount: CloudTrailEvent = withShared(
    { ...base, userIdentity: foreignAccountIdentity(p), eventID: options.newId(), recipientAccountId: roleAccount },
    sharedEventID,
  );
  return [stored(inCallerAccount, lookupUsername(p)), stored(inRoleAccount, undefined)];
}

/**
 * `iam.amazonaws.com`, …; keysmith's own service (credential grants) is `keysmith`: it is no AWS
 * service, and no AWS event source should seem to be.
 */
function eventSourceOf(service: string, operation: string): string {
  if (service !== 'keysmith') return `${service}.amazonaws.com`;
  return operation === 'ConsoleLogin' ? 'signin.amazonaws.com' : 'keysmith';
}

/** The console's password sign-in, recorded as AWS's ConsoleLogin (responseElements Success / Failure, never credentials). */
function isConsoleLogin(input: AuditRecord): boolean {
  return input.service === 'keysmith' && input.operation === 'ConsoleLogin';
}

/**
 * The record's requestParameters. A federation call shows what the verified sign-in added
 * (AssumeRoleWithSAML: `sAMLAssertionID`, the session name and tags the assertion set) and never
 * the assertion or token itself — not even as AWS's hidden-value marker, as AWS's SAML records show.
 */
function requestParametersOf(input: AuditRecord): Record<string, unknown> | null {
  // AWS's ConsoleLogin records no request parameters (the form held the password).
  if (isConsoleLogin(input)) return null;
  const caller = input.federatedCaller;
  const details = caller !== undefined && 'requestDetails' in caller ? caller.requestDetails : undefined;
  if (details === undefined) return toRequestParameters(input.service, input.requestParameters);
  const own: Record<string, unknown> = { ...input.requestParameters };
  delete own.SAMLAssertion;
  delete own.WebIdentityToken;
  return { ...details, ...toRequestParameters(input.service, own) };
}

/** Longest indexed value, in UTF-8 bytes (PostgreSQL refuses index entries beyond about 2.7 kB). */
const MAX_COLUMN_BYTES = 1024;

/**
 * A lookup column: the client chose some of these values (an unknown Action, an S3 key), so NUL
 * (which PostgreSQL text refuses) is removed and the length capped. The event body keeps the
 * full value, JSON-escaped.
 */
function column(value: string): string {
  const clean = value.includes('\0') ? value.replaceAll('\0', '') : value;
  if (clean.length * 3 <= MAX_COLUMN_BYTES) return clean;
  const bytes = Buffer.from(clean, 'utf8');
  if (bytes.length <= MAX_COLUMN_BYTES) return clean;
  // Cut on a character boundary: drop any continuation bytes of a split character.
  let end = MAX_COLUMN_BYTES;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString('utf8');
}

/** The role's account when a caller successfully assumed a role of another account. */
function crossAccountRoleOwner(input: AuditRecord): string | undefined {
  if (input.service !== 'sts' || input.operation !== 'AssumeRole' || input.errorCode !== undefined || !input.caller) return undefined;
  const roleArn = input.requestParameters?.RoleArn;
  const account = typeof roleArn === 'string' ? arnAccount(roleArn) : undefined;
  return account !== undefined && account !== input.caller.accountId ? account : undefined;
}

/** sharedEventID sits after recipientAccountId, as in AWS's records. */
function withShared(event: CloudTrailEvent, sharedEventID: string): CloudTrailEvent {
  const { eventCategory, ...rest } = event;
  return { ...rest, sharedEventID, eventCategory };
}
