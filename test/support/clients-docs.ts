import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

/**
 * The code block that follows `<!-- snippet: name -->` in docs/clients.md (or README.md), with the
 * documented defaults (`http://127.0.0.1:4747`, `./keysmith-data`, `$PWD/keysmith-data`) replaced
 * by a test server's URL and data folder, so the docs' snippets run as tests.
 */
export function docSnippet(name: string, server: { url: string; dataDir: string }, file = 'docs/clients.md'): string {
  const text = readFileSync(join(repoRoot, file), 'utf8');
  const marker = `<!-- snippet: ${name} -->`;
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`${file} has no ${marker}`);
  const block = /^```[\w-]*\n([\s\S]*?)^```/m.exec(text.slice(at + marker.length));
  if (!block) throw new Error(`no code block after ${marker}`);
  return block[1]!
    .replaceAll('http://127.0.0.1:4747', server.url)
    .replaceAll('$PWD/keysmith-data', server.dataDir)
    .replaceAll('./keysmith-data', server.dataDir);
}
