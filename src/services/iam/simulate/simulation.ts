import { AwsError } from '../../../errors/aws-error.js';
import { parseArn } from '../../../model/arns.js';
import type { CompiledPolicy, ContextValue, PolicyKind, RequestPrincipal } from '../../../policy/index.js';
import type { Output } from '../../../model/shapes.js';
import type { OperationContext } from '../../operation.js';
import type { evaluationResultOutput } from '../shared/role-policy-output-shapes.js';
import { paginateArray } from '../shared/pagination.js';
import { contextFromEntries, type ContextEntryInput } from './context-entries.js';
import { evaluationResult, SimulationRefs } from './evaluation-result.js';
import { sourcePolicyId, type PolicySourceEntity } from './policy-source.js';

/**
 * SourcePolicyType as IAM's simulator sends it: `IAM Policy` for identity-side policies (recorded;
 * not the model's enum user|group|role|aws-managed|user-managed|resource|none, reference §4.11),
 * `Resource Policy` for the ResourcePolicy (recorded). Boundaries are IAM managed policies: `IAM Policy`.
 */
export type SourcePolicyType = 'IAM Policy' | 'Resource Policy';

export interface SimulatedPolicy {
  /** SourcePolicyId: `PolicyInputList.1`, `ResourcePolicy`, or a stored policy's name. */
  sourceId: string;
  type: SourcePolicyType;
  /** The text as given or stored: matched statements' positions point into it. */
  text: string;
  policy: CompiledPolicy;
}

export interface Simulation {
  identity: SimulatedPolicy[];
  /** Empty: no permissions boundary. */
  boundary: SimulatedPolicy[];
  /** Read as a resource-based policy, and as a role trust policy for sts:AssumeRole* when it is a valid one. */
  resourcePolicy?: { resource: SimulatedPolicy; trust?: SimulatedPolicy };
  principal: RequestPrincipal;
  /** Account owning resources whose ARN names none: ResourceOwner, else the caller's. */
  resourceOwner: string;
  context: Record<string, ContextValue>;
}

/** The members SimulatePrincipalPolicy and SimulateCustomPolicy share. */
export interface SimulationInput {
  PolicyInputList?: string[] | undefined;
  PermissionsBoundaryPolicyInputList?: string[] | undefined;
  ActionNames: string[];
  ResourceArns?: string[] | undefined;
  ResourcePolicy?: string | undefined;
  ResourceOwner?: string | undefined;
  CallerArn?: string | undefined;
  ContextEntries?: ContextEntryInput[] | undefined;
  ResourceHandlingOption?: string | undefined;
  MaxItems?: number | undefined;
  Marker?: string | undefined;
}

/**
 * Builds the simulation: the source entity's stored policies (SimulatePrincipalPolicy) plus
 * PolicyInputList as identity policies; PermissionsBoundaryPolicyInputList (at most one) in place
 * of the entity's boundary; the ResourcePolicy; the caller (CallerArn, else the source user or
 * role); the context exactly as given. A policy that does not parse is MalformedPolicyDocument
 * with the engine's (AWS's) text. ResourceHandlingOption (EC2 scenarios) is accepted and ignored.
 */
