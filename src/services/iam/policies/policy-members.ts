import { POLICY_PATH_PATTERN, POLICY_PATH_PATTERN_TEXT } from '../../../model/rules.js';
import { shape } from '../../../model/shapes.js';

/** Managed-policy input members with the model's constraints (Appendix B). */
export const policyMember = {
  /** `policyPathType`: stricter than entity paths (no `!`…`~` punctuation soup). */
  path: () => shape.string({ min: 1, max: 512, pattern: POLICY_PATH_PATTERN, patternText: POLICY_PATH_PATTERN_TEXT }),
  versionId: () =>
    shape.string({ required: true, pattern: /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/, patternText: 'v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?' }),
  scope: () => shape.string({ enum: ['All', 'AWS', 'Local'] as const }),
  usageFilter: () => shape.string({ enum: ['PermissionsPolicy', 'PermissionsBoundary'] as const }),
  entityFilter: () => shape.string({ enum: ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const }),
};
