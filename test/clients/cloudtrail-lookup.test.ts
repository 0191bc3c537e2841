import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe as suite, it as test } from '../support/node-test.js';
import { ListUsersCommand, type IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { nodeRandom } from '../../src/platform/node-random.js';
import { createAccount } from '../../src/services/accounts/create-account.js';
import { awsCli, type CliResult } from '../support/clients-aws-cli.js';
import { clientEnv, describe, runProcess } from '../support/clients-process.js';
import { sendLookupEvents } from '../support/clients-signer.js';
import { type Credentials, iamClient, stsClient } from '../support/sdk-clients.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { allow, assume, createRole, createUser, policyDoc, type TestUser, trustDoc } from '../support/sts-helpers.js';

/**
 * CloudTrail through real clients (issue 5, items 5–7): every call becomes an event, and
 * `aws cloudtrail lookup-events` (AWS CLI), boto3 and raw JSON 1.1 requests (both X-Amz-Target
 * spellings) read them back: AssumeRole with its session context, the cross-account pair with
 * one sharedEventID, denied calls with their errorCode, pagination, per-account isolation,
 * cloudtrail:LookupEvents authorization, and no secret in any stored event.
 */

const ACCOUNT = '123456789012';
const OTHER = '210987654321';
const SHORT_TARGET = 'CloudTrail_20131101.LookupEvents';
const LONG_TARGET = 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents';

interface LookupEvent {
  EventId: string;
  EventName: string;
  ReadOnly: string;
  AccessKeyId?: string;
  EventTime: string | number;
  EventSource: string;
  Username?: string;
  Resources: { ResourceType: string; ResourceName: string }[];
  CloudTrailEvent: string;
}

let server: TestServer;
let admin: IAMClient;
let otherAdmin: Credentials;
let alice: TestUser;
let bob: TestUser;
let auditor: TestUser;
let devRoleArn: string;
let chainedRoleArn: string;
let foreignRoleArn: string;
/** Temporary credentials minted during set-up: none of their secrets may be recorded. */
const minted: Credentials[] = [];
/** Every event recorded before this instant comes from set-up; later lookups add more. */
let setupEnd: number;
/** An EndTime (epoch seconds, inclusive of its whole second) that covers set-up and nothing after it. */
let windowEnd: number;

const cli = (creds: Credentials, args: string[]): Promise<CliResult> =>
  awsCli(
    server.url,
    creds,
    ['cloudtrail', 'lookup-events', ...args],
    creds.sessionToken ? { env: { AWS_SESSION_TOKEN: creds.sessionToken } } : {},
  );

function eventsOf(result: CliResult): LookupEvent[] {
  assert.equal(result.code, 0, describe(result));
  return result.json.Events as LookupEvent[];
}

const record = (e: LookupEvent): any => JSON.parse(e.CloudTrailEvent);

/** A raw JSON 1.1 LookupEvents, signed for `cloudtrail` by the SDK's own signer. */
const rawLookup = (creds: Credentials, body: unknown, target = SHORT_TARGET, service = 'cloudtrail') =>
  sendLookupEvents(server.url, creds, body, target, service);

suite('CloudTrail LookupEvents (AWS CLI, boto3, raw JSON 1.1)', () => {
  before(async () => {
    server = await startTestServer();
    admin = iamClient(server.url, server.admin);
    const created = await createAccount(server.keysmith.app.store, server.keysmith.app.secrets, nodeRandom, {
      accountId: OTHER,
      now: Date.now(),
    });
    otherAdmin = created.admin;

    alice = await createUser(admin, 'alice', policyDoc(allow(['sts:AssumeRole', 'sts:SetSourceIdentity'])));
    bob = await createUser(admin, 'bob');
    auditor = await createUser(admin, 'auditor', policyDoc(allow('cloudtrail:LookupEvents')));
    const trust = trustDoc(`arn:aws:iam::${ACCOUNT}:root`, ['sts:AssumeRole', 'sts:SetSourceIdentity']);
    devRoleArn = (await createRole(admin, 'Dev', trust, { policy: policyDoc(allow('sts:AssumeRole')) })).arn;
    chainedRoleArn = (await createRole(admin, 'Chained', trust)).arn;
    foreignRoleArn = (await createRole(iamClient(server.url, otherAdmin), 'Partner', trustDoc(`arn:aws:iam::${ACCOUNT}:root`))).arn;

    const dev = await assume(stsClient(server.url, alice.creds), {
      RoleArn: devRoleArn,
      RoleSessionName: 'alice-dev',
      SourceIdentity: 'alice-si',
    });
    minted.push(dev.creds);
    await stsClient(server.url, dev.creds).send(new GetCallerIdentityCommand({}));
    const chained = await assume(stsClient(server.url, dev.creds), { RoleArn: chainedRoleArn, RoleSessionName: 'chained' });
    minted.push(chained.creds);
    const partner = await assume(stsClient(server.url, alice.creds), { RoleArn: foreignRoleArn, RoleSessionName: 'alice-partner' });
    minted.push(partner.creds);
    await assert.rejects(iamClient(server.url, bob.creds).send(new ListUsersCommand({})), /not authorized/);
    for (let i = 0; i < 10; i += 1) await stsClient(server.url, server.admin).send(new GetCallerIdentityCommand({}));
    // Set-up ends more than a second before setupEnd, so windowEnd's second holds nothing later.
    await new Promise((r) => setTimeout(r, 1100));
    setupEnd = Date.now();
    windowEnd = Math.floor(setupEnd / 1000) - 1;
  });
  after(async () => {
    await server?.close();
  });

  test('aws cloudtrail lookup-events EventName=AssumeRole: each AssumeRole, the chained one with its session context', async () => {
    const events = eventsOf(await cli(server.admin, ['--lookup-attributes', 'AttributeKey=EventName,AttributeValue=AssumeRole']));
    assert.ok(events.every((e) => e.EventName === 'AssumeRole' && e.EventSource === 'sts.amazonaws.com'));
    assert.equal(events.length, 3, "Dev, Chained and the cross-account role, each recorded in the caller's account");

    const direct = events.find((e) => e.Resources.some((r) => r.ResourceName === devRoleArn))!;
    assert.equal(direct.Username, 'alice');
    assert.equal(direct.AccessKeyId, alice.creds.accessKeyId);
    assert.equal(direct.ReadOnly, 'true');
    // The CLI prints timestamps as received (epoch seconds) unless told otherwise.
    const at = typeof direct.EventTime === 'number' ? direct.EventTime * 1000 : Date.parse(direct.EventTime);
    assert.ok(Math.abs(at - Date.now()) < 120_000, `EventTime ${direct.EventTime} is a recent time`);
    assert.deepEqual(
      direct.Resources.map((r) => r.ResourceType),
      ['AWS::IAM::Role', 'AWS::IAM::AccessKey', 'AWS::STS::AssumedRole'],
    );
    const d = record(direct);
    assert.equal(d.eventVersion, '1.08');
    assert.deepEqual(d.userIdentity, {
      type: 'IAMUser',
      principalId: alice.userId,
      arn: alice.arn,
      accountId: ACCOUNT,
      accessKeyId: alice.creds.accessKeyId,
      userName: 'alice',
    });
    assert.deepEqual(d.requestParameters, { roleArn: devRoleArn, roleSessionName: 'alice-dev', sourceIdentity: 'alice-si' });
    assert.equal(d.responseElements.credentials.accessKeyId, minted[0]!.accessKeyId);
    assert.match(d.responseElements.credentials.expiration, /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2} [AP]M$/);
    assert.equal(d.responseElements.assumedRoleUser.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/alice-dev`);
    assert.equal(d.responseElements.sourceIdentity, 'alice-si');
    assert.equal(d.eventSource, 'sts.amazonaws.com');
    assert.equal(d.recipientAccountId, ACCOUNT);
    assert.equal(d.sourceIPAddress, '127.0.0.1');
    assert.match(d.userAgent, /aws-sdk-js/);
    assert.match(d.eventID, /^[0-9a-f-]{36}$/);
    assert.equal(d.eventID, direct.EventId);

    const chained = record(events.find((e) => e.Resources.some((r) => r.ResourceName === chainedRoleArn))!);
    assert.equal(chained.userIdentity.type, 'AssumedRole');
    assert.equal(chained.userIdentity.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/Dev/alice-dev`);
    assert.equal(chained.userIdentity.accessKeyId, minted[0]!.accessKeyId);
    const context = chained.userIdentity.sessionContext;
    assert.deepEqual(context.sessionIssuer, {
      type: 'Role',
      principalId: chained.userIdentity.principalId.split(':')[0],
      arn: devRoleArn,
      accountId: ACCOUNT,
      userName: 'Dev',
    });
    assert.equal(context.attributes.mfaAuthenticated, 'false');
    assert.match(context.attributes.creationDate, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.equal(context.sourceIdentity, 'alice-si');
  });

  test('later calls with the session carry its context; events are newest first', async () => {
    const events = eventsOf(
      await cli(server.admin, ['--lookup-attributes', `AttributeKey=AccessKeyId,AttributeValue=${minted[0]!.accessKeyId}`]),
    );
    assert.deepEqual(
      events.map((e) => e.EventName),
      ['AssumeRole', 'GetCallerIdentity'],
    );
    const whoami = record(events[1]!);
    assert.equal(whoami.userIdentity.type, 'AssumedRole');
    assert.equal(whoami.userIdentity.sessionContext.sessionIssuer.arn, devRoleArn);
    assert.equal(whoami.requestParameters, null);
    assert.equal(whoami.responseElements, null);
    assert.equal(events[1]!.Username, 'alice-dev');
  });

  test('cross-account AssumeRole: one event in each account, sharing requestID and sharedEventID; each account sees only its own', async () => {
    const mine = eventsOf(await cli(server.admin, ['--lookup-attributes', `AttributeKey=ResourceName,AttributeValue=${foreignRoleArn}`]));
    const theirs = eventsOf(await cli(otherAdmin, ['--lookup-attributes', 'AttributeKey=EventName,AttributeValue=AssumeRole']));
    assert.equal(mine.length, 1);
    assert.equal(theirs.length, 1);
    const [a, b] = [record(mine[0]!), record(theirs[0]!)];
    assert.equal(a.userIdentity.type, 'IAMUser');
    assert.equal(a.recipientAccountId, ACCOUNT);
    assert.deepEqual(b.userIdentity, { type: 'AWSAccount', principalId: alice.userId, accountId: ACCOUNT });
    assert.equal(b.recipientAccountId, OTHER);
    assert.equal(a.requestID, b.requestID);
    assert.match(a.sharedEventID, /^[0-9a-f-]{36}$/);
    assert.equal(a.sharedEventID, b.sharedEventID);
    assert.notEqual(a.eventID, b.eventID);

    const otherIds = new Set(eventsOf(await cli(otherAdmin, [])).map((e) => e.EventId));
    const ownIds = eventsOf(await cli(server.admin, ['--end-time', String(windowEnd)])).map((e) => e.EventId);
    assert.ok(ownIds.length > 10);
    assert.ok(
      ownIds.every((id) => !otherIds.has(id)),
      'no event is listed in both accounts',
    );
  });

  test("a denied call shows its errorCode and AWS's message", async () => {
    const events = eventsOf(await cli(server.admin, ['--lookup-attributes', 'AttributeKey=EventName,AttributeValue=ListUsers']));
    const denied = events.find((e) => e.Username === 'bob')!;
    assert.ok(denied, JSON.stringify(events));
    const e = record(denied);
    assert.equal(e.errorCode, 'AccessDenied');
    assert.match(e.errorMessage, /^User: arn:aws:iam::123456789012:user\/bob is not authorized to perform: iam:ListUsers on resource: /);
    assert.equal(e.responseElements, null);
    assert.equal(e.eventSource, 'iam.amazonaws.com');
  });

  test("cloudtrail:LookupEvents is required: refused with AccessDeniedException (and recorded); granted, it shows the account's events", async () => {
    const refused = await cli(bob.creds, []);
    assert.notEqual(refused.code, 0);
    assert.equal(refused.error?.code, 'AccessDeniedException', refused.stderr);
    assert.match(
      refused.error.message,
      /^User: arn:aws:iam::123456789012:user\/bob is not authorized to perform: cloudtrail:LookupEvents on resource: \*/,
    );

    const granted = eventsOf(await cli(auditor.creds, ['--lookup-attributes', 'AttributeKey=Username,AttributeValue=bob']));
    const lookup = granted.find((e) => e.EventName === 'LookupEvents')!;
    assert.ok(lookup, 'the refused LookupEvents is itself an event');
    assert.equal(lookup.EventSource, 'cloudtrail.amazonaws.com');
    assert.equal(record(lookup).errorCode, 'AccessDenied');
    assert.ok(granted.some((e) => e.EventName === 'ListUsers'));
  });

  test("pagination: the CLI's page size and --max-items, boto3's NextToken loop and paginator see the same events", async () => {
    const window = ['--end-time', String(windowEnd)];
    const all = eventsOf(await cli(server.admin, window)).map((e) => e.EventId);
    assert.ok(all.length > 20 && all.length <= 50, String(all.length));
    const byTwos = eventsOf(await cli(server.admin, [...window, '--page-size', '2'])).map((e) => e.EventId);
    assert.deepEqual(byTwos, all, 'MaxResults=2 pages, followed by the CLI, give the same list');
    const firstThree = await cli(server.admin, [...window, '--max-items', '3']);
    assert.deepEqual(
      eventsOf(firstThree).map((e) => e.EventId),
      all.slice(0, 3),
    );
    const rest = await cli(server.admin, [...window, '--starting-token', firstThree.json.NextToken]);
    assert.deepEqual(
      eventsOf(rest).map((e) => e.EventId),
      all.slice(3),
    );

    const program = String.raw`
import json, sys, datetime
import boto3
from botocore.exceptions import ClientError
url, key, secret, end = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
ct = boto3.client("cloudtrail", endpoint_url=url, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key=secret)
end_time = datetime.datetime.fromtimestamp(end, datetime.timezone.utc)
out = {"loop": [], "pages": []}
kw = dict(EndTime=end_time, MaxResults=3)
while True:
    page = ct.lookup_events(**kw)
    out["loop"] += [e["EventId"] for e in page["Events"]]
    out["tz"] = page["Events"][0]["EventTime"].tzinfo is not None
    out["event_time_type"] = type(page["Events"][0]["EventTime"]).__name__
    if "NextToken" not in page:
        break
    kw["NextToken"] = page["NextToken"]
    token = page["NextToken"]
for page in ct.get_paginator("lookup_events").paginate(EndTime=end_time, PaginationConfig={"PageSize": 7}):
    out["pages"].append([e["EventId"] for e in page["Events"]])
def code(**kw):
    try:
        ct.lookup_events(**kw)
        return None
    except ClientError as e:
        return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
out["other_query_token"] = code(LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "AssumeRole"}], NextToken=token)
out["garbage_token"] = code(NextToken="not-a-token")
out["too_many"] = code(MaxResults=51)
out["two_attributes"] = code(LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "A"}, {"AttributeKey": "Username", "AttributeValue": "b"}])
out["bad_key"] = code(LookupAttributes=[{"AttributeKey": "Nope", "AttributeValue": "A"}])
out["bad_range"] = code(StartTime=end_time, EndTime=end_time - datetime.timedelta(seconds=10))
out["bad_category"] = code(EventCategory="everything")
out["insight"] = ct.lookup_events(EventCategory="insight")["Events"]
out["exceptions_modeled"] = isinstance(ct.exceptions.InvalidNextTokenException, type)
print(json.dumps(out))
`;
    const result = await runProcess(
      'python3',
      ['-c', program, server.url, server.admin.accessKeyId, server.admin.secretAccessKey, String(windowEnd)],
      { env: clientEnv() },
    );
    assert.equal(result.code, 0, describe(result));
    const out = JSON.parse(result.stdout);
    assert.deepEqual(out.loop, all);
    assert.deepEqual(out.pages.flat(), all);
    assert.ok(out.pages.slice(0, -1).every((p: string[]) => p.length === 7));
    assert.equal(out.tz, true, 'EventTime (epoch seconds on the wire) parses as an aware datetime');
    assert.equal(out.event_time_type, 'datetime');
    assert.deepEqual(out.other_query_token, ['InvalidNextTokenException', 400], 'a token only continues its own query');
    assert.deepEqual(out.garbage_token, ['InvalidNextTokenException', 400]);
    assert.deepEqual(out.too_many, ['InvalidMaxResultsException', 400]);
    assert.deepEqual(out.two_attributes, ['InvalidLookupAttributesException', 400]);
    assert.deepEqual(out.bad_key, ['InvalidLookupAttributesException', 400]);
    assert.deepEqual(out.bad_range, ['InvalidTimeRangeException', 400]);
    assert.deepEqual(out.bad_category, ['InvalidEventCategoryException', 400]);
    assert.deepEqual(out.insight, []);
  });

  test('time range and the other lookup attributes', async () => {
    const window = ['--end-time', String(windowEnd)];
    const iam = eventsOf(
      await cli(server.admin, [...window, '--lookup-attributes', 'AttributeKey=EventSource,AttributeValue=iam.amazonaws.com']),
    );
    assert.ok(iam.length > 0 && iam.every((e) => e.EventSource === 'iam.amazonaws.com'));
    const writes = eventsOf(await cli(server.admin, [...window, '--lookup-attributes', 'AttributeKey=ReadOnly,AttributeValue=false']));
    assert.ok(writes.some((e) => e.EventName === 'CreateUser') && writes.every((e) => e.ReadOnly === 'false'));
    const roles = eventsOf(
      await cli(server.admin, [...window, '--lookup-attributes', 'AttributeKey=ResourceType,AttributeValue=AWS::IAM::Role']),
    );
    assert.ok(roles.some((e) => e.EventName === 'CreateRole') && roles.some((e) => e.EventName === 'AssumeRole'));
    const one = roles[0]!;
    assert.deepEqual(
      eventsOf(await cli(server.admin, ['--lookup-attributes', `AttributeKey=EventId,AttributeValue=${one.EventId}`])).map(
        (e) => e.EventId,
      ),
      [one.EventId],
    );
    const future = eventsOf(await cli(server.admin, ['--start-time', String(Math.floor(Date.now() / 1000) + 3600)]));
    assert.deepEqual(future, []);
    const startAtSetupEnd = eventsOf(
      await cli(server.admin, [
        '--start-time',
        String(Math.ceil(setupEnd / 1000)),
        '--lookup-attributes',
        'AttributeKey=EventName,AttributeValue=AssumeRole',
      ]),
    );
    assert.deepEqual(startAtSetupEnd, [], 'nothing was assumed after set-up');
  });

  test('both X-Amz-Target spellings; JSON 1.1 errors; bad signatures are refused and recorded', async () => {
    const body = { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRole' }], EndTime: windowEnd };
    const short = await rawLookup(server.admin, body, SHORT_TARGET);
    const long = await rawLookup(server.admin, body, LONG_TARGET);
    for (const res of [short, long]) {
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers.get('content-type'), 'application/x-amz-json-1.1');
      assert.match(res.headers.get('x-amzn-requestid') ?? '', /^[0-9a-f-]{36}$/);
    }
    const a = JSON.parse(short.text);
    assert.deepEqual(JSON.parse(long.text), a);
    assert.equal(a.Events.length, 3);
    assert.equal(typeof a.Events[0].EventTime, 'number', 'epoch seconds');
    assert.equal(typeof a.Events[0].CloudTrailEvent, 'string');
    assert.equal(a.NextToken, undefined);

    const unknown = await rawLookup(server.admin, {}, 'DynamoDB_20120810.LookupEvents');
    assert.equal(unknown.status, 400);
    assert.equal(JSON.parse(unknown.text).__type, 'UnknownOperationException');
    const otherOp = await rawLookup(server.admin, {}, 'CloudTrail_20131101.CreateTrail');
    assert.equal(JSON.parse(otherOp.text).__type, 'UnknownOperationException');
    const malformed = await rawLookup(server.admin, '{"LookupAttributes": [', SHORT_TARGET);
    assert.equal(malformed.status, 400);
    assert.deepEqual(Object.keys(JSON.parse(malformed.text)), ['__type', 'message']);
    assert.equal(JSON.parse(malformed.text).__type, 'SerializationException');
    const wrongScope = await rawLookup(server.admin, {}, SHORT_TARGET, 'sts');
    assert.equal(JSON.parse(wrongScope.text).__type, 'InvalidSignatureException');

    const forged = await rawLookup(
      { accessKeyId: alice.creds.accessKeyId, secretAccessKey: 'not-the-secret-of-alice-at-all-000000000' },
      {},
      SHORT_TARGET,
    );
    assert.equal(forged.status, 403);
    assert.equal(JSON.parse(forged.text).__type, 'InvalidSignatureException');
    const unsigned = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': LONG_TARGET },
      body: '{}',
    });
    assert.equal(((await unsigned.json()) as { __type: string }).__type, 'MissingAuthenticationTokenException');
    const noSuchKey = await rawLookup({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' }, {}, SHORT_TARGET);
    assert.equal(JSON.parse(noSuchKey.text).__type, 'UnrecognizedClientException');
    // The forged call is in alice's account's history, with only what the request said.
    const seen = eventsOf(
      await cli(server.admin, ['--lookup-attributes', `AttributeKey=AccessKeyId,AttributeValue=${alice.creds.accessKeyId}`]),
    );
    const bad = seen.find((e) => e.EventName === 'LookupEvents')!;
    assert.ok(bad, 'the refused request was recorded');
    const r = record(bad);
    assert.deepEqual(r.userIdentity, { type: 'Unknown', accountId: ACCOUNT, accessKeyId: alice.creds.accessKeyId });
    assert.equal(r.errorCode, 'SignatureDoesNotMatch');
    assert.equal(bad.Username, undefined);
  });

  test('no secret or session token reaches any stored event, in the store or the file', async () => {
    const events: LookupEvent[] = [];
    for (const creds of [server.admin, otherAdmin])
      events.push(...eventsOf(await awsCli(server.url, creds, ['cloudtrail', 'lookup-events', '--page-size', '50'])));
    await server.keysmith.app.audit.flush?.();
    const stored = JSON.stringify(events);
    const file = readFileSync(join(server.dataDir, 'audit.jsonl'), 'utf8');
    assert.ok(events.length > 30, String(events.length));
    assert.ok(
      events.every((e) => file.includes(e.EventId)),
      'the file holds every stored event',
    );
    const secrets = [
      ...minted.flatMap((c) => [c.secretAccessKey, c.sessionToken!]),
      alice.creds.secretAccessKey,
      bob.creds.secretAccessKey,
      auditor.creds.secretAccessKey,
      server.admin.secretAccessKey,
      otherAdmin.secretAccessKey,
    ];
    for (const secret of secrets) {
      assert.ok(!stored.includes(secret), `a secret (${secret.slice(0, 6)}…) is in LookupEvents output`);
      assert.ok(!file.includes(secret), `a secret (${secret.slice(0, 6)}…) is in audit.jsonl`);
    }
    assert.ok(stored.includes(minted[0]!.accessKeyId), 'temporary key ids are recorded');
    assert.ok(file.includes('HIDDEN_DUE_TO_SECURITY_REASONS'));
  });
});
