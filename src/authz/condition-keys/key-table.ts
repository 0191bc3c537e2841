/**
 * Every condition key keysmith knows: where its value comes from, when it is present, and the
 * AWS text that says so — or, for a key keysmith never sets, why. Which *actions* a key may
 * appear on is AWS's own table (aws-action-keys.ts, generated from the Service Authorization
 * Reference); global keys may appear on any action. The request-context builder
 * (../request-context.ts) sets exactly these keys, and docs/condition-keys.md is generated from
 * this file (`npm run docs:condition-keys`).
 *
 * A key ending in "/" is a family: `aws:RequestTag/` stands for `aws:RequestTag/${TagKey}`. A key
 * with a `${Placeholder}` is a family too, written as AWS writes such keys
 * (`${ProviderName}:sub` stands for `token.actions.githubusercontent.com:sub`, …).
 */

/** Where a key's value comes from. */
export type KeySource =
  /** The authenticated caller (or the anonymous caller). */
  | 'principal'
  /** The temporary credentials' sealed session claims. */
  | 'session'
  /** The HTTP request itself: address, time, transport, headers. */
  | 'request'
  /** A member of the operation's input (Tags, TagKeys, PermissionsBoundary, PolicyArn, …). */
  | 'input'
  /** The resource the action targets, as stored (its tags, its boundary, its owner). */
  | 'resource'
  /** Computed by the operation, which alone knows it (S3 object tags, STS session tags). */
  | 'operation';

export interface KeyRow {
  key: string;
  /** AWS global key (any action), or a key AWS lists per action (aws-action-keys.ts). */
  global: boolean;
  /** Absent when keysmith never sets the key; `notSet` then says why. */
  source?: KeySource;
  /** Where the value comes from and when it is present, in words. */
  value?: string;
  notSet?: string;
  /** The AWS document that defines the key's presence. */
  cite: string;
  /**
   * A sourced key no live suite can exercise, and why (the coverage test then wants this text and
   * a unit test instead of a live case).
   */
  noLiveCase?: string;
  /** The services on whose actions keysmith sets a per-action key, when not all AWS lists. */
  services?: readonly string[];
  /**
   * The actions on which keysmith sets a per-action key, when not all AWS lists (AWS lists the
   * web-identity and SAML keys on sts:AssumeRole too; keysmith sets them on the federated calls).
   */
  actions?: readonly string[];
}

const GLOBAL_KEYS = 'IAM User Guide, "AWS global condition context keys" (reference_policies_condition-keys)';
const IAM_KEYS = 'Service Authorization Reference, IAM: condition keys table; IAM User Guide, "IAM and AWS STS condition context keys"';
const STS_KEYS = 'Service Authorization Reference, STS: condition keys table; IAM User Guide, "IAM and AWS STS condition context keys"';
const S3_KEYS = 'Service Authorization Reference, Amazon S3: condition keys table; S3 User Guide, "Condition key examples"';
const WEB_IDENTITY_KEYS =
  'IAM User Guide, "Available keys for AWS OIDC federation" (reference_policies_iam-condition-keys) and the STS condition keys table';
const SAML_KEYS =
  'IAM User Guide, "Available keys for SAML-based AWS STS federation" and "Configure SAML assertions for the authentication response"';
const WEB_IDENTITY_ACTIONS = ['sts:AssumeRoleWithWebIdentity'];
const SAML_ACTIONS = ['sts:AssumeRoleWithSAML'];
const TAG_KEYS = 'IAM User Guide, "Controlling access to and for IAM users and roles using tags" and the global keys page';

/** The keys AWS's table lists for its built-in web identity providers (STS condition keys table). */
const BUILT_IN_PROVIDER_KEYS = [
  'accounts.google.com:aud',
  'accounts.google.com:oaud',
  'accounts.google.com:sub',
  'accounts.google.com:google/organization_number',
  'cognito-identity.amazonaws.com:amr',
  'cognito-identity.amazonaws.com:aud',
  'cognito-identity.amazonaws.com:sub',
  'graph.facebook.com:app_id',
  'graph.facebook.com:id',
  'www.amazon.com:app_id',
  'www.amazon.com:user_id',
] as const;

/**
 * The `saml:` keys an assertion's attributes become (IAM User Guide, "Available keys for
 * SAML-based AWS STS federation"): the key, the attribute Names it comes from (an OID with or
 * without `urn:oid:`), and whether it keeps every value. src/federation/saml/condition-keys.ts
 * maps them.
 */
