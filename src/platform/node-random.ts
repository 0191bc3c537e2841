import { randomBytes } from 'node:crypto';
import type { Random } from '../kernel/random.js';

export const nodeRandom: Random = {
  bytes: (length: number) => randomBytes(length),
};
