import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editDistance, nearest } from '../../src/cli/args.js';
import { dispatch } from '../../src/cli/dispatch.js';
import { run as assume } from '../../src/cli/assume.js';
import { readProfiles, resolveEndpoint } from '../../src/cli/aws-client-config.js';
import { run as serve } from '../../src/cli/serve.js';
import { run as accountCreate } from '../../src/cli/account-create.js';
import { run as keysRotate } from '../../src/cli/keys-rotate.js';
import { run as sessionsRevoke } from '../../src/cli/sessions-revoke.js';
import { run as completion } from '../../src/cli/completion.js';
import { run as policyValidate } from '../../src/cli/policy-validate.js';
import { run as policySimulate } from '../../src/cli/policy-simulate.js';
import { repoRoot } from '../support/paths.js';

// issue 10, item 4: a CLI people can explore. Every command answers --help and -h in-process.
function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: (s: string) => void out.push(s),
    stderr: (s: string) => void err.push(s),
    readFile: () => Promise.reject(new Error('no file in this test')),
    readStdin: () => Promise.reject(new Error('no stdin in this test')),
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const commands: [string, (argv: string[], c: ReturnType<typeof capture>) => Promise<number> | number][] = [
  ['serve', (argv, c) => serve(argv, c.io)],
  ['account create', (argv, c) => accountCreate(argv, c.io)],
  ['keys rotate', (argv, c) => keysRotate(argv, c.io)],
  ['sessions revoke', (argv, c) => sessionsRevoke(argv, c.io)],
  ['assume', (argv, c) => assume(argv, {}, c.io)],
  ['completion', (argv, c) => completion(argv, c.io)],
  ['policy validate', (argv, c) => policyValidate(argv, c.io)],
  ['policy simulate', (argv, c) => policySimulate(argv, c.io)],
];

for (const [name, run] of commands) {
  for (const flag of ['--help', '-h']) {
    test(`keysmith ${name} ${flag}: exit 0, usage and options on stdout`, async () => {
      const c = capture();
      assert.equal(await run([flag], c), 0, c.err());
      assert.match(c.out(), new RegExp(`^usage: keysmith ${name}`));
      assert.match(c.out(), /\noptions:\n/);
      assert.match(c.out(), /-h, --help/);
      assert.equal(c.err(), '');
    });
  }
}

test('help wins over other arguments, even bad ones', async () => {
  for (const argv of [
    ['--port', '--help'],
    ['--bogus', '-h'],
    ['extra', '--help'],
  ]) {
    const c = capture();
    assert.equal(await serve(argv, c.io), 0, `${argv.join(' ')}: ${c.err()}`);
    assert.match(c.out(), /^usage: keysmith serve/);
  }
});

test('help lists options with their defaults and environment variables', async () => {
  const c = capture();
  await serve(['--help'], c.io);
  assert.match(c.out(), /--port N\s+Port of the AWS API[^]*env KEYSMITH_PORT; default: 4747/);
  assert.match(c.out(), /--workers N/);
  const a = capture();
  await assume(['-h'], {}, a.io);
  assert.match(a.out(), /--format FORMAT[^]*one of env, json,\s+credential-process; default: env/);
  const s = capture();
  await policySimulate(['--help'], s.io);
  assert.match(s.out(), /Example:/);
  assert.match(s.out(), /"identityPolicies"/);
});

test('keysmith --help and help <command> through the dispatcher', async () => {
  for (const argv of [['--help'], ['-h'], [], ['help']]) {
    const c = capture();
    assert.equal(await dispatch(argv, c.io), 0);
    assert.match(c.out(), /^usage: keysmith <command>/);
    for (const name of [
      'serve',
      'account create',
      'keys rotate',
      'sessions revoke',
      'policy validate',
      'policy simulate',
      'assume',
      'completion',
    ])
      assert.ok(c.out().includes(`  ${name} `), `${name} listed`);
  }
  const h = capture();
  assert.equal(await dispatch(['help', 'keys', 'rotate'], h.io), 0);
  assert.match(h.out(), /^usage: keysmith keys rotate/);
  const g = capture();
  assert.equal(await dispatch(['policy', '--help'], g.io), 0);
  assert.match(g.out(), /validate[^]*simulate/);
  for (const argv of [
    ['policy', 'validate', '--help'],
    ['sessions', 'revoke', '-h'],
    ['account', 'create', '-h'],
  ]) {
    const c = capture();
    assert.equal(await dispatch(argv, c.io), 0, argv.join(' '));
    assert.match(c.out(), new RegExp(`^usage: keysmith ${argv[0]} ${argv[1]}`));
  }
});

