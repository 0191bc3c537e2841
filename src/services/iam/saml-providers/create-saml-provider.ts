import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { DuplicateError } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { tagListOutput } from '../shared/output-shapes.js';
import { checkNoDuplicates } from '../shared/tags.js';
import { REQUIRED_WITHOUT_KEY } from './encryption-rules.js';
import { samlId, sealPrivateKey } from './private-keys.js';
import { samlMember } from './saml-members.js';
import { parseSamlMetadata } from './saml-metadata.js';
import { SAML_QUOTAS, TOO_MANY_SAML_PROVIDERS } from './saml-quotas.js';
import { defaultValidUntil, samlProviderArn, samlProviders } from './saml-records.js';

/**
 * The metadata is parsed before anything is stored (its entityID and signing certificates are
 * what federation trusts); AssertionEncryptionMode defaults to `Allowed`, as AWS reports it.
 */
export const createSAMLProvider = defineOperation({
  name: 'CreateSAMLProvider',
  action: 'iam:CreateSAMLProvider',
  readOnly: false,
  input: shape.struct({
    SAMLMetadataDocument: { ...samlMember.metadataDocument(), required: true as const },
    Name: samlMember.name(),
    Tags: member.tags(),
    AssertionEncryptionMode: samlMember.assertionEncryptionMode(),
    AddPrivateKey: samlMember.privateKey(),
  }),
  authorization: { resource: (input, ctx) => samlProviderArn(ctx.caller.accountId, input.Name) },
  output: shape.struct({ SAMLProviderArn: shape.string(), Tags: tagListOutput }),
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    const metadata = parseSamlMetadata(input.SAMLMetadataDocument);
    const mode = input.AssertionEncryptionMode === 'Required' ? 'Required' : 'Allowed';
    if (mode === 'Required' && input.AddPrivateKey === undefined) throw new AwsError('InvalidInput', REQUIRED_WITHOUT_KEY);
    const tags = input.Tags ?? [];
    checkNoDuplicates(tags, 'sensitive');
    const privateKeys = input.AddPrivateKey === undefined ? [] : [sealPrivateKey(ctx.secrets, ctx.random, input.AddPrivateKey, ctx.now)];
    try {
      await ctx.store.transaction(async (tx) => {
        if ((await samlProviders.count(tx, accountId)) >= SAML_QUOTAS.providersPerAccount) {
          throw new AwsError('LimitExceeded', TOO_MANY_SAML_PROVIDERS);
        }
        await samlProviders.create(tx, {
          accountId,
          name: input.Name,
          path: '/',
          createDate: ctx.now,
          value: {
            uuid: samlId(ctx.random),
            metadataDocument: input.SAMLMetadataDocument,
            entityId: metadata.entityId,
            validUntil: metadata.validUntil ?? defaultValidUntil(ctx.now),
            signingCertificates: metadata.signingCertificates,
            assertionEncryptionMode: mode,
            privateKeys,
            tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })),
          },
        });
      });
    } catch (e) {
      if (e instanceof DuplicateError) throw new AwsError('EntityAlreadyExists', `SAMLProvider ${input.Name} already exists.`);
      throw e;
    }
    return { SAMLProviderArn: samlProviderArn(accountId, input.Name), Tags: tags.length > 0 ? tags : undefined };
  },
});
