import { createServer, type Server } from 'node:http';
import type { Grant } from '../../../src/cli/service-roles/grant-client.js';

/**
 * A stand-in for keysmith's credential route on loopback: answers `GET /_keysmith/credentials` for
 * one grant token with credentials it mints itself (or with a refusal set by the test), and
 * records the delivery header of each fetch.
 */
export interface StubUpstream {
  url: string;
  fetches: { delivery?: string }[];
  /** The next answers: credentials (default), or a refusal. */
  refuse?: { status: number; code: string; message: string };
  /** Lifetime of minted credentials in seconds. */
  lifetimeSeconds: number;
  close(): Promise<void>;
}

export const GRANT_TOKEN = 'grant-token-secret';

export async function startStubUpstream(): Promise<StubUpstream> {
  let serial = 0;
  const stub: StubUpstream = {
    url: '',
    fetches: [],
    lifetimeSeconds: 3600,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((request, response) => {
    const send = (status: number, body: object) => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url !== '/_keysmith/credentials') return send(404, { code: 'NotFound', message: 'no' });
    stub.fetches.push({ delivery: request.headers['x-keysmith-role-delivery'] as string | undefined });
    if (request.headers.authorization !== GRANT_TOKEN) return send(403, { code: 'AccessDenied', message: 'bad grant token' });
    if (stub.refuse) return send(stub.refuse.status, { code: stub.refuse.code, message: stub.refuse.message });
    serial++;
    send(200, {
      RoleArn: 'arn:aws:iam::123456789012:role/app',
      AccessKeyId: `ASIASTUB${String(serial).padStart(12, '0')}`,
      SecretAccessKey: `secret-${serial}`,
      Token: `token-${serial}`,
      Expiration: new Date(Date.now() + stub.lifetimeSeconds * 1000).toISOString(),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  stub.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return stub;
}

export function ec2Grant(overrides: Partial<Grant> = {}): Grant {
  return {
    GrantId: 'cg-0123456789abcdef',
    GrantToken: GRANT_TOKEN,
    Expiration: new Date(Date.now() + 43200_000).toISOString(),
    ComputeType: 'ec2',
    ServicePrincipal: 'ec2.amazonaws.com',
    RoleArn: 'arn:aws:iam::123456789012:role/app',
    RoleName: 'app',
    AccountId: '123456789012',
    Region: 'eu-west-1',
    SessionName: 'i-0abc1234def567890',
    SourceArn: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc1234def567890',
    CredentialsPath: '/_keysmith/credentials',
    InstanceId: 'i-0abc1234def567890',
    InstanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/app-profile',
    InstanceProfileId: 'AIPAEXAMPLEEXAMPLE123',
    PrivateIpAddress: '10.1.2.3',
    AvailabilityZone: 'eu-west-1b',
    InstanceType: 't3.micro',
    ImageId: 'ami-0123456789abcdef0',
    ...overrides,
  };
}
