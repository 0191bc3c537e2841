import type { OperationContext } from '../../operation.js';
import {
  delegationRequests,
  requireOwnerAccount,
  requireState,
  requireVisibleRequest,
  type DelegationRecord,
  type DelegationRequestValue,
  type DelegationState,
} from './delegation-record.js';

/**
 * One owner-side step of a request's life (update, accept, reject, send): read it as the caller
 * may see it, check the owner account and the state, write the change — in one transaction.
 */
export async function ownerTransition(
  ctx: OperationContext,
  id: string,
  from: readonly DelegationState[],
  verb: string,
  change: (record: DelegationRecord) => Partial<DelegationRequestValue>,
): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const record = await requireVisibleRequest({ store: tx, caller: ctx.caller }, id);
    requireOwnerAccount(record, ctx.caller);
    requireState(record, ctx.now, from, verb);
    await delegationRequests.update(tx, { ...record, value: { ...record.value, ...change(record), updatedTime: ctx.now } });
  });
}
