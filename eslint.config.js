// ESLint (flat config): typescript-eslint's type-checked recommended rules over src/, test/ and
// bench/ (typed through tsconfig.json), plain recommended rules over the .mjs scripts, and the
// layer rules of ../shared/design/ARCHITECTURE.md as the code stands (docs/architecture-notes.md,
// docs/conventions.md "Lint and the layer rules"). `npm run lint`; `npm test` runs it after the build.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------------------------
// Layer rules. Imports are relative (`../kernel/clock.js`), so each rule is written per folder
// depth: from a file `d` folders below `src/`, a specifier leaves its layer exactly when it starts
// with `d` times `../`. `layer()` returns one config object per depth (1..5) for a folder of src/.
// ---------------------------------------------------------------------------------------------

const NODE_BUILTIN = {
  regex: '^node:',
  message: 'this layer is pure: no node:* imports (a port, with its Node implementation in src/platform/).',
};
const ANY_PACKAGE = { regex: '^(?!\\.{1,2}/)', message: 'this layer imports no packages.' };

/** A specifier from depth `d` that reaches `src/<folder>/…` (or leaves src/ altogether). */
function reaching(d, folders) {
  return `^(\\.\\./){${d}}(${folders.join('|')})/`;
}
/** A specifier from depth `d` that leaves `src/<self>/` for anything but `allowed` folders of src/. */
function leavingExcept(d, self, allowed) {
  return `^(\\.\\./){${d}}(?!(${[self, ...allowed].join('|')})/)`;
}

/**
 * The layer rules for files under `src/<folder>/`, as `no-restricted-imports` patterns.
 * `patterns(d)` gives the patterns for a file `d` folders below `src/`.
 */
function layer(folder, patterns, extra = {}) {
  const configs = [];
  for (let d = 1; d <= 5; d++) {
    const glob = `src/${folder}/${'*/'.repeat(d - 1)}*.ts`;
    configs.push({
      files: [glob],
      ...extra,
      rules: { 'no-restricted-imports': ['error', { patterns: [...patterns(d), ...noCli(d, folder)] }] },
    });
  }
  return configs;
}

/** Nothing imports src/cli/ (but the CLI itself). */
function noCli(d, folder) {
  if (folder === 'cli') return [];
  return [{ regex: reaching(d, ['cli']), message: 'nothing imports src/cli/ (the CLI is the outermost layer).' }];
}

const PURE_FORBIDDEN = ['storage', 'server', 'config', 'platform'];
const pure = (d) => [
  NODE_BUILTIN,
  { regex: reaching(d, PURE_FORBIDDEN), message: 'src/policy/ and src/sigv4/ never import storage/, server/, config/ or platform/.' },
];

// src/services/** never imports the wire codecs (src/protocol/**). The shape language handlers
// declare their input and output in is src/model/shapes.ts (no wire's). The exceptions are the
// files listed in SERVICE_CODEC_EXCEPTIONS below (docs/conventions.md "Lint and the layer rules").
// A new file importing a codec fails lint.
function servicesPatterns(d, alsoAllowed = []) {
  const regex =
    alsoAllowed.length === 0
      ? `^(\\.\\./){${d}}protocol/`
      : `^(\\.\\./){${d}}protocol/(?!(${alsoAllowed.map((m) => m.replace('protocol/', '')).join('|')}))`;
  return [
    { regex, message: 'src/services/** does not import the wire codecs (src/protocol/**), except the files listed in eslint.config.js.' },
  ];
}
/** Service files that encode or decode XML themselves today: the file → the codec modules it may import. */
const SERVICE_CODEC_EXCEPTIONS = {
  // IAM: XmlMap marks a member the Query encoder writes as an <entry><key/><value/></entry> map.
  // S3: the handlers build and read their REST-XML bodies with the rest-xml writer/reader.
  'src/services/s3/error-mapping.ts': ['protocol/rest-xml/aws-chunked\\.js$'],
  'src/services/s3/request-body.ts': ['protocol/rest-xml/xml-reader\\.js$'],
  'src/services/s3/canonical-user.ts': ['protocol/rest-xml/xml-writer\\.js$'],
  'src/services/s3/tags.ts': ['protocol/rest-xml/xml-reader\\.js$', 'protocol/rest-xml/xml-writer\\.js$'],
  'src/services/s3/listing/list-objects.ts': ['protocol/rest-xml/xml-writer\\.js$'],
  'src/services/s3/objects/object-tagging.ts': ['protocol/rest-xml/xml-writer\\.js$'],
  'src/services/s3/objects/copy-object.ts': ['protocol/rest-xml/xml-writer\\.js$'],
  'src/services/s3/objects/delete-objects.ts': ['protocol/rest-xml/xml-reader\\.js$', 'protocol/rest-xml/xml-writer\\.js$'],
  'src/services/s3/buckets/list-buckets.ts': ['protocol/rest-xml/xml-writer\\.js$'],
  'src/services/s3/buckets/create-bucket.ts': ['protocol/rest-xml/xml-reader\\.js$'],
  'src/services/s3/buckets/get-bucket-location.ts': ['protocol/rest-xml/xml-writer\\.js$'],
  'src/services/s3/buckets/bucket-tagging.ts': ['protocol/rest-xml/xml-writer\\.js$'],
  'src/services/s3/buckets/get-bucket-versioning.ts': ['protocol/rest-xml/xml-writer\\.js$'],
  'src/services/s3/multipart/list-parts.ts': ['protocol/rest-xml/xml-writer\\.js$'],
  'src/services/s3/multipart/create-multipart-upload.ts': ['protocol/rest-xml/xml-writer\\.js$'],
  'src/services/s3/multipart/upload-part.ts': ['protocol/rest-xml/xml-writer\\.js$'],
  'src/services/s3/multipart/complete-multipart-upload.ts': ['protocol/rest-xml/xml-reader\\.js$', 'protocol/rest-xml/xml-writer\\.js$'],
};
function serviceExceptions() {
  return Object.entries(SERVICE_CODEC_EXCEPTIONS).map(([file, modules]) => {
    const d = file.split('/').length - 2;
    return {
      files: [file],
      rules: { 'no-restricted-imports': ['error', { patterns: [...servicesPatterns(d, modules), ...noCli(d, 'services')] }] },
    };
  });
}

