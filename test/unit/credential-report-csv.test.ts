import { describe, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  CREDENTIAL_REPORT_COLUMNS,
  credentialReportCsv,
  credentialReportRow,
  reportTime,
} from '../../src/services/iam/reports/credential-report-csv.js';

const T = Date.UTC(2015, 5, 17, 19, 11, 50, 789);

describe('credential report CSV', () => {
  test('times: whole seconds, UTC written as +00:00', () => {
    assert.equal(reportTime(T), '2015-06-17T19:11:50+00:00');
  });

  test('the root row: not_supported password fields, no_information when never used', () => {
    const row = credentialReportRow({
      user: '<root_account>',
      arn: 'arn:aws:iam::123456789012:root',
      created: T,
      password: { kind: 'root' },
      mfaActive: false,
      keys: [],
      certificates: [],
    });
    assert.equal(
      row,
      '<root_account>,arn:aws:iam::123456789012:root,2015-06-17T19:11:50+00:00,not_supported,no_information,not_supported,not_supported,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
    );
  });

  test('a user with a password, two keys and a certificate', () => {
    const row = credentialReportRow({
      user: 'alice',
      arn: 'arn:aws:iam::123456789012:user/alice',
      created: T,
      password: { kind: 'user', lastChanged: T, nextRotation: T + 1000 },
      mfaActive: true,
      keys: [
        { active: true, created: T, lastUsed: { date: T, region: 'us-east-1', service: 's3' } },
        { active: false, created: T },
      ],
      certificates: [{ active: true, uploaded: T }],
    });
    const t = '2015-06-17T19:11:50+00:00';
    const t1 = '2015-06-17T19:11:51+00:00';
    assert.equal(
      row,
      `alice,arn:aws:iam::123456789012:user/alice,${t},true,no_information,${t},${t1},true,true,${t},${t},us-east-1,s3,false,${t},N/A,N/A,N/A,true,${t},false,N/A`,
    );
  });

  test('no password: false and N/A; a used key without region or service shows N/A there', () => {
    const row = credentialReportRow({
      user: 'bob',
      arn: 'arn:aws:iam::123456789012:user/bob',
      created: T,
      password: { kind: 'none' },
      mfaActive: false,
      keys: [{ active: true, created: T, lastUsed: { date: T } }],
      certificates: [],
    });
    assert.deepEqual(row.split(',').slice(3, 13), [
      'false',
      'N/A',
      'N/A',
      'N/A',
      'false',
      'true',
      reportTime(T),
      reportTime(T),
      'N/A',
      'N/A',
    ]);
  });

  test('the report: header first, one line per row, no newline after the last', () => {
    const csv = credentialReportCsv([
      {
        user: '<root_account>',
        arn: 'arn:aws:iam::1:root',
        created: T,
        password: { kind: 'root' },
        mfaActive: false,
        keys: [],
        certificates: [],
      },
    ]);
    const lines = csv.split('\n');
    assert.equal(lines.length, 2);
    assert.equal(lines[0], CREDENTIAL_REPORT_COLUMNS.join(','));
    assert.equal(CREDENTIAL_REPORT_COLUMNS.length, 22);
    assert.ok(!csv.endsWith('\n'));
  });
});
