/**
 * Small integer ids for service prefixes (`s3`, `iam`, …), assigned the first time a policy or
 * a request names a service. A decision looks its service up once; every policy's action index
 * is then an array read instead of a string-keyed map lookup per policy. The table only grows
 * with distinct service names, which are few.
 */
const ids = new Map<string, number>();

export function serviceId(service: string): number {
  let id = ids.get(service);
  if (id === undefined) {
    id = ids.size;
    ids.set(service, id);
  }
  return id;
}

/** The id of a service no compiled policy has named yet, or -1. */
export function knownServiceId(service: string): number {
  return ids.get(service) ?? -1;
}
