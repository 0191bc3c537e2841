import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_NODE_FLAGS } from '../../src/server/node-flags.js';
import { repoRoot } from '../support/paths.js';
import { copyOf, envOf, execForm, parseDockerfile, stages, type Stage } from '../support/dockerfile.js';

/**
 * The container recipe (Dockerfile, compose.yaml, .dockerignore), checked without a Docker engine:
 * what it copies exists and is not ignored, it installs and builds as a clone does, and the image
 * is what the README promises (non-root, a data volume, a health check, the port exposed,
 * KEYSMITH_HOST=0.0.0.0 inside the image only). test/clients/container-start.test.ts runs its
 * start command.
 */
const read = (name: string) => readFileSync(join(repoRoot, name), 'utf8');
const instructions = parseDockerfile(read('Dockerfile'));
const all = stages(instructions);
const build = all[0]!;
const runtime = all.at(-1)!;
const pkg = JSON.parse(read('package.json')) as {
  private?: boolean;
  bin: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

const args = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
const envOfStage = (stage: Stage) =>
  Object.assign({}, ...stage.instructions.filter((i) => i.keyword === 'ENV').map(envOf)) as Record<string, string>;
const dockerignore = read('.dockerignore')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));

describe('Dockerfile', () => {
  it('is multi-stage: a build stage, then a runtime stage from the same base image', () => {
    assert.ok(all.length >= 2);
    assert.ok(build.name, 'the build stage is named');
    assert.equal(runtime.from, build.from, 'the native better-sqlite3 binary built in stage 1 runs in stage 2');
  });

  it('copies only files that exist and that .dockerignore lets through', () => {
    const fromContext = instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD').map(copyOf);
    for (const copy of fromContext.filter((c) => c.from === undefined)) {
      for (const source of copy.sources) {
        const path = source.replace(/\/$/, '');
        assert.ok(existsSync(join(repoRoot, path)), `COPY ${source}: no such file in the repository`);
        const ignoredBy = dockerignore.find((p) => p === path || path.startsWith(`${p}/`));
        assert.equal(ignoredBy, undefined, `COPY ${source} is excluded by .dockerignore (${ignoredBy})`);
      }
    }
  });

  it('copies from the build stage only what it installed, compiled or copied itself', () => {
    const workdir = args(build, 'WORKDIR').at(-1)!;
    const copiedIn = new Set(
      build.instructions
        .filter((i) => i.keyword === 'COPY')
        .flatMap((i) => copyOf(i).sources)
        .map((s) => s.replace(/\/$/, '')),
    );
    const outDir = (JSON.parse(read('tsconfig.json')) as { compilerOptions: { outDir: string } }).compilerOptions.outDir;
    for (const copy of runtime.instructions.filter((i) => i.keyword === 'COPY').map(copyOf)) {
      if (copy.from === undefined) continue;
      assert.equal(copy.from, build.name);
      for (const source of copy.sources) {
        assert.ok(source.startsWith(`${workdir}/`), source);
        const path = source.slice(workdir.length + 1).replace(/\/$/, '');
        const made = copiedIn.has(path) || path === 'node_modules' || path.startsWith(`${outDir}/`);
        assert.ok(made, `COPY --from=${copy.from} ${source}: nothing in the build stage makes it`);
      }
    }
  });

  it('installs and builds with the documented commands, and ships the runtime dependencies only', async () => {
    const { INSTALL_COMMAND } = (await import(pathToFileURL(join(repoRoot, 'scripts', 'lib', 'ensure-ready.mjs')).href)) as {
      INSTALL_COMMAND: string[];
    };
    const runs = args(build, 'RUN');
    assert.ok(runs.includes(INSTALL_COMMAND.join(' ')), `the build stage runs \`${INSTALL_COMMAND.join(' ')}\` as a clone does`);
    assert.ok(runs.includes('npm run build'));
    assert.equal(pkg.scripts.build, 'tsc -p tsconfig.json');
    assert.ok(
      runs.some((r) => r.startsWith('npm prune --omit=dev')),
      'dev dependencies are dropped before the runtime stage',
    );
    // The runtime stage carries the runtime dependencies and nothing else; each one has its reason
    // in the runtime table of docs/dependencies.md.
    const runtimeTable = readFileSync(join(repoRoot, 'docs/dependencies.md'), 'utf8').split('Development only:')[0]!;
    for (const name of Object.keys(pkg.dependencies)) {
      assert.ok(runtimeTable.includes(`| \`${name}\` `), `${name} is listed with its reason under Runtime in docs/dependencies.md`);
    }
    assert.ok(!args(runtime, 'RUN').some((r) => r.includes('npm ')), 'the runtime stage installs nothing');
  });

  it('runs as a non-root user, with the data folder a volume, the port exposed and a health check on /ready', () => {
    const user = args(runtime, 'USER').at(-1);
    assert.ok(user !== undefined && user !== 'root' && user !== '0', `USER ${user}`);
    const env = envOfStage(runtime);
    assert.equal(env.KEYSMITH_HOST, '0.0.0.0');
    assert.deepEqual(args(runtime, 'VOLUME'), [env.KEYSMITH_DATA_DIR]);
    assert.deepEqual(args(runtime, 'EXPOSE'), [env.KEYSMITH_PORT]);
    const health = args(runtime, 'HEALTHCHECK');
    assert.equal(health.length, 1);
    assert.match(health[0]!, /\/_keysmith\/ready/);
    // With the server's Node flags (src/server/node-flags.ts), as `npm start` passes them.
    assert.deepEqual(execForm(args(runtime, 'CMD').at(-1)!), ['node', ...SERVER_NODE_FLAGS, pkg.bin.keysmith, 'serve']);
  });

  it('sets KEYSMITH_HOST=0.0.0.0 inside the image only (not in the build stage, compose.yaml or package.json)', () => {
    assert.equal(envOfStage(build).KEYSMITH_HOST, undefined);
    assert.doesNotMatch(read('compose.yaml'), /KEYSMITH_HOST/);
    assert.doesNotMatch(read('package.json'), /0\.0\.0\.0/);
  });
});

