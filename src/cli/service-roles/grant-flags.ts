import { COMPUTE_TYPES, isComputeType, type ComputeType } from '../../model/compute-types.js';
import { UsageError } from '../args.js';
import type { ClientFlags } from '../aws-client-config.js';
import type { GrantRequest } from './grant-client.js';

/**
 * The grant a command line asks for (`run`, `endpoint`, `grant create` share these flags), checked
 * before anything is called: the role, the compute type, and the options that belong to it.
 */
export type FlagValues = Record<string, string | boolean | undefined>;

const str = (values: FlagValues, name: string): string | undefined => {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
};

export function clientFlags(values: FlagValues): ClientFlags {
  return { profile: str(values, 'profile'), region: str(values, 'region'), endpoint: str(values, 'endpoint-url') };
}

/** Which compute type each type-specific flag belongs to. */
const BELONGS_TO: Record<string, readonly ComputeType[]> = {
  'instance-profile': ['ec2'],
  'imds-v1': ['ec2'],
  'function-name': ['lambda'],
  'cluster-name': ['ecs', 'eks-pod-identity'],
  namespace: ['eks-pod-identity'],
  'service-account': ['eks-pod-identity'],
};

export function grantRequest(values: FlagValues, allowed: readonly ComputeType[] = COMPUTE_TYPES, defaultType?: ComputeType): GrantRequest {
  const roleArn = str(values, 'role');
  if (roleArn === undefined || roleArn === '') throw new UsageError('--role ROLE_ARN is required');
  const as = str(values, 'as') ?? defaultType;
  if (as === undefined) throw new UsageError(`--as is required (one of ${allowed.join(', ')})`);
  if (!isComputeType(as) || !allowed.includes(as)) throw new UsageError(`--as must be one of ${allowed.join(', ')}, got '${as}'`);
  for (const [flag, types] of Object.entries(BELONGS_TO)) {
    if (values[flag] !== undefined && !types.includes(as)) throw new UsageError(`--${flag} applies to --as ${types.join(' or ')} only`);
  }
  return {
    roleArn,
    computeType: as,
    instanceProfileName: str(values, 'instance-profile'),
    functionName: str(values, 'function-name'),
    clusterName: str(values, 'cluster-name'),
    namespace: str(values, 'namespace'),
    serviceAccount: str(values, 'service-account'),
    durationSeconds: seconds(values, 'duration'),
    grantLifetimeSeconds: seconds(values, 'grant-lifetime'),
  };
}

function seconds(values: FlagValues, name: string): number | undefined {
  const v = str(values, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number of seconds, got '${v}'`);
  return Number(v);
}
