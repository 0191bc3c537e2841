import type { PolicyKind } from '../../../policy/index.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { contextKeyNames } from './context-key-names.js';
import { resolvePolicySource } from './policy-source.js';
import { policyText } from './simulation-input.js';

/** Condition keys read by the entity's policies (its groups' too, and its boundary) and PolicyInputList. */
export const getContextKeysForPrincipalPolicy = defineOperation({
  name: 'GetContextKeysForPrincipalPolicy',
  action: 'iam:GetContextKeysForPrincipalPolicy',
  readOnly: true,
  input: shape.struct({ PolicySourceArn: member.arn(), PolicyInputList: shape.list(policyText()) }),
  authorization: { resource: (input) => input.PolicySourceArn },
  output: shape.struct({ ContextKeyNames: shape.list(shape.string()) }),
  async handler(input, ctx) {
    const source = await resolvePolicySource(ctx, input.PolicySourceArn);
    const policies: { text: string; kind: PolicyKind }[] = source.identity.map((p) => ({ text: p.document, kind: 'identity' }));
    if (source.boundary) policies.push({ text: source.boundary.document, kind: 'boundary' });
    for (const text of input.PolicyInputList ?? []) policies.push({ text, kind: 'identity' });
    return { ContextKeyNames: contextKeyNames(ctx, policies) };
  },
});
