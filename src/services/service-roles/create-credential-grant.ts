import { AwsError } from '../../errors/aws-error.js';
import { isoSeconds } from '../../kernel/iso-time.js';
import { COMPUTE_TYPE_ROWS, COMPUTE_TYPES, CREDENTIALS_PATH, type ComputeType } from '../../model/compute-types.js';
import type { Role } from '../../model/entities.js';
import { shape } from '../../model/shapes.js';
import { instanceProfileArn, instanceProfiles, type InstanceProfileRecord } from '../iam/instance-profiles/instance-profile-record.js';
import { defineOperation, type OperationContext } from '../operation.js';
import { makeUpCompute } from './compute-resources.js';
import { GRANT_ACCOUNT, grants, grantToken, hashSecret, newGrantId, newGrantSecret } from './grant-record.js';
import { authorizeServiceTrust } from './service-trust.js';
import { parseRoleArn } from '../sts/shared/trusted-role.js';

const ONE_HOUR = 3600;
const TWELVE_HOURS = 43200;
const NAME = /^[A-Za-z0-9_-]+$/;
const NAME_TEXT = '[a-zA-Z0-9_-]+';

/**
 * keysmith's own: hands a role to an AWS service for a piece of compute it runs — an EC2 instance
 * (through an instance profile), an ECS task, a Lambda function, an EKS pod — as launching that
 * compute does on AWS, and returns a grant whose token fetches the role's credentials as that
 * service (`GET /_keysmith/credentials`, the container-credentials protocol) until it expires or
 * is revoked. `keysmith run`, `keysmith endpoint` and `keysmith grant create` call it.
 *
 * As on AWS: the caller must be allowed iam:PassRole on the role, with iam:PassedToService the
 * service (and, for EC2, iam:AssociatedResourceArn the instance); a role of another account cannot
 * be passed; the role's trust policy must allow the service (with aws:SourceAccount and
 * aws:SourceArn naming the compute), or the service's own error says it cannot assume the role.
 */
