import { type CompiledPolicy, policyReadsKey, type PolicyRef, type PolicySet } from '../policy/index.js';

const RESOURCE_KEY = /^(aws:resourcetag\/|iam:resourcetag\/|iam:permissionsboundary$)/i;
const memo = new WeakMap<CompiledPolicy, boolean>();

/** Whether a compiled policy tests (or substitutes) a key that needs the target resource looked up. */
function reads(policy: CompiledPolicy): boolean {
  let found = memo.get(policy);
  if (found === undefined) {
    found = policyReadsKey(policy, (k) => RESOURCE_KEY.test(k));
    memo.set(policy, found);
  }
  return found;
}

const any = (refs: readonly PolicyRef[] | undefined) => refs !== undefined && refs.some((r) => reads(r.policy));

/**
 * Whether evaluating this policy set can depend on the target's tags or boundary. When it
 * cannot, the authorizer skips the resource lookup: the decision is the same without those keys.
 */
export function readsResourceKeys(policies: PolicySet): boolean {
  return (
    any(policies.identity) ||
    any(policies.boundary) ||
    any(policies.session) ||
    (policies.resource !== undefined && reads(policies.resource.policy)) ||
    (policies.scps ?? []).some(any) ||
    (policies.rcps ?? []).some(any)
  );
}
