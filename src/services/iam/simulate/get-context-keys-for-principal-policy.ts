import { shape } from '../../../protocol/query/shapes.js';
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
  resource: (input) => input.PolicySourceArn,
  async handler(input, ctx) {
    const source = await resolvePolicySource(ctx, input.PolicySourceArn);
    const stored = [...source.identity, ...(source.boundary ? [source.boundary] : [])];
    return {
      ContextKeyNames: contextKeyNames(ctx, [
        ...stored.map((p) => ({ text: p.document, kind: p === source.boundary ? ('boundary' as const) : ('identity' as const) })),
        ...(input.PolicyInputList ?? []).map((text) => ({ text, kind: 'identity' as const })),
      ]),
    };
  },
});
