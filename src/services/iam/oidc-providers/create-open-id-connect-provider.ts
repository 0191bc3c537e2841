import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { DuplicateError } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { tagListOutput } from '../shared/output-shapes.js';
import { checkNoDuplicates } from '../shared/tags.js';
import { OIDC_QUOTAS, TOO_MANY_CLIENT_IDS, TOO_MANY_PROVIDERS } from './oidc-quotas.js';
import { oidcMember } from './oidc-members.js';
import { oidcProviderArn, oidcProviders } from './oidc-records.js';
import { oidcProviderName } from './oidc-url.js';
import { checkThumbprints } from './thumbprints.js';

/**
 * The ARN is authorized before the URL is checked; an unusable URL then fails in the handler
 * with AWS's ValidationError. Client ids keep their order with repeats dropped; the thumbprint
 * list is optional (AWS would fetch the IdP's certificate; keysmith never calls out, so an
 * absent list stays empty).
 */
export const createOpenIDConnectProvider = defineOperation({
  name: 'CreateOpenIDConnectProvider',
  action: 'iam:CreateOpenIDConnectProvider',
  readOnly: false,
  input: shape.struct({
    Url: oidcMember.url(),
    ClientIDList: oidcMember.clientIdList(),
    ThumbprintList: oidcMember.thumbprintList(),
    Tags: member.tags(),
  }),
  authorization: { resource: (input, ctx) => oidcProviderArn(ctx.caller.accountId, input.Url.replace(/^https:\/\//, '')) },
  output: shape.struct({ OpenIDConnectProviderArn: shape.string(), Tags: tagListOutput }),
  async handler(input, ctx) {
    const accountId = ctx.caller.accountId;
    const name = oidcProviderName(input.Url, { allowPorts: ctx.settings.oidcAllowPorts });
    if (ctx.settings.oidcAllowPorts && refusedByAws(input.Url)) ctx.settings.notePermissive('KEYSMITH_OIDC_ALLOW_PORTS');
    const thumbprints = input.ThumbprintList ?? [];
    checkThumbprints(thumbprints);
    const clientIds = [...new Set(input.ClientIDList ?? [])];
    if (clientIds.length > OIDC_QUOTAS.clientIdsPerProvider) throw new AwsError('LimitExceeded', TOO_MANY_CLIENT_IDS);
    const tags = input.Tags ?? [];
    checkNoDuplicates(tags, 'sensitive');
    const arn = oidcProviderArn(accountId, name);
    try {
      await ctx.store.transaction(async (tx) => {
        if ((await oidcProviders.count(tx, accountId)) >= OIDC_QUOTAS.providersPerAccount)
          throw new AwsError('LimitExceeded', TOO_MANY_PROVIDERS);
        await oidcProviders.create(tx, {
          accountId,
          name,
          path: '/',
          createDate: ctx.now,
          value: { url: input.Url, clientIds, thumbprints: [...thumbprints], tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) },
        });
      });
    } catch (e) {
      if (e instanceof DuplicateError) throw new AwsError('EntityAlreadyExists', `Provider with url ${input.Url} already exists.`);
      throw e;
    }
    return { OpenIDConnectProviderArn: arn, Tags: tags.length > 0 ? tags : undefined };
  },
});

/** Whether AWS's own rule (no port) refuses the URL that the opt-in setting accepted. */
function refusedByAws(url: string): boolean {
  try {
    oidcProviderName(url, { allowPorts: false });
    return false;
  } catch {
    return true;
  }
}
