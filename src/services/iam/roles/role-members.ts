import { shape } from '../../../model/shapes.js';

/** Role-specific input members with the model's constraints (Appendix B, CreateRole / UpdateRole). */
export const roleMember = {
  description: () =>
    shape.string({
      min: 0,
      max: 1000,
      // eslint-disable-next-line no-control-regex -- a character-set check: the control characters are the point
      pattern: /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/,
      patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*',
    }),
  maxSessionDuration: () => shape.integer({ min: 3600, max: 43200 }),
};

/** AWS's default session limit for a role: one hour. */
export const DEFAULT_MAX_SESSION_DURATION = 3600;
