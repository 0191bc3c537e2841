import type { ResolvedEndpoint } from '../aws-client-config.js';

/**
 * The environment of the program `keysmith run` starts: the runner's, minus everything that would
 * win in an SDK's default credential chain or reveal the runner's identity, plus the variables
 * the chosen compute sets. As on AWS compute, the role's credentials are all the program has.
 */

/** Removed by name: credentials, profiles and credential sources that come before the compute's in the chains. */
const REMOVED = new Set([
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_CREDENTIAL_PROFILES_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
]);

/** Removed by prefix: another container endpoint or metadata setting (or IMDS turned off) must not steer the program. */
const REMOVED_PREFIXES = ['AWS_CONTAINER_', 'AWS_EC2_METADATA_'];

export interface ChildEnvironmentInput {
  runnerEnv: NodeJS.ProcessEnv;
  /** The runner's resolved region: AWS_REGION and AWS_DEFAULT_REGION. */
  region: string;
  /** keysmith's endpoint as the runner resolved it. */
  endpoint: ResolvedEndpoint;
  /** Empty files that stand in for ~/.aws/credentials and ~/.aws/config. */
  emptyCredentialsFile: string;
  emptyConfigFile: string;
  /** What the compute sets (the endpoint variables, or Lambda's). */
  compute: Record<string, string>;
}

export function childEnvironment(input: ChildEnvironmentInput): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(input.runnerEnv)) {
    if (value === undefined || REMOVED.has(name) || REMOVED_PREFIXES.some((p) => name.startsWith(p))) continue;
    env[name] = value;
  }
  // The shared files are replaced, not just unset: unset, the SDKs would read ~/.aws instead.
  env.AWS_SHARED_CREDENTIALS_FILE = input.emptyCredentialsFile;
  env.AWS_CONFIG_FILE = input.emptyConfigFile;
  // AWS_ENDPOINT_URL* from the environment pass through as they are. An endpoint the runner took
  // from its profile, the flag or keysmith's default would be lost with the profile: the program
  // is told it, or it would call AWS itself with keysmith's credentials.
  if (input.endpoint.from !== 'environment') env.AWS_ENDPOINT_URL = input.endpoint.url;
  env.AWS_REGION = input.region;
  env.AWS_DEFAULT_REGION = input.region;
  return { ...env, ...input.compute };
}
