import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { storePage } from '../groups/store-page.js';
import { member, paging } from '../shared/members.js';
import { pageOutput } from '../shared/output-shapes.js';
import { listOptions, pageResult } from '../shared/pagination.js';
import { serverCertificates } from './server-certificate-record.js';
import { serverCertificateMetadataOutput, serverCertificateMetadataView } from './server-certificate-views.js';

/** Name order, narrowed by PathPrefix; iam.json lists no resource type for it, so the resource is `*`. */
export const listServerCertificates = defineOperation({
  name: 'ListServerCertificates',
  action: 'iam:ListServerCertificates',
  readOnly: true,
  input: shape.struct({ PathPrefix: member.pathPrefix(), ...paging }),
  authorization: { resource: () => '*' },
  output: shape.struct({ ServerCertificateMetadataList: shape.list(serverCertificateMetadataOutput), ...pageOutput }),
  async handler(input, ctx) {
    const page = await storePage(() => serverCertificates.list(ctx.store, ctx.caller.accountId, listOptions(input)));
    return { ServerCertificateMetadataList: page.items.map(serverCertificateMetadataView), ...pageResult(page) };
  },
});
