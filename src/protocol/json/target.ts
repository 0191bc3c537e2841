/**
 * JSON 1.1 services name the operation in `X-Amz-Target: <prefix>.<Operation>`. SDKs disagree on
 * the prefix (reference §5.3): botocore sends the model's full `targetPrefix`
 * (`com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101`), SDK v3 the short
 * `CloudTrail_20131101`. Both are accepted; anything else is not this service.
 */
export interface JsonService {
  /** SigV4 signing name and CloudTrail event source prefix. */
  name: string;
  /** The short target prefix; the long one is `com.amazonaws.<name>.v<version>.<short>`. */
  targetPrefix: string;
}

export const CLOUDTRAIL_SERVICE: JsonService = { name: 'cloudtrail', targetPrefix: 'CloudTrail_20131101' };

/** The operation a target names for `service`, or undefined if the target is not the service's. */
export function operationOfTarget(service: JsonService, target: string | undefined): string | undefined {
  if (target === undefined) return undefined;
  const dot = target.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const prefix = target.slice(0, dot);
  const operation = target.slice(dot + 1);
  if (!/^[A-Za-z][A-Za-z0-9]{0,127}$/.test(operation)) return undefined;
  const version = /_(\d{8})$/.exec(service.targetPrefix)?.[1] ?? '';
  const long = `com.amazonaws.${service.name}.v${version}.${service.targetPrefix}`;
  return prefix === service.targetPrefix || prefix === long ? operation : undefined;
}
