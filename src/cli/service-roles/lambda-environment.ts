import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import type { RoleCredentials } from './credential-fetch.js';

/**
 * What Lambda puts in a function's environment about itself and its execution role: the role's
 * credentials as the three `AWS_*` variables (Lambda has no endpoint to refresh them from; they
 * outlive an invocation), and the function's identity.
 *
 * Chosen values: version `$LATEST`; memory 128 (Lambda's default); the log group
 * `/aws/lambda/NAME` and a stream named as Lambda names them (`YYYY/MM/DD/[$LATEST]` and 32 hex
 * digits); AWS_EXECUTION_ENV names the runtime the command looks like — `AWS_Lambda_nodejsNN.x`
 * for `node` (this Node's major version), `AWS_Lambda_python3.N` for `python3.N` — and is left
 * out otherwise, as Lambda leaves it out for the OS-only runtimes (`provided.*`).
 */
export function lambdaEnvironment(
  functionName: string,
  credentials: RoleCredentials,
  command: string,
  now: Date = new Date(),
): Record<string, string> {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '/');
  const env: Record<string, string> = {
    AWS_ACCESS_KEY_ID: credentials.AccessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.SecretAccessKey,
    AWS_SESSION_TOKEN: credentials.Token,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
  };
  const runtime = runtimeOf(command);
  if (runtime !== undefined) env.AWS_EXECUTION_ENV = `AWS_Lambda_${runtime}`;
  return env;
}

function runtimeOf(command: string): string | undefined {
  const name = basename(command);
  if (name === 'node' || name === 'nodejs') return `nodejs${process.versions.node.split('.')[0]}.x`;
  const python = /^python(3\.\d+)$/.exec(name);
  return python ? `python${python[1]}` : undefined;
}
