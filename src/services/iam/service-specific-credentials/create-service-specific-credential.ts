import { AwsError } from '../../../errors/aws-error.js';
import { newId } from '../../../model/unique-ids.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { authorizeOnUser } from './authorize-on-user.js';
import { credentialMember } from './credential-members.js';
import { serviceCredentialOutput, serviceCredentialView, serviceCredentials } from './credential-record.js';
import { newApiKeySecret, newServicePassword, secretHash } from './credential-secrets.js';
import { CREDENTIALS_PER_USER_PER_SERVICE, requireSupportedService } from './supported-services.js';

const DAY_MS = 86_400_000;

/**
 * A new Active credential for one service. CodeCommit and Keyspaces get `<user>-at-<account>` and
 * a generated password; Bedrock and CloudWatch Logs get an API key (alias and secret) that
 * expires after CredentialAgeDays when given. The secret is shown only in this reply.
 */
export const createServiceSpecificCredential = defineOperation({
  name: 'CreateServiceSpecificCredential',
  action: 'iam:CreateServiceSpecificCredential',
  readOnly: false,
  input: shape.struct({
    UserName: credentialMember.userName(),
    ServiceName: shape.string({ required: true }),
    CredentialAgeDays: shape.integer({ min: 1, max: 36600 }),
  }),
  authorization: 'self',
  output: shape.struct({ ServiceSpecificCredential: serviceCredentialOutput }),
  async handler(input, ctx) {
    const context: Record<string, string> = { 'iam:ServiceSpecificCredentialServiceName': input.ServiceName };
    if (input.CredentialAgeDays !== undefined) context['iam:ServiceSpecificCredentialAgeDays'] = String(input.CredentialAgeDays);
    await authorizeOnUser(ctx, 'iam:CreateServiceSpecificCredential', input, input.UserName, context);
    const accountId = ctx.caller.accountId;
    const { record, secret } = await ctx.store.transaction(async (tx) => {
      const user = await requireUser({ ...ctx, store: tx }, input.UserName);
      const kind = requireSupportedService(input.ServiceName);
      if (kind === 'password' && input.CredentialAgeDays !== undefined) {
        throw new AwsError('InvalidInput', 'CredentialAgeDays is only valid for Bedrock and CloudWatch Logs API keys.');
      }
      const sameService = (await serviceCredentials.listForOwner(tx, user.userId)).filter((c) => c.value.serviceName === input.ServiceName);
      if (sameService.length >= CREDENTIALS_PER_USER_PER_SERVICE) {
        throw new AwsError(
          'LimitExceeded',
          `Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: ${CREDENTIALS_PER_USER_PER_SERVICE}`,
        );
      }
      const id = newId('ACCA', accountId, ctx.random);
      const serviceUserName = `${user.userName}-at-${accountId}`;
      const alias = `${user.userName}+${Math.floor(ctx.now / 1000)}-at-${accountId}`;
      const secret = kind === 'password' ? newServicePassword(ctx.random) : newApiKeySecret(ctx.random, alias);
      const created = {
        accountId,
        name: id,
        path: '/',
        ownerId: user.userId,
        createDate: ctx.now,
        value: {
          serviceSpecificCredentialId: id,
          userName: user.userName,
          serviceName: input.ServiceName,
          ...(kind === 'password' ? { serviceUserName } : { serviceCredentialAlias: alias }),
          secretHash: secretHash(secret),
          status: 'Active' as const,
          createDate: ctx.now,
          ...(input.CredentialAgeDays !== undefined ? { expirationDate: ctx.now + input.CredentialAgeDays * DAY_MS } : {}),
        },
      };
      await serviceCredentials.create(tx, created);
      return { record: created, secret };
    });
    return { ServiceSpecificCredential: serviceCredentialView(record, secret, ctx.now) };
  },
});
