import { shape } from '../../../model/shapes.js';

/** IAM's accountAliasType: 3..63 lowercase letters, digits and single dashes, not at either end. */
export const accountAliasMember = () =>
  shape.string({
    required: true,
    min: 3,
    max: 63,
    pattern: /^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/,
    patternText: '^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$',
  });