describe('compose.yaml', () => {
  const compose = read('compose.yaml');
  it('builds keysmith from this Dockerfile and runs it on PostgreSQL 15, secrets from the environment', () => {
    assert.match(compose, /^ {4}build: \.$/m);
    assert.match(compose, /^ {4}image: postgres:15$/m);
    assert.match(compose, /^ {6}KEYSMITH_DATABASE_URL: postgres:\/\/keysmith:\$\{POSTGRES_PASSWORD:\?[^}]*\}@postgres:5432\/keysmith$/m);
    assert.match(compose, /^ {6}KEYSMITH_AT_REST_KEY: \$\{KEYSMITH_AT_REST_KEY:\?[^}]*\}$/m);
    assert.match(compose, /condition: service_healthy/);
  });

  it("keeps keysmith's data folder and PostgreSQL's in named volumes", () => {
    const dataDir = envOfStage(runtime).KEYSMITH_DATA_DIR!;
    assert.match(compose, new RegExp(`^ {6}- keysmith-data:${dataDir}$`, 'm'));
    assert.match(compose, /^ {6}- postgres-data:\/var\/lib\/postgresql\/data$/m);
    assert.match(compose, /^volumes:\n {2}keysmith-data:\n {2}postgres-data:$/m);
  });

  it('publishes the port on the loopback address of the host only', () => {
    assert.match(compose, /^ {6}- '127\.0\.0\.1:4747:4747'$/m);
  });
});

describe('package.json publishes keysmith', () => {
  it('is not private, has the keysmith bin, ships dist/src, bin/ and the console’s files only, and builds before packing', () => {
    assert.equal(pkg.private, undefined);
    assert.equal(pkg.bin.keysmith, 'bin/keysmith.js');
    assert.deepEqual(pkg.files, ['dist/src/**/*.js', 'bin/', 'console/']);
    assert.match(pkg.scripts.prepack!, /ensure-ready\.mjs'\)\)\.build\(\)/);
  });
});
