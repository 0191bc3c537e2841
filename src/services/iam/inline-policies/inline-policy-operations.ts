import { AwsError } from '../../../errors/aws-error.js';
import type { InlinePolicy } from '../../../model/entities.js';
import { policySize } from '../../../model/rules.js';
import { shape } from '../../../model/shapes.js';
import type { Store } from '../../../storage/store.js';
import { defineOperation, type Operation } from '../../operation.js';
import { storePage } from '../groups/store-page.js';
import { member, paging } from '../shared/members.js';
import { listOptions, pageResult } from '../shared/pagination.js';
import { pageOutput } from '../shared/role-policy-output-shapes.js';
import { ownerNameOf, type PolicyOwner, type PolicyOwnerKind } from './policy-owners.js';

/**
 * Put/Get/List/Delete{User,Group,Role}Policy, written once (reference §4.3). The owner's name
 * member differs per kind, so the input shapes are built with it as a computed key.
 */

const notFound = (owner: PolicyOwnerKind, policyName: string) =>
  new AwsError('NoSuchEntity', `The ${owner.kind} policy with name ${policyName} cannot be found.`);

async function allPolicies(store: Store, owner: PolicyOwner): Promise<InlinePolicy[]> {
  const out: InlinePolicy[] = [];
  let after: string | undefined;
  do {
    const page = await store.inlinePolicies.list(owner.kind, owner.id, { limit: 1000, after });
    out.push(...page.items);
    after = page.nextMarker;
  } while (after !== undefined);
  return out;
}

export function putPolicyOperation(owner: PolicyOwnerKind): Operation {
  return defineOperation({
    name: `Put${owner.noun}Policy`,
    action: `iam:Put${owner.noun}Policy`,
    readOnly: false,
    input: shape.struct({
      [owner.nameMember]: member.entityName(owner.inlineNameMax),
      PolicyName: member.entityName(128),
      PolicyDocument: member.policyDocument(),
    }),
    authorization: { resource: (input, ctx) => owner.resource(ctx, ownerNameOf(input, owner)) },
    output: 'none',
    async handler(input, ctx) {
      const { PolicyName: policyName, PolicyDocument: document } = input;
      await ctx.store.transaction(async (tx) => {
        const found = await owner.requireModifiable({ ...ctx, store: tx }, ownerNameOf(input, owner));
        ctx.policies.compile(document, 'identity', { requireCurrentVersion: true });
        // The quota is on the sum of the owner's inline policies, the replaced one excluded.
        const others = (await allPolicies(tx, found)).filter((p) => p.policyName.toLowerCase() !== policyName.toLowerCase());
        const total = others.reduce((sum, p) => sum + policySize(p.document), policySize(document));
        if (total > owner.inlineSizeQuota) {
          throw new AwsError(
            'LimitExceeded',
            `Maximum policy size of ${owner.inlineSizeQuota} bytes exceeded for ${owner.kind} ${found.name}`,
          );
        }
        await tx.inlinePolicies.put({ accountId: ctx.caller.accountId, ownerKind: owner.kind, ownerId: found.id, policyName, document });
      });
      return undefined;
    },
  });
}

/** The stored document verbatim; the codec URL-encodes it on the wire. */
export function getPolicyOperation(owner: PolicyOwnerKind): Operation {
  return defineOperation({
    name: `Get${owner.noun}Policy`,
    action: `iam:Get${owner.noun}Policy`,
    readOnly: true,
    input: shape.struct({ [owner.nameMember]: member.entityName(owner.inlineNameMax), PolicyName: member.entityName(128) }),
    authorization: { resource: (input, ctx) => owner.resource(ctx, ownerNameOf(input, owner)) },
    output: shape.struct({
      [owner.nameMember]: shape.string(),
      PolicyName: shape.string(),
      PolicyDocument: shape.string({ policyDocument: true }),
    }),
    async handler(input, ctx) {
      const found = await owner.require(ctx, ownerNameOf(input, owner));
      const policy = await ctx.store.inlinePolicies.get(owner.kind, found.id, input.PolicyName);
      if (!policy) throw notFound(owner, input.PolicyName);
      return { [owner.nameMember]: found.name, PolicyName: policy.policyName, PolicyDocument: policy.document };
    },
  });
}

export function listPoliciesOperation(owner: PolicyOwnerKind): Operation {
  return defineOperation({
    name: `List${owner.noun}Policies`,
    action: `iam:List${owner.noun}Policies`,
    readOnly: true,
    input: shape.struct({ [owner.nameMember]: member.entityName(owner.inlineNameMax), ...paging }),
    authorization: { resource: (input, ctx) => owner.resource(ctx, ownerNameOf(input, owner)) },
    output: shape.struct({ PolicyNames: shape.list(shape.string()), ...pageOutput }),
    async handler(input, ctx) {
      const found = await owner.require(ctx, ownerNameOf(input, owner));
      const options = listOptions({ Marker: input.Marker, MaxItems: input.MaxItems });
      const page = await storePage(() => ctx.store.inlinePolicies.list(owner.kind, found.id, options));
      return { PolicyNames: page.items.map((p) => p.policyName), ...pageResult(page) };
    },
  });
}

export function deletePolicyOperation(owner: PolicyOwnerKind): Operation {
  return defineOperation({
    name: `Delete${owner.noun}Policy`,
    action: `iam:Delete${owner.noun}Policy`,
    readOnly: false,
    input: shape.struct({ [owner.nameMember]: member.entityName(owner.inlineNameMax), PolicyName: member.entityName(128) }),
    authorization: { resource: (input, ctx) => owner.resource(ctx, ownerNameOf(input, owner)) },
    output: 'none',
    async handler(input, ctx) {
      await ctx.store.transaction(async (tx) => {
        const found = await owner.requireModifiable({ ...ctx, store: tx }, ownerNameOf(input, owner));
        if (!(await tx.inlinePolicies.delete(owner.kind, found.id, input.PolicyName))) throw notFound(owner, input.PolicyName);
      });
      return undefined;
    },
  });
}

/** The four operations for one kind of owner. */
export function inlinePolicyOperations(owner: PolicyOwnerKind): Operation[] {
  return [putPolicyOperation(owner), getPolicyOperation(owner), listPoliciesOperation(owner), deletePolicyOperation(owner)];
}
