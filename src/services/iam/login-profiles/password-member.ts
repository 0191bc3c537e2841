import { shape } from '../../../model/shapes.js';

/** IAM's passwordType: 1..128 characters of tab, LF, CR and U+0020..U+00FF; a secret. */
const PASSWORD_PATTERN = /^[\u0009\u000A\u000D\u0020-\u00FF]+$/;
const PASSWORD_PATTERN_TEXT = '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+';

export const passwordMember = () =>
  shape.string({ min: 1, max: 128, pattern: PASSWORD_PATTERN, patternText: PASSWORD_PATTERN_TEXT, sensitive: true });

export const requiredPasswordMember = () =>
  shape.string({ required: true, min: 1, max: 128, pattern: PASSWORD_PATTERN, patternText: PASSWORD_PATTERN_TEXT, sensitive: true });
