import { shape } from '../../../model/shapes.js';
import { DuplicateError } from '../../../storage/store.js';
import { defineOperation } from '../../operation.js';
import { credentialReportCsv } from './credential-report-csv.js';
import { credentialReportRows } from './credential-report-rows.js';
import { CREDENTIAL_REPORT_NAME, credentialReports } from './report-records.js';

/** A report is current for four hours; after that a new one is generated (and the old one expires). */
export const CREDENTIAL_REPORT_LIFETIME_MS = 4 * 60 * 60 * 1000;

/** AWS's Description when it starts a report (its API reference's example and recorded replies). */
export const REPORT_STARTED = 'No report exists. Starting a new report generation task';

/**
 * AWS starts a report in the background (STARTED, then INPROGRESS until COMPLETE). keysmith builds
 * it at once, within this call: the first call answers STARTED with AWS's text, the next ones
 * COMPLETE (no Description) until the report is four hours old, when a new one is started. A
 * report is therefore never in progress, and GetCredentialReport can follow STARTED directly.
 */
export const generateCredentialReport = defineOperation({
  name: 'GenerateCredentialReport',
  action: 'iam:GenerateCredentialReport',
  readOnly: false,
  mutatesIam: false,
  input: shape.struct({}),
  authorization: { resource: () => '*' },
  output: shape.struct({ State: shape.string(), Description: shape.string() }),
  async handler(_input, ctx) {
    const accountId = ctx.caller.accountId;
    const current = await credentialReports.get(ctx.store, accountId, CREDENTIAL_REPORT_NAME);
    if (current && ctx.now - current.value.generatedTime < CREDENTIAL_REPORT_LIFETIME_MS) return { State: 'COMPLETE' };
    const csv = credentialReportCsv(await credentialReportRows(ctx.store, accountId));
    const record = {
      accountId,
      name: CREDENTIAL_REPORT_NAME,
      path: '/',
      ownerId: accountId,
      createDate: ctx.now,
      value: { generatedTime: ctx.now, csv },
    };
    if (current) await credentialReports.update(ctx.store, record);
    else {
      try {
        await credentialReports.create(ctx.store, record);
      } catch (e) {
        // Two first calls at once: the other one's report is as new as this one.
        if (!(e instanceof DuplicateError)) throw e;
      }
    }
    return { State: 'STARTED', Description: REPORT_STARTED };
  },
});
