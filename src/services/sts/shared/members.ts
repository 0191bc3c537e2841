import { shape } from '../../../model/shapes.js';
import { tagKeyShape, tagShape } from '../../shared/tag-shapes.js';
import { POLICY_DOCUMENT_PATTERN, POLICY_DOCUMENT_PATTERN_TEXT } from '../../../model/rules.js';

/** STS input members with the model's constraints (reference Appendix A). */
// eslint-disable-next-line no-control-regex -- a character-set check: the control characters are the point
const ARN_CHARS = /^[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]+$/u;
const ARN_CHARS_TEXT = '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+';

export const stsMember = {
  roleArn: () => shape.string({ required: true, min: 20, max: 2048, pattern: ARN_CHARS, patternText: ARN_CHARS_TEXT }),
  sessionName: () => shape.string({ required: true, min: 2, max: 64, pattern: /^[\w+=,.@-]*$/, patternText: '[\\w+=,.@-]*' }),
  policy: () => shape.string({ min: 1, pattern: POLICY_DOCUMENT_PATTERN, patternText: POLICY_DOCUMENT_PATTERN_TEXT }),
  policyArns: () =>
    shape.list(shape.struct({ arn: shape.string({ min: 20, max: 2048, pattern: ARN_CHARS, patternText: ARN_CHARS_TEXT }) })),
  duration: (max: number) => shape.integer({ min: 900, max }),
  tags: () => shape.list(tagShape(), { max: 50 }),
  transitiveTagKeys: () => shape.list(tagKeyShape(), { max: 50 }),
  externalId: () => shape.string({ min: 2, max: 1224, pattern: /^[\w+=,.@:/-]*$/, patternText: '[\\w+=,.@:\\/-]*' }),
  serialNumber: () => shape.string({ min: 9, max: 256, pattern: /^[\w+=/:,.@-]*$/, patternText: '[\\w+=/:,.@-]*' }),
  tokenCode: () => shape.string({ min: 6, max: 6, pattern: /^\d*$/, patternText: '[\\d]*' }),
  sourceIdentity: () => shape.string({ min: 2, max: 64, pattern: /^[\w+=,.@-]*$/, patternText: '[\\w+=,.@-]*' }),
};
