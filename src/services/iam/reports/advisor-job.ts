import { RECORD_KINDS } from '../../../model/record-kinds.js';
import { recordKind } from '../shared/records.js';
import type { AccessEvent } from './access-history.js';
import type { PolicySource, TrackedEntity } from './advisor-entities.js';
import { actionsAllowedBy, servicesAllowedBy } from './allowed-services.js';
import { SERVICE_NAMES } from './service-names.js';

/** Where and by whom something was last accessed. Times are epoch ms. */
export interface LastAccess {
  time: number;
  entityArn: string;
  region: string;
}

export interface JobService {
  namespace: string;
  last?: LastAccess;
  totalEntities: number;
  /** ACTION_LEVEL only: the service's allowed actions, with their last access when there was one. */
  tracked?: { action: string; last?: LastAccess }[];
}

/**
 * A GenerateServiceLastAccessedDetails job, as stored (record name: the job id). keysmith computes
 * the report within the Generate call, so a job is COMPLETED from the start.
 */
export interface ServiceLastAccessedJob {
  arn: string;
  granularity: 'SERVICE_LEVEL' | 'ACTION_LEVEL';
  creationDate: number;
  completionDate: number;
  services: JobService[];
  entities: (TrackedEntity & { lastByService: Record<string, number> })[];
}

export const serviceLastAccessedJobs = recordKind<ServiceLastAccessedJob>(RECORD_KINDS.serviceLastAccessedJob);

/** AWS tracks action-level data for a set of services; of keysmith's, IAM and S3 (docs/iam/reports.md). */
export const ACTION_TRACKED_SERVICES: ReadonlySet<string> = new Set(['ec2', 'iam', 'lambda', 's3']);

export const serviceName = (namespace: string) => SERVICE_NAMES[namespace] ?? namespace;

const newer = (a: LastAccess | undefined, e: AccessEvent): LastAccess =>
  a && a.time >= e.time ? a : { time: e.time, entityArn: e.principalArn, region: e.region };

/** The report: every service the policies allow, sorted by namespace, with what the history says of it. */
export function buildReport(
  policies: readonly PolicySource[],
  entities: readonly TrackedEntity[],
  history: readonly AccessEvent[],
  granularity: ServiceLastAccessedJob['granularity'],
): Pick<ServiceLastAccessedJob, 'services' | 'entities'> {
  const allowed = new Set<string>();
  for (const p of policies) for (const s of servicesAllowedBy(p.document)) allowed.add(s);
  const services: JobService[] = [];
  for (const namespace of [...allowed].sort()) {
    const events = history.filter((e) => e.service === namespace);
    let last: LastAccess | undefined;
    for (const e of events) last = newer(last, e);
    const service: JobService = { namespace, totalEntities: new Set(events.map((e) => e.principalArn)).size };
    if (last) service.last = last;
    if (granularity === 'ACTION_LEVEL' && ACTION_TRACKED_SERVICES.has(namespace)) {
      const actions = new Set<string>();
      for (const p of policies) for (const a of actionsAllowedBy(p.document, namespace)) actions.add(a);
      service.tracked = [...actions].sort().map((action) => {
        const name = action.slice(namespace.length + 1).toLowerCase();
        let lastAction: LastAccess | undefined;
        for (const e of events) if (e.action.toLowerCase() === name) lastAction = newer(lastAction, e);
        return lastAction ? { action, last: lastAction } : { action };
      });
    }
    services.push(service);
  }
  const entityRows = entities.map((entity) => {
    const lastByService: Record<string, number> = {};
    for (const e of history) {
      if (e.principalArn !== entity.arn || !allowed.has(e.service)) continue;
      lastByService[e.service] = Math.max(lastByService[e.service] ?? 0, e.time);
    }
    return { ...entity, lastByService };
  });
  return { services, entities: entityRows };
}
