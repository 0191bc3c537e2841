/** ARN formats of IAM and STS principals and resources (reference §3.2). */
export const partition = 'aws';

/** `path` is `/` or `/a/b/`; the ARN puts it between the type and the name. */
export function iamArn(
  accountId: string,
  type: 'user' | 'role' | 'group' | 'policy' | 'instance-profile' | 'mfa',
  path: string,
  name: string,
): string {
  return `arn:${partition}:iam::${accountId}:${type}${path}${name}`;
}

export function rootArn(accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
}

export function assumedRoleArn(accountId: string, roleName: string, sessionName: string): string {
  return `arn:${partition}:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}

export function federatedUserArn(accountId: string, name: string): string {
  return `arn:${partition}:sts::${accountId}:federated-user/${name}`;
}

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, p, service, region, account] = parts as [string, string, string, string, string];
  return { partition: p, service, region, account, resource: parts.slice(5).join(':') };
}

/**
 * The account of an ARN (`arn:partition:service:region:account:resource`), as parseArn(arn)?.account
 * gives it, without splitting the whole ARN (the audit asks it of every STS role call's role ARN).
 */
export function arnAccount(arn: string): string | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  let colon = 3;
  for (let field = 1; field < 4; field += 1) {
    colon = arn.indexOf(':', colon + 1);
    if (colon < 0) return undefined;
  }
  const end = arn.indexOf(':', colon + 1);
  return end < 0 ? undefined : arn.slice(colon + 1, end);
}

/** Splits an IAM resource like `policy/path/a/Name` into type, path and name. */
export function splitIamResource(resource: string): { type: string; path: string; name: string } | undefined {
  const slash = resource.indexOf('/');
  if (slash < 0) return undefined;
  const type = resource.slice(0, slash);
  const rest = resource.slice(slash);
  const last = rest.lastIndexOf('/');
  return { type, path: rest.slice(0, last + 1), name: rest.slice(last + 1) };
}
