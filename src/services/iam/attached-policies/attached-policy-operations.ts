import { AwsError } from '../../../errors/aws-error.js';
import { parseArn, splitIamResource } from '../../../model/arns.js';
import { POLICY_PATH_PATTERN, POLICY_PATH_PATTERN_TEXT } from '../../../model/rules.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation, type Operation } from '../../operation.js';
import { ownerNameOf, type PolicyOwnerKind } from '../inline-policies/policy-owners.js';
import { member, paging } from '../shared/members.js';
import { paginateArray } from '../shared/pagination.js';
import { attachedPolicyOutput, pageOutput } from '../shared/role-policy-output-shapes.js';
import { requireOwnAttachablePolicy } from './attachable-policy.js';

/**
 * Attach/Detach/ListAttached{User,Group,Role}Policies, written once (reference §4.4). Attachments
 * are keyed on the owner's unique id, so renaming the owner keeps them.
 */

/** ListAttached…'s PathPrefix follows the managed-policy path pattern, not the entity one. */
const policyPathPrefix = () => shape.string({ min: 1, max: 512, pattern: POLICY_PATH_PATTERN, patternText: POLICY_PATH_PATTERN_TEXT });

/** Name and path of a policy, read from its ARN (`arn:aws:iam::A:policy/path/Name`). */
function policyParts(policyArn: string): { name: string; path: string } {
  const parts = splitIamResource(parseArn(policyArn)?.resource ?? '');
  return { name: parts?.name ?? policyArn, path: parts?.path ?? '/' };
}

export function attachPolicyOperation(owner: PolicyOwnerKind): Operation {
  return defineOperation({
    name: `Attach${owner.noun}Policy`,
    action: `iam:Attach${owner.noun}Policy`,
    readOnly: false,
    input: shape.struct({ [owner.nameMember]: member.entityName(owner.attachNameMax), PolicyArn: member.arn() }),
    authorization: { resource: (input, ctx) => owner.resource(ctx, ownerNameOf(input, owner)) },
    output: 'none',
    async handler(input, ctx) {
      await ctx.store.transaction(async (tx) => {
        const txCtx = { ...ctx, store: tx };
        const found = await owner.requireModifiable(txCtx, ownerNameOf(input, owner));
        const policy = await requireOwnAttachablePolicy(txCtx, input.PolicyArn, 'attach');
        const attached = await tx.attachments.listForOwner(owner.kind, found.id);
        if (attached.includes(policy.arn)) return; // attaching again is a no-op
        if (attached.length >= owner.attachedQuota) {
          throw new AwsError('LimitExceeded', `Cannot exceed quota for ${owner.attachedQuotaName}: ${owner.attachedQuota}`);
        }
        await tx.attachments.attach({ accountId: ctx.caller.accountId, ownerKind: owner.kind, ownerId: found.id, policyArn: policy.arn });
      });
      return undefined;
    },
  });
}

/** A policy that is not attached (or does not exist) is NoSuchEntity "Policy <arn> was not found.". */
export function detachPolicyOperation(owner: PolicyOwnerKind): Operation {
  return defineOperation({
    name: `Detach${owner.noun}Policy`,
    action: `iam:Detach${owner.noun}Policy`,
    readOnly: false,
    input: shape.struct({ [owner.nameMember]: member.entityName(owner.attachNameMax), PolicyArn: member.arn() }),
    authorization: { resource: (input, ctx) => owner.resource(ctx, ownerNameOf(input, owner)) },
    output: 'none',
    async handler(input, ctx) {
      await ctx.store.transaction(async (tx) => {
        const found = await owner.requireModifiable({ ...ctx, store: tx }, ownerNameOf(input, owner));
        if (!parseArn(input.PolicyArn)) throw new AwsError('ValidationError', `ARN ${input.PolicyArn} is not valid.`);
        if (!(await tx.attachments.detach(owner.kind, found.id, input.PolicyArn))) {
          throw new AwsError('NoSuchEntity', `Policy ${input.PolicyArn} was not found.`);
        }
      });
      return undefined;
    },
  });
}

export function listAttachedPoliciesOperation(owner: PolicyOwnerKind): Operation {
  return defineOperation({
    name: `ListAttached${owner.noun}Policies`,
    action: `iam:ListAttached${owner.noun}Policies`,
    readOnly: true,
    input: shape.struct({ [owner.nameMember]: member.entityName(owner.attachNameMax), PathPrefix: policyPathPrefix(), ...paging }),
    authorization: { resource: (input, ctx) => owner.resource(ctx, ownerNameOf(input, owner)) },
    output: shape.struct({ AttachedPolicies: shape.list(attachedPolicyOutput), ...pageOutput }),
    async handler(input, ctx) {
      const found = await owner.require(ctx, ownerNameOf(input, owner));
      const prefix = input.PathPrefix ?? '/';
      const attached = (await ctx.store.attachments.listForOwner(owner.kind, found.id))
        .map((arn) => ({ arn, ...policyParts(arn) }))
        .filter((p) => p.path.startsWith(prefix))
        .map((p) => ({ PolicyName: p.name, PolicyArn: p.arn }));
      const page = paginateArray(attached, { Marker: input.Marker, MaxItems: input.MaxItems });
      return { AttachedPolicies: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
    },
  });
}

/** The three operations for one kind of owner. */
export function attachedPolicyOperations(owner: PolicyOwnerKind): Operation[] {
  return [attachPolicyOperation(owner), detachPolicyOperation(owner), listAttachedPoliciesOperation(owner)];
}
