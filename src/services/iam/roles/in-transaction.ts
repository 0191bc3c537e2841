import type { Store } from '../../../storage/store.js';
import type { OperationContext } from '../../operation.js';

/**
 * The handler context bound to a transaction handle, so the shared lookups (which read
 * `ctx.store`) run inside it: using the top-level store from inside a transaction is refused.
 */
export function withStore(ctx: OperationContext, tx: Store): OperationContext {
  return { ...ctx, store: tx };
}
