import type { Store } from '../../../storage/store.js';

/** One call as the access advisor counts it: who (user or role ARN), which service and action, where, when. */
export interface AccessEvent {
  principalArn: string;
  service: string;
  action: string;
  region: string;
  time: number;
}

/** AWS reports activity for the last 400 days. */
export const TRACKING_PERIOD_MS = 400 * 24 * 60 * 60 * 1000;
/** How many audit events one report reads at most (newest first): a bound on a report's cost. */
export const MAX_EVENTS_READ = 20_000;

interface EventBody {
  eventSource?: string;
  eventName?: string;
  awsRegion?: string;
  userIdentity?: { type?: string; arn?: string; sessionContext?: { sessionIssuer?: { type?: string; arn?: string } } };
}

/** The IAM user, or the role behind a role session, that made a call; undefined for others. */
function principalOf(body: EventBody): string | undefined {
  const id = body.userIdentity;
  if (id?.type === 'IAMUser') return id.arn;
  if (id?.type === 'AssumedRole' && id.sessionContext?.sessionIssuer?.type === 'Role') return id.sessionContext.sessionIssuer.arn;
  return undefined;
}

/**
 * The account's calls by the given users and roles, newest first, read from keysmith's own audit
 * log (its CloudTrail event history): every attempt counts, allowed or denied, as AWS's
 * "last accessed" data does. The service is the event source's namespace (`iam.amazonaws.com` → `iam`).
 */
export async function accessHistory(store: Store, accountId: string, principals: ReadonlySet<string>, now: number): Promise<AccessEvent[]> {
  const out: AccessEvent[] = [];
  if (principals.size === 0) return out;
  let after: string | undefined;
  let read = 0;
  do {
    const page = await store.auditEvents.query({ accountId, from: now - TRACKING_PERIOD_MS, to: now, after, limit: 1000 });
    for (const record of page.items) {
      let body: EventBody;
      try {
        body = JSON.parse(record.body) as EventBody;
      } catch {
        continue;
      }
      const principalArn = principalOf(body);
      if (principalArn === undefined || !principals.has(principalArn)) continue;
      const source = body.eventSource ?? record.eventSource;
      out.push({
        principalArn,
        service: source.replace(/\.amazonaws\.com$/, ''),
        action: body.eventName ?? record.eventName,
        region: body.awsRegion ?? '',
        time: record.eventTime,
      });
    }
    read += page.items.length;
    after = page.nextMarker;
  } while (after !== undefined && read < MAX_EVENTS_READ);
  return out;
}
