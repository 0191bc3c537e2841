import { shape } from '../../../model/shapes.js';

/** The model's `accessKeyIdType`: 16..128 word characters. */
export const accessKeyIdMember = () => shape.string({ required: true, min: 16, max: 128, pattern: /^\w+$/, patternText: '[\\w]+' });
