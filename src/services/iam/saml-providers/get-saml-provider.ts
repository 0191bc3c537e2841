import { isoSeconds } from '../../../kernel/iso-time.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { tagListOutput } from '../shared/output-shapes.js';
import { requireSamlProvider } from './saml-records.js';

const text = shape.string();

/** Tags and PrivateKeyList always present (empty lists as `<Tags/>`), as AWS answers (recorded). */
export const getSAMLProvider = defineOperation({
  name: 'GetSAMLProvider',
  action: 'iam:GetSAMLProvider',
  readOnly: true,
  input: shape.struct({ SAMLProviderArn: member.arn() }),
  authorization: { resource: (input) => input.SAMLProviderArn },
  output: shape.struct({
    SAMLProviderUUID: text,
    SAMLMetadataDocument: text,
    CreateDate: text,
    ValidUntil: text,
    Tags: tagListOutput,
    AssertionEncryptionMode: text,
    PrivateKeyList: shape.list(shape.struct({ KeyId: text, Timestamp: text })),
  }),
  async handler(input, ctx) {
    const { createDate, value } = await requireSamlProvider(ctx, input.SAMLProviderArn);
    return {
      SAMLProviderUUID: value.uuid,
      SAMLMetadataDocument: value.metadataDocument,
      CreateDate: isoSeconds(createDate),
      ValidUntil: isoSeconds(value.validUntil),
      Tags: value.tags.map((t) => ({ Key: t.Key, Value: t.Value })),
      AssertionEncryptionMode: value.assertionEncryptionMode,
      PrivateKeyList: value.privateKeys.map((k) => ({ KeyId: k.keyId, Timestamp: isoSeconds(k.timestamp) })),
    };
  },
});
