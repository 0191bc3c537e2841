import { AwsError } from '../../../errors/aws-error.js';
import { isoSeconds } from '../../../kernel/iso-time.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { CREDENTIAL_REPORT_LIFETIME_MS } from './generate-credential-report.js';
import { CREDENTIAL_REPORT_NAME, credentialReports } from './report-records.js';

/**
 * The account's report. Content is a blob: the wire carries the base64 of the CSV. It is marked
 * sensitive so the audit record does not copy every user's credential state (CloudTrail records
 * no responseElements for it either). AWS answers ReportNotPresent (410), ReportExpired (410)
 * and ReportInProgress (404) without a Message (clients print "Unknown"); so does keysmith.
 */
export const getCredentialReport = defineOperation({
  name: 'GetCredentialReport',
  action: 'iam:GetCredentialReport',
  readOnly: true,
  input: shape.struct({}),
  authorization: { resource: () => '*' },
  output: shape.struct({
    Content: shape.string({ sensitive: true }),
    ReportFormat: shape.string(),
    GeneratedTime: shape.string(),
  }),
  async handler(_input, ctx) {
    const report = await credentialReports.get(ctx.store, ctx.caller.accountId, CREDENTIAL_REPORT_NAME);
    if (!report) throw new AwsError('ReportNotPresent', '');
    if (ctx.now - report.value.generatedTime >= CREDENTIAL_REPORT_LIFETIME_MS) throw new AwsError('ReportExpired', '');
    return {
      Content: Buffer.from(report.value.csv, 'utf8').toString('base64'),
      ReportFormat: 'text/csv',
      GeneratedTime: isoSeconds(report.value.generatedTime),
    };
  },
});
