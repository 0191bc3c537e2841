import { describe, it } from '../../support/node-test.js';
import assert from 'node:assert/strict';
import { splitCommandLine } from '../../../src/cli/args.js';
import { childEnvironment } from '../../../src/cli/service-roles/child-environment.js';
import { grantRequest } from '../../../src/cli/service-roles/grant-flags.js';
import { lambdaEnvironment } from '../../../src/cli/service-roles/lambda-environment.js';
import { tokenMatches, newLocalToken } from '../../../src/cli/service-roles/local-token.js';
import { RUN } from '../../../src/cli/specs.js';

describe("the program's environment under keysmith run", () => {
  const runnerEnv = {
    PATH: '/usr/bin',
    HOME: '/home/me',
    AWS_ACCESS_KEY_ID: 'AKIARUNNER',
    AWS_SECRET_ACCESS_KEY: 'runner-secret',
    AWS_SESSION_TOKEN: 'runner-token',
    AWS_SECURITY_TOKEN: 'runner-token',
    AWS_PROFILE: 'runner',
    AWS_DEFAULT_PROFILE: 'runner',
    AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token',
    AWS_ROLE_ARN: 'arn:aws:iam::1:role/x',
    AWS_ROLE_SESSION_NAME: 's',
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/abc',
    AWS_CONTAINER_AUTHORIZATION_TOKEN: 'other',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://169.254.169.254',
    AWS_CREDENTIAL_EXPIRATION: '2030-01-01T00:00:00Z',
    AWS_CREDENTIAL_PROFILES_FILE: '/x',
    AWS_SHARED_CREDENTIALS_FILE: '/home/me/.aws/credentials',
    AWS_CONFIG_FILE: '/home/me/.aws/config',
    AWS_ENDPOINT_URL_S3: 'http://s3.local:4747',
    AWS_REGION: 'us-west-2',
    AWS_MAX_ATTEMPTS: '2',
  };
  const base = {
    runnerEnv,
    region: 'eu-central-1',
    emptyCredentialsFile: '/tmp/run/credentials',
    emptyConfigFile: '/tmp/run/config',
    compute: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:5/v2/credentials/id', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'local' },
  };

  it("drops the runner's credentials, profiles and credential sources; replaces the shared files", () => {
    const env = childEnvironment({ ...base, endpoint: { url: 'http://127.0.0.1:4747', source: 'AWS_ENDPOINT_URL', from: 'environment' } });
    assert.deepEqual(env, {
      PATH: '/usr/bin',
      HOME: '/home/me',
      AWS_ENDPOINT_URL_S3: 'http://s3.local:4747',
      AWS_MAX_ATTEMPTS: '2',
      AWS_SHARED_CREDENTIALS_FILE: '/tmp/run/credentials',
      AWS_CONFIG_FILE: '/tmp/run/config',
      AWS_REGION: 'eu-central-1',
      AWS_DEFAULT_REGION: 'eu-central-1',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:5/v2/credentials/id',
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'local',
    });
  });

  it('sets AWS_ENDPOINT_URL when the endpoint came from the flag, a profile or the default, not from the environment', () => {
    for (const from of ['flag', 'profile', 'default'] as const) {
      const env = childEnvironment({ ...base, endpoint: { url: 'http://keysmith:4747', source: from, from } });
      assert.equal(env.AWS_ENDPOINT_URL, 'http://keysmith:4747', from);
    }
    const inherited = childEnvironment({
      ...base,
      runnerEnv: { ...runnerEnv, AWS_ENDPOINT_URL: 'http://env:1' },
      endpoint: { url: 'http://env:1', source: 'AWS_ENDPOINT_URL', from: 'environment' },
    });
    assert.equal(inherited.AWS_ENDPOINT_URL, 'http://env:1');
  });

  it("Lambda's variables: the role's credentials and the function's identity", () => {
    const env = lambdaEnvironment(
      'orders',
      { AccessKeyId: 'ASIAL', SecretAccessKey: 's', Token: 't', Expiration: '2099-01-01T00:00:00Z' },
      '/usr/bin/node',
      new Date('2026-03-04T05:06:07Z'),
    );
    assert.equal(env.AWS_ACCESS_KEY_ID, 'ASIAL');
    assert.equal(env.AWS_SESSION_TOKEN, 't');
    assert.equal(env.AWS_LAMBDA_FUNCTION_NAME, 'orders');
    assert.equal(env.AWS_LAMBDA_FUNCTION_VERSION, '$LATEST');
    assert.equal(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, '128');
    assert.equal(env.AWS_LAMBDA_LOG_GROUP_NAME, '/aws/lambda/orders');
    assert.match(env.AWS_LAMBDA_LOG_STREAM_NAME!, /^2026\/03\/04\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.match(env.AWS_EXECUTION_ENV!, /^AWS_Lambda_nodejs\d+\.x$/);
    assert.equal(
      lambdaEnvironment('f', { AccessKeyId: 'a', SecretAccessKey: 's', Token: 't', Expiration: 'x' }, 'python3.12').AWS_EXECUTION_ENV,
      'AWS_Lambda_python3.12',
    );
    assert.equal(
      lambdaEnvironment('f', { AccessKeyId: 'a', SecretAccessKey: 's', Token: 't', Expiration: 'x' }, 'aws').AWS_EXECUTION_ENV,
      undefined,
    );
  });

  it('local tokens are fresh and compared in full', () => {
    const a = newLocalToken();
    assert.notEqual(a, newLocalToken());
    assert.ok(a.length >= 40);
    assert.ok(tokenMatches(a, a));
    assert.ok(!tokenMatches(`${a}x`, a));
    assert.ok(!tokenMatches(a.slice(1), a));
    assert.ok(!tokenMatches(undefined, a));
  });
});

describe('keysmith run: the command line', () => {
  it('splits the options from the command at --, or at the first word that is not an option', () => {
    assert.deepEqual(splitCommandLine(RUN, ['--role', 'arn', '--as', 'ec2', '--', 'aws', 's3', 'ls', '--output', 'json']), {
      options: ['--role', 'arn', '--as', 'ec2'],
      command: ['aws', 's3', 'ls', '--output', 'json'],
    });
    assert.deepEqual(splitCommandLine(RUN, ['--role', 'arn', '--verbose', 'python3', '-c', 'x']), {
      options: ['--role', 'arn', '--verbose'],
      command: ['python3', '-c', 'x'],
    });
    assert.deepEqual(splitCommandLine(RUN, ['--role=arn', '--', '--weird']), { options: ['--role=arn'], command: ['--weird'] });
    assert.deepEqual(splitCommandLine(RUN, ['--role', 'arn']), { options: ['--role', 'arn'], command: [] });
  });

  it('reads the grant request, checking the flags that belong to one compute type', () => {
    assert.deepEqual(grantRequest({ role: 'arn:r', duration: '900' }, undefined, 'ecs'), {
      roleArn: 'arn:r',
      computeType: 'ecs',
      instanceProfileName: undefined,
      functionName: undefined,
      clusterName: undefined,
      namespace: undefined,
      serviceAccount: undefined,
      durationSeconds: 900,
      grantLifetimeSeconds: undefined,
    });
    assert.equal(grantRequest({ role: 'arn:r', as: 'ec2', 'instance-profile': 'p' }).instanceProfileName, 'p');
    assert.throws(() => grantRequest({}, undefined, 'ecs'), /--role ROLE_ARN is required/);
    assert.throws(() => grantRequest({ role: 'r', as: 'ecs', 'instance-profile': 'p' }), /--instance-profile applies to --as ec2 only/);
    assert.throws(() => grantRequest({ role: 'r', as: 'ec2', 'function-name': 'f' }), /--function-name applies to --as lambda only/);
    assert.throws(() => grantRequest({ role: 'r', as: 'lambda' }, ['ec2', 'ecs']), /--as must be one of ec2, ecs/);
    assert.throws(() => grantRequest({ role: 'r' }, ['ec2', 'ecs']), /--as is required/);
    assert.throws(() => grantRequest({ role: 'r', duration: '1h' }, undefined, 'ecs'), /--duration must be a whole number of seconds/);
  });
});
