import { AwsError } from '../../../errors/aws-error.js';

/**
 * The services that take service-specific credentials (the model's CreateServiceSpecificCredential
 * documentation): CodeCommit and Keyspaces take a user name and password; Bedrock and CloudWatch
 * Logs take API keys (an alias and a secret), which may expire (CredentialAgeDays).
 */
const SERVICES: Readonly<Record<string, 'password' | 'api-key'>> = {
  'codecommit.amazonaws.com': 'password',
  'cassandra.amazonaws.com': 'password',
  'bedrock.amazonaws.com': 'api-key',
  'logs.amazonaws.com': 'api-key',
};

/** Per user and service (the model's documentation: "a maximum of two sets … for each supported service per user"). */
export const CREDENTIALS_PER_USER_PER_SERVICE = 2;

/** The kind of credential a service takes, or AWS's answer for any other name (NoSuchEntity, 404, recorded from AWS). */
export function requireSupportedService(serviceName: string): 'password' | 'api-key' {
  const kind = SERVICES[serviceName];
  if (kind === undefined)
    throw new AwsError('NoSuchEntity', `No such service ${serviceName} is supported for Service Specific Credentials`);
  return kind;
}
