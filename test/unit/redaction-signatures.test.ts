import assert from 'node:assert/strict';
import { describe, it } from '../support/node-test.js';
import { auditRecordOf } from '../../src/audit/audit-record.js';
import { buildEvents } from '../../src/audit/build-events.js';
import { isAuthQueryParameter, isSecretMember, REDACTED, redact, redactText } from '../../src/audit/redact.js';

/** Issue 8, hole 2: signatures and tokens, in every spelling, never reach an audit record. */
describe('audit: request signatures are redacted', () => {
  it('SigV2 and SigV4 signatures and tokens are secret members, whatever the case', () => {
    for (const name of [
      'Signature',
      'signature',
      'X-Amz-Signature',
      'x-amz-signature',
      'X-Amz-Security-Token',
      'x-amz-security-token',
      'Authorization',
    ]) {
      assert.ok(isSecretMember(name), name);
    }
    assert.deepEqual(redact({ Signature: 'abc', Key: 'k' }), { Signature: REDACTED, Key: 'k' });
  });

  it('URL authentication parameters are never request parameters (SigV4 X-Amz-*, SigV2 trio)', () => {
    for (const name of [
      'X-Amz-Signature',
      'x-amz-signature',
      'X-Amz-Credential',
      'X-Amz-Date',
      'X-Amz-Expires',
      'X-Amz-SignedHeaders',
      'X-Amz-Algorithm',
      'x-amz-security-token',
      'AWSAccessKeyId',
      'awsaccesskeyid',
      'Signature',
      'Expires',
    ]) {
      assert.ok(isAuthQueryParameter(name), name);
    }
    for (const name of ['response-content-type', 'prefix', 'uploadId', 'partNumber', 'tagging', 'delete', 'X-Am', 'versionId']) {
      assert.ok(!isAuthQueryParameter(name), name);
    }
  });

  it('messages that quote a request lose their signature and token values', () => {
    const sig = 'a'.repeat(64);
    const header = `AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20260101/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=${sig} junk`;
    const message = `'junk' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`;
    const out = redactText(message);
    assert.ok(!out.includes(sig));
    assert.match(out, new RegExp(`Signature=${REDACTED}`));
    assert.match(out, /Credential=AKIAEXAMPLE\/20260101/, 'the access key id stays (AWS records it)');
    for (const text of [
      `X-Amz-Signature=${sig}&x`,
      `x-amz-security-token:TOKENVALUE123\n/bucket`,
      `X-Amz-Security-Token=IQoJb3JpZ2luX2VjEPT%2F%2F`,
      `Signature=dGhpcyBpcyBiYXNlNjQ%3D&Expires=1`,
    ]) {
      const redacted = redactText(text);
      assert.ok(!/[0-9a-f]{64}|TOKENVALUE123|IQoJb3Jp|dGhpcyBp/.test(redacted), redacted);
    }
    // Texts that only name a signature are left alone.
    for (const text of [
      'Signature expired: 20220127T001427Z is now earlier than 20220127T014428Z',
      "Authorization header requires 'Signature' parameter.",
      'SignatureDoesNotMatch',
    ]) {
      assert.equal(redactText(text), text);
    }
  });

  it('a built event carries the redacted error message', () => {
    const [built] = buildEvents(
      auditRecordOf({
        requestId: 'r',
        time: 0,
        service: 'iam',
        operation: 'Unknown',
        sourceIp: '127.0.0.1',
        userAgent: 'ua',
        region: 'us-east-1',
        readOnly: false,
        errorCode: 'IncompleteSignature',
        errorMessage: `Authorization=AWS4-HMAC-SHA256 Credential=AKIA/x, Signature=${'b'.repeat(64)}`,
        requestParameters: { Signature: 'c2lnbmF0dXJl', Key: 'k' },
      }),
      { newId: () => 'id' },
    );
    const text = built!.record.body;
    assert.ok(!text.includes('b'.repeat(64)));
    assert.ok(!text.includes('c2lnbmF0dXJl'));
  });
});
