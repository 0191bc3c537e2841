/**
 * The real AWS SDK for JavaScript v3 signs; keysmith's verifier checks. The SDK's request handler is
 * replaced by one that captures the signed request and stops, so nothing leaves the process.
 */
import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { STSClient, GetCallerIdentityCommand, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { nodeSigV4Crypto } from '../../src/platform/node-sigv4-crypto.js';
import { parseSigV4, SigV4Verifier, type SignedRequest } from '../../src/sigv4/index.js';
import { isAwsError } from '../../src/errors/aws-error.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

interface CapturedHttpRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

class Captured extends Error {
  constructor(readonly request: CapturedHttpRequest) {
    super('captured');
  }
}

/** A request handler that records the signed request and aborts the call. */
const capturingHandler = {
  handle: async (request: CapturedHttpRequest): Promise<never> => {
    throw new Captured(request);
  },
};

async function capture(send: () => Promise<unknown>): Promise<CapturedHttpRequest> {
  try {
    await send();
  } catch (error) {
    if (error instanceof Captured) return error.request;
    throw error;
  }
  assert.fail('the SDK did not send');
}

function toSignedRequest(captured: CapturedHttpRequest): SignedRequest {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(captured.headers)) headers[name.toLowerCase()] = [value];
  const query = Object.entries(captured.query ?? {})
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x ?? '')}`))
    .join('&');
  const body = typeof captured.body === 'string' ? new TextEncoder().encode(captured.body) : new Uint8Array();
  return { method: captured.method, rawPath: captured.path, rawQuery: query, headers, body };
}

const clientConfig = (region: string) => ({
  region,
  endpoint: 'http://127.0.0.1:4566',
  credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: SECRET, sessionToken: 'FwoGZXIvYXdzE+/token==' },
  requestHandler: capturingHandler as never,
  maxAttempts: 1,
});

test('SDK v3 STS requests (signed x-amz-content-sha256, session token, any region) verify', async () => {
  const verifier = new SigV4Verifier({ crypto: nodeSigV4Crypto });
  const sts = new STSClient(clientConfig('ap-southeast-2'));
  for (const command of [
    new GetCallerIdentityCommand({}),
    new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/demo', RoleSessionName: 's p+a/c=e' }),
  ]) {
    const request = toSignedRequest(await capture(() => sts.send(command as never)));
    const parsed = parseSigV4(request);
    assert.equal(parsed.service, 'sts');
    assert.equal(parsed.region, 'ap-southeast-2');
    assert.equal(parsed.securityToken, 'FwoGZXIvYXdzE+/token==');
    assert.ok(parsed.signedHeaders.includes('x-amz-content-sha256'));
    verifier.verify(request, parsed, SECRET, Date.now());

    const tampered = { ...request, body: new TextEncoder().encode('Action=GetCallerIdentity&Version=2011-06-15&X=1') };
    assert.throws(
      () => verifier.verify(tampered, parsed, SECRET, Date.now()),
      (error: unknown) => isAwsError(error) && error.code === 'SignatureDoesNotMatch',
    );
  }
});

test('SDK v3 IAM request verifies', async () => {
  const verifier = new SigV4Verifier({ crypto: nodeSigV4Crypto });
  const iam = new IAMClient(clientConfig('eu-west-1'));
  const request = toSignedRequest(await capture(() => iam.send(new ListUsersCommand({ PathPrefix: '/a b/' }))));
  const parsed = parseSigV4(request);
  assert.equal(parsed.service, 'iam');
  verifier.verify(request, parsed, SECRET, Date.now());
});
