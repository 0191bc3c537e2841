/**
 * IAM creates that take `Tags` also need the resource type's tag permission, evaluated with the
 * same request (aws:RequestTag/*, aws:TagKeys): "To add tags to an IAM resource while you create
 * it, you need permission to create the resource and iam:Tag<Resource>" (IAM User Guide,
 * "Permissions required for tagging IAM resources"). Without Tags no tag permission is needed.
 */
const TAG_ACTION_OF_CREATE: Readonly<Record<string, string>> = {
  'iam:createuser': 'iam:TagUser',
  'iam:createrole': 'iam:TagRole',
  'iam:createpolicy': 'iam:TagPolicy',
  'iam:createinstanceprofile': 'iam:TagInstanceProfile',
  'iam:createopenidconnectprovider': 'iam:TagOpenIDConnectProvider',
  'iam:createsamlprovider': 'iam:TagSAMLProvider',
  'iam:uploadservercertificate': 'iam:TagServerCertificate',
  'iam:createvirtualmfadevice': 'iam:TagMFADevice',
};

/** The tag action a create needs besides its own, or undefined (no Tags, or not such a create). */
export function tagOnCreateAction(action: string, input: Readonly<Record<string, unknown>>): string | undefined {
  const tags = input.Tags;
  if (!Array.isArray(tags) || tags.length === 0) return undefined;
  return TAG_ACTION_OF_CREATE[action.toLowerCase()];
}

export function tagOnCreatePairs(): ReadonlyArray<readonly [string, string]> {
  return Object.entries(TAG_ACTION_OF_CREATE);
}
