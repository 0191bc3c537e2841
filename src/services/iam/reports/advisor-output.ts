import { isoSeconds } from '../../../kernel/iso-time.js';
import { shape } from '../../../model/shapes.js';
import type { JobService } from './advisor-job.js';
import { serviceName } from './advisor-job.js';

const text = shape.string();

/** IAM's TrackedActionLastAccessed. */
const trackedActionOutput = shape.struct({ ActionName: text, LastAccessedEntity: text, LastAccessedTime: text, LastAccessedRegion: text });

/** IAM's ServiceLastAccessed, members in the model's order. */
export const serviceLastAccessedOutput = shape.struct({
  ServiceName: text,
  LastAuthenticated: text,
  ServiceNamespace: text,
  LastAuthenticatedEntity: text,
  LastAuthenticatedRegion: text,
  TotalAuthenticatedEntities: shape.integer(),
  TrackedActionsLastAccessed: shape.list(trackedActionOutput),
});

/** IAM's ErrorDetails (a FAILED job's reason; keysmith's jobs never fail). */
export const errorDetailsOutput = shape.struct({ Message: text, Code: text });

/** A service as GetServiceLastAccessedDetails lists it: the last access only when there was one. */
export function serviceView(s: JobService) {
  return {
    ServiceName: serviceName(s.namespace),
    LastAuthenticated: s.last && isoSeconds(s.last.time),
    ServiceNamespace: s.namespace,
    LastAuthenticatedEntity: s.last?.entityArn,
    LastAuthenticatedRegion: s.last?.region,
    TotalAuthenticatedEntities: s.totalEntities,
    TrackedActionsLastAccessed: s.tracked?.map((t) => ({
      ActionName: t.action.slice(s.namespace.length + 1),
      LastAccessedEntity: t.last?.entityArn,
      LastAccessedTime: t.last && isoSeconds(t.last.time),
      LastAccessedRegion: t.last?.region,
    })),
  };
}
