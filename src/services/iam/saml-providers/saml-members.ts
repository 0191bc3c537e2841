import { POLICY_DOCUMENT_PATTERN, POLICY_DOCUMENT_PATTERN_TEXT } from '../../../model/rules.js';
import { shape } from '../../../model/shapes.js';

/** The input members of the SAML provider operations, with the model's constraints. */
export const samlMember = {
  metadataDocument: () => shape.string({ min: 1000, max: 10_000_000 }),
  name: () => shape.string({ required: true, min: 1, max: 128, pattern: /^[\w._-]+$/, patternText: '[\\w._-]+' }),
  assertionEncryptionMode: () => shape.string({ enum: ['Required', 'Allowed'] as const }),
  /** A PEM private key: a secret, so the audit never records it. */
  privateKey: () =>
    shape.string({
      min: 1,
      max: 16384,
      // The same character set as policy documents (privateKeyType's pattern).
      pattern: POLICY_DOCUMENT_PATTERN,
      patternText: POLICY_DOCUMENT_PATTERN_TEXT,
      sensitive: true,
    }),
  keyId: () => shape.string({ min: 22, max: 64, pattern: /^[A-Z0-9]+$/, patternText: '[A-Z0-9]+' }),
};
