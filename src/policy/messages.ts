/**
 * MalformedPolicyDocument texts exactly as AWS sends them (shared/reference/aws-sts-iam-facts.md
 * §4.6; policy-semantics.md §7). People and scripts grep for these, so they are copied verbatim,
 * odd punctuation included. Texts marked "keysmith" are our own where AWS's is not on record.
 */
export const MSG = {
  syntax: 'Syntax errors in policy.',
  invalidJsonTrust: 'This policy contains invalid Json',
  version: 'Policy document must be version 2012-10-17 or greater.',
  legacy: 'The policy failed legacy parsing',
  sidUnique: 'Statement IDs (SID) in a single policy must be unique.',
  sidAlnum: 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
  noActions: 'Policy statement must contain actions.',
  noResources: 'Policy statement must contain resources.',
  actionNoVendor: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  actionTwoColons: 'Actions/Condition can contain only one colon.',
  vendorInvalid: (vendor: string) => `Vendor ${vendor} is not valid`,
  resourceNotArn: (r: string) => `Resource ${r} must be in ARN format or "*".`,
  partitionInvalid: (p: string, arn: string) => `Partition "${p}" is not valid for resource "${arn}".`,
  vendorRegex: 'Resource vendor must be fully qualified and cannot contain regexes.',
  iamRegion: (r: string) => `IAM resource ${r} cannot contain region information.`,
  s3Region: (r: string) => `Resource ${r} can not contain region information.`,
  iamPath:
    'IAM resource path must either be "*", root, or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.',
  principalForbidden: 'Policy document should not specify a principal.',
  principalMissing: 'Missing required field Principal',
  principalInvalid: (type: string, value: string) => `Invalid principal in policy: "${type}":"${value}"`,
  trustActions: 'AssumeRole policy may only specify STS AssumeRole actions.',
  trustResource: 'Has prohibited field Resource',
  /** keysmith: AWS's text for NotPrincipal in a trust policy is not on record. */
  trustNotPrincipal: 'Has prohibited field NotPrincipal',
  /** keysmith: RCP element restrictions (Organizations' text is not on record). */
  rcpElement: (el: string) => `Has prohibited field ${el}`,
  /**
   * IAM Access Analyzer's policy checks INVALID_ACTION and INVALID_SERVICE_IN_ACTION, console form
   * (access-analyzer-reference-policy-checks). Without a suggestion the "Did you mean" sentence is
   * left out (keysmith's choice; AWS suggests only "for some common issues").
   */
  invalidAction: (action: string, suggestion?: string) =>
    `Invalid action: The action ${action} does not exist.${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
  invalidServiceInAction: (service: string, suggestion?: string) =>
    `Invalid service in action: The service ${service} specified in the action does not exist.${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
} as const;

export const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);
