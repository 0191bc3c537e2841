import { AwsError } from '../../../errors/aws-error.js';
import { newId } from '../../../model/unique-ids.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { requireUser } from '../shared/lookups.js';
import { userResource } from '../shared/resources.js';
import { MIN_RSA_BITS, md5Fingerprint, parseSshPublicKey, toOpenSsh, toPem } from './ssh-public-key.js';
import { sshMember, sshPublicKeyOutput, sshPublicKeyView, sshPublicKeys } from './ssh-key-record.js';

/** AWS's quota of SSH public keys per IAM user. */
export const SSH_KEYS_PER_USER = 5;

const PEM_TEXT = /^[\t\n\r\u0020-\u00FF]+$/;

/**
 * A new Active key for a user: ssh-rsa (2048 bits or more) or ssh-ed25519, in OpenSSH or PEM
 * form. The same key twice for one user is refused; inactive keys count toward the quota of 5.
 * Texts other than NoSuchEntity are keysmith's (docs/iam/certificates-and-keys.md).
 */
export const uploadSshPublicKey = defineOperation({
  name: 'UploadSSHPublicKey',
  action: 'iam:UploadSSHPublicKey',
  readOnly: false,
  input: shape.struct({
    UserName: sshMember.userName(),
    SSHPublicKeyBody: shape.string({
      required: true,
      min: 1,
      max: 16384,
      pattern: PEM_TEXT,
      patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
    }),
  }),
  authorization: { resource: (input, ctx) => userResource(ctx, input.UserName) },
  output: shape.struct({ SSHPublicKey: sshPublicKeyOutput }),
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    const record = await ctx.store.transaction(async (tx) => {
      const user = await requireUser({ ...ctx, store: tx }, input.UserName);
      const parsed = parseSshPublicKey(input.SSHPublicKeyBody);
      if ('kind' in parsed) {
        if (parsed.kind === 'unrecognized') {
          throw new AwsError(
            'UnrecognizedPublicKeyEncoding',
            'The public key encoding format is unknown or unsupported. Use ssh-rsa or PEM.',
          );
        }
        throw new AwsError(
          'InvalidPublicKey',
          parsed.kind === 'too-short'
            ? `The public key is ${parsed.bits} bits long; the minimum bit-length of the public key is ${MIN_RSA_BITS} bits.`
            : `The public key type ${parsed.type} is not supported.`,
        );
      }
      const fingerprint = md5Fingerprint(parsed.blob);
      const existing = await sshPublicKeys.listForOwner(tx, user.userId);
      if (existing.some((k) => k.value.fingerprint === fingerprint)) {
        throw new AwsError('DuplicateSSHPublicKey', 'The SSH public key is already associated with the specified IAM user.');
      }
      if (existing.length >= SSH_KEYS_PER_USER)
        throw new AwsError('LimitExceeded', `Cannot exceed quota for PublicKeysPerUser: ${SSH_KEYS_PER_USER}`);
      const uploadedPem = input.SSHPublicKeyBody.trim().startsWith('-----BEGIN');
      const sshPublicKeyId = newId('APKA', accountId, ctx.random);
      const created = {
        accountId,
        name: sshPublicKeyId,
        path: '/',
        ownerId: user.userId,
        createDate: ctx.now,
        value: {
          sshPublicKeyId,
          userName: user.userName,
          fingerprint,
          sshBody: uploadedPem ? toOpenSsh(parsed) : input.SSHPublicKeyBody.trim(),
          pemBody: uploadedPem ? input.SSHPublicKeyBody.trim() : toPem(parsed),
          status: 'Active' as const,
          uploadDate: ctx.now,
        },
      };
      await sshPublicKeys.create(tx, created);
      return created;
    });
    return { SSHPublicKey: sshPublicKeyView(record, 'SSH') };
  },
});
