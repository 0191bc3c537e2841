import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { InProcessHandler } from './in-process-handler.js';
import { appAt } from './server.js';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * Real AWS SDK v3 clients pointed at a keysmith URL; no retries so failures show at once. A URL of
 * a test server this process started is answered in-process (`app.handle`, no socket: the fast
 * layer); any other URL over HTTP. KEYSMITH_TEST_SDK_OVER_HTTP=1 sends every call over HTTP.
 */
export function iamClient(url: string, credentials: Credentials, region = 'us-east-1'): IAMClient {
  return new IAMClient({ endpoint: url, region, credentials, maxAttempts: 1, ...transport(url) });
}

export function stsClient(url: string, credentials: Credentials, region = 'us-east-1'): STSClient {
  return new STSClient({ endpoint: url, region, credentials, maxAttempts: 1, ...transport(url) });
}

function transport(url: string): { requestHandler?: InProcessHandler } {
  const app = process.env.KEYSMITH_TEST_SDK_OVER_HTTP === '1' ? undefined : appAt(url);
  return app === undefined ? {} : { requestHandler: new InProcessHandler(app) };
}
