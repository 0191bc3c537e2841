import { AwsError } from '../../../errors/aws-error.js';
import { parseArn } from '../../../model/arns.js';

/** The identity-provider ARN types: `oidc-provider/host/path` and `saml-provider/Name`. */
export type ProviderType = 'oidc-provider' | 'saml-provider';

export function providerArn(accountId: string, type: ProviderType, name: string): string {
  return `arn:aws:iam::${accountId}:${type}/${name}`;
}

/**
 * The account and name an identity-provider ARN names, or undefined when it names no provider of
 * that type (the caller answers NoSuchEntity). Text that is not an ARN at all is refused with
 * InvalidInput, the text AWS gives for other malformed ARNs (reference §4.2).
 */
export function providerOfArn(arn: string, type: ProviderType): { accountId: string; name: string } | undefined {
  const parsed = parseArn(arn);
  if (!parsed) throw new AwsError('InvalidInput', `ARN ${arn} is not valid.`);
  if (parsed.service !== 'iam' || parsed.region !== '' || !/^\d{12}$/.test(parsed.account)) return undefined;
  if (!parsed.resource.startsWith(`${type}/`)) return undefined;
  const name = parsed.resource.slice(type.length + 1);
  return name === '' ? undefined : { accountId: parsed.account, name };
}
