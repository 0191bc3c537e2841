import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/server.js';
import { clientEnv, credentialEnv, describe, runProcess } from '../support/clients-process.js';

/**
 * The report operations as boto3 (and so the AWS CLI) sees them, where it decodes differently
 * from the JavaScript SDK: a report error without a Message prints as "Unknown" (AWS's own
 * replies do), and the blob members (the report's Content, QRCodePNG) arrive as bytes.
 */
const SCRIPT = String.raw`
import json, os, boto3, botocore
iam = boto3.client('iam', endpoint_url=os.environ['KEYSMITH_ENDPOINT'], region_name='us-east-1')
out = {}
try:
    iam.get_credential_report()
except botocore.exceptions.ClientError as e:
    out['not_present'] = {'code': e.response['Error']['Code'], 'message': e.response['Error'].get('Message'), 'text': str(e),
                          'modeled': type(e).__name__}
out['generate'] = [iam.generate_credential_report()['State'] for _ in range(2)]
report = iam.get_credential_report()
out['content_type'] = type(report['Content']).__name__
out['first_line'] = report['Content'].decode().split('\n')[1].split(',')[0]
out['format'] = report['ReportFormat']
device = iam.create_virtual_mfa_device(VirtualMFADeviceName='boto-qr')['VirtualMFADevice']
out['png'] = device['QRCodePNG'][:8].hex()
out['seed_is_base32'] = device['Base32StringSeed'].decode().isalnum()
print(json.dumps(out))
`;

let server: TestServer;
let seen: Record<string, any>;

suite('boto3: credential report and QR code', () => {
  before(async () => {
    server = await startTestServer();
    const env = clientEnv({ ...credentialEnv(server.admin), KEYSMITH_ENDPOINT: server.url, PYTHONDONTWRITEBYTECODE: '1' });
    const result = await runProcess('python3', ['-c', SCRIPT], { env, timeoutMs: 120_000 });
    assert.equal(result.code, 0, describe(result));
    seen = JSON.parse(result.stdout);
  });
  after(async () => {
    await server?.close();
  });

  test('ReportNotPresent: the modeled exception, no Message, printed as "Unknown" as against AWS', () => {
    assert.equal(seen.not_present.code, 'ReportNotPresent');
    assert.equal(seen.not_present.message, null, 'no Message element');
    assert.equal(seen.not_present.modeled, 'CredentialReportNotPresentException');
    assert.equal(seen.not_present.text, 'An error occurred (ReportNotPresent) when calling the GetCredentialReport operation: Unknown');
  });

  test('STARTED then COMPLETE; Content decodes to the CSV bytes', () => {
    assert.deepEqual(seen.generate, ['STARTED', 'COMPLETE']);
    assert.equal(seen.content_type, 'bytes');
    assert.equal(seen.first_line, '<root_account>');
    assert.equal(seen.format, 'text/csv');
  });

  test('QRCodePNG arrives as the PNG bytes, the seed as base32 text bytes', () => {
    assert.equal(seen.png, '89504e470d0a1a0a');
    assert.equal(seen.seed_is_base32, true);
  });
});
