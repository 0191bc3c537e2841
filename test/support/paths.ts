import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** The repository root, whether this runs from dist/test/support or test/support. */
const here = fileURLToPath(new URL('.', import.meta.url));
export const repoRoot = here.includes('/dist/') ? resolve(here, '../../..') : resolve(here, '../..');
