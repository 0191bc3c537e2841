#!/usr/bin/env node
// `npm run docs:condition-keys`: writes docs/condition-keys.md from the condition-key tables
// (src/authz/condition-keys/). A unit test fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureDependencies, root } from './lib/ensure-ready.mjs';

ensureDependencies();
build();
const { renderConditionKeysDoc } = await import(join(root, 'dist', 'src', 'cli', 'condition-keys-doc.js'));
writeFileSync(join(root, 'docs', 'condition-keys.md'), renderConditionKeysDoc());
process.stderr.write('wrote docs/condition-keys.md\n');
