import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { ADD_AND_REMOVE, NO_SUCH_KEY, NOTHING_TO_UPDATE, REQUIRED_WITHOUT_KEY, TOO_MANY_KEYS } from './encryption-rules.js';
import { sealPrivateKey } from './private-keys.js';
import { samlMember } from './saml-members.js';
import { parseSamlMetadata } from './saml-metadata.js';
import { SAML_QUOTAS } from './saml-quotas.js';
import { defaultValidUntil, requireSamlProvider, samlProviderArn, samlProviders, type SamlProviderValue } from './saml-records.js';

/**
 * New metadata, encryption mode, and one private key added or removed (AWS rotates keys in two
 * requests: add the new one, then remove the old). The result must leave a key when the mode
 * is Required. New metadata without validUntil falls back to creation + 100 years again.
 */
export const updateSAMLProvider = defineOperation({
  name: 'UpdateSAMLProvider',
  action: 'iam:UpdateSAMLProvider',
  readOnly: false,
  input: shape.struct({
    SAMLMetadataDocument: samlMember.metadataDocument(),
    SAMLProviderArn: member.arn(),
    AssertionEncryptionMode: samlMember.assertionEncryptionMode(),
    AddPrivateKey: samlMember.privateKey(),
    RemovePrivateKey: samlMember.keyId(),
  }),
  authorization: { resource: (input) => input.SAMLProviderArn },
  output: shape.struct({ SAMLProviderArn: shape.string() }),
  async handler(input, ctx) {
    const { SAMLMetadataDocument: doc, AssertionEncryptionMode: mode, AddPrivateKey: add, RemovePrivateKey: remove } = input;
    if (doc === undefined && mode === undefined && add === undefined && remove === undefined)
      throw new AwsError('InvalidInput', NOTHING_TO_UPDATE);
    if (add !== undefined && remove !== undefined) throw new AwsError('InvalidInput', ADD_AND_REMOVE);
    const metadata = doc === undefined ? undefined : parseSamlMetadata(doc);
    const added = add === undefined ? undefined : sealPrivateKey(ctx.secrets, ctx.random, add, ctx.now);
    return ctx.store.transaction(async (tx) => {
      const record = await requireSamlProvider({ ...ctx, store: tx }, input.SAMLProviderArn);
      const value: SamlProviderValue = { ...record.value };
      if (doc !== undefined && metadata) {
        value.metadataDocument = doc;
        value.entityId = metadata.entityId;
        value.signingCertificates = metadata.signingCertificates;
        value.validUntil = metadata.validUntil ?? defaultValidUntil(record.createDate);
      }
      if (mode === 'Required' || mode === 'Allowed') value.assertionEncryptionMode = mode;
      if (added) {
        if (value.privateKeys.length >= SAML_QUOTAS.privateKeysPerProvider) throw new AwsError('LimitExceeded', TOO_MANY_KEYS);
        value.privateKeys = [...value.privateKeys, added];
      }
      if (remove !== undefined) {
        if (!value.privateKeys.some((k) => k.keyId === remove)) throw new AwsError('InvalidInput', NO_SUCH_KEY);
        value.privateKeys = value.privateKeys.filter((k) => k.keyId !== remove);
      }
      if (value.assertionEncryptionMode === 'Required' && value.privateKeys.length === 0)
        throw new AwsError('InvalidInput', REQUIRED_WITHOUT_KEY);
      await samlProviders.update(tx, { ...record, value });
      return { SAMLProviderArn: samlProviderArn(record.accountId, record.name) };
    });
  },
});
