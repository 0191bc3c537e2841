import { shape } from '../../../model/shapes.js';

/** Input members of the service-specific credential operations, with the model's constraints. */
const NAME = /^[\w+=,.@-]+$/;
export const credentialMember = {
  userName: () => shape.string({ required: true, min: 1, max: 64, pattern: NAME, patternText: '[\\w+=,.@-]+' }),
  optionalUserName: () => shape.string({ min: 1, max: 64, pattern: NAME, patternText: '[\\w+=,.@-]+' }),
  credentialId: () => shape.string({ required: true, min: 20, max: 128, pattern: /^\w+$/, patternText: '[\\w]+' }),
};
