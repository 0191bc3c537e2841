import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { findSamlProvider, samlProviders } from './saml-records.js';

/** Roles that trust the provider keep their trust policies (AWS does not touch them). */
export const deleteSAMLProvider = defineOperation({
  name: 'DeleteSAMLProvider',
  action: 'iam:DeleteSAMLProvider',
  readOnly: false,
  input: shape.struct({ SAMLProviderArn: member.arn() }),
  authorization: { resource: (input) => input.SAMLProviderArn },
  output: 'none',
  async handler(input, ctx) {
    const record = await findSamlProvider(ctx.store, ctx.caller.accountId, input.SAMLProviderArn);
    if (!record || !(await samlProviders.delete(ctx.store, record.accountId, record.name))) {
      throw new AwsError('NoSuchEntity', `Manifest not found for arn ${input.SAMLProviderArn}`);
    }
    return undefined;
  },
});
