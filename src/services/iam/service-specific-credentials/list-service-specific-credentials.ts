import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import type { Store } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { impliedUserName, requireUser } from '../shared/lookups.js';
import { paging } from '../shared/members.js';
import { pageOutput } from '../shared/output-shapes.js';
import { paginateArray } from '../shared/pagination.js';
import type { StoredRecord } from '../shared/records.js';
import { userResource } from '../shared/resources.js';
import { credentialMember } from './credential-members.js';
import {
  serviceCredentialMetadataOutput,
  serviceCredentialMetadataView,
  serviceCredentials,
  type ServiceCredentialValue,
} from './credential-record.js';
import { requireSupportedService } from './supported-services.js';

/**
 * A user's credentials (the caller's without UserName; the root has none), or with AllUsers every
 * user's in the account; ServiceName narrows either. An unsupported ServiceName gets AWS's
 * NoSuchEntity text. Creation order is the credential id's order.
 */
export const listServiceSpecificCredentials = defineOperation({
  name: 'ListServiceSpecificCredentials',
  action: 'iam:ListServiceSpecificCredentials',
  readOnly: true,
  input: shape.struct({
    UserName: credentialMember.optionalUserName(),
    ServiceName: shape.string(),
    AllUsers: shape.boolean(),
    ...paging,
  }),
  authorization: {
    resource: (input, ctx) => (input.AllUsers === true ? `arn:aws:iam::${ctx.caller.accountId}:user/*` : userResource(ctx, input.UserName)),
  },
  output: shape.struct({ ServiceSpecificCredentials: shape.list(serviceCredentialMetadataOutput), ...pageOutput }),
  async handler(input, ctx) {
    if (input.AllUsers === true && input.UserName !== undefined) {
      throw new AwsError('InvalidInput', 'AllUsers cannot be specified together with UserName.');
    }
    if (input.ServiceName !== undefined) requireSupportedService(input.ServiceName);
    let records: StoredRecord<ServiceCredentialValue>[];
    if (input.AllUsers === true) {
      records = await everyCredential(ctx.store, ctx.caller.accountId);
    } else {
      const name = impliedUserName(ctx, input.UserName);
      records = name === null ? [] : await serviceCredentials.listForOwner(ctx.store, (await requireUser(ctx, name)).userId);
    }
    const matching = input.ServiceName === undefined ? records : records.filter((r) => r.value.serviceName === input.ServiceName);
    const page = paginateArray(matching, input);
    return {
      ServiceSpecificCredentials: page.items.map((r) => serviceCredentialMetadataView(r, ctx.now)),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});

async function everyCredential(store: Store, accountId: string): Promise<StoredRecord<ServiceCredentialValue>[]> {
  const out: StoredRecord<ServiceCredentialValue>[] = [];
  let after: string | undefined;
  do {
    const page = await serviceCredentials.list(store, accountId, { after, limit: 1000 });
    out.push(...page.items);
    after = page.nextMarker;
  } while (after !== undefined);
  return out;
}
