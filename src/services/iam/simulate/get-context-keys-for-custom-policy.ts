import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { contextKeyNames } from './context-key-names.js';
import { policyText } from './simulation-input.js';

/** Condition keys read by the given policies. Authorized on `*`. */
export const getContextKeysForCustomPolicy = defineOperation({
  name: 'GetContextKeysForCustomPolicy',
  action: 'iam:GetContextKeysForCustomPolicy',
  readOnly: true,
  input: shape.struct({ PolicyInputList: shape.list(policyText(), { required: true }) }),
  authorization: { resource: () => '*' },
  output: shape.struct({ ContextKeyNames: shape.list(shape.string()) }),
  async handler(input, ctx) {
    return {
      ContextKeyNames: contextKeyNames(
        ctx,
        input.PolicyInputList.map((text) => ({ text, kind: 'identity' as const })),
      ),
    };
  },
});
