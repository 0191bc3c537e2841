import { KEYSMITH_QUERY_SERVICE, type ComputeType } from '../../model/compute-types.js';
import { ClientProblem, type SignedClientConfig } from '../aws-client-config.js';
import { callQuery, xmlElement, xmlText } from '../aws-query-call.js';

/**
 * The client of keysmith's own Query service for credential grants: CreateCredentialGrant and
 * RevokeCredentialGrant, signed with the runner's own credentials for the service `keysmith`.
 * The runner needs iam:PassRole on the role (for the compute type's service), as on AWS when it
 * launches an instance, a task, a function or a pod with a role.
 */

export interface GrantRequest {
  roleArn: string;
  computeType: ComputeType;
  instanceProfileName?: string;
  functionName?: string;
  clusterName?: string;
  namespace?: string;
  serviceAccount?: string;
  durationSeconds?: number;
  grantLifetimeSeconds?: number;
}

/** CreateCredentialGrant's result, member for member (optional ones by compute type). */
export interface Grant {
  GrantId: string;
  /** The secret that fetches the role's credentials from keysmith's route: never logged, never given to the program. */
  GrantToken: string;
  Expiration: string;
  ComputeType: ComputeType;
  ServicePrincipal: string;
  RoleArn: string;
  RoleName: string;
  AccountId: string;
  Region: string;
  SessionName: string;
  SourceArn: string;
  CredentialsPath: string;
  InstanceId?: string;
  InstanceProfileArn?: string;
  InstanceProfileId?: string;
  PrivateIpAddress?: string;
  VpcId?: string;
  AvailabilityZone?: string;
  InstanceType?: string;
  ImageId?: string;
  FunctionName?: string;
  ClusterName?: string;
  TaskArn?: string;
  Namespace?: string;
  ServiceAccount?: string;
  PodName?: string;
}

const REQUIRED = [
  'GrantId',
  'GrantToken',
  'Expiration',
  'ComputeType',
  'ServicePrincipal',
  'RoleArn',
  'RoleName',
  'AccountId',
  'Region',
  'SessionName',
  'SourceArn',
  'CredentialsPath',
] as const;

const OPTIONAL = [
  'InstanceId',
  'InstanceProfileArn',
  'InstanceProfileId',
  'PrivateIpAddress',
  'VpcId',
  'AvailabilityZone',
  'InstanceType',
  'ImageId',
  'FunctionName',
  'ClusterName',
  'TaskArn',
  'Namespace',
  'ServiceAccount',
  'PodName',
] as const;

/** Every member of the result, in the order the service writes them (the JSON output keeps it). */
export const GRANT_MEMBERS: readonly (keyof Grant)[] = [...REQUIRED, ...OPTIONAL];

function form(action: string, members: Record<string, string | number | undefined>): URLSearchParams {
  const out = new URLSearchParams({ Action: action, Version: KEYSMITH_QUERY_SERVICE.version });
  for (const [name, value] of Object.entries(members)) if (value !== undefined) out.set(name, String(value));
  return out;
}

function signing(client: SignedClientConfig) {
  return { region: client.region, credentials: client.credentials, service: KEYSMITH_QUERY_SERVICE.name };
}

export async function createGrant(client: SignedClientConfig, request: GrantRequest): Promise<Grant> {
  const text = await callQuery(
    client.endpoint.url,
    form('CreateCredentialGrant', {
      RoleArn: request.roleArn,
      ComputeType: request.computeType,
      InstanceProfileName: request.instanceProfileName,
      FunctionName: request.functionName,
      ClusterName: request.clusterName,
      Namespace: request.namespace,
      ServiceAccount: request.serviceAccount,
      DurationSeconds: request.durationSeconds,
      GrantLifetimeSeconds: request.grantLifetimeSeconds,
    }),
    signing(client),
  );
  return parseGrant(text);
}

export async function revokeGrant(client: SignedClientConfig, grantId: string): Promise<void> {
  await callQuery(client.endpoint.url, form('RevokeCredentialGrant', { GrantId: grantId }), signing(client));
}

/**
 * Revokes the grant when a run or an endpoint ends. A failure is told, not thrown: the command's
 * own outcome still wins, and the grant stops by itself at its Expiration.
 */
export async function revokeOrWarn(
  client: SignedClientConfig,
  grant: Grant,
  warn: (line: string) => void,
  log?: (line: string) => void,
): Promise<void> {
  try {
    await revokeGrant(client, grant.GrantId);
    log?.(`grant ${grant.GrantId} revoked`);
  } catch (error) {
    warn(
      `could not revoke grant ${grant.GrantId} (it expires ${grant.Expiration}): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Reads the flat `<CreateCredentialGrantResult>`; a reply without a required member is a client problem. */
export function parseGrant(xml: string): Grant {
  const result = xmlElement(xml, 'CreateCredentialGrantResult');
  if (result === undefined) throw new ClientProblem('The CreateCredentialGrant response has no CreateCredentialGrantResult');
  const grant: Record<string, string> = {};
  for (const name of REQUIRED) {
    const value = xmlText(result, name);
    if (value === undefined) throw new ClientProblem(`The CreateCredentialGrant response has no ${name}`);
    grant[name] = value;
  }
  for (const name of OPTIONAL) {
    const value = xmlText(result, name);
    if (value !== undefined) grant[name] = value;
  }
  return grant as unknown as Grant;
}
