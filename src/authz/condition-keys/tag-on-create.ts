/**
 * IAM creates that take `Tags` also need the resource type's tag permission, evaluated with the
 * same request (aws:RequestTag/*, aws:TagKeys): "To add tags to an IAM resource while you create
 * it, you need permission to create the resource and iam:Tag<Resource>" (IAM User Guide,
 * "Permissions required for tagging IAM resources"). Without Tags no tag permission is needed.
 */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['iam:CreateUser', 'iam:TagUser'],
  ['iam:CreateRole', 'iam:TagRole'],
  ['iam:CreatePolicy', 'iam:TagPolicy'],
  ['iam:CreateInstanceProfile', 'iam:TagInstanceProfile'],
  ['iam:CreateOpenIDConnectProvider', 'iam:TagOpenIDConnectProvider'],
  ['iam:CreateSAMLProvider', 'iam:TagSAMLProvider'],
  ['iam:UploadServerCertificate', 'iam:TagServerCertificate'],
  ['iam:CreateVirtualMFADevice', 'iam:TagMFADevice'],
];
const TAG_ACTION_OF_CREATE = new Map(PAIRS.map(([create, tag]) => [create.toLowerCase(), tag]));

/** The tag action a create needs besides its own, or undefined (no Tags, or not such a create). */
export function tagOnCreateAction(action: string, input: Readonly<Record<string, unknown>>): string | undefined {
  const tags = input.Tags;
  if (!Array.isArray(tags) || tags.length === 0) return undefined;
  return TAG_ACTION_OF_CREATE.get(action.toLowerCase());
}

/** [create action, tag action] pairs, for the docs. */
export function tagOnCreatePairs(): ReadonlyArray<readonly [string, string]> {
  return PAIRS;
}