test('--version and -V print the version of package.json', async () => {
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-V']) {
    const c = capture();
    assert.equal(await dispatch([flag], c.io), 0);
    assert.equal(c.out(), `keysmith ${version}\n`);
  }
});

test('an unknown command says so, suggests the nearest and exits 2', async () => {
  const c = capture();
  assert.equal(await dispatch(['serv'], c.io), 2);
  assert.match(c.err(), /^keysmith: unknown command 'serv'; did you mean 'keysmith serve'\?/);
  assert.equal(c.out(), '');
  const far = capture();
  assert.equal(await dispatch(['xyzzy'], far.io), 2);
  assert.match(far.err(), /unknown command 'xyzzy'\ncommands: serve, account/);
  const sub = capture();
  assert.equal(await dispatch(['policy', 'simulat'], sub.io), 2);
  assert.match(sub.err(), /unknown subcommand 'simulat'; did you mean 'keysmith policy simulate'\?/);
  const missing = capture();
  assert.equal(await dispatch(['keys'], missing.io), 2);
  assert.match(missing.err(), /missing subcommand \(accepted: rotate\)/);
});

test('usage errors name the flag at fault and what is accepted', async () => {
  const typo = capture();
  assert.equal(await serve(['--prot', '5'], typo.io), 2);
  assert.match(typo.err(), /^keysmith serve: unknown option --prot; did you mean --port\? \(accepted: [^)]*--port[^)]*\)/);
  const noValue = capture();
  assert.equal(await accountCreate(['--data-dir'], noValue.io), 2);
  assert.match(noValue.err(), /--data-dir needs a value/);
  const extra = capture();
  assert.equal(await keysRotate(['now'], extra.io), 2);
  assert.match(extra.err(), /unexpected argument 'now'/);
  const noArn = capture();
  assert.equal(await sessionsRevoke([], noArn.io), 2);
  assert.match(noArn.err(), /missing argument \(usage: keysmith sessions revoke ROLE_ARN/);
  const format = capture();
  assert.equal(await assume(['arn:aws:iam::123456789012:role/r', '--session-name', 's', '--format', 'yaml'], {}, format.io), 2);
  assert.match(format.err(), /--format must be one of env, json, credential-process, got 'yaml'/);
  const shell = capture();
  assert.equal(completion(['fish'], shell.io), 2);
  assert.match(shell.err(), /unknown shell 'fish' \(accepted: bash, zsh\)/);
});

