/**
 * A CloudTrail event record (eventVersion 1.08), with the fields keysmith fills. Member names,
 * value formats and field order follow AWS's records (reference §5), so tools that read
 * CloudTrail JSON read these.
 */
export interface CloudTrailEvent {
  eventVersion: '1.08';
  userIdentity: UserIdentity;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  errorCode?: string;
  errorMessage?: string;
  requestParameters: Record<string, unknown> | null;
  responseElements: Record<string, unknown> | null;
  requestID: string;
  eventID: string;
  readOnly: boolean;
  resources?: EventResource[];
  additionalEventData?: Record<string, string>;
  eventType: 'AwsApiCall';
  managementEvent: boolean;
  recipientAccountId?: string;
  sharedEventID?: string;
  eventCategory: 'Management' | 'Data';
}

export interface UserIdentity {
  type: 'Root' | 'IAMUser' | 'AssumedRole' | 'FederatedUser' | 'AWSAccount' | 'AWSService' | 'WebIdentityUser' | 'SAMLUser' | 'Unknown';
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  /** WebIdentityUser / SAMLUser: the identity provider (its ARN or well-known name). */
  identityProvider?: string;
  /** AWSService: the service principal that made the call (`ec2.amazonaws.com`). */
  invokedBy?: string;
  sessionContext?: SessionContext;
}

export interface SessionContext {
  sessionIssuer?: SessionIssuer;
  /** Sessions from AssumeRoleWithWebIdentity: the provider; `attributes` is empty in AWS's records. */
  webIdFederationData?: { federatedProvider: string; attributes: Record<string, string> };
  attributes: { creationDate: string; mfaAuthenticated: 'true' | 'false' };
  sourceIdentity?: string;
  /** Sessions an EC2 instance's role delivered: `2.0` when fetched with an IMDSv2 token, else `1.0`. */
  ec2RoleDelivery?: string;
}

export interface SessionIssuer {
  type: 'Root' | 'IAMUser' | 'Role';
  principalId: string;
  arn: string;
  accountId: string;
  userName?: string;
}

/** The `resources` member of a record. */
export interface EventResource {
  ARN: string;
  accountId?: string;
  type: string;
}
