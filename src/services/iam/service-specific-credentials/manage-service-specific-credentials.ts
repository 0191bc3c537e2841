import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { credentialMember } from './credential-members.js';
import { authorizeAndFindOwner } from './credential-owner.js';
import { requireCredential, serviceCredentialOutput, serviceCredentialView, serviceCredentials } from './credential-record.js';
import { newApiKeySecret, newServicePassword, secretHash } from './credential-secrets.js';

/** Reset, Update and DeleteServiceSpecificCredential: one credential of a user, by id. */
const idInput = { UserName: credentialMember.optionalUserName(), ServiceSpecificCredentialId: credentialMember.credentialId() };

/** A new password (or API key secret) for the credential, shown only in this reply; its status is kept. */
export const resetServiceSpecificCredential = defineOperation({
  name: 'ResetServiceSpecificCredential',
  action: 'iam:ResetServiceSpecificCredential',
  readOnly: false,
  input: shape.struct(idInput),
  authorization: 'self',
  output: shape.struct({ ServiceSpecificCredential: serviceCredentialOutput }),
  async handler(input, ctx) {
    const user = await authorizeAndFindOwner(ctx, 'iam:ResetServiceSpecificCredential', input);
    const { record, secret } = await ctx.store.transaction(async (tx) => {
      const current = await requireCredential(tx, ctx.caller.accountId, user.userId, input.ServiceSpecificCredentialId);
      const alias = current.value.serviceCredentialAlias;
      const secret = alias === undefined ? newServicePassword(ctx.random) : newApiKeySecret(ctx.random, alias);
      const record = { ...current, value: { ...current.value, secretHash: secretHash(secret) } };
      await serviceCredentials.update(tx, record);
      return { record, secret };
    });
    return { ServiceSpecificCredential: serviceCredentialView(record, secret, ctx.now) };
  },
});

/** `Expired` is in the model's enum but is not a status a caller can set. */
export const updateServiceSpecificCredential = defineOperation({
  name: 'UpdateServiceSpecificCredential',
  action: 'iam:UpdateServiceSpecificCredential',
  readOnly: false,
  input: shape.struct({ ...idInput, Status: shape.string({ required: true, enum: ['Active', 'Inactive', 'Expired'] }) }),
  authorization: 'self',
  output: 'none',
  async handler(input, ctx) {
    const user = await authorizeAndFindOwner(ctx, 'iam:UpdateServiceSpecificCredential', input);
    const status = input.Status;
    await ctx.store.transaction(async (tx) => {
      const current = await requireCredential(tx, ctx.caller.accountId, user.userId, input.ServiceSpecificCredentialId);
      if (status !== 'Active' && status !== 'Inactive') throw new AwsError('InvalidInput', `Invalid status: ${status}`);
      await serviceCredentials.update(tx, { ...current, value: { ...current.value, status } });
    });
    return undefined;
  },
});

export const deleteServiceSpecificCredential = defineOperation({
  name: 'DeleteServiceSpecificCredential',
  action: 'iam:DeleteServiceSpecificCredential',
  readOnly: false,
  input: shape.struct(idInput),
  authorization: 'self',
  output: 'none',
  async handler(input, ctx) {
    const user = await authorizeAndFindOwner(ctx, 'iam:DeleteServiceSpecificCredential', input);
    await ctx.store.transaction(async (tx) => {
      const current = await requireCredential(tx, ctx.caller.accountId, user.userId, input.ServiceSpecificCredentialId);
      await serviceCredentials.delete(tx, ctx.caller.accountId, current.name);
    });
    return undefined;
  },
});
