import { shape } from '../../../model/shapes.js';

/** Input members of the MFA operations, with the IAM model's constraints (botocore 1.43). */
export const mfaMember = {
  serialNumber: () => shape.string({ required: true, min: 9, max: 256, pattern: /^[\w+=/:,.@-]+$/, patternText: '[\\w+=/:,.@-]+' }),
  authenticationCode: () => shape.string({ required: true, min: 6, max: 6, pattern: /^\d+$/, patternText: '[\\d]+' }),
  deviceName: () => shape.string({ required: true, min: 1, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' }),
  /** The path's pattern is checked by the handler: AWS words that failure in its own way. */
  path: () => shape.string({ min: 1, max: 512 }),
  assignmentStatus: () => shape.string({ enum: ['Assigned', 'Unassigned', 'Any'] as const }),
};