export function prepareSimulation(ctx: OperationContext, input: SimulationInput, source?: PolicySourceEntity): Simulation {
  const compile = (text: string, kind: PolicyKind, sourceId: string, type: SourcePolicyType = 'IAM Policy'): SimulatedPolicy => ({
    sourceId,
    type,
    text,
    policy: ctx.policies.compile(text, kind),
  });
  if (input.ActionNames.length === 0) throw new AwsError('InvalidInput', 'ActionNames must contain at least one action name.');
  const identity = (source?.identity ?? []).map((p) => compile(p.document, 'identity', sourcePolicyId(p)));
  (input.PolicyInputList ?? []).forEach((text, i) => identity.push(compile(text, 'identity', `PolicyInputList.${i + 1}`)));

  const boundaryInputs = input.PermissionsBoundaryPolicyInputList ?? [];
  if (boundaryInputs.length > 1) throw new AwsError('InvalidInput', 'The list of Permissions Boundary policies cannot exceed 1 items.');
  const boundary =
    boundaryInputs.length === 1
      ? [compile(boundaryInputs[0]!, 'boundary', 'PermissionsBoundaryPolicyInputList.1')]
      : source?.boundary
        ? [compile(source.boundary.document, 'boundary', sourcePolicyId(source.boundary))]
        : [];

  let resourcePolicy: Simulation['resourcePolicy'];
  if (input.ResourcePolicy !== undefined) {
    const text = input.ResourcePolicy;
    resourcePolicy = { resource: compile(text, 'resource', 'ResourcePolicy', 'Resource Policy') };
    try {
      resourcePolicy.trust = compile(text, 'trust', 'ResourcePolicy', 'Resource Policy');
    } catch {
      // Not a trust policy: sts:AssumeRole* reads it as an ordinary resource policy.
    }
  }

  let principal: RequestPrincipal;
  if (input.CallerArn !== undefined) principal = callerPrincipal(input.CallerArn);
  else if (input.ResourcePolicy !== undefined && source?.kind !== 'user') {
    // The resource policy's Principal element needs someone to compare with (API reference).
    throw new AwsError(
      'InvalidInput',
      source === undefined
        ? 'CallerArn must be specified when ResourcePolicy is specified.'
        : 'CallerArn must be specified when ResourcePolicy is specified and PolicySourceArn is not the ARN of an IAM user.',
    );
  } else principal = source?.principal ?? { type: 'User', arn: '', accountId: ctx.caller.accountId };

  return {
    identity,
    boundary,
    resourcePolicy,
    principal,
    resourceOwner: input.ResourceOwner !== undefined ? ownerAccount(input.ResourceOwner) : principal.accountId,
    context: contextFromEntries(input.ContextEntries),
  };
}

/** CallerArn: the ARN of an IAM user (any account; the user need not exist, as on AWS). */
function callerPrincipal(arn: string): RequestPrincipal {
  const p = parseArn(arn);
  if (!p || p.service !== 'iam' || !/^\d{12}$/.test(p.account) || !/^user\/(.+\/)?[^/]+$/.test(p.resource)) {
    throw new AwsError('InvalidInput', `Invalid CallerArn ${arn}: it must be the ARN of an IAM user.`);
  }
  return { type: 'User', arn, accountId: p.account };
}

/** ResourceOwner: an account ARN (`arn:aws:iam::112233445566:root`). */
function ownerAccount(arn: string): string {
  const p = parseArn(arn);
  if (!p || !/^\d{12}$/.test(p.account)) {
    throw new AwsError('InvalidInput', `Invalid ResourceOwner ${arn}: it must be an account ARN such as arn:aws:iam::123456789012:root.`);
  }
  return p.account;
}

/**
 * Every action on every resource (ResourceArns, default `*`), one EvaluationResult each, in
 * ActionNames order then ResourceArns order; MaxItems (default 100) and Marker page over them.
 * Only the page asked for is evaluated.
 */
export function runSimulation(
  sim: Simulation,
  input: SimulationInput,
): { EvaluationResults: Output<typeof evaluationResultOutput>[]; IsTruncated: boolean; Marker?: string } {
  const given = input.ResourceArns !== undefined && input.ResourceArns.length > 0;
  const resources = given ? input.ResourceArns! : ['*'];
  const actions = input.ActionNames;
  const total = actions.length * resources.length;
  const page = paginateArray(
    Array.from({ length: total }, (_, i) => i),
    input,
  );
  const refs = new SimulationRefs(sim);
  const EvaluationResults = page.items.map((i) => {
    const resource = resources[i % resources.length]!;
    return evaluationResult(refs, actions[Math.floor(i / resources.length)]!, resource, given && resource !== '*');
  });
  return page.IsTruncated ? { EvaluationResults, IsTruncated: true, Marker: page.Marker! } : { EvaluationResults, IsTruncated: false };
}
