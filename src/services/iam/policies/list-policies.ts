import { listAwsManagedPolicies } from '../../../model/aws-managed-policies.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { paging } from '../shared/members.js';
import { keysetPage, sortByKey } from './keyset-page.js';
import { listAll } from './list-all.js';
import { policyMember } from './policy-members.js';
import { boundaryUsage, type PolicyUsage } from './policy-usage.js';
import { type AnyPolicy, policyView } from './policy-views.js';
import { pageOutput, policyOutput } from '../shared/role-policy-output-shapes.js';

const keyOf = (p: AnyPolicy) => [p.policyName.toLowerCase(), p.policyName, p.arn];

/**
 * Scope All (default) lists AWS-managed and the account's own policies by name; AWS and Local
 * pick one kind. OnlyAttached keeps policies attached to a user, group or role;
 * PolicyUsageFilter keeps policies in use as permissions policies (attached) or as boundaries.
 * Items carry no Tags and no Description (§4.4). AWS authorizes against the policy path
 * ("on resource: policy path /").
 */
export const listPolicies = defineOperation({
  name: 'ListPolicies',
  action: 'iam:ListPolicies',
  readOnly: true,
  input: shape.struct({
    Scope: policyMember.scope(),
    OnlyAttached: shape.boolean(),
    PathPrefix: policyMember.path(),
    PolicyUsageFilter: policyMember.usageFilter(),
    ...paging,
  }),
  authorization: { resource: (input, ctx) => `arn:aws:iam::${ctx.caller.accountId}:policy${input.PathPrefix ?? '/'}` },
  output: shape.struct({ Policies: shape.list(policyOutput), ...pageOutput }),
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    const scope = input.Scope ?? 'All';
    const prefix = input.PathPrefix ?? '/';
    const candidates: AnyPolicy[] = [];
    if (scope !== 'Local') candidates.push(...listAwsManagedPolicies().filter((p) => p.path.startsWith(prefix)));
    if (scope !== 'AWS') candidates.push(...(await listAll((o) => ctx.store.managedPolicies.list(accountId, o), prefix)));
    const boundaries = await boundaryUsage(ctx.store, accountId);
    const attachmentCounts = new Map<string, number>();
    const attachments = async (p: AnyPolicy) => {
      let n = attachmentCounts.get(p.arn);
      if (n === undefined) {
        n = await ctx.store.attachments.countForPolicy(accountId, p.arn);
        attachmentCounts.set(p.arn, n);
      }
      return n;
    };
    const usage = async (p: AnyPolicy): Promise<PolicyUsage> => ({
      attachmentCount: await attachments(p),
      boundaryCount: boundaries.get(p.arn) ?? 0,
    });

    let selected = sortByKey(candidates, keyOf);
    if (input.OnlyAttached || input.PolicyUsageFilter !== undefined) {
      const kept: AnyPolicy[] = [];
      for (const p of selected) {
        const u = await usage(p);
        if (input.OnlyAttached && u.attachmentCount === 0) continue;
        if (input.PolicyUsageFilter === 'PermissionsPolicy' && u.attachmentCount === 0) continue;
        if (input.PolicyUsageFilter === 'PermissionsBoundary' && u.boundaryCount === 0) continue;
        kept.push(p);
      }
      selected = kept;
    }
    const page = keysetPage(selected, keyOf, input);
    const Policies = [];
    for (const p of page.items) Policies.push(policyView(p, await usage(p), 'list'));
    return { Policies, IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