const layerRules = [
  // Every folder of src/: nothing imports src/cli/.
  ...['audit', 'authn', 'authz', 'federation', 'platform', 'server', 'storage', 'tokens'].flatMap((folder) => layer(folder, () => [])),
  // src/errors/ imports only kernel/; src/config/ only kernel/ (and Node, to read files).
  ...layer('errors', (d) => [
    NODE_BUILTIN,
    ANY_PACKAGE,
    { regex: leavingExcept(d, 'errors', ['kernel']), message: 'src/errors/ imports only src/kernel/.' },
  ]),
  ...layer('config', (d) => [{ regex: leavingExcept(d, 'config', ['kernel']), message: 'src/config/ imports only src/kernel/.' }]),
  // The wire codecs know kernel/, errors/ and model/ (the shape language): no service, no server.
  ...layer('protocol', (d) => [
    {
      regex: leavingExcept(d, 'protocol', ['kernel', 'errors', 'model']),
      message: 'src/protocol/ imports only src/kernel/, src/errors/ and src/model/.',
    },
  ]),
  ...layer('policy', pure),
  ...layer('sigv4', pure),
  // src/kernel/ imports nothing.
  ...layer('kernel', (d) => [
    NODE_BUILTIN,
    ANY_PACKAGE,
    { regex: leavingExcept(d, 'kernel', []), message: 'src/kernel/ imports nothing.' },
  ]),
  // src/model/ imports only kernel/ and errors/.
  ...layer('model', (d) => [
    NODE_BUILTIN,
    ANY_PACKAGE,
    { regex: leavingExcept(d, 'model', ['kernel', 'errors']), message: 'src/model/ imports only src/kernel/ and src/errors/.' },
  ]),
  ...layer('services', (d) => servicesPatterns(d)),
  ...serviceExceptions(),
  // bench/ does not import the CLI either (test/ may import anything: ARCHITECTURE.md).
  {
    files: ['bench/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)src/cli/', message: 'nothing imports src/cli/.' }] }] },
  },
];

// Node's globals, for the plain .mjs scripts (TypeScript checks them in the .ts files).
// The browser's globals, for the web console (console/js/: plain ES modules served as they are;
// tsconfig.console.json type-checks them through their JSDoc).
const BROWSER_GLOBALS = Object.fromEntries(
  [
    'window',
    'document',
    'location',
    'history',
    'navigator',
    'console',
    'fetch',
    'crypto',
    'sessionStorage',
    'TextEncoder',
    'TextDecoder',
    'URL',
    'URLSearchParams',
    'DOMParser',
    'FormData',
    'Blob',
    'atob',
    'btoa',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'requestAnimationFrame',
    'Node',
    'Element',
    'HTMLElement',
    'HTMLInputElement',
    'HTMLTextAreaElement',
    'HTMLSelectElement',
    'Event',
    'KeyboardEvent',
    'SVGElement',
    'customElements',
    'getComputedStyle',
    'confirm',
  ].map((name) => [name, 'readonly']),
);

const NODE_GLOBALS = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
    'queueMicrotask',
    'structuredClone',
    'fetch',
    'AbortController',
    'AbortSignal',
    'TextEncoder',
    'TextDecoder',
    'performance',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig(
  { ignores: ['dist/**', 'node_modules/**', 'keysmith-data/**', 'bin/**'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A leading underscore names a value kept on purpose: the properties a rest pattern drops
      // (`const { Arn: _dropped, ...rest } = x`), a callback's unused positional parameter.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
        },
      ],
      // Off: an `async` method without `await` implements a Promise-returning interface (operation
      // handlers, the store driver, sinks); dropping `async` would turn its throws into synchronous
      // throws the callers do not expect. Promises that are not awaited are no-floating-promises' job.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // node:test's test()/describe() return a promise the runner itself awaits and reports on;
      // awaiting it in a file's top level or a suite body is neither needed nor done.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }],
        },
      ],
      // Tests read JSON and XML responses and SDK errors as untyped values and assert on their
      // members; assert.deepEqual/equal check the shape. The no-unsafe-* rules stay on in src/ and bench/.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Same reason: the AWS CLI's and boto3's JSON output, typed `any` where a test reads it.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['console/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: BROWSER_GLOBALS },
    rules: { 'no-unused-vars': ['error', { argsIgnorePattern: '^_' }] },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: NODE_GLOBALS },
  },
  ...layerRules,
);