const SAML_ATTRIBUTE_KEYS: readonly [key: string, names: readonly string[], multi: boolean][] = [
  ['saml:edupersonaffiliation', ['urn:oid:1.3.6.1.4.1.5923.1.1.1.1'], true],
  ['saml:edupersonnickname', ['urn:oid:1.3.6.1.4.1.5923.1.1.1.2'], true],
  ['saml:edupersonorgdn', ['urn:oid:1.3.6.1.4.1.5923.1.1.1.3'], false],
  ['saml:edupersonorgunitdn', ['urn:oid:1.3.6.1.4.1.5923.1.1.1.4'], true],
  ['saml:edupersonprimaryaffiliation', ['urn:oid:1.3.6.1.4.1.5923.1.1.1.5'], false],
  ['saml:edupersonprincipalname', ['urn:oid:1.3.6.1.4.1.5923.1.1.1.6'], false],
  ['saml:edupersonentitlement', ['urn:oid:1.3.6.1.4.1.5923.1.1.1.7'], true],
  ['saml:edupersonprimaryorgunitdn', ['urn:oid:1.3.6.1.4.1.5923.1.1.1.8'], false],
  ['saml:edupersonscopedaffiliation', ['urn:oid:1.3.6.1.4.1.5923.1.1.1.9'], true],
  ['saml:edupersontargetedid', ['urn:oid:1.3.6.1.4.1.5923.1.1.1.10'], true],
  ['saml:edupersonassurance', ['urn:oid:1.3.6.1.4.1.5923.1.1.1.11'], true],
  ['saml:eduorghomepageuri', ['urn:oid:1.3.6.1.4.1.5923.1.2.1.2'], true],
  ['saml:eduorgidentityauthnpolicyuri', ['urn:oid:1.3.6.1.4.1.5923.1.2.1.3'], true],
  ['saml:eduorglegalname', ['urn:oid:1.3.6.1.4.1.5923.1.2.1.4'], true],
  ['saml:eduorgsuperioruri', ['urn:oid:1.3.6.1.4.1.5923.1.2.1.5'], true],
  ['saml:eduorgwhitepagesuri', ['urn:oid:1.3.6.1.4.1.5923.1.2.1.6'], true],
  ['saml:cn', ['urn:oid:2.5.4.3'], true],
  ['saml:name', ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name'], false],
  ['saml:commonName', ['http://schemas.xmlsoap.org/claims/CommonName'], false],
  ['saml:givenName', ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname', 'urn:oid:2.5.4.42'], false],
  ['saml:surname', ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname', 'urn:oid:2.5.4.4'], false],
  ['saml:mail', ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress', 'urn:oid:0.9.2342.19200300.100.1.3'], false],
  ['saml:primaryGroupSID', ['http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid'], false],
  ['saml:x500UniqueIdentifier', ['urn:oid:2.5.4.45'], false],
  ['saml:uid', ['urn:oid:0.9.2342.19200300.100.1.1'], false],
  ['saml:organizationStatus', ['urn:oid:0.9.2342.19200300.100.1.45'], false],
];

/** The attribute Names of each `saml:` attribute key (the live suites sign assertions with them). */
export const SAML_ATTRIBUTE_SOURCES: ReadonlyMap<string, readonly string[]> = new Map(SAML_ATTRIBUTE_KEYS.map(([k, names]) => [k, names]));

const NO_ORGANIZATIONS = 'keysmith has no AWS Organizations: no account is a member of an organization, so AWS would leave it absent too.';
const NO_SERVICE_CALLS =
  'no AWS service calls keysmith on a principal’s behalf or as a service principal, so AWS would leave it absent too.';
const NO_VPC = 'keysmith has no VPC endpoints: every request arrives over its own listener.';

export const CONDITION_KEYS: readonly KeyRow[] = [
  // ── Principal ──────────────────────────────────────────────────────────────────────────────
  {
    key: 'aws:PrincipalArn',
    global: true,
    source: 'principal',
    value:
      'Every signed request: the user ARN, the **role** ARN for a role session, the federated-user ARN, `arn:aws:iam::A:root`. Absent for anonymous requests.',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'aws:PrincipalAccount',
    global: true,
    source: 'principal',
    value: 'Every request: the caller’s account; `anonymous` for anonymous S3 requests.',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'aws:PrincipalType',
    global: true,
    source: 'principal',
    value: 'Every request: `Account` (root), `User`, `AssumedRole`, `FederatedUser`, `Anonymous`.',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'aws:userid',
    global: true,
    source: 'principal',
    value:
      'Every request: `AIDA…` for users, `AROA…:session` for role sessions, `account:name` for federated users, the account id for root, `anonymous`.',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'aws:username',
    global: true,
    source: 'principal',
    value: 'IAM users only (absent for root, role sessions, federated users, anonymous).',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'aws:PrincipalTag/',
    global: true,
    source: 'principal',
    value:
      'One key per tag of the caller: the user’s tags; for a role session the role’s tags overridden by the session tags (transitive ones included), keys compared ignoring case.',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'aws:PrincipalIsAWSService',
    global: true,
    source: 'principal',
    value:
      'Every signed request: `false`. `true` on the one call an AWS service principal makes: the sts:AssumeRole of a credential grant (`keysmith run`, docs/service-roles.md), with which the service takes the role for the compute it runs. Absent for anonymous requests.',
    cite: GLOBAL_KEYS,
  },
  { key: 'aws:PrincipalOrgID', global: true, notSet: NO_ORGANIZATIONS, cite: GLOBAL_KEYS },
  { key: 'aws:PrincipalOrgPaths', global: true, notSet: NO_ORGANIZATIONS, cite: GLOBAL_KEYS },
  {
    key: 'aws:PrincipalServiceName',
    global: true,
    source: 'principal',
    value:
      'The service principal (`ec2.amazonaws.com`, `ecs-tasks.amazonaws.com`, `lambda.amazonaws.com`, `pods.eks.amazonaws.com`) on the sts:AssumeRole it makes for a credential grant. Absent on every other request.',
    cite: GLOBAL_KEYS,
  },
  { key: 'aws:PrincipalServiceNamesList', global: true, notSet: NO_SERVICE_CALLS, cite: GLOBAL_KEYS },
  // ── Role session ───────────────────────────────────────────────────────────────────────────
  {
    key: 'aws:TokenIssueTime',
    global: true,
    source: 'session',
    value: 'Requests signed with temporary credentials: when they were issued (ISO 8601). Absent for long-term keys.',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'aws:MultiFactorAuthPresent',
    global: true,
    source: 'session',
    value:
      'Requests signed with temporary credentials: `true` when MFA was used to get them (GetSessionToken or AssumeRole with SerialNumber/TokenCode, or inherited by chaining), else `false`. Absent for long-term keys — hence AWS’s advice to test it with `BoolIfExists`.',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'aws:MultiFactorAuthAge',
    global: true,
    source: 'session',
    value: 'Temporary credentials obtained with MFA: seconds since they were issued.',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'aws:SourceIdentity',
    global: true,
    source: 'session',
    value: 'Role sessions that carry a source identity (set on AssumeRole, sticky through chaining).',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'aws:FederatedProvider',
    global: true,
    source: 'session',
    value:
      'Role sessions issued by AssumeRoleWithWebIdentity or AssumeRoleWithSAML, and sessions chained from them: the ARN of the IAM identity provider that signed the user in (`arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com`, `arn:aws:iam::111122223333:saml-provider/Name`). keysmith knows only IAM-registered providers, so the bare names AWS sets for its built-in ones (`cognito-identity.amazonaws.com`, `www.amazon.com`) never occur.',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'aws:AssumedRoot',
    global: true,
    notSet:
      'sts:AssumeRoot never succeeds in keysmith (no organizations, docs/iam/settings-organizations-delegation.md): there is no AssumeRoot session.',
    cite: GLOBAL_KEYS,
  },
  { key: 'aws:ChatbotSourceArn', global: true, notSet: NO_SERVICE_CALLS, cite: GLOBAL_KEYS },
  {
    key: 'aws:Ec2InstanceSourcePrivateIPv4',
    global: true,
    source: 'session',
    value:
      'Requests signed with an EC2 role session (`keysmith run --as ec2`): the private IPv4 address keysmith made up for the instance (also in its identity document). Absent for sessions chained from it.',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'aws:Ec2InstanceSourceVpc',
    global: true,
    source: 'session',
    value: 'Requests signed with an EC2 role session: the VPC id keysmith made up for the instance. Absent for sessions chained from it.',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'ec2:SourceInstanceArn',
    global: true,
    source: 'session',
    value:
      'Requests signed with an EC2 role session: the ARN of the instance the credentials were delivered to (`arn:aws:ec2:REGION:ACCOUNT:instance/i-…`). Absent for sessions chained from it.',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'ec2:RoleDelivery',
    global: true,
    source: 'session',
    value:
      'Requests signed with an EC2 role session: `2.0` when the program fetched the credentials with an IMDSv2 session token, `1.0` without one (`--imds-v1`). Absent for sessions chained from it.',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'lambda:SourceFunctionArn',
    global: true,
    source: 'session',
    value:
      'Requests signed with a Lambda execution-role session (`keysmith run --as lambda`): the function ARN. Absent for sessions chained from it.',
    cite: GLOBAL_KEYS,
  },
  { key: 'aws:SignInSessionArn', global: true, notSet: 'keysmith has no AWS Sign-In OAuth sessions.', cite: GLOBAL_KEYS },
  // ── Network and request ────────────────────────────────────────────────────────────────────
  {
    key: 'aws:SourceIp',
    global: true,
    source: 'request',
    value:
      'Every request: the client’s address as the listener sees it (IPv4-mapped IPv6 written as IPv4). keysmith does not trust X-Forwarded-For.',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'aws:SecureTransport',
    global: true,
    source: 'request',
    value: 'Every request: `true` over TLS, else `false`.',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'aws:CurrentTime',
    global: true,
    source: 'request',
    value: 'Every request: the time it arrived (ISO 8601, seconds).',
    cite: GLOBAL_KEYS,
  },
  { key: 'aws:EpochTime', global: true, source: 'request', value: 'Every request: the same instant in epoch seconds.', cite: GLOBAL_KEYS },
  {
    key: 'aws:RequestedRegion',
    global: true,
    source: 'request',
    value:
      'Every request: the region of the signature’s credential scope — except IAM, a global service whose requests always report `us-east-1`, as on AWS. Anonymous S3 requests: KEYSMITH_REGION.',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'aws:UserAgent',
    global: true,
    source: 'request',
    value: 'Every request that sends a User-Agent header (a client-supplied value: not a security control).',
    cite: GLOBAL_KEYS,
  },
  { key: 'aws:referer', global: true, source: 'request', value: 'S3 requests that send a Referer header.', cite: GLOBAL_KEYS },
  {
    key: 'aws:ViaAWSService',
    global: true,
    source: 'request',
    value: 'Every request: `false` (no AWS service forwards a caller’s credentials to keysmith).',
    cite: GLOBAL_KEYS,
  },
  { key: 'aws:CalledVia', global: true, notSet: NO_SERVICE_CALLS, cite: GLOBAL_KEYS },
  { key: 'aws:CalledViaFirst', global: true, notSet: NO_SERVICE_CALLS, cite: GLOBAL_KEYS },
  { key: 'aws:CalledViaLast', global: true, notSet: NO_SERVICE_CALLS, cite: GLOBAL_KEYS },
  { key: 'aws:CalledViaAWSMCP', global: true, notSet: NO_SERVICE_CALLS, cite: GLOBAL_KEYS },
  { key: 'aws:ViaAWSMCPService', global: true, notSet: NO_SERVICE_CALLS, cite: GLOBAL_KEYS },
  { key: 'aws:IsMcpServiceAction', global: true, notSet: NO_SERVICE_CALLS, cite: GLOBAL_KEYS },
  {
    key: 'aws:SourceArn',
    global: true,
    source: 'operation',
    value:
      'The sts:AssumeRole a service makes for a credential grant: the ARN of the compute the role is for, as keysmith makes it up for the run (`arn:aws:ec2:REGION:ACCOUNT:instance/i-…`, the ECS task, the Lambda function, the EKS cluster). Absent on every other request (no other service calls keysmith on a principal’s behalf).',
    cite: GLOBAL_KEYS,
  },
  {
    key: 'aws:SourceAccount',
    global: true,
    source: 'operation',
    value:
      'The sts:AssumeRole a service makes for a credential grant: the account of the principal that created the grant (and passed the role). Absent on every other request.',
    cite: GLOBAL_KEYS,
  },
  { key: 'aws:SourceOrgID', global: true, notSet: NO_SERVICE_CALLS, cite: GLOBAL_KEYS },
  { key: 'aws:SourceOrgPaths', global: true, notSet: NO_SERVICE_CALLS, cite: GLOBAL_KEYS },
  { key: 'aws:SourceVpc', global: true, notSet: NO_VPC, cite: GLOBAL_KEYS },
  { key: 'aws:SourceVpcArn', global: true, notSet: NO_VPC, cite: GLOBAL_KEYS },
  { key: 'aws:SourceVpce', global: true, notSet: NO_VPC, cite: GLOBAL_KEYS },
  { key: 'aws:VpcSourceIp', global: true, notSet: NO_VPC, cite: GLOBAL_KEYS },
  { key: 'aws:VpceAccount', global: true, notSet: NO_VPC, cite: GLOBAL_KEYS },
  { key: 'aws:VpceOrgID', global: true, notSet: NO_VPC, cite: GLOBAL_KEYS },
  { key: 'aws:VpceOrgPaths', global: true, notSet: NO_VPC, cite: GLOBAL_KEYS },
  // ── Resource ───────────────────────────────────────────────────────────────────────────────
  {
    key: 'aws:ResourceAccount',
    global: true,
    source: 'resource',
    value:
      'Requests on a resource that belongs to an account: the account in the IAM or STS resource ARN, the role’s account (AssumeRole), the bucket owner (S3); for S3 calls on no existing bucket (CreateBucket, ListAllMyBuckets) the caller’s account. Absent for IAM and STS actions on resource `*`.',
    cite: GLOBAL_KEYS,
  },
  { key: 'aws:ResourceOrgID', global: true, notSet: NO_ORGANIZATIONS, cite: GLOBAL_KEYS },
  { key: 'aws:ResourceOrgPaths', global: true, notSet: NO_ORGANIZATIONS, cite: GLOBAL_KEYS },
  // ── Tags (per action, AWS's table) ─────────────────────────────────────────────────────────
  {
    key: 'aws:RequestTag/',
    global: false,
    source: 'input',
    value:
      'Actions that take tags (IAM Create*/Tag*, sts:AssumeRole, sts:TagSession, sts:GetFederationToken), when the request passes tags: one key per tag.',
    cite: TAG_KEYS,
  },
  {
    key: 'aws:TagKeys',
    global: false,
    source: 'input',
    value:
      'Actions that take tags or tag keys, when the request passes some: the keys of `Tags` (Create*, Tag*, session tags) or the `TagKeys` member (Untag*), in request order. Absent when the request passes none.',
    cite: TAG_KEYS,
  },
  {
    key: 'aws:ResourceTag/',
    global: false,
    source: 'resource',
    value:
      'IAM and STS actions on a tagged resource type (IAM users, roles, managed policies, virtual MFA devices, instance profiles, OIDC and SAML providers, server certificates; the role of sts:AssumeRole): the resource’s tags as stored; on a create, the tags it is being created with. For AssumeRole a transitive tag of the calling session replaces the role tag of the same key. Not set on S3 actions (see s3:BucketTag/).',
    cite: TAG_KEYS,
    services: ['iam', 'sts'],
  },
  // ── IAM ────────────────────────────────────────────────────────────────────────────────────
  {
    key: 'iam:ResourceTag/',
    global: false,
    source: 'resource',
    value: 'Actions on an IAM user or role (and sts:AssumeRole on its role): the entity’s tags as stored.',
    cite: IAM_KEYS,
  },
  {
    key: 'iam:PermissionsBoundary',
    global: false,
    source: 'input',
    value:
      'CreateUser/CreateRole and Put{User,Role}PermissionsBoundary: the boundary the request sets. Other actions AWS lists it on (Attach/Detach/Put/Delete{User,Role}Policy, GetRole, DeleteRole, UpdateRole, …): the boundary the target entity has now. Absent when there is none.',
    cite: IAM_KEYS,
  },
  {
    key: 'iam:PolicyARN',
    global: false,
    source: 'input',
    value: 'Attach/Detach{User,Group,Role}Policy: the `PolicyArn` of the request.',
    cite: IAM_KEYS,
  },
  {
    key: 'iam:PassedToService',
    global: false,
    source: 'operation',
    value:
      'iam:PassRole when a credential grant is created (`keysmith run`, `keysmith grant create`): the service principal the role is passed to (`ec2.amazonaws.com`, `ecs-tasks.amazonaws.com`, `lambda.amazonaws.com`, `pods.eks.amazonaws.com`). AddRoleToInstanceProfile checks iam:PassRole without it, as AWS does.',
    cite: IAM_KEYS,
  },
  {
    key: 'iam:AssociatedResourceArn',
    global: false,
    source: 'operation',
    value:
      'iam:PassRole when a credential grant for EC2 is created: the ARN of the instance the role will be associated with (`arn:aws:ec2:REGION:ACCOUNT:instance/i-…`). Absent for the other compute types, which AWS does not list as setting it.',
    cite: IAM_KEYS,
  },
  {
    key: 'iam:AWSServiceName',
    global: false,
    source: 'input',
    value: 'CreateServiceLinkedRole: the `AWSServiceName` of the request (the service principal, e.g. `ecs.amazonaws.com`).',
    cite: IAM_KEYS,
  },
  {
    key: 'iam:OrganizationsPolicyId',
    global: false,
    source: 'input',
    value: 'iam:GenerateOrganizationsAccessReport when the request passes `OrganizationsPolicyId`.',
    cite: IAM_KEYS,
  },
  { key: 'iam:RoleTemplateARN', global: false, notSet: 'keysmith has no IAM role templates.', cite: IAM_KEYS },
  {
    key: 'iam:ServiceSpecificCredentialServiceName',
    global: false,
    source: 'operation',
    value:
      'CreateServiceSpecificCredential: the `ServiceName` of the request. Reset/Update/DeleteServiceSpecificCredential: the service of the credential named (absent when it does not exist).',
    cite: IAM_KEYS,
  },
  {
    key: 'iam:ServiceSpecificCredentialAgeDays',
    global: false,
    source: 'input',
    value: 'CreateServiceSpecificCredential: the `CredentialAgeDays` of the request (numeric). Absent when not given.',
    cite: IAM_KEYS,
  },
  {
    key: 'iam:FIDO-certification',
    global: false,
    notSet: 'keysmith supports virtual (TOTP) MFA devices only; the FIDO keys concern security keys.',
    cite: IAM_KEYS,
  },
  { key: 'iam:FIDO-FIPS-140-2-certification', global: false, notSet: 'keysmith supports virtual (TOTP) MFA devices only.', cite: IAM_KEYS },
  { key: 'iam:FIDO-FIPS-140-3-certification', global: false, notSet: 'keysmith supports virtual (TOTP) MFA devices only.', cite: IAM_KEYS },
  { key: 'iam:RegisterSecurityKey', global: false, notSet: 'keysmith supports virtual (TOTP) MFA devices only.', cite: IAM_KEYS },
  { key: 'iam:AccountPropertyNamespaces', global: false, notSet: 'keysmith has no Get/PutAccountProperties.', cite: IAM_KEYS },
  {
    key: 'iam:DelegationDuration',
    global: false,
    source: 'input',
    value: 'iam:CreateDelegationRequest: the `SessionDuration` of the request (seconds, as a string).',
    cite: IAM_KEYS,
  },
  {
    key: 'iam:DelegationRequestOwner',
    global: false,
    notSet:
      'not set yet: the owner of a stored delegation request is not read for authorization (docs/iam/settings-organizations-delegation.md).',
    cite: IAM_KEYS,
  },
  {
    key: 'iam:NotificationChannel',
    global: false,
    source: 'input',
    value: 'iam:CreateDelegationRequest: the `NotificationChannel` of the request.',
    cite: IAM_KEYS,
  },
  {
    key: 'iam:TemplateArn',
    global: false,
    source: 'input',
    value: 'iam:CreateDelegationRequest when the request passes `Permissions.PolicyTemplateArn`.',
    cite: IAM_KEYS,
  },
  // ── STS ────────────────────────────────────────────────────────────────────────────────────
  {
    key: 'sts:TaskPolicyArn',
    global: false,
    source: 'input',
    value: 'sts:AssumeRoot: the `TaskPolicyArn.arn` of the request.',
    cite: STS_KEYS,
  },
  {
    key: 'sts:DurationSeconds',
    global: false,
    source: 'input',
    value: 'sts:GetWebIdentityToken when the request passes `DurationSeconds` (as a string).',
    cite: STS_KEYS,
  },
  {
    key: 'sts:IdentityTokenAudience',
    global: false,
    source: 'input',
    value: 'sts:GetWebIdentityToken: the `Audience` list of the request (multivalued).',
    cite: STS_KEYS,
  },
  {
    key: 'sts:SigningAlgorithm',
    global: false,
    source: 'input',
    value: 'sts:GetWebIdentityToken: the `SigningAlgorithm` of the request.',
    cite: STS_KEYS,
  },
  {
    key: 'sts:RoleSessionName',
    global: false,
    source: 'operation',
    value:
      'sts:AssumeRole and sts:AssumeRoleWithWebIdentity: the `RoleSessionName` of the request. sts:AssumeRoleWithSAML: the assertion’s `https://aws.amazon.com/SAML/Attributes/RoleSessionName` attribute. Present on the checks made within those calls (sts:TagSession, sts:SetSourceIdentity) too.',
    cite: STS_KEYS,
  },
  {
    key: 'sts:ExternalId',
    global: false,
    source: 'operation',
    value: 'sts:AssumeRole when the request passes `ExternalId`.',
    cite: STS_KEYS,
  },
  {
    key: 'sts:SourceIdentity',
    global: false,
    source: 'operation',
    value:
      'sts:AssumeRole (and sts:SetSourceIdentity) when the request passes `SourceIdentity` or the calling session carries one; sts:AssumeRoleWithWebIdentity when the token carries the `https://aws.amazon.com/source_identity` claim; sts:AssumeRoleWithSAML when the assertion carries the `SourceIdentity` attribute.',
    cite: STS_KEYS,
  },
  {
    key: 'sts:TransitiveTagKeys',
    global: false,
    source: 'operation',
    value:
      'sts:AssumeRole and sts:TagSession when the request passes `TransitiveTagKeys`; sts:AssumeRoleWithWebIdentity and sts:AssumeRoleWithSAML when the token’s `transitive_tag_keys` / the assertion’s `TransitiveTagKeys` attribute names some.',
    cite: STS_KEYS,
  },
  // ── Web identity (AssumeRoleWithWebIdentity's trust policy) ─────────────────────────────────
  {
    key: '${ProviderName}:aud',
    global: false,
    source: 'operation',
    value:
      'sts:AssumeRoleWithWebIdentity (and the checks within it): the client id the token was accepted for — its `azp` claim when that is one of the provider’s client ids, else the `aud` value that is. `${ProviderName}` is the IAM OIDC provider’s URL without `https://` (`token.actions.githubusercontent.com`, `oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE`, `idp.example.com:8443/realm` with KEYSMITH_OIDC_ALLOW_PORTS).',
    cite: WEB_IDENTITY_KEYS,
    actions: WEB_IDENTITY_ACTIONS,
  },
  {
    key: '${ProviderName}:oaud',
    global: false,
    source: 'operation',
    value: 'sts:AssumeRoleWithWebIdentity when `azp` decided the audience: the token’s `aud` values (multivalued). Absent otherwise.',
    cite: WEB_IDENTITY_KEYS,
    actions: WEB_IDENTITY_ACTIONS,
  },
  {
    key: '${ProviderName}:sub',
    global: false,
    source: 'operation',
    value:
      'sts:AssumeRoleWithWebIdentity: the token’s `sub` (GitHub Actions: `repo:OWNER/REPO:ref:…`; Kubernetes: `system:serviceaccount:NS:NAME`).',
    cite: WEB_IDENTITY_KEYS,
    actions: WEB_IDENTITY_ACTIONS,
  },
  {
    key: '${ProviderName}:amr',
    global: false,
    source: 'operation',
    value:
      'sts:AssumeRoleWithWebIdentity when the token has an `amr` claim: its values (multivalued). AWS documents the key for Amazon Cognito’s tokens (`authenticated`, `unauthenticated`); keysmith sets it for any provider whose token carries `amr`.',
    cite: WEB_IDENTITY_KEYS,
    actions: WEB_IDENTITY_ACTIONS,
  },
  {
    key: 'token.actions.githubusercontent.com:${Claim}',
    global: false,
    source: 'operation',
    value:
      'sts:AssumeRoleWithWebIdentity with a GitHub Actions provider (`token.actions.githubusercontent.com`, with a `/…` path, `token.actions.<name>.ghe.com`, `github.com/enterprises/<name>`; the key starts with the provider’s name): one key per claim the token has among `actor`, `actor_id`, `enterprise_id`, `environment`, `job_workflow_ref`, `ref`, `repository`, `repository_id`, `repository_owner_id`, `workflow` — the claims AWS lists for the action.',
    noLiveCase:
      'only a provider registered under GitHub’s host name sets these, and the live suites’ issuer is on 127.0.0.1; test/unit/federation-keys.test.ts covers the mapping.',
    cite: WEB_IDENTITY_KEYS,
    actions: WEB_IDENTITY_ACTIONS,
  },
  ...BUILT_IN_PROVIDER_KEYS.map((key): KeyRow => ({
    key,
    global: false,
    notSet:
      key.startsWith('accounts.google.com:') || key.startsWith('cognito-identity.amazonaws.com:')
        ? `AWS sets it for its built-in ${key.slice(0, key.indexOf(':'))} provider (\`Principal: {"Federated": "${key.slice(0, key.indexOf(':'))}"}\`); keysmith has no built-in providers. An IAM OIDC provider registered with the URL \`https://${key.slice(0, key.indexOf(':'))}\` gets the same key names from the \`\${ProviderName}:\` rows${key.endsWith(':google/organization_number') ? ', but not this one (keysmith does not read Google’s `google` claim)' : ''}.`
        : 'AWS sets it for the OAuth 2.0 providers named by `ProviderId` (Login with Amazon, Facebook), whose access tokens it checks with the provider; keysmith refuses `ProviderId` (it verifies OpenID Connect tokens only).',
    cite: WEB_IDENTITY_KEYS,
  })),
  {
    key: 'sts:RoleAuthorizedByIdp',
    global: false,
    notSet: 'AWS lists it for sts:AssumeRoleWithWebIdentity without saying where its value comes from; it is not on record here.',
    cite: STS_KEYS,
  },
  {
    key: '${OtherProvider}:${Claim}',
    global: false,
    notSet:
      'the provider-specific claims AWS lists for GitLab (`gitlab.com:project_id`, …), Buildkite, CircleCI and Oracle Cloud: keysmith maps only the `aud`/`sub`/`amr`/`oaud` keys and GitHub’s claims.',
    cite: WEB_IDENTITY_KEYS,
  },
  // ── SAML (AssumeRoleWithSAML's trust policy) ────────────────────────────────────────────────
  {
    key: 'saml:aud',
    global: false,
    source: 'operation',
    value:
      'sts:AssumeRoleWithSAML (and the checks within it): the `Recipient` of the assertion’s SubjectConfirmationData — the endpoint the assertion is presented to, `https://signin.aws.amazon.com/saml` — as AWS documents it (not the `Audience`).',
    cite: SAML_KEYS,
    actions: SAML_ACTIONS,
  },
  {
    key: 'saml:iss',
    global: false,
    source: 'operation',
    value: 'sts:AssumeRoleWithSAML: the assertion’s `Issuer` (the IdP’s entity id).',
    cite: SAML_KEYS,
    actions: SAML_ACTIONS,
  },
  {
    key: 'saml:sub',
    global: false,
    source: 'operation',
    value: 'sts:AssumeRoleWithSAML: the `NameID` of the assertion’s Subject.',
    cite: SAML_KEYS,
    actions: SAML_ACTIONS,
  },
  {
    key: 'saml:sub_type',
    global: false,
    source: 'operation',
    value:
      'sts:AssumeRoleWithSAML: the NameID `Format` without SAML’s `urn:oasis:names:tc:SAML:2.0:nameid-format:` prefix (`persistent`, `transient`); any other format as given.',
    cite: SAML_KEYS,
    actions: SAML_ACTIONS,
  },
  {
    key: 'saml:namequalifier',
    global: false,
    source: 'operation',
    value: 'sts:AssumeRoleWithSAML: BASE64(SHA1(Issuer + account id + "/" + provider name)) — the `NameQualifier` of the response.',
    cite: SAML_KEYS,
    actions: SAML_ACTIONS,
  },
  {
    key: 'saml:doc',
    global: false,
    source: 'operation',
    value: 'sts:AssumeRoleWithSAML: `<account id>/<SAML provider name>` of the provider named by `PrincipalArn`.',
    cite: SAML_KEYS,
    actions: SAML_ACTIONS,
  },
  ...SAML_ATTRIBUTE_KEYS.map(([key, names, multi]): KeyRow => ({
    key,
    global: false,
    source: 'operation',
    value: `sts:AssumeRoleWithSAML when the assertion has the attribute ${names.map((n) => `\`${n}\``).join(' or ')}: ${multi ? 'all its values (multivalued)' : 'its first value'}.`,
    cite: SAML_KEYS,
    actions: SAML_ACTIONS,
  })),
  // ── S3 ─────────────────────────────────────────────────────────────────────────────────────
  {
    key: 's3:prefix',
    global: false,
    source: 'operation',
    value: 's3:ListBucket when the request sends `prefix` (an empty value included).',
    cite: S3_KEYS,
  },
  { key: 's3:delimiter', global: false, source: 'operation', value: 's3:ListBucket when the request sends `delimiter`.', cite: S3_KEYS },
  { key: 's3:max-keys', global: false, source: 'operation', value: 's3:ListBucket when the request sends `max-keys`.', cite: S3_KEYS },
  {
    key: 's3:ExistingObjectTag/',
    global: false,
    source: 'operation',
    value:
      'Object actions on an existing object (GetObject, GetObjectTagging, PutObjectTagging, DeleteObjectTagging, …): one key per tag the object has.',
    cite: S3_KEYS,
  },
  {
    key: 's3:RequestObjectTag/',
    global: false,
    source: 'operation',
    value: 's3:PutObject with `x-amz-tagging`, s3:PutObjectTagging: one key per tag the request sets.',
    cite: S3_KEYS,
  },
  {
    key: 's3:RequestObjectTagKeys',
    global: false,
    source: 'operation',
    value: 's3:PutObject with `x-amz-tagging`, s3:PutObjectTagging: the keys the request sets.',
    cite: S3_KEYS,
  },
  {
    key: 's3:x-amz-content-sha256',
    global: false,
    source: 'request',
    value: 'Signed S3 requests that send the header: its value (a hex digest, `UNSIGNED-PAYLOAD`, `STREAMING-…`).',
    cite: S3_KEYS,
  },
  {
    key: 's3:x-amz-',
    global: false,
    source: 'request',
    value:
      'Every other `s3:x-amz-<header>` key AWS lists for the action (x-amz-acl, x-amz-copy-source, x-amz-metadata-directive, x-amz-grant-*, x-amz-server-side-encryption*, x-amz-storage-class, x-amz-website-redirect-location, …): the header’s value, when the request sends it.',
    cite: S3_KEYS,
  },
  {
    key: 's3:if-match',
    global: false,
    source: 'request',
    value: 'Actions AWS lists it on (PutObject, DeleteObject) when the request sends `If-Match`.',
    cite: S3_KEYS,
  },
  {
    key: 's3:if-none-match',
    global: false,
    source: 'request',
    value: 's3:PutObject when the request sends `If-None-Match`.',
    cite: S3_KEYS,
  },
  {
    key: 's3:authType',
    global: false,
    source: 'request',
    value: 'Authenticated S3 requests: `REST-HEADER` or `REST-QUERY-STRING` (presigned). Absent for anonymous requests.',
    cite: S3_KEYS,
  },
  {
    key: 's3:signatureversion',
    global: false,
    source: 'request',
    value: 'Authenticated S3 requests: `AWS4-HMAC-SHA256`, or `AWS` for legacy presigned URLs.',
    cite: S3_KEYS,
  },
  {
    key: 's3:signatureAge',
    global: false,
    source: 'request',
    value: 'SigV4-signed S3 requests: milliseconds since the signature’s X-Amz-Date.',
    cite: S3_KEYS,
  },
  {
    key: 's3:ResourceAccount',
    global: false,
    source: 'resource',
    value:
      'Requests on an existing bucket: the bucket owner’s account. Absent for CreateBucket and ListAllMyBuckets, which name no existing bucket (AWS’s value there is not on record).',
    cite: S3_KEYS,
  },
  {
    key: 's3:locationconstraint',
    global: false,
    source: 'operation',
    value:
      's3:CreateBucket: the region the bucket is created in — the body’s LocationConstraint, or `us-east-1` when the request names none.',
    cite: S3_KEYS,
  },
  {
    key: 's3:TlsVersion',
    global: false,
    notSet:
      'keysmith listens on plain HTTP; the key exists only for TLS connections (put keysmith behind a TLS proxy, and it still sees plain HTTP).',
    cite: S3_KEYS,
  },
  {
    key: 's3:BucketTag/',
    global: false,
    notSet:
      'S3 evaluates bucket tags in policies only for buckets with attribute-based access control enabled, which keysmith does not offer (aws:ResourceTag/ is not set on S3 actions either).',
    cite: S3_KEYS,
  },
  { key: 's3:ObjectCreationOperation', global: false, notSet: 'the values AWS uses are not on record here.', cite: S3_KEYS },
  { key: 's3:object-lock-', global: false, notSet: 'keysmith has no S3 Object Lock.', cite: S3_KEYS },
  { key: 's3:AccessGrantsInstanceArn', global: false, notSet: 'keysmith has no S3 Access Grants.', cite: S3_KEYS },
  { key: 's3:AccessPointNetworkOrigin', global: false, notSet: 'keysmith has no access points.', cite: S3_KEYS },
  { key: 's3:DataAccessPointAccount', global: false, notSet: 'keysmith has no access points.', cite: S3_KEYS },
  { key: 's3:DataAccessPointArn', global: false, notSet: 'keysmith has no access points.', cite: S3_KEYS },
  { key: 's3:AccessPointTag/', global: false, notSet: 'keysmith has no access points.', cite: S3_KEYS },
];

/** Keys (and families) keysmith sets, lower-cased. */
export const SET_KEYS: readonly KeyRow[] = CONDITION_KEYS.filter((row) => row.source !== undefined);

/**
 * A key written with `${Placeholder}`s (a family) as a pattern over key names, any case:
 * `${ProviderName}` and `${OtherProvider}` stand for a provider name (a host, maybe with a port
 * and a path: it has a dot, never a colon before the key's own), any other placeholder for any text.
 */
export function keyPattern(key: string): RegExp {
  const parts = key.split(/(\$\{\w+\})/).map((part) => {
    if (part === '${ProviderName}' || part === '${OtherProvider}') return '[^:]*\\.[^:]*(?::\\d+[^:]*)?';
    if (/^\$\{\w+\}$/.test(part)) return '.+';
    return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('')}$`, 'i');
}
