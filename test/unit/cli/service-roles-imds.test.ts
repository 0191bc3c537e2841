import { after, before, describe, it } from '../../support/node-test.js';
import assert from 'node:assert/strict';
import { CredentialCache } from '../../../src/cli/service-roles/credential-cache.js';
import { grantFetcher } from '../../../src/cli/service-roles/credential-fetch.js';
import { startImds, type Imds } from '../../../src/cli/service-roles/imds-endpoint.js';
import { instanceFacts } from '../../../src/cli/service-roles/instance-metadata.js';
import { ec2Grant, GRANT_TOKEN, startStubUpstream, type StubUpstream } from './service-roles-stub.js';

/** The local instance metadata service, as botocore and SDK v3 use it (their requests, headers and statuses). */
describe('keysmith run --as ec2: the local instance metadata service', () => {
  let stub: StubUpstream;
  let imds: Imds;
  let imdsV1: Imds;
  let cache: CredentialCache;

  before(async () => {
    stub = await startStubUpstream();
    cache = new CredentialCache(grantFetcher(stub.url, GRANT_TOKEN));
    imds = await startImds({ facts: instanceFacts(ec2Grant()), cache, allowV1: false });
    imdsV1 = await startImds({
      facts: instanceFacts(ec2Grant()),
      cache: new CredentialCache(grantFetcher(stub.url, GRANT_TOKEN)),
      allowV1: true,
    });
  });
  after(async () => {
    cache.close();
    await imds.close();
    await imdsV1.close();
    await stub.close();
  });

  const token = async (base = imds.url, ttl = '21600') =>
    fetch(new URL('latest/api/token', base), { method: 'PUT', headers: { 'X-aws-ec2-metadata-token-ttl-seconds': ttl } });
  const get = (path: string, sessionToken?: string, base = imds.url) =>
    fetch(new URL(path, base), { headers: sessionToken ? { 'X-aws-ec2-metadata-token': sessionToken } : {} });

  it('listens on loopback and is given as AWS_EC2_METADATA_SERVICE_ENDPOINT with a trailing slash', () => {
    assert.match(imds.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('issues a session token for a TTL of 1..21600 seconds and echoes the TTL; refuses others with 400', async () => {
    const ok = await token();
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('x-aws-ec2-metadata-token-ttl-seconds'), '21600');
    assert.equal(ok.headers.get('server'), 'EC2ws');
    assert.ok((await ok.text()).length >= 40);
    for (const ttl of ['0', '21601', 'abc', '-5']) assert.equal((await token(imds.url, ttl)).status, 400, ttl);
    const none = await fetch(new URL('latest/api/token', imds.url), { method: 'PUT' });
    assert.equal(none.status, 400);
  });

  it('refuses a token request that carries X-Forwarded-For (403), and a GET of the token path (405)', async () => {
    const proxied = await fetch(new URL('latest/api/token', imds.url), {
      method: 'PUT',
      headers: { 'X-aws-ec2-metadata-token-ttl-seconds': '60', 'X-Forwarded-For': '203.0.113.9' },
    });
    assert.equal(proxied.status, 403);
    assert.equal((await get('latest/api/token')).status, 405);
  });

  it('refuses a GET without a session token (IMDSv1 off) or with a wrong one: 401', async () => {
    assert.equal((await get('latest/meta-data/iam/security-credentials/')).status, 401);
    assert.equal((await get('latest/meta-data/instance-id', 'not-a-token')).status, 401);
  });

  it('an expired session token is refused', async () => {
    const session = await (await token(imds.url, '1')).text();
    assert.equal((await get('latest/meta-data/instance-id', session)).status, 200);
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await get('latest/meta-data/instance-id', session)).status, 401);
  });

  it('answers the role name, then its credentials as EC2 writes them, fetched with role delivery 2.0', async () => {
    const session = await (await token()).text();
    const listing = await get('latest/meta-data/iam/security-credentials/', session);
    assert.equal(listing.status, 200);
    assert.equal(listing.headers.get('content-type'), 'text/plain');
    assert.equal(await listing.text(), 'app');
    const response = await get('latest/meta-data/iam/security-credentials/app', session);
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.match(text, /^\{\n {2}"Code" : "Success",\n {2}"LastUpdated" : "/);
    const creds = JSON.parse(text);
    assert.deepEqual(Object.keys(creds), ['Code', 'LastUpdated', 'Type', 'AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration']);
    assert.equal(creds.Type, 'AWS-HMAC');
    assert.match(creds.AccessKeyId, /^ASIASTUB/);
    // Whole seconds, as botocore parses IMDS times (%Y-%m-%dT%H:%M:%SZ).
    assert.match(creds.Expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(creds.LastUpdated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(stub.fetches.at(-1)!.delivery, '2.0');
    assert.equal((await get('latest/meta-data/iam/security-credentials/other', session)).status, 404);
  });

  it('answers iam/info, the identity document and the instance facts', async () => {
    const session = await (await token()).text();
    const info = JSON.parse(await (await get('latest/meta-data/iam/info', session)).text());
    assert.deepEqual(Object.keys(info), ['Code', 'LastUpdated', 'InstanceProfileArn', 'InstanceProfileId']);
    assert.equal(info.InstanceProfileArn, 'arn:aws:iam::123456789012:instance-profile/app-profile');
    const doc = JSON.parse(await (await get('latest/dynamic/instance-identity/document', session)).text());
    assert.deepEqual(Object.keys(doc), [
      'accountId',
      'architecture',
      'availabilityZone',
      'billingProducts',
      'devpayProductCodes',
      'marketplaceProductCodes',
      'imageId',
      'instanceId',
      'instanceType',
      'kernelId',
      'pendingTime',
      'privateIp',
      'ramdiskId',
      'region',
      'version',
    ]);
    assert.equal(doc.instanceId, 'i-0abc1234def567890');
    assert.equal(doc.region, 'eu-west-1');
    assert.equal(doc.version, '2017-09-30');
    assert.equal(doc.kernelId, null);
    const leaf = async (path: string) => (await get(`latest/meta-data/${path}`, session)).text();
    assert.equal(await leaf('instance-id'), 'i-0abc1234def567890');
    assert.equal(await leaf('placement/region'), 'eu-west-1');
    assert.equal(await leaf('placement/availability-zone'), 'eu-west-1b');
    assert.equal(await leaf('local-ipv4'), '10.1.2.3');
    assert.equal(await leaf('ami-id'), 'ami-0123456789abcdef0');
    assert.equal(await leaf('instance-type'), 't3.micro');
    assert.equal(await leaf('hostname'), 'ip-10-1-2-3.eu-west-1.compute.internal');
    assert.match(await leaf('mac'), /^0e(:[0-9a-f]{2}){5}$/);
    assert.match(await leaf(''), /iam\/\ninstance-id/);
    assert.equal((await get('latest/meta-data/nothing-here', session)).status, 404);
  });

  it('with --imds-v1, a GET without a token is served and fetched with role delivery 1.0', async () => {
    const response = await get('latest/meta-data/iam/security-credentials/app', undefined, imdsV1.url);
    assert.equal(response.status, 200);
    assert.equal(JSON.parse(await response.text()).Code, 'Success');
    assert.equal(stub.fetches.at(-1)!.delivery, '1.0');
  });

  it('keysmith refusing the role: credentials and info answer Code/Message as EC2 does (200); unreachable: 500', async () => {
    const refusingStub = await startStubUpstream();
    refusingStub.refuse = { status: 403, code: 'AssumeRoleUnauthorizedAccess', message: 'EC2 cannot assume the role app.' };
    const refusing = await startImds({
      facts: instanceFacts(ec2Grant()),
      cache: new CredentialCache(grantFetcher(refusingStub.url, GRANT_TOKEN)),
      allowV1: false,
    });
    const unreachable = await startImds({
      facts: instanceFacts(ec2Grant()),
      cache: new CredentialCache(grantFetcher('http://127.0.0.1:1', GRANT_TOKEN)),
      allowV1: false,
    });
    try {
      const session = await (await token(refusing.url)).text();
      for (const path of ['latest/meta-data/iam/security-credentials/app', 'latest/meta-data/iam/info']) {
        const response = await get(path, session, refusing.url);
        assert.equal(response.status, 200);
        const body = JSON.parse(await response.text());
        assert.deepEqual(Object.keys(body), ['Code', 'Message', 'LastUpdated']);
        assert.equal(body.Code, 'AssumeRoleUnauthorizedAccess');
        assert.equal(body.Message, 'EC2 cannot assume the role app.');
      }
      const session2 = await (await token(unreachable.url)).text();
      assert.equal((await get('latest/meta-data/iam/security-credentials/app', session2, unreachable.url)).status, 500);
    } finally {
      await refusing.close();
      await unreachable.close();
      await refusingStub.close();
    }
  });
});
