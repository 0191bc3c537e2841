import { AwsError } from '../../errors/aws-error.js';
import type { RequestFacts } from '../../authz/request-context.js';
import { COMPUTE_TYPE_ROWS, type ComputeType } from '../../model/compute-types.js';
import type { Role, Tag } from '../../model/entities.js';
import type { PolicyRef } from '../../policy/index.js';
import type { UnsignedOperationContext } from '../operation.js';
import { roleTagKeys } from '../sts/shared/trusted-role.js';

/** What the service's AssumeRole is about: the compute and the session it asks for. */
export interface ServiceAssumption {
  computeType: ComputeType;
  sourceAccount: string;
  sourceArn: string;
  sessionName: string;
  region: string;
  sessionTags?: readonly Tag[];
}

/**
 * The service assumes the role for the compute it runs, as on AWS: the role's trust policy alone
 * decides (a service principal has no policies of its own), and it must allow the service every
 * action the service asks for — sts:AssumeRole, and sts:TagSession for EKS Pod Identity, which
 * tags its sessions — with aws:SourceAccount and aws:SourceArn naming the compute, so the
 * confused-deputy conditions AWS documents work. A refusal is the service's own error.
 */
export function authorizeServiceTrust(
  ctx: Pick<UnsignedOperationContext, 'authorizer' | 'policies' | 'now'>,
  role: Role,
  a: ServiceAssumption,
): void {
  const row = COMPUTE_TYPE_ROWS[a.computeType];
  const trustPolicy: PolicyRef = { id: 'AssumeRolePolicyDocument', policy: ctx.policies.compile(role.assumeRolePolicyDocument, 'trust') };
  // A service's call carries no network context (AWS redacts it for service-to-service calls).
  const facts: RequestFacts = { sourceIp: '', userAgent: row.servicePrincipal, secureTransport: true, region: a.region, now: ctx.now };
  const context = {
    'aws:SourceAccount': a.sourceAccount,
    'aws:SourceArn': a.sourceArn,
    'sts:RoleSessionName': a.sessionName,
    ...roleTagKeys(role),
  };
  for (const action of row.trustActions) {
    const decision = ctx.authorizer.decideService(row.servicePrincipal, action, role.arn, facts, {
      keysOf: 'sts:AssumeRole',
      resourceAccount: role.accountId,
      resourcePolicy: trustPolicy,
      input: a.sessionTags && a.sessionTags.length > 0 ? { Tags: a.sessionTags } : {},
      context,
    });
    if (decision.decision !== 'allowed') throw serviceRefusal(a.computeType, role, `${action}: ${decision.reason}`);
  }
}

/**
 * How each service says it cannot assume the role: EC2's instance-metadata error (iam/info),
 * Lambda's CreateFunction error, the ECS agent's task error; EKS Pod Identity's is keysmith's
 * wording (AWS reports it in the pod's SDK error only).
 */
export function serviceRefusal(type: ComputeType, role: Role, detail: string): AwsError {
  switch (type) {
    case 'ec2':
      return new AwsError(
        'AssumeRoleUnauthorizedAccess',
        `EC2 cannot assume the role ${role.roleName}. Please see documentation at https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html#troubleshoot_iam-ec2_errors-info-doc.`,
        detail,
      );
    case 'lambda':
      return new AwsError('InvalidParameterValueException', 'The role defined for the function cannot be assumed by Lambda.', detail);
    case 'ecs':
      return new AwsError(
        'InvalidParameterException',
        `ECS was unable to assume the role '${role.arn}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.`,
        detail,
      );
    case 'eks-pod-identity':
      return new AwsError(
        'InvalidParameterException',
        `EKS Pod Identity cannot assume the role '${role.arn}': its trust policy must allow pods.eks.amazonaws.com the actions sts:AssumeRole and sts:TagSession.`,
        detail,
      );
  }
}
