import {
  NAME_PATTERN,
  NAME_PATTERN_TEXT,
  PATH_PATTERN,
  PATH_PATTERN_TEXT,
  PATH_PREFIX_PATTERN,
  PATH_PREFIX_PATTERN_TEXT,
  POLICY_DOCUMENT_PATTERN,
  POLICY_DOCUMENT_PATTERN_TEXT,
} from '../../../model/rules.js';
import { shape } from '../../../model/shapes.js';
import { tagKeyShape, tagShape } from '../../shared/tag-shapes.js';

/** Input members shared by many IAM operations, with the model's constraints. */
export const member = {
  entityName: (max: number) => shape.string({ required: true, min: 1, max, pattern: NAME_PATTERN, patternText: NAME_PATTERN_TEXT }),
  optionalEntityName: (max: number) => shape.string({ min: 1, max, pattern: NAME_PATTERN, patternText: NAME_PATTERN_TEXT }),
  path: () => shape.string({ min: 1, max: 512, pattern: PATH_PATTERN, patternText: PATH_PATTERN_TEXT }),
  pathPrefix: () => shape.string({ min: 1, max: 512, pattern: PATH_PREFIX_PATTERN, patternText: PATH_PREFIX_PATTERN_TEXT }),
  arn: () => shape.string({ required: true, min: 20, max: 2048 }),
  optionalArn: () => shape.string({ min: 20, max: 2048 }),
  policyDocument: () =>
    shape.string({ required: true, min: 1, max: 131072, pattern: POLICY_DOCUMENT_PATTERN, patternText: POLICY_DOCUMENT_PATTERN_TEXT }),
  marker: () => shape.string({ min: 1, max: 320, pattern: /^[\u0020-\u00FF]+$/, patternText: '[\\u0020-\\u00FF]+' }),
  maxItems: () => shape.integer({ min: 1, max: 1000 }),
  description: () => shape.string({ min: 0, max: 1000 }),
  tags: () => shape.list(tagShape(), { max: 50 }),
  tagKeys: () => shape.list(tagKeyShape(), { required: true, max: 50 }),
};

/** Marker + MaxItems, the pagination members of every IAM list operation. */
export const paging = { Marker: member.marker(), MaxItems: member.maxItems() };
