/**
 * The services keysmith can create a service-linked role for: their service principal, the role
 * name AWS gives it, and whether AWS accepts a CustomSuffix for it. Names come from each service's
 * "Using service-linked roles" page; a suffix is accepted only where AWS's documentation shows
 * suffixed roles (Auto Scaling's `AWSServiceRoleForAutoScaling_<suffix>`) — AWS refuses it for the
 * others (`Custom suffix is not allowed for es.amazonaws.com`, a recorded reply). The permission
 * policy AWS attaches is not attached here: keysmith ships no `aws-service-role/` managed policies
 * and runs no service that would use the role (docs/iam/roles.md).
 */
export interface LinkedService {
  roleName: string;
  suffixAllowed: boolean;
}

const SERVICES: Readonly<Record<string, LinkedService>> = {
  'access-analyzer.amazonaws.com': { roleName: 'AWSServiceRoleForAccessAnalyzer', suffixAllowed: false },
  'apigateway.amazonaws.com': { roleName: 'AWSServiceRoleForAPIGateway', suffixAllowed: false },
  'autoscaling.amazonaws.com': { roleName: 'AWSServiceRoleForAutoScaling', suffixAllowed: true },
  'backup.amazonaws.com': { roleName: 'AWSServiceRoleForBackup', suffixAllowed: false },
  'batch.amazonaws.com': { roleName: 'AWSServiceRoleForBatch', suffixAllowed: false },
  'cloudtrail.amazonaws.com': { roleName: 'AWSServiceRoleForCloudTrail', suffixAllowed: false },
  'config.amazonaws.com': { roleName: 'AWSServiceRoleForConfig', suffixAllowed: false },
  'dynamodb.application-autoscaling.amazonaws.com': {
    roleName: 'AWSServiceRoleForApplicationAutoScaling_DynamoDBTable',
    suffixAllowed: false,
  },
  'ecs.amazonaws.com': { roleName: 'AWSServiceRoleForECS', suffixAllowed: false },
  'ecs.application-autoscaling.amazonaws.com': { roleName: 'AWSServiceRoleForApplicationAutoScaling_ECSService', suffixAllowed: false },
  'eks.amazonaws.com': { roleName: 'AWSServiceRoleForAmazonEKS', suffixAllowed: false },
  'eks-fargate.amazonaws.com': { roleName: 'AWSServiceRoleForAmazonEKSForFargate', suffixAllowed: false },
  'eks-nodegroup.amazonaws.com': { roleName: 'AWSServiceRoleForAmazonEKSNodegroup', suffixAllowed: false },
  'elasticache.amazonaws.com': { roleName: 'AWSServiceRoleForElastiCache', suffixAllowed: false },
  'elasticbeanstalk.amazonaws.com': { roleName: 'AWSServiceRoleForElasticBeanstalk', suffixAllowed: false },
  'elasticloadbalancing.amazonaws.com': { roleName: 'AWSServiceRoleForElasticLoadBalancing', suffixAllowed: false },
  'elasticmapreduce.amazonaws.com': { roleName: 'AWSServiceRoleForEMRCleanup', suffixAllowed: false },
  'es.amazonaws.com': { roleName: 'AWSServiceRoleForAmazonElasticsearchService', suffixAllowed: false },
  'guardduty.amazonaws.com': { roleName: 'AWSServiceRoleForAmazonGuardDuty', suffixAllowed: false },
  'kafka.amazonaws.com': { roleName: 'AWSServiceRoleForKafka', suffixAllowed: false },
  'lakeformation.amazonaws.com': { roleName: 'AWSServiceRoleForLakeFormationDataAccess', suffixAllowed: false },
  'opensearchservice.amazonaws.com': { roleName: 'AWSServiceRoleForAmazonOpenSearchService', suffixAllowed: false },
  'organizations.amazonaws.com': { roleName: 'AWSServiceRoleForOrganizations', suffixAllowed: false },
  'rds.amazonaws.com': { roleName: 'AWSServiceRoleForRDS', suffixAllowed: false },
  'redshift.amazonaws.com': { roleName: 'AWSServiceRoleForRedshift', suffixAllowed: false },
  'replicator.lambda.amazonaws.com': { roleName: 'AWSServiceRoleForLambdaReplicator', suffixAllowed: false },
  'securityhub.amazonaws.com': { roleName: 'AWSServiceRoleForSecurityHub', suffixAllowed: false },
  'spot.amazonaws.com': { roleName: 'AWSServiceRoleForEC2Spot', suffixAllowed: false },
  'spotfleet.amazonaws.com': { roleName: 'AWSServiceRoleForEC2SpotFleet', suffixAllowed: false },
  'ssm.amazonaws.com': { roleName: 'AWSServiceRoleForAmazonSSM', suffixAllowed: false },
  'sso.amazonaws.com': { roleName: 'AWSServiceRoleForSSO', suffixAllowed: false },
  'support.amazonaws.com': { roleName: 'AWSServiceRoleForSupport', suffixAllowed: false },
  'transitgateway.amazonaws.com': { roleName: 'AWSServiceRoleForVPCTransitGateway', suffixAllowed: false },
  'trustedadvisor.amazonaws.com': { roleName: 'AWSServiceRoleForTrustedAdvisor', suffixAllowed: false },
};

/** Service principals are case-sensitive (CreateServiceLinkedRole's documentation). */
export function linkedService(servicePrincipal: string): LinkedService | undefined {
  return Object.hasOwn(SERVICES, servicePrincipal) ? SERVICES[servicePrincipal] : undefined;
}

/** The role's name: the service's name, then `_<CustomSuffix>` when one is given. */
export function linkedRoleName(service: LinkedService, customSuffix: string | undefined): string {
  return customSuffix === undefined ? service.roleName : `${service.roleName}_${customSuffix}`;
}

/** `/aws-service-role/<service principal>/`, the path AWS gives every service-linked role. */
export const linkedRolePath = (servicePrincipal: string): string => `/aws-service-role/${servicePrincipal}/`;
