import assert from 'node:assert/strict';
import { describe, it } from '../support/node-test.js';
import { auditRecordOf } from '../../src/audit/audit-record.js';
import { buildEvents } from '../../src/audit/build-events.js';
import { isSecretMember, REDACTED, redact } from '../../src/audit/redact.js';
import type { Principal } from '../../src/model/principal.js';

const caller: Principal = {
  type: 'User',
  accountId: '111122223333',
  arn: 'arn:aws:iam::111122223333:user/u',
  userId: 'AIDAU',
  userName: 'u',
  entityId: 'AIDAU',
  accessKeyId: 'AKIAU',
  temporary: false,
  tags: [],
};

describe('audit: redaction', () => {
  it('knows the secret members, ignoring case (API and CloudTrail spellings)', () => {
    for (const name of [
      'SecretAccessKey',
      'secretAccessKey',
      'SessionToken',
      'sessionToken',
      'Password',
      'NewPassword',
      'OldPassword',
      'Base32StringSeed',
      'QRCodePNG',
      'TokenCode',
      'AuthenticationCode1',
      'AuthenticationCode2',
      'SAMLAssertion',
      'WebIdentityToken',
      'X-Amz-Security-Token',
      'PrivateKey',
    ]) {
      assert.ok(isSecretMember(name), name);
    }
    for (const name of ['AccessKeyId', 'PolicyDocument', 'Policy', 'RoleArn', 'UserName', 'Tags', 'SerialNumber', 'Expiration']) {
      assert.ok(!isSecretMember(name), name);
    }
  });

  it('hides secrets at any depth, in lists too, and copies everything else untouched', () => {
    const value = {
      UserName: 'u',
      PolicyDocument: '{"Statement":[]}',
      Credentials: { AccessKeyId: 'ASIA1', SecretAccessKey: 's1', SessionToken: 't1' },
      List: [{ Password: 'p1', Keep: 1 }, 'plain', null],
      Nested: { deeper: { sessiontoken: 't2' } },
      Missing: undefined,
    };
    assert.deepEqual(redact(value), {
      UserName: 'u',
      PolicyDocument: '{"Statement":[]}',
      Credentials: { AccessKeyId: 'ASIA1', SecretAccessKey: REDACTED, SessionToken: REDACTED },
      List: [{ Password: REDACTED, Keep: 1 }, 'plain', null],
      Nested: { deeper: { sessiontoken: REDACTED } },
    });
    assert.equal(value.Credentials.SecretAccessKey, 's1', 'the input is not changed');
  });

  it('leaves binary data out', () => {
    assert.deepEqual(redact({ Body: Buffer.from('data'), Key: 'k' }), { Key: 'k' });
    assert.equal(redact(new Uint8Array(3)), undefined);
  });

  it('no secret reaches a built event, whatever the operation', () => {
    const secrets = ['SECRET-1', 'TOKEN-1', 'PASS-1', 'SEED-1', 'QR-1', '654321', 'SAML-1', 'WEBID-1'];
    const events = [
      buildEvents(
        auditRecordOf({
          requestId: 'r',
          time: 0,
          service: 'iam',
          operation: 'CreateVirtualMFADevice',
          sourceIp: '',
          userAgent: '',
          region: 'us-east-1',
          readOnly: false,
          principal: caller,
          requestParameters: { VirtualMFADeviceName: 'phone' },
          responseElements: {
            VirtualMFADevice: { SerialNumber: 'arn:aws:iam::111122223333:mfa/phone', Base32StringSeed: 'SEED-1', QRCodePNG: 'QR-1' },
          },
        }),
        { newId: () => 'e1' },
      ),
      buildEvents(
        auditRecordOf({
          requestId: 'r',
          time: 0,
          service: 'iam',
          operation: 'EnableMFADevice',
          sourceIp: '',
          userAgent: '',
          region: 'us-east-1',
          readOnly: false,
          principal: caller,
          requestParameters: { UserName: 'u', AuthenticationCode1: '654321', AuthenticationCode2: '654321' },
        }),
        { newId: () => 'e2' },
      ),
      buildEvents(
        auditRecordOf({
          requestId: 'r',
          time: 0,
          service: 'iam',
          operation: 'CreateLoginProfile',
          sourceIp: '',
          userAgent: '',
          region: 'us-east-1',
          readOnly: false,
          principal: caller,
          requestParameters: { UserName: 'u', Password: 'PASS-1' },
        }),
        { newId: () => 'e3' },
      ),
      buildEvents(
        auditRecordOf({
          requestId: 'r',
          time: 0,
          service: 'sts',
          operation: 'AssumeRoleWithSAML',
          sourceIp: '',
          userAgent: '',
          region: 'us-east-1',
          readOnly: true,
          requestParameters: { SAMLAssertion: 'SAML-1', RoleArn: 'arn:aws:iam::111122223333:role/r' },
          errorCode: 'InvalidIdentityToken',
          errorMessage: 'x',
        }),
        { newId: () => 'e4' },
      ),
      buildEvents(
        auditRecordOf({
          requestId: 'r',
          time: 0,
          service: 'sts',
          operation: 'GetSessionToken',
          sourceIp: '',
          userAgent: '',
          region: 'us-east-1',
          readOnly: true,
          principal: caller,
          requestParameters: { WebIdentityToken: 'WEBID-1' },
          responseElements: {
            Credentials: { AccessKeyId: 'ASIA2', SecretAccessKey: 'SECRET-1', SessionToken: 'TOKEN-1', Expiration: '2024-01-01T00:00:00Z' },
          },
        }),
        { newId: () => 'e5' },
      ),
    ].flat();
    const text = events.map((e) => e.record.body).join('\n');
    for (const secret of secrets) assert.ok(!text.includes(secret), `${secret} leaked`);
    assert.ok(text.includes('ASIA2'), 'the temporary key id is recorded (it is how later calls are traced)');
    assert.ok(text.includes('"responseElements":{"credentials"'), 'credential-minting calls keep their (redacted) response');
  });
});