export const createCredentialGrant = defineOperation({
  name: 'CreateCredentialGrant',
  action: 'iam:PassRole',
  readOnly: false,
  // A grant changes no IAM state: no cache needs dropping.
  mutatesIam: false,
  authorization: 'self',
  input: shape.struct({
    RoleArn: shape.string({ required: true, min: 20, max: 2048 }),
    ComputeType: shape.string({ required: true, enum: COMPUTE_TYPES }),
    InstanceProfileName: shape.string({ min: 1, max: 128, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' }),
    FunctionName: shape.string({ min: 1, max: 64, pattern: NAME, patternText: NAME_TEXT }),
    ClusterName: shape.string({ min: 1, max: 100, pattern: NAME, patternText: NAME_TEXT }),
    Namespace: shape.string({ min: 1, max: 63, pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, patternText: '[a-z0-9]([-a-z0-9]*[a-z0-9])?' }),
    ServiceAccount: shape.string({
      min: 1,
      max: 63,
      pattern: /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
      patternText: '[a-z0-9]([-a-z0-9.]*[a-z0-9])?',
    }),
    DurationSeconds: shape.integer({ min: 60, max: TWELVE_HOURS }),
    GrantLifetimeSeconds: shape.integer({ min: 60, max: 7 * 24 * 3600 }),
  }),
  output: shape.struct({
    GrantId: shape.string(),
    GrantToken: shape.string({ sensitive: true }),
    Expiration: shape.string(),
    ComputeType: shape.string(),
    ServicePrincipal: shape.string(),
    RoleArn: shape.string(),
    RoleName: shape.string(),
    AccountId: shape.string(),
    Region: shape.string(),
    SessionName: shape.string(),
    SourceArn: shape.string(),
    CredentialsPath: shape.string(),
    DurationSeconds: shape.integer(),
    InstanceId: shape.string(),
    InstanceProfileArn: shape.string(),
    InstanceProfileId: shape.string(),
    PrivateIpAddress: shape.string(),
    VpcId: shape.string(),
    AvailabilityZone: shape.string(),
    InstanceType: shape.string(),
    ImageId: shape.string(),
    FunctionName: shape.string(),
    ClusterName: shape.string(),
    TaskArn: shape.string(),
    Namespace: shape.string(),
    ServiceAccount: shape.string(),
    PodName: shape.string(),
  }),
  async handler(input, ctx) {
    const type = input.ComputeType as ComputeType;
    const row = COMPUTE_TYPE_ROWS[type];
    for (const [member, allowed] of [
      ['InstanceProfileName', type === 'ec2'],
      ['FunctionName', type === 'lambda'],
      ['ClusterName', type === 'ecs' || type === 'eks-pod-identity'],
      ['Namespace', type === 'eks-pod-identity'],
      ['ServiceAccount', type === 'eks-pod-identity'],
    ] as const) {
      if (input[member] !== undefined && !allowed)
        throw new AwsError('ValidationError', `${member} does not apply to ComputeType ${type}.`);
    }
    const { accountId, roleName } = parseRoleArn(input.RoleArn);
    const compute = makeUpCompute(
      type,
      ctx.region,
      ctx.caller.accountId,
      {
        functionName: input.FunctionName,
        clusterName: input.ClusterName,
        namespace: input.Namespace,
        serviceAccount: input.ServiceAccount,
      },
      ctx.random,
    );

    // Passing the role comes first, as launching compute checks it before anything about the
    // role is told (a role of another account is refused here: no policy can allow passing it).
    const context: Record<string, string> = { 'iam:PassedToService': row.servicePrincipal };
    if (compute.associatedResourceArn !== undefined) context['iam:AssociatedResourceArn'] = compute.associatedResourceArn;
    await ctx.authorizer.authorize(ctx.caller, 'iam:PassRole', input.RoleArn, ctx.facts, { resourceAccount: accountId, context });

    const role = await ctx.store.roles.getByName(accountId, roleName);
    if (!role || role.arn !== input.RoleArn) throw new AwsError('NoSuchEntity', `The role with name ${roleName} cannot be found.`);
    const duration = input.DurationSeconds ?? ONE_HOUR;
    if (duration > role.maxSessionDuration) {
      throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    }
    const profile = type === 'ec2' ? await profileFor(ctx, role, input.InstanceProfileName) : undefined;

    authorizeServiceTrust(ctx, role, {
      computeType: type,
      sourceAccount: ctx.caller.accountId,
      sourceArn: compute.sourceArn,
      sessionName: compute.sessionName,
      region: ctx.region,
      sessionTags: compute.sessionTags,
    });

    const grantId = newGrantId(ctx.random);
    const secret = newGrantSecret(ctx.random);
    const expiresAt = Math.floor(ctx.now / 1000) + (input.GrantLifetimeSeconds ?? TWELVE_HOURS);
    const details: Record<string, string> = { ...compute.details };
    if (profile) {
      details.InstanceProfileArn = instanceProfileArn(profile);
      details.InstanceProfileId = profile.value.instanceProfileId;
    }
    await grants.create(ctx.store, {
      accountId: GRANT_ACCOUNT,
      name: grantId,
      path: '/',
      ownerId: role.roleId,
      createDate: ctx.now,
      value: {
        computeType: type,
        servicePrincipal: row.servicePrincipal,
        secretHash: hashSecret(secret),
        roleArn: role.arn,
        roleId: role.roleId,
        accountId: role.accountId,
        region: ctx.region,
        sourceAccount: ctx.caller.accountId,
        sourceArn: compute.sourceArn,
        sessionName: compute.sessionName,
        durationSeconds: duration,
        expiresAt,
        createdBy: ctx.caller.arn,
        ...(compute.sessionTags ? { sessionTags: compute.sessionTags } : {}),
        ...(compute.ec2 ? { ec2: compute.ec2 } : {}),
        details,
      },
    });
    return {
      GrantId: grantId,
      GrantToken: grantToken(grantId, secret),
      Expiration: isoSeconds(expiresAt * 1000),
      ComputeType: type,
      ServicePrincipal: row.servicePrincipal,
      RoleArn: role.arn,
      RoleName: role.roleName,
      AccountId: role.accountId,
      Region: ctx.region,
      SessionName: compute.sessionName,
      SourceArn: compute.sourceArn,
      CredentialsPath: CREDENTIALS_PATH,
      DurationSeconds: duration,
      ...details,
    };
  },
});

/**
 * EC2 hands a role to an instance only through an instance profile: the one named, which must
 * hold the role, or the first (by name) that holds it.
 */
async function profileFor(ctx: OperationContext, role: Role, name: string | undefined): Promise<InstanceProfileRecord> {
  if (name !== undefined) {
    const profile = await instanceProfiles.get(ctx.store, role.accountId, name);
    if (!profile) throw new AwsError('NoSuchEntity', `Instance Profile ${name} cannot be found.`);
    if (profile.value.roleId !== role.roleId) {
      throw new AwsError('ValidationError', `Instance profile ${name} does not hold the role ${role.roleName}.`);
    }
    return profile;
  }
  const held = (await instanceProfiles.listForOwner(ctx.store, role.roleId)).filter((p) => p.accountId === role.accountId);
  if (held.length === 0) {
    throw new AwsError(
      'ValidationError',
      `The role ${role.roleName} is in no instance profile, and EC2 gives an instance a role only through one: ` +
        `aws iam create-instance-profile --instance-profile-name NAME; aws iam add-role-to-instance-profile --instance-profile-name NAME --role-name ${role.roleName}`,
    );
  }
  return held[0]!;
}
