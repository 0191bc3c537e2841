import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { CreateSAMLProviderCommand, type IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleWithSAMLCommand, type STSClient } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient, stsClient } from '../support/sdk-clients.js';
import { sendLookupEvents } from '../support/clients-signer.js';
import { createRole, expectAwsError, policyDoc, type TestRole } from '../support/sts-helpers.js';
import { b64, idpMetadata, signedAssertionResponse, type AssertionOptions } from '../support/saml-idp.js';

/**
 * AssumeRoleWithSAML in CloudTrail as AWS records it (reference §5): requestParameters carry the
 * assertion's ID (`sAMLAssertionID`) and what its attributes asked for (roleSessionName,
 * principalTags, transitiveTagKeys, sourceIdentity) but never the assertion; the SAML provider is
 * a resource of the event beside the role (`AWS::IAM::SAMLProvider`, which LookupEvents finds by
 * ResourceType and ResourceName) — for a refused sign-in too. Calls through AWS SDK v3; events
 * read back through LookupEvents.
 */

const ACCOUNT = '123456789012';
const PROVIDER = 'TrailIdP';
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:saml-provider/${PROVIDER}`;
const ATTR = 'https://aws.amazon.com/SAML/Attributes/';

let server: TestServer;
let admin: IAMClient;
let sts: STSClient;
let open: TestRole;
let closed: TestRole;

const trust = (actions: string[]) => policyDoc({ Effect: 'Allow', Principal: { Federated: PROVIDER_ARN }, Action: actions });

async function signIn(role: TestRole, id: string, o: AssertionOptions = {}) {
  const xml = signedAssertionResponse({ id, roles: [`${role.arn},${PROVIDER_ARN}`], ...o });
  return {
    xml,
    send: () =>
      sts.send(
        new AssumeRoleWithSAMLCommand({ RoleArn: role.arn, PrincipalArn: PROVIDER_ARN, SAMLAssertion: b64(xml), DurationSeconds: 900 }),
      ),
  };
}

type Event = {
  requestParameters: Record<string, unknown>;
  resources?: { ARN: string; accountId: string; type: string }[];
  errorCode?: string;
  userIdentity: { type: string };
};

async function lookup(attribute: { AttributeKey: string; AttributeValue: string }): Promise<{ text: string; events: Event[] }> {
  await server.keysmith.app.audit.flush?.();
  const response = await sendLookupEvents(server.url, server.admin, { LookupAttributes: [attribute], MaxResults: 50 });
  assert.equal(response.status, 200, response.text);
  const parsed = JSON.parse(response.text) as {
    Events: { CloudTrailEvent: string; Resources: { ResourceType: string; ResourceName: string }[] }[];
  };
  for (const e of parsed.Events) {
    const event = JSON.parse(e.CloudTrailEvent) as Event;
    if (event.userIdentity.type === 'SAMLUser')
      assert.ok(
        e.Resources.some((r) => r.ResourceType === 'AWS::IAM::SAMLProvider' && r.ResourceName === PROVIDER_ARN),
        JSON.stringify(e.Resources),
      );
  }
  return { text: response.text, events: parsed.Events.map((e) => JSON.parse(e.CloudTrailEvent) as Event) };
}

suite('CloudTrail: AssumeRoleWithSAML records (SDK v3, LookupEvents)', () => {
  before(async () => {
    server = await startTestServer();
    admin = iamClient(server.url, server.admin);
    sts = stsClient(server.url, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'unused' });
    await admin.send(new CreateSAMLProviderCommand({ Name: PROVIDER, SAMLMetadataDocument: idpMetadata() }));
    open = await createRole(admin, 'trail-open', trust(['sts:AssumeRoleWithSAML', 'sts:TagSession', 'sts:SetSourceIdentity']));
    closed = await createRole(admin, 'trail-closed', trust(['sts:AssumeRoleWithSAML']));
  });
  after(async () => {
    await server?.close();
  });

  test('a sign-in: sAMLAssertionID and the attributes’ requests, no assertion; role and SAML provider as resources', async () => {
    const { xml, send } = await signIn(open, '_trail-ok-1', {
      subject: 'trail-ok@example.com',
      attributes: {
        [`${ATTR}RoleSessionName`]: ['trail-ok'],
        [`${ATTR}PrincipalTag:Project`]: ['Atlas'],
        [`${ATTR}PrincipalTag:CostCenter`]: ['42'],
        [`${ATTR}TransitiveTagKeys`]: ['Project'],
        [`${ATTR}SourceIdentity`]: ['trail-ok-source'],
      },
    });
    await send();
    const { text, events } = await lookup({ AttributeKey: 'ResourceType', AttributeValue: 'AWS::IAM::SAMLProvider' });
    const mine = events.find((e) => e.requestParameters.sAMLAssertionID === '_trail-ok-1');
    assert.ok(mine, text);
    assert.deepEqual(mine.requestParameters, {
      sAMLAssertionID: '_trail-ok-1',
      roleSessionName: 'trail-ok',
      principalTags: { Project: 'Atlas', CostCenter: '42' },
      transitiveTagKeys: ['Project'],
      sourceIdentity: 'trail-ok-source',
      roleArn: open.arn,
      principalArn: PROVIDER_ARN,
      durationSeconds: 900,
    });
    assert.deepEqual(mine.resources, [
      { ARN: open.arn, accountId: ACCOUNT, type: 'AWS::IAM::Role' },
      { ARN: PROVIDER_ARN, accountId: ACCOUNT, type: 'AWS::IAM::SAMLProvider' },
    ]);
    assert.ok(!text.includes(b64(xml).slice(0, 60)), 'the assertion is in the record');
    assert.ok(!text.includes('sAMLAssertion"'), 'an sAMLAssertion member is in the record');
  });

  test('a refused sign-in is recorded the same way, with its error', async () => {
    const { send } = await signIn(closed, '_trail-refused-1', {
      attributes: { [`${ATTR}RoleSessionName`]: ['trail-refused'], [`${ATTR}PrincipalTag:Project`]: ['Atlas'] },
    });
    await expectAwsError(send(), 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithSAML');
    const { text, events } = await lookup({ AttributeKey: 'ResourceName', AttributeValue: PROVIDER_ARN });
    const mine = events.find((e) => e.requestParameters.sAMLAssertionID === '_trail-refused-1');
    assert.ok(mine, text);
    assert.equal(mine.errorCode, 'AccessDenied');
    assert.equal(mine.requestParameters.roleSessionName, 'trail-refused');
    assert.deepEqual(mine.requestParameters.principalTags, { Project: 'Atlas' });
    assert.deepEqual(
      mine.resources?.map((r) => r.type),
      ['AWS::IAM::Role', 'AWS::IAM::SAMLProvider'],
    );
  });
});
