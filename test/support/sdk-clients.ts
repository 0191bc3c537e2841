import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Real AWS SDK v3 clients pointed at a keysmith URL; no retries so failures show at once. */
export function iamClient(url: string, credentials: Credentials, region = 'us-east-1'): IAMClient {
  return new IAMClient({ endpoint: url, region, credentials, maxAttempts: 1 });
}

export function stsClient(url: string, credentials: Credentials, region = 'us-east-1'): STSClient {
  return new STSClient({ endpoint: url, region, credentials, maxAttempts: 1 });
}
