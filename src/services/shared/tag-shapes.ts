import { TAG_KEY_PATTERN, TAG_PATTERN_TEXT, TAG_VALUE_PATTERN, TAG_VALUE_PATTERN_TEXT } from '../../model/rules.js';
import { shape } from '../../model/shapes.js';

/** The IAM/STS `Tag` input shape (same constraints in both models) and tag-key lists. */
export const tagShape = () =>
  shape.struct({
    Key: shape.string({ required: true, min: 1, max: 128, pattern: TAG_KEY_PATTERN, patternText: TAG_PATTERN_TEXT }),
    Value: shape.string({ required: true, min: 0, max: 256, pattern: TAG_VALUE_PATTERN, patternText: TAG_VALUE_PATTERN_TEXT }),
  });

export const tagKeyShape = () => shape.string({ min: 1, max: 128, pattern: TAG_KEY_PATTERN, patternText: TAG_PATTERN_TEXT });
