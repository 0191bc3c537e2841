import { after, before, describe, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import type { IAMClient } from '@aws-sdk/client-iam';
import { AWS_ACTION_CATALOGUE } from '../../src/policy/action-catalogue.js';
import { validatePolicy } from '../../src/policy/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { sendSigned } from '../support/clients-signer.js';
import { parseXml, textAt, type XmlElement } from '../support/clients-xml.js';
import { allow, createUser, policyDoc } from '../support/sts-helpers.js';

/**
 * keysmith's ValidatePolicy (the console's policy editors): the findings and messages of
 * `keysmith policy validate`, with positions (the statement's range and the token at fault),
 * authorized as access-analyzer:ValidatePolicy.
 */
let server: TestServer;
let iam: IAMClient;

async function validate(creds: { accessKeyId: string; secretAccessKey: string }, form: Record<string, string>) {
  const r = await sendSigned(server.url, creds, {
    form: { Action: 'ValidatePolicy', Version: '2026-12-01', ...form },
    service: 'keysmith',
  });
  const xml = parseXml(r.text);
  if (r.status !== 200) return { status: r.status, code: textAt(xml, 'Error', 'Code'), findings: [], valid: false };
  const result = xml.children.find((c) => c.name === 'ValidatePolicyResult')!;
  const get = (e: XmlElement, name: string) => {
    const c = e.children.find((x) => x.name === name);
    return c ? c.text.trim() : undefined;
  };
  const pos = (e: XmlElement, name: string) => {
    const c = e.children.find((x) => x.name === name);
    return c ? { line: Number(get(c, 'Line')), column: Number(get(c, 'Column')) } : undefined;
  };
  const findings = (result.children.find((c) => c.name === 'Findings')?.children ?? []).map((m) => ({
    severity: get(m, 'Severity'),
    code: get(m, 'Code'),
    message: get(m, 'Message'),
    range: pos(m, 'Range'),
    mark: pos(m, 'Mark'),
  }));
  return { status: r.status, code: undefined, findings, valid: get(result, 'Valid') === 'true' };
}

describe('keysmith ValidatePolicy', () => {
  before(async () => {
    server = await startTestServer();
    iam = iamClient(server.url, server.admin);
  });
  after(async () => {
    await server?.close();
  });

  test('answers the CLI’s findings, with the unknown action marked on its own line', async () => {
    const doc = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Effect": "Allow",',
      '      "Action": ["s3:GetObject", "s3:ListAllMyBucket"],',
      '      "Resource": "*"',
      '    }',
      '  ]',
      '}',
    ].join('\n');
    const out = await validate(server.admin, { PolicyDocument: doc });
    assert.equal(out.status, 200);
    const cli = validatePolicy(doc, 'identity', { requireCurrentVersion: true, actionCatalogue: AWS_ACTION_CATALOGUE });
    assert.deepEqual(
      out.findings.map((f) => f.message),
      cli.map((f) => f.message),
    );
    assert.equal(out.valid, true);
    const f = out.findings[0]!;
    assert.equal(f.code, 'invalid-action');
    assert.match(f.message!, /Invalid action: The action s3:ListAllMyBucket does not exist\. Did you mean s3:ListAllMyBuckets\?/);
    assert.deepEqual(f.range, { line: 4, column: 5 });
    assert.deepEqual(f.mark, { line: 6, column: 34 });
  });

  test('invalid JSON: the syntax error at the parser’s position; trust kind; no permission, no answer', async () => {
    const broken = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow" "Action": "s3:*" }\n  ]\n}';
    const out = await validate(server.admin, { PolicyDocument: broken, PolicyType: 'trust' });
    assert.equal(out.valid, false);
    assert.equal(out.findings[0]?.message, 'This policy contains invalid Json');
    assert.equal(out.findings[0]?.range?.line, 4);

    const identityAsTrust = policyDoc(allow('s3:GetObject'));
    const trust = await validate(server.admin, { PolicyDocument: identityAsTrust, PolicyType: 'trust' });
    assert.ok(trust.findings.some((f) => f.message === 'Missing required field Principal'));

    const nobody = await createUser(iam, 'nobody', policyDoc(allow('iam:Get*')));
    assert.equal((await validate(nobody.creds, { PolicyDocument: identityAsTrust })).code, 'AccessDenied');
    const checker = await createUser(iam, 'checker', policyDoc(allow('access-analyzer:ValidatePolicy')));
    assert.equal((await validate(checker.creds, { PolicyDocument: identityAsTrust })).status, 200);
  });
});
