import { shape } from '../../../model/shapes.js';

/**
 * IAM's passwordType: 1..128 characters of tab, LF, CR and U+0020..U+00FF; a secret. The
 * pattern is built from its text because the control characters are the point of it.
 */
const PASSWORD_PATTERN_TEXT = '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+';
const PASSWORD_PATTERN = new RegExp(`^${PASSWORD_PATTERN_TEXT}$`);

const password = { min: 1, max: 128, pattern: PASSWORD_PATTERN, patternText: PASSWORD_PATTERN_TEXT, sensitive: true } as const;

export const passwordMember = () => shape.string(password);

export const requiredPasswordMember = () => shape.string({ ...password, required: true });
