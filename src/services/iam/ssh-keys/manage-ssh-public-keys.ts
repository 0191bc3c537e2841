import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { impliedUserName, requireUser } from '../shared/lookups.js';
import { paging } from '../shared/members.js';
import { pageOutput } from '../shared/output-shapes.js';
import { paginateArray } from '../shared/pagination.js';
import { userResource } from '../shared/resources.js';
import {
  requireUserKey,
  sshMember,
  sshPublicKeyMetadataOutput,
  sshPublicKeyMetadataView,
  sshPublicKeyOutput,
  sshPublicKeyView,
  sshPublicKeys,
} from './ssh-key-record.js';

/** Get, List, Update and DeleteSSHPublicKey: a user's keys, by id. */
export const getSshPublicKey = defineOperation({
  name: 'GetSSHPublicKey',
  action: 'iam:GetSSHPublicKey',
  readOnly: true,
  input: shape.struct({
    UserName: sshMember.userName(),
    SSHPublicKeyId: sshMember.keyId(),
    Encoding: shape.string({ required: true, enum: ['SSH', 'PEM'] }),
  }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: shape.struct({ SSHPublicKey: sshPublicKeyOutput }),
  async handler(input, ctx) {
    const record = await requireUserKey(ctx, ctx.store, input.UserName, input.SSHPublicKeyId);
    return { SSHPublicKey: sshPublicKeyView(record, input.Encoding === 'PEM' ? 'PEM' : 'SSH') };
  },
});

/** Without UserName, the calling user's keys; the root has none. */
export const listSshPublicKeys = defineOperation({
  name: 'ListSSHPublicKeys',
  action: 'iam:ListSSHPublicKeys',
  readOnly: true,
  input: shape.struct({ UserName: sshMember.optionalUserName(), ...paging }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: shape.struct({ SSHPublicKeys: shape.list(sshPublicKeyMetadataOutput), ...pageOutput }),
  async handler(input, ctx) {
    const name = impliedUserName(ctx, input.UserName);
    const keys = name === null ? [] : await sshPublicKeys.listForOwner(ctx.store, (await requireUser(ctx, name)).userId);
    const page = paginateArray(keys, input);
    return { SSHPublicKeys: page.items.map(sshPublicKeyMetadataView), IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});

/** `Expired` is in the model's enum but is not a status a caller can set. */
export const updateSshPublicKey = defineOperation({
  name: 'UpdateSSHPublicKey',
  action: 'iam:UpdateSSHPublicKey',
  readOnly: false,
  input: shape.struct({ UserName: sshMember.userName(), SSHPublicKeyId: sshMember.keyId(), Status: sshMember.status() }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: 'none',
  async handler(input, ctx) {
    const status = input.Status;
    await ctx.store.transaction(async (tx) => {
      const record = await requireUserKey(ctx, tx, input.UserName, input.SSHPublicKeyId);
      if (status !== 'Active' && status !== 'Inactive') throw new AwsError('InvalidInput', `Invalid status: ${status}`);
      await sshPublicKeys.update(tx, { ...record, value: { ...record.value, status } });
    });
    return undefined;
  },
});

export const deleteSshPublicKey = defineOperation({
  name: 'DeleteSSHPublicKey',
  action: 'iam:DeleteSSHPublicKey',
  readOnly: false,
  input: shape.struct({ UserName: sshMember.userName(), SSHPublicKeyId: sshMember.keyId() }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: 'none',
  async handler(input, ctx) {
    await ctx.store.transaction(async (tx) => {
      const record = await requireUserKey(ctx, tx, input.UserName, input.SSHPublicKeyId);
      await sshPublicKeys.delete(tx, ctx.caller.accountId, record.name);
    });
    return undefined;
  },
});
