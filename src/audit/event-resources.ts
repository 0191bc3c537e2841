import { arnAccount, parseArn } from '../model/arns.js';
import type { AuditResource } from '../storage/store.js';
import type { AuditRecord } from './audit-record.js';
import type { EventResource } from './cloudtrail-event.js';

/** Request members that name an IAM resource, and the resource type LookupEvents reports. */
const IAM_MEMBERS: Record<string, string> = {
  UserName: 'AWS::IAM::User',
  RoleName: 'AWS::IAM::Role',
  GroupName: 'AWS::IAM::Group',
  PolicyArn: 'AWS::IAM::Policy',
  InstanceProfileName: 'AWS::IAM::InstanceProfile',
  AccessKeyId: 'AWS::IAM::AccessKey',
  VirtualMFADeviceName: 'AWS::IAM::MFADevice',
  OpenIDConnectProviderArn: 'AWS::IAM::OIDCProvider',
  SAMLProviderArn: 'AWS::IAM::SAMLProvider',
  ServerCertificateName: 'AWS::IAM::ServerCertificate',
};
const IAM_MEMBER_ENTRIES = Object.entries(IAM_MEMBERS);

/**
 * The resources an event names: `lookup` is what LookupEvents' ResourceType/ResourceName match
 * and report; `record` is the record's own `resources` member, which AWS fills for STS role
 * calls and S3 (with ARNs). Taken from the operation's input (AWS member names) and, for calls
 * that create something, its output.
 */
/** The members of an operation's output that name what it created or handed out (read defensively). */
interface CreatedOutput {
  Credentials?: { AccessKeyId?: unknown };
  AssumedRoleUser?: { Arn?: unknown };
  FederatedUser?: { Arn?: unknown };
  AccessKey?: { AccessKeyId?: unknown };
  Policy?: { Arn?: unknown };
  OpenIDConnectProviderArn?: unknown;
  SAMLProviderArn?: unknown;
}

export function eventResources(input: AuditRecord): { lookup: AuditResource[]; record: EventResource[] } {
  const lookup: AuditResource[] = [];
  const record: EventResource[] = [];
  const params = input.requestParameters ?? {};
  const output = (input.errorCode === undefined ? input.responseElements : undefined) as CreatedOutput | undefined;
  const add = (type: string, name: unknown) => {
    if (typeof name === 'string' && name !== '' && !lookup.some((r) => r.type === type && r.name === name)) lookup.push({ type, name });
  };

  if (input.service === 's3') {
    const bucket = params.Bucket;
    if (typeof bucket === 'string' && bucket !== '') {
      add('AWS::S3::Bucket', bucket);
      record.push({ ARN: `arn:aws:s3:::${bucket}`, type: 'AWS::S3::Bucket' });
      const key = params.Key;
      if (typeof key === 'string' && key !== '') {
        add('AWS::S3::Object', `arn:aws:s3:::${bucket}/${key}`);
        record.push({ ARN: `arn:aws:s3:::${bucket}/${key}`, type: 'AWS::S3::Object' });
      }
    }
    return { lookup, record };
  }

  // The role of an STS call; for a service's own AssumeRole (a credential grant's fetch) the
  // role is what the service said it assumed (its requestParameters come from the grant).
  const roleArn =
    params.RoleArn ?? (input.federatedCaller?.type === 'AWSService' ? input.federatedCaller.requestDetails?.roleArn : undefined);
  if (typeof roleArn === 'string') {
    add('AWS::IAM::Role', roleArn);
    const account = arnAccount(roleArn);
    if (account) record.push({ ARN: roleArn, accountId: account, type: 'AWS::IAM::Role' });
  }
  // AssumeRoleWithSAML: the SAML provider that vouched for the caller, a resource of the event as
  // the role is (CloudTrail's AssumeRoleWithSAML records, reference §5).
  const principalArn = input.service === 'sts' && input.operation === 'AssumeRoleWithSAML' ? params.PrincipalArn : undefined;
  const provider = typeof principalArn === 'string' ? parseArn(principalArn) : undefined;
  if (provider?.service === 'iam' && provider.resource.startsWith('saml-provider/')) {
    add('AWS::IAM::SAMLProvider', principalArn);
    record.push({ ARN: principalArn as string, accountId: provider.account, type: 'AWS::IAM::SAMLProvider' });
  }
  for (const [member, type] of IAM_MEMBER_ENTRIES) add(type, params[member]);
  // What the call created or handed out.
  add('AWS::IAM::AccessKey', output?.Credentials?.AccessKeyId);
  add('AWS::STS::AssumedRole', output?.AssumedRoleUser?.Arn);
  add('AWS::STS::FederatedUser', output?.FederatedUser?.Arn);
  add('AWS::IAM::AccessKey', output?.AccessKey?.AccessKeyId);
  add('AWS::IAM::Policy', output?.Policy?.Arn);
  add('AWS::IAM::OIDCProvider', output?.OpenIDConnectProviderArn);
  add('AWS::IAM::SAMLProvider', output?.SAMLProviderArn);
  return { lookup, record };
}
