import { iamArn, rootArn } from '../model/arns.js';
import type { Principal } from '../model/principal.js';
import type { AssumedRoleClaims, FederatedUserClaims, SessionClaims } from '../model/session.js';
import type { AuditInput } from './audit-input.js';
import type { SessionIssuer } from './cloudtrail-event.js';
import { redact, redactText } from './redact.js';
import { redactByShape } from './redact-by-shape.js';
import type { StructShape } from '../model/shapes.js';

/** A type-only mark: an AuditRecord comes from auditRecordOf (an AuditInput is not one). */
declare const MADE_BY_AUDIT_RECORD_OF: unique symbol;

/**
 * One finished request as the audit log keeps it: plain data, already redacted. This is all that
 * leaves the request path (sinks, the audit worker thread): the caller reduced to the identity
 * facts a CloudTrail event and LookupEvents show, requestParameters and responseElements with
 * every secret member replaced, the error message with quoted signatures and tokens hidden. It
 * holds no Principal, no session claims, no secret access key and no session token.
 */
export type AuditRecord = Omit<AuditInput, 'principal' | 'responseShape' | 'requestShape'> & {
  /** Never present at run time: it only keeps an AuditInput from being passed as a record. */
  readonly [MADE_BY_AUDIT_RECORD_OF]: true;
  /** The authenticated caller, when authentication succeeded (its identity facts only). */
  caller?: AuditCaller;
};

/** Who called, as CloudTrail's userIdentity and LookupEvents' Username show it. */
export interface AuditCaller {
  type: 'Root' | 'User' | 'AssumedRole' | 'FederatedUser';
  accountId: string;
  arn: string;
  /** aws:userid: AIDA… for users, the account id for root, AROA…:session for role sessions. */
  principalId: string;
  /** The IAM user name (users). */
  userName?: string;
  accessKeyId: string;
  /** Temporary credentials: what userIdentity's sessionContext shows. */
  session?: AuditSession;
}

/** The facts of a session that an event shows (never its secret or its token). */
export interface AuditSession {
  /** Epoch seconds when the session was issued (sessionContext.attributes.creationDate). */
  issuedAt: number;
  mfaAuthenticated: boolean;
  sourceIdentity?: string;
  /** RoleSessionName, or a federated user's Name: LookupEvents' Username for sessions. */
  sessionName?: string;
  /** The role (role sessions), or the user or root that called GetFederationToken. */
  issuer?: SessionIssuer;
  /** Role sessions that began with AssumeRoleWithWebIdentity (and chained from one): the provider. */
  webIdentityProvider?: string;
  /** Sessions an EC2 instance's role delivered: the IMDS version the program used. */
  ec2RoleDelivery?: string;
}

/**
 * What the pipeline gathered about one request → the record the audit log keeps: the caller
 * reduced to its identity facts, the parameters, output and error message redacted (the rules
 * of redact.ts, the one place). Called on the request thread, so that no secret crosses to the
 * audit worker; cheap (a copy of the parameters and output, which a hand-over copies anyway).
 * Never throws: a request never fails because of auditing.
 */
export function auditRecordOf(input: AuditInput): AuditRecord {
  const record = {
    requestId: input.requestId,
    time: input.time,
    service: input.service,
    operation: input.operation,
    sourceIp: input.sourceIp,
    userAgent: input.userAgent,
    region: input.region,
    readOnly: input.readOnly,
  } as AuditRecord;
  if (input.principal) record.caller = callerOf(input.principal);
  if (input.accessKeyId !== undefined) record.accessKeyId = input.accessKeyId;
  // Inputs are redacted by the secret member names of redact.ts and, where the operation declares
  // its input shape, by its `sensitive` marks as well (a new secret member needs no list entry).
  const params = redactedCopy(input.requestParameters, input.requestShape, { byName: true });
  if (params !== undefined) record.requestParameters = params as Record<string, unknown>;
  // A failed request's output is never shown nor read (CloudTrail records null).
  // An operation with an output shape is redacted by its `sensitive` marks; others (S3,
  // CloudTrail) by the secret member names of redact.ts.
  const output = input.errorCode === undefined ? redactedCopy(input.responseElements, input.responseShape) : undefined;
  if (output !== undefined) record.responseElements = output as object;
  if (input.errorCode !== undefined) record.errorCode = input.errorCode;
  if (input.errorMessage !== undefined) record.errorMessage = redactText(input.errorMessage);
  if (input.dataEvent !== undefined) record.dataEvent = input.dataEvent;
  if (input.federatedCaller !== undefined) record.federatedCaller = { ...input.federatedCaller };
  if (input.additionalEventData !== undefined) record.additionalEventData = { ...input.additionalEventData };
  return record;
}

/** A redacted copy, or nothing for a value that cannot be copied (a cycle, a throwing getter). */
function redactedCopy(value: object | undefined, shape?: StructShape, options?: { byName: boolean }): unknown {
  if (value === undefined) return undefined;
  try {
    if (shape === undefined) return redact(value);
    return redactByShape(shape, value, options);
  } catch {
    return undefined;
  }
}

function callerOf(p: Principal): AuditCaller {
  const caller: AuditCaller = { type: p.type, accountId: p.accountId, arn: p.arn, principalId: p.userId, accessKeyId: p.accessKeyId };
  if (p.type === 'User') caller.userName = p.userName;
  if (p.session) caller.session = sessionOf(p.session);
  return caller;
}

function sessionOf(s: SessionClaims): AuditSession {
  const session: AuditSession = { issuedAt: s.issuedAt, mfaAuthenticated: s.mfaAuthenticated === true };
  switch (s.kind) {
    case 'AssumedRole':
      if (s.sourceIdentity !== undefined) session.sourceIdentity = s.sourceIdentity;
      session.sessionName = s.sessionName;
      session.issuer = roleIssuer(s);
      if (s.federation?.type === 'WebIdentity') session.webIdentityProvider = s.federation.provider;
      if (s.service?.ec2 !== undefined) session.ec2RoleDelivery = s.service.ec2.roleDelivery;
      break;
    case 'FederatedUser':
      session.sessionName = s.sessionName;
      session.issuer = federationIssuer(s);
      break;
    case 'SessionToken':
      // GetSessionToken sessions (Root, User) show no issuer.
      break;
  }
  return session;
}

function roleIssuer(s: AssumedRoleClaims): SessionIssuer {
  return {
    type: 'Role',
    principalId: s.roleId,
    arn: iamArn(s.accountId, 'role', s.rolePath, s.roleName),
    accountId: s.accountId,
    userName: s.roleName,
  };
}

function federationIssuer(s: FederatedUserClaims): SessionIssuer {
  if (s.originUserName === undefined) {
    return { type: 'Root', principalId: s.accountId, arn: rootArn(s.accountId), accountId: s.accountId };
  }
  return { type: 'IAMUser', principalId: s.originUserId, arn: s.originArn, accountId: s.accountId, userName: s.originUserName };
}
