import type { Random } from '../../kernel/random.js';
import { partition } from '../../model/arns.js';
import type { ComputeType } from '../../model/compute-types.js';
import type { Tag } from '../../model/entities.js';

/** What the creator of a grant says about the compute (defaults below). */
export interface ComputeRequest {
  functionName?: string;
  clusterName?: string;
  namespace?: string;
  serviceAccount?: string;
}

/**
 * The compute a grant stands for, made up as AWS would name it: an EC2 instance, an ECS task, a
 * Lambda function, an EKS pod. The session name is what AWS uses for that compute's role
 * sessions (the instance id, the task id, the function name, `eks-<cluster>-<pod>-<uuid>`).
 */
export interface MadeUpCompute {
  sessionName: string;
  /** aws:SourceArn of the service's AssumeRole. */
  sourceArn: string;
  /** iam:AssociatedResourceArn of the PassRole check, where AWS sets it (EC2: the instance). */
  associatedResourceArn?: string;
  sessionTags?: Tag[];
  ec2?: { vpcId: string; privateIp: string };
  /** What the creator is told (the result members of CreateCredentialGrant). */
  details: Record<string, string>;
}

const hex = (random: Random, bytes: number) => Buffer.from(random.bytes(bytes)).toString('hex');
/** EC2's 17-hex-digit resource ids (`i-0123456789abcdef0`). */
const ec2Id = (prefix: string, random: Random) => `${prefix}-${hex(random, 9).slice(0, 17)}`;

export function makeUpCompute(
  type: ComputeType,
  region: string,
  accountId: string,
  request: ComputeRequest,
  random: Random,
): MadeUpCompute {
  switch (type) {
    case 'ec2': {
      const instanceId = ec2Id('i', random);
      const instanceArn = `arn:${partition}:ec2:${region}:${accountId}:instance/${instanceId}`;
      const noise = random.bytes(2);
      const privateIp = `10.0.${noise[0]! % 256}.${(noise[1]! % 250) + 4}`;
      const vpcId = ec2Id('vpc', random);
      return {
        sessionName: instanceId,
        sourceArn: instanceArn,
        associatedResourceArn: instanceArn,
        ec2: { vpcId, privateIp },
        details: {
          InstanceId: instanceId,
          PrivateIpAddress: privateIp,
          VpcId: vpcId,
          AvailabilityZone: `${region}a`,
          InstanceType: 't3.micro',
          ImageId: ec2Id('ami', random),
        },
      };
    }
    case 'ecs': {
      const cluster = request.clusterName ?? 'default';
      const taskId = hex(random, 16);
      const taskArn = `arn:${partition}:ecs:${region}:${accountId}:task/${cluster}/${taskId}`;
      return { sessionName: taskId, sourceArn: taskArn, details: { ClusterName: cluster, TaskArn: taskArn } };
    }
    case 'lambda': {
      const name = request.functionName ?? 'keysmith-function';
      return {
        sessionName: name,
        sourceArn: `arn:${partition}:lambda:${region}:${accountId}:function:${name}`,
        details: { FunctionName: name },
      };
    }
    case 'eks-pod-identity': {
      const cluster = request.clusterName ?? 'default';
      const namespace = request.namespace ?? 'default';
      const serviceAccount = request.serviceAccount ?? 'default';
      const podName = `${serviceAccount}-${hex(random, 5).slice(0, 5)}`;
      const podUid = uuid(random);
      const clusterArn = `arn:${partition}:eks:${region}:${accountId}:cluster/${cluster}`;
      // EKS Pod Identity tags each session with the pod's coordinates (EKS User Guide, "pod-id-abac").
      const sessionTags: Tag[] = [
        { Key: 'eks-cluster-arn', Value: clusterArn },
        { Key: 'eks-cluster-name', Value: cluster },
        { Key: 'kubernetes-namespace', Value: namespace },
        { Key: 'kubernetes-service-account', Value: serviceAccount },
        { Key: 'kubernetes-pod-name', Value: podName },
        { Key: 'kubernetes-pod-uid', Value: podUid },
      ];
      return {
        sessionName: `eks-${cluster}-${podName}-${podUid}`.slice(0, 64),
        sourceArn: clusterArn,
        sessionTags,
        details: { ClusterName: cluster, Namespace: namespace, ServiceAccount: serviceAccount, PodName: podName },
      };
    }
  }
}

function uuid(random: Random): string {
  const h = hex(random, 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
