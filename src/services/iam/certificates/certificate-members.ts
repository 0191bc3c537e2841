import { shape } from '../../../model/shapes.js';

/** Input members of the certificate operations, with the model's constraints. */
const PEM_TEXT = /^[\t\n\r\u0020-\u00FF]+$/;
const PEM_TEXT_TEXT = '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+';

export const certificateMember = {
  serverCertificateName: () => shape.string({ required: true, min: 1, max: 128, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' }),
  optionalServerCertificateName: () => shape.string({ min: 1, max: 128, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' }),
  certificateBody: () => shape.string({ required: true, min: 1, max: 16384, pattern: PEM_TEXT, patternText: PEM_TEXT_TEXT }),
  privateKey: () => shape.string({ required: true, sensitive: true, min: 1, max: 16384, pattern: PEM_TEXT, patternText: PEM_TEXT_TEXT }),
  certificateChain: () => shape.string({ min: 1, max: 2097152, pattern: PEM_TEXT, patternText: PEM_TEXT_TEXT }),
  certificateId: () => shape.string({ required: true, min: 24, max: 128, pattern: /^\w+$/, patternText: '[\\w]+' }),
  status: () => shape.string({ required: true, enum: ['Active', 'Inactive', 'Expired'] }),
};
