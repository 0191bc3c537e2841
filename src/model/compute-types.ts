/**
 * The AWS compute that hands a program a role's credentials, as `keysmith run --as …` and a
 * credential grant (src/services/service-roles/) imitate it: which service principal assumes the
 * role, how AWS names the session, and how the program finds its credentials. One row per
 * compute type; the server and the command line read the same table.
 */
export const COMPUTE_TYPES = ['ec2', 'ecs', 'lambda', 'eks-pod-identity'] as const;
export type ComputeType = (typeof COMPUTE_TYPES)[number];

export interface ComputeTypeRow {
  /** The service principal a trust policy must allow (`{"Service": …}`), and iam:PassedToService. */
  servicePrincipal: string;
  /**
   * The actions the trust policy must allow the service: EKS Pod Identity tags every session
   * (cluster, namespace, service account, pod), so its trust policy allows sts:TagSession too.
   */
  trustActions: readonly string[];
  /** How the program reaches its credentials on AWS. */
  delivery: 'instance-metadata' | 'container-endpoint' | 'environment';
}

export const COMPUTE_TYPE_ROWS: Readonly<Record<ComputeType, ComputeTypeRow>> = {
  ec2: { servicePrincipal: 'ec2.amazonaws.com', trustActions: ['sts:AssumeRole'], delivery: 'instance-metadata' },
  ecs: { servicePrincipal: 'ecs-tasks.amazonaws.com', trustActions: ['sts:AssumeRole'], delivery: 'container-endpoint' },
  lambda: { servicePrincipal: 'lambda.amazonaws.com', trustActions: ['sts:AssumeRole'], delivery: 'environment' },
  'eks-pod-identity': {
    servicePrincipal: 'pods.eks.amazonaws.com',
    trustActions: ['sts:AssumeRole', 'sts:TagSession'],
    delivery: 'container-endpoint',
  },
};

export function isComputeType(value: string): value is ComputeType {
  return (COMPUTE_TYPES as readonly string[]).includes(value);
}

/** The path, on keysmith's own listener, of the container-credentials endpoint grants are fetched from. */
export const CREDENTIALS_PATH = '/_keysmith/credentials';

/**
 * The header a local instance-metadata endpoint sends with its fetch to say how the program asked
 * (`2.0` with an IMDSv2 session token, `1.0` without): the session records it as ec2:RoleDelivery.
 */
export const ROLE_DELIVERY_HEADER = 'x-keysmith-role-delivery';

/** keysmith's own Query service (credential grants): the SigV4 scope's service, and the API version. */
export const KEYSMITH_QUERY_SERVICE = {
  name: 'keysmith',
  version: '2026-12-01',
  namespace: 'https://keysmith.dev/doc/2026-12-01/',
} as const;
