import { AwsError } from '../../../errors/aws-error.js';
import { isoSeconds } from '../../../kernel/iso-time.js';
import { partition } from '../../../model/arns.js';
import { RECORD_KINDS } from '../../../model/record-kinds.js';
import type { Principal } from '../../../model/principal.js';
import { recordKind, type StoredRecord } from '../shared/records.js';

/**
 * A delegation request (docs/iam/settings-organizations-delegation.md): a partner's request for temporary access to an
 * account, named by its id. One namespace across accounts (`accountId` ''), since the request
 * exists before any account owns it; `ownerId` is the ARN of the identity that associated it.
 */
export type DelegationState = 'UNASSIGNED' | 'ASSIGNED' | 'PENDING_APPROVAL' | 'FINALIZED' | 'ACCEPTED' | 'REJECTED' | 'EXPIRED';

/** A type, not an interface: the output shape's types need its implicit index signature. */
export type PolicyParameterValue = {
  Name?: string | undefined;
  Values?: readonly string[] | undefined;
  Type?: string | undefined;
};

export interface DelegationRequestValue {
  /** The partner's account (the caller of CreateDelegationRequest). */
  requestorId: string;
  ownerAccountId?: string;
  ownerId?: string;
  description: string;
  requestMessage?: string;
  policyTemplateArn?: string;
  parameters?: PolicyParameterValue[];
  requestorWorkflowId: string;
  redirectUrl?: string;
  notificationChannel: string;
  sessionDuration: number;
  onlySendByOwner: boolean;
  state: DelegationState;
  approverId?: string;
  notes?: string;
  rejectionReason?: string;
  /** Epoch ms. */
  expirationTime: number;
  updatedTime: number;
}

export type DelegationRecord = StoredRecord<DelegationRequestValue>;

export const delegationRequests = recordKind<DelegationRequestValue>(RECORD_KINDS.delegationRequest);

/** How long a request waits for an answer, and a rejected one lingers ("Rejected requests expire after 7 days"). */
export const DELEGATION_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export function delegationRequestArn(accountId: string, id: string): string {
  return `arn:${partition}:iam::${accountId}:delegation-request/${id}`;
}

/** The state as of `now`: a request past its expiration time is EXPIRED unless it was finalized. */
export function stateAt(value: DelegationRequestValue, now: number): DelegationState {
  if (value.state !== 'FINALIZED' && now >= value.expirationTime) return 'EXPIRED';
  return value.state;
}

/**
 * Who may see a request (the model's GetDelegationRequest rules): anyone while it has no owner
 * account; then identities of the owner account; the partner that created it, always.
 */
export function visibleTo(value: DelegationRequestValue, caller: Principal): boolean {
  if (caller.accountId === value.requestorId) return true;
  return value.ownerAccountId === undefined || value.ownerAccountId === caller.accountId;
}

export function noSuchRequest(id: string): AwsError {
  return new AwsError('NoSuchEntity', `The delegation request with id ${id} cannot be found.`);
}

/** The request the caller may see, or NoSuchEntity (a request of another owner account is not disclosed). */
export async function requireVisibleRequest(
  ctx: { store: Parameters<typeof delegationRequests.get>[0]; caller: Principal },
  id: string,
): Promise<DelegationRecord> {
  const record = await delegationRequests.get(ctx.store, '', id);
  if (!record || !visibleTo(record.value, ctx.caller)) throw noSuchRequest(id);
  return record;
}

/** A request's owner-side actions (accept, reject, update, send) belong to the owner account. */
export function requireOwnerAccount(record: DelegationRecord, caller: Principal): void {
  if (record.value.ownerAccountId !== caller.accountId || record.value.ownerId === undefined) {
    throw new AwsError('InvalidInput', `The delegation request ${record.name} is not associated with your account.`);
  }
}

/** InvalidInput for a transition the request's state does not allow (keysmith's text). */
export function requireState(record: DelegationRecord, now: number, allowed: readonly DelegationState[], verb: string): void {
  const state = stateAt(record.value, now);
  if (!allowed.includes(state)) {
    throw new AwsError('InvalidInput', `The delegation request ${record.name} is in state ${state} and cannot be ${verb}.`);
  }
}

/** The DelegationRequest structure, in the model's member order. */
export function delegationRequestView(record: DelegationRecord, now: number) {
  const v = record.value;
  return {
    DelegationRequestId: record.name,
    OwnerAccountId: v.ownerAccountId,
    Description: v.description,
    RequestMessage: v.requestMessage,
    Permissions:
      v.policyTemplateArn === undefined && v.parameters === undefined
        ? undefined
        : { PolicyTemplateArn: v.policyTemplateArn, Parameters: v.parameters },
    OwnerId: v.ownerId,
    ApproverId: v.approverId,
    State: stateAt(v, now),
    ExpirationTime: isoSeconds(v.expirationTime),
    RequestorId: v.requestorId,
    CreateDate: isoSeconds(record.createDate),
    SessionDuration: v.sessionDuration,
    RedirectUrl: v.redirectUrl,
    Notes: v.notes,
    RejectionReason: v.rejectionReason,
    OnlySendByOwner: v.onlySendByOwner,
    UpdatedTime: isoSeconds(v.updatedTime),
  };
}

/** Every stored request (one namespace; the lists filter it — delegation requests are few). */
export async function allDelegationRequests(store: Parameters<typeof delegationRequests.list>[0]): Promise<DelegationRecord[]> {
  const all: DelegationRecord[] = [];
  let after: string | undefined;
  do {
    const page = await delegationRequests.list(store, '', { limit: 1000, after });
    all.push(...page.items);
    after = page.nextMarker;
  } while (after !== undefined);
  return all;
}