test('completion scripts complete commands, subcommands and flags', async () => {
  const bash = capture();
  assert.equal(completion(['bash'], bash.io), 0);
  assert.match(bash.out(), /complete -o default -F _keysmith keysmith/);
  assert.match(bash.out(), /serve account keys sessions policy assume run endpoint grant completion/);
  assert.match(bash.out(), /"run"\)\n[^]*compgen -W "ec2 ecs lambda eks-pod-identity"[^]*--role --as --instance-profile/);
  assert.match(bash.out(), /grant\)\n\s+if \[\[ \$COMP_CWORD -eq 2 \]\]; then COMPREPLY=\(\$\(compgen -W "create revoke --help"/);
  assert.match(bash.out(), /"account create"\)[^]*--account-id/);
  assert.match(bash.out(), /compgen -W "env json credential-process"/);
  const zsh = capture();
  assert.equal(completion(['zsh'], zsh.io), 0);
  assert.match(zsh.out(), /^#compdef keysmith/);
  assert.match(zsh.out(), /compadd -- validate simulate --help/);
  assert.match(zsh.out(), /'--session-name\[/);
});

test('editDistance and nearest', () => {
  assert.equal(editDistance('serve', 'serv'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(nearest('acount', ['account', 'assume']), 'account');
  assert.equal(nearest('pol', ['policy', 'serve']), 'policy');
  assert.equal(nearest('xyzzy', ['serve', 'assume']), undefined);
});

test("assume's endpoint: flag, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the profile's sts, the profile's, the default", () => {
  const files = { stsEndpointUrl: 'http://profile-sts:1', endpointUrl: 'http://profile:2' };
  const env = { AWS_ENDPOINT_URL_STS: 'http://env-sts:3', AWS_ENDPOINT_URL: 'http://env:4' };
  assert.deepEqual(resolveEndpoint('http://flag:5', env, files, 'dev'), { url: 'http://flag:5', source: '--endpoint-url', from: 'flag' });
  assert.deepEqual(resolveEndpoint(undefined, env, files, 'dev'), {
    url: 'http://env-sts:3',
    source: 'AWS_ENDPOINT_URL_STS',
    from: 'environment',
  });
  assert.deepEqual(resolveEndpoint(undefined, { AWS_ENDPOINT_URL: 'http://env:4' }, files, 'dev'), {
    url: 'http://env:4',
    source: 'AWS_ENDPOINT_URL',
    from: 'environment',
  });
  assert.equal(resolveEndpoint(undefined, {}, files, 'dev').url, 'http://profile-sts:1');
  assert.match(resolveEndpoint(undefined, {}, files, 'dev').source, /profile dev, services sts endpoint_url/);
  assert.equal(resolveEndpoint(undefined, {}, { endpointUrl: 'http://profile:2' }, 'dev').url, 'http://profile:2');
  assert.deepEqual(resolveEndpoint(undefined, {}, {}, 'dev'), {
    url: 'http://127.0.0.1:4747',
    source: "keysmith's default",
    from: 'default',
  });
  assert.equal(
    resolveEndpoint(undefined, { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, files, 'dev').url,
    'http://127.0.0.1:4747',
  );
});

test("assume reads the profile's endpoint_url and services section from AWS_CONFIG_FILE", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keysmith-assume-config-'));
  const config = join(dir, 'config');
  writeFileSync(
    config,
    [
      '[default]',
      'region = eu-west-1',
      '[profile dev]',
      'region = us-west-2',
      'endpoint_url = http://dev-general:4747',
      'services = local',
      '[profile plain]',
      'endpoint_url = http://plain:4747',
      '[services local]',
      'sts =',
      '  endpoint_url = http://dev-sts:4747',
      'iam =',
      '  endpoint_url = http://dev-iam:4747',
      '',
    ].join('\n'),
  );
  const env = { HOME: dir, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') };
  const dev = await readProfiles(env, 'dev');
  assert.equal(dev.region, 'us-west-2');
  assert.equal(dev.endpointUrl, 'http://dev-general:4747');
  assert.equal(dev.stsEndpointUrl, 'http://dev-sts:4747');
  assert.equal(resolveEndpoint(undefined, {}, dev, 'dev').url, 'http://dev-sts:4747');
  const plain = await readProfiles(env, 'plain');
  assert.equal(resolveEndpoint(undefined, {}, plain, 'plain').url, 'http://plain:4747');
  // The endpoint used is named in the error when it cannot be reached.
  const creds = join(dir, 'credentials');
  writeFileSync(creds, '[plain]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n');
  writeFileSync(join(dir, 'unreachable-config'), '[profile plain]\nendpoint_url = http://127.0.0.1:1\n');
  const named = capture();
  assert.equal(
    await assume(
      ['arn:aws:iam::123456789012:role/r', '--session-name', 's', '--profile', 'plain'],
      { ...env, AWS_SHARED_CREDENTIALS_FILE: creds, AWS_CONFIG_FILE: join(dir, 'unreachable-config') },
      named.io,
    ),
    255,
  );
  assert.match(
    named.err(),
    /Could not connect to the endpoint URL: "http:\/\/127\.0\.0\.1:1\/"\n\(endpoint http:\/\/127\.0\.0\.1:1, from profile plain, endpoint_url\)/,
  );
});
