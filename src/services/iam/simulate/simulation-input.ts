import { POLICY_DOCUMENT_PATTERN, POLICY_DOCUMENT_PATTERN_TEXT } from '../../../model/rules.js';
import { shape } from '../../../model/shapes.js';
import { paging } from '../shared/members.js';

/** The input members of the simulation operations, with the model's constraints (Appendix B). */
export const policyText = () =>
  shape.string({ min: 1, max: 131072, pattern: POLICY_DOCUMENT_PATTERN, patternText: POLICY_DOCUMENT_PATTERN_TEXT });

export const CONTEXT_KEY_TYPES = [
  'string',
  'stringList',
  'numeric',
  'numericList',
  'boolean',
  'booleanList',
  'ip',
  'ipList',
  'binary',
  'binaryList',
  'date',
  'dateList',
] as const;

export const contextEntryShape = shape.struct({
  ContextKeyName: shape.string({ min: 5, max: 256 }),
  ContextKeyValues: shape.list(shape.string()),
  ContextKeyType: shape.string({ enum: CONTEXT_KEY_TYPES }),
});

export const simulationMembers = {
  PolicyInputList: shape.list(policyText()),
  PermissionsBoundaryPolicyInputList: shape.list(policyText()),
  ActionNames: shape.list(shape.string({ min: 3, max: 128 }), { required: true }),
  ResourceArns: shape.list(shape.string({ min: 1, max: 2048 })),
  ResourcePolicy: policyText(),
  ResourceOwner: shape.string({ min: 1, max: 2048 }),
  CallerArn: shape.string({ min: 1, max: 2048 }),
  ContextEntries: shape.list(contextEntryShape),
  ResourceHandlingOption: shape.string({ min: 1, max: 64 }),
  ...paging,
};
