import { shape } from '../../../model/shapes.js';

/** Input members of the access advisor operations, with the IAM model's constraints. */
export const advisorMember = {
  jobId: () => shape.string({ required: true, min: 36, max: 36 }),
  serviceNamespace: () => shape.string({ required: true, min: 1, max: 64, pattern: /^[\w-]*$/, patternText: '[\\w-]*' }),
  granularity: () => shape.string({ enum: ['SERVICE_LEVEL', 'ACTION_LEVEL'] as const }),
};
