import assert from 'node:assert/strict';
import { describe, it } from '../support/node-test.js';
import type { AuditInput } from '../../src/audit/audit-input.js';
import { type AuditRecord, auditRecordOf } from '../../src/audit/audit-record.js';
import { buildEvents } from '../../src/audit/build-events.js';
import { javaMediumDate, lowerFirst } from '../../src/audit/cloudtrail-members.js';
import { timeOrderedUuid } from '../../src/audit/event-id.js';
import { arnAccount, parseArn } from '../../src/model/arns.js';
import type { Principal, UserPrincipal } from '../../src/model/principal.js';
import type { AssumedRoleClaims, FederatedUserClaims, SessionTokenClaims } from '../../src/model/session.js';

const A = '111122223333';
const B = '777788889999';
const T = Date.UTC(2024, 0, 2, 15, 4, 5, 678);

function ids(): () => string {
  let n = 0;
  return () => `id-${++n}`;
}

/** What a pipeline gathered, as the audit log receives it. */
function input(extra: Partial<AuditInput> = {}): AuditRecord {
  return auditRecordOf({
    requestId: 'req-1',
    time: T,
    service: 'sts',
    operation: 'GetCallerIdentity',
    sourceIp: '192.0.2.1',
    userAgent: 'ua/1',
    region: 'eu-west-1',
    readOnly: true,
    ...extra,
  });
}

const user: UserPrincipal = {
  type: 'User',
  accountId: B,
  arn: `arn:aws:iam::${B}:user/JohnDoe`,
  userId: 'AIDAJOHN',
  userName: 'JohnDoe',
  entityId: 'AIDAJOHN',
  accessKeyId: 'AKIAJOHN',
  temporary: false,
  tags: [],
};
const root: Principal = {
  type: 'Root',
  accountId: A,
  arn: `arn:aws:iam::${A}:root`,
  userId: A,
  accessKeyId: 'AKIAROOT',
  temporary: false,
  tags: [],
};

const roleSession: AssumedRoleClaims = {
  accessKeyId: 'ASIAROLE',
  secretAccessKey: 'never-shown',
  kind: 'AssumedRole',
  accountId: A,
  issuedAt: T / 1000 - 60,
  expiresAt: T / 1000 + 3600,
  roleId: 'AROAROLE',
  roleName: 'Dev',
  rolePath: '/team/',
  sessionName: 'john-session',
  sourceIdentity: 'JohnDoe',
  mfaAuthenticated: true,
  originArn: `arn:aws:iam::${B}:user/JohnDoe`,
  originUserId: 'AIDAJOHN',
  originUserName: 'JohnDoe',
};
const assumedRole: Principal = {
  type: 'AssumedRole',
  accountId: A,
  arn: `arn:aws:sts::${A}:assumed-role/Dev/john-session`,
  userId: 'AROAROLE:john-session',
  entityId: 'AROAROLE',
  accessKeyId: 'ASIAROLE',
  temporary: true,
  tags: [],
  session: roleSession,
};

describe('audit: CloudTrail events', () => {
  it('has every top-level field in AWS order, with whole-second ISO time and the event source', () => {
    const [built] = buildEvents(input({ principal: user }), { newId: ids() });
    const e = built!.event;
    assert.deepEqual(Object.keys(e), [
      'eventVersion',
      'userIdentity',
      'eventTime',
      'eventSource',
      'eventName',
      'awsRegion',
      'sourceIPAddress',
      'userAgent',
      'requestParameters',
      'responseElements',
      'requestID',
      'eventID',
      'readOnly',
      'eventType',
      'managementEvent',
      'recipientAccountId',
      'eventCategory',
    ]);
    assert.equal(e.eventVersion, '1.08');
    assert.equal(e.eventTime, '2024-01-02T15:04:05Z');
    assert.equal(e.eventSource, 'sts.amazonaws.com');
    assert.equal(e.awsRegion, 'eu-west-1');
    assert.equal(e.requestParameters, null, 'no parameters → null');
    assert.equal(e.responseElements, null);
    assert.equal(e.eventType, 'AwsApiCall');
    assert.equal(e.managementEvent, true);
    assert.equal(e.eventCategory, 'Management');
    assert.equal(e.recipientAccountId, B);
    assert.deepEqual(JSON.parse(built!.record.body), e);
    assert.equal(built!.record.eventTime, T);
    assert.equal(built!.record.username, 'JohnDoe');
    assert.equal(built!.record.accessKeyId, 'AKIAJOHN');
  });

  it('userIdentity: IAMUser and Root', () => {
    assert.deepEqual(buildEvents(input({ principal: user }), { newId: ids() })[0]!.event.userIdentity, {
      type: 'IAMUser',
      principalId: 'AIDAJOHN',
      arn: `arn:aws:iam::${B}:user/JohnDoe`,
      accountId: B,
      accessKeyId: 'AKIAJOHN',
      userName: 'JohnDoe',
    });
    const r = buildEvents(input({ principal: root }), { newId: ids() })[0]!;
    assert.deepEqual(r.event.userIdentity, {
      type: 'Root',
      principalId: A,
      arn: `arn:aws:iam::${A}:root`,
      accountId: A,
      accessKeyId: 'AKIAROOT',
    });
    assert.equal(r.record.username, 'root');
  });

  it('userIdentity: AssumedRole with sessionContext (issuer, attributes, source identity)', () => {
    const built = buildEvents(input({ principal: assumedRole }), { newId: ids() })[0]!;
    assert.deepEqual(built.event.userIdentity, {
      type: 'AssumedRole',
      principalId: 'AROAROLE:john-session',
      arn: `arn:aws:sts::${A}:assumed-role/Dev/john-session`,
      accountId: A,
      accessKeyId: 'ASIAROLE',
      sessionContext: {
        sessionIssuer: { type: 'Role', principalId: 'AROAROLE', arn: `arn:aws:iam::${A}:role/team/Dev`, accountId: A, userName: 'Dev' },
        attributes: { creationDate: '2024-01-02T15:03:05Z', mfaAuthenticated: 'true' },
        sourceIdentity: 'JohnDoe',
      },
    });
    assert.deepEqual(Object.keys(built.event.userIdentity.sessionContext), ['sessionIssuer', 'attributes', 'sourceIdentity']);
    assert.equal(built.record.username, 'john-session');
    assert.ok(!built.record.body.includes('never-shown'));
  });

  it('userIdentity: FederatedUser issued by a user or by root; GetSessionToken sessions keep their type', () => {
    const claims: FederatedUserClaims = {
      accessKeyId: 'ASIAFED',
      secretAccessKey: 's',
      kind: 'FederatedUser',
      accountId: B,
      issuedAt: T / 1000,
      expiresAt: T / 1000 + 900,
      sessionName: 'fed',
      originArn: user.arn,
      originUserId: 'AIDAJOHN',
      originUserName: 'JohnDoe',
    };
    const fed: Principal = {
      type: 'FederatedUser',
      accountId: B,
      arn: `arn:aws:sts::${B}:federated-user/fed`,
      userId: `${B}:fed`,
      accessKeyId: 'ASIAFED',
      temporary: true,
      tags: [],
      session: claims,
    };
    const e = buildEvents(input({ principal: fed }), { newId: ids() })[0]!;
    assert.equal(e.event.userIdentity.type, 'FederatedUser');
    assert.deepEqual(e.event.userIdentity.sessionContext?.sessionIssuer, {
      type: 'IAMUser',
      principalId: 'AIDAJOHN',
      arn: user.arn,
      accountId: B,
      userName: 'JohnDoe',
    });
    assert.equal(e.record.username, 'fed');
    const byRoot: FederatedUserClaims = {
      ...claims,
      originArn: `arn:aws:iam::${B}:root`,
      originUserId: undefined,
      originUserName: undefined,
    };
    const rootFed = buildEvents(input({ principal: { ...fed, session: byRoot } }), { newId: ids() })[0]!;
    assert.deepEqual(rootFed.event.userIdentity.sessionContext?.sessionIssuer, {
      type: 'Root',
      principalId: B,
      arn: `arn:aws:iam::${B}:root`,
      accountId: B,
    });

    const tokenClaims: SessionTokenClaims = {
      accessKeyId: 'ASIATOK',
      secretAccessKey: 's',
      kind: 'SessionToken',
      accountId: B,
      issuedAt: T / 1000,
      expiresAt: T / 1000 + 900,
      mfaAuthenticated: true,
      originArn: user.arn,
      originUserId: 'AIDAJOHN',
      originUserName: 'JohnDoe',
    };
    const viaToken = buildEvents(input({ principal: { ...user, accessKeyId: 'ASIATOK', temporary: true, session: tokenClaims } }), {
      newId: ids(),
    })[0]!;
    assert.equal(viaToken.event.userIdentity.type, 'IAMUser');
    assert.deepEqual(viaToken.event.userIdentity.sessionContext, {
      attributes: { creationDate: '2024-01-02T15:04:05Z', mfaAuthenticated: 'true' },
    });
  });

  it("AssumeRole: camelCase parameters, credentials with the secret and token hidden, expiration in CloudTrail's format, the role as resource", () => {
    const built = buildEvents(
      input({
        principal: user,
        operation: 'AssumeRole',
        requestParameters: {
          RoleArn: `arn:aws:iam::${B}:role/Dev`,
          RoleSessionName: 's',
          DurationSeconds: 900,
          Tags: [{ Key: 'team', Value: 'x' }],
          PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
          SerialNumber: 'arn:aws:iam::1:mfa/x',
          TokenCode: '123456',
        },
        responseElements: {
          Credentials: {
            AccessKeyId: 'ASIANEW',
            SecretAccessKey: 'minted-secret',
            SessionToken: 'minted-token',
            Expiration: '2024-01-02T23:12:29Z',
          },
          AssumedRoleUser: { AssumedRoleId: 'AROADEV:s', Arn: `arn:aws:sts::${B}:assumed-role/Dev/s` },
          PackedPolicySize: undefined,
        },
      }),
      { newId: ids() },
    );
    assert.equal(built.length, 1, 'same account: one event');
    const e = built[0]!.event;
    assert.deepEqual(e.requestParameters, {
      roleArn: `arn:aws:iam::${B}:role/Dev`,
      roleSessionName: 's',
      durationSeconds: 900,
      tags: [{ key: 'team', value: 'x' }],
      policyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      serialNumber: 'arn:aws:iam::1:mfa/x',
      tokenCode: 'HIDDEN_DUE_TO_SECURITY_REASONS',
    });
    assert.deepEqual(e.responseElements, {
      credentials: {
        accessKeyId: 'ASIANEW',
        secretAccessKey: 'HIDDEN_DUE_TO_SECURITY_REASONS',
        sessionToken: 'HIDDEN_DUE_TO_SECURITY_REASONS',
        expiration: 'Jan 2, 2024, 11:12:29 PM',
      },
      assumedRoleUser: { assumedRoleId: 'AROADEV:s', arn: `arn:aws:sts::${B}:assumed-role/Dev/s` },
    });
    assert.deepEqual(e.resources, [{ ARN: `arn:aws:iam::${B}:role/Dev`, accountId: B, type: 'AWS::IAM::Role' }]);
    assert.deepEqual(built[0]!.record.resources, [
      { type: 'AWS::IAM::Role', name: `arn:aws:iam::${B}:role/Dev` },
      { type: 'AWS::IAM::AccessKey', name: 'ASIANEW' },
      { type: 'AWS::STS::AssumedRole', name: `arn:aws:sts::${B}:assumed-role/Dev/s` },
    ]);
    for (const secret of ['minted-secret', 'minted-token', '123456']) assert.ok(!built[0]!.record.body.includes(secret), secret);
  });

  it('cross-account AssumeRole: one event in each account, sharing requestID and sharedEventID', () => {
    const built = buildEvents(
      input({
        principal: user,
        operation: 'AssumeRole',
        requestParameters: { RoleArn: `arn:aws:iam::${A}:role/EC2-dev`, RoleSessionName: 'JohnDoe-EC2-dev' },
        responseElements: {
          Credentials: { AccessKeyId: 'ASIAX', SecretAccessKey: 'x', SessionToken: 'y', Expiration: '2024-01-02T16:04:05Z' },
        },
      }),
      { newId: ids() },
    );
    assert.equal(built.length, 2);
    const [caller, owner] = built.map((b) => b.event);
    assert.equal(caller!.recipientAccountId, B);
    assert.equal(caller!.userIdentity.type, 'IAMUser');
    assert.equal(owner!.recipientAccountId, A);
    assert.deepEqual(owner!.userIdentity, { type: 'AWSAccount', principalId: 'AIDAJOHN', accountId: B });
    assert.equal(caller!.requestID, owner!.requestID);
    assert.ok(caller!.sharedEventID);
    assert.equal(caller!.sharedEventID, owner!.sharedEventID);
    assert.notEqual(caller!.eventID, owner!.eventID);
    assert.notEqual(caller!.eventID, caller!.sharedEventID);
    assert.deepEqual(Object.keys(owner!).slice(-3), ['recipientAccountId', 'sharedEventID', 'eventCategory']);
    assert.equal(built[0]!.record.accountId, B);
    assert.equal(built[1]!.record.accountId, A);
    assert.equal(built[1]!.record.username, undefined, "the role owner is not told the caller's name");

    const denied = buildEvents(
      input({
        principal: user,
        operation: 'AssumeRole',
        requestParameters: { RoleArn: `arn:aws:iam::${A}:role/EC2-dev`, RoleSessionName: 's' },
        errorCode: 'AccessDenied',
        errorMessage: 'User: … is not authorized',
      }),
      { newId: ids() },
    );
    assert.equal(denied.length, 1, "a refused AssumeRole is recorded in the caller's account only");
    assert.equal(denied[0]!.event.sharedEventID, undefined);
  });

  it('failures: errorCode and errorMessage, responseElements null, parameters kept', () => {
    const e = buildEvents(
      input({
        principal: user,
        service: 'iam',
        operation: 'CreateUser',
        readOnly: false,
        requestParameters: { UserName: 'x' },
        responseElements: { User: { UserName: 'x' } },
        errorCode: 'AccessDenied',
        errorMessage: 'nope',
      }),
      { newId: ids() },
    )[0]!;
    assert.equal(e.event.errorCode, 'AccessDenied');
    assert.equal(e.event.errorMessage, 'nope');
    assert.deepEqual(Object.keys(e.event).slice(8, 10), ['errorCode', 'errorMessage']);
    assert.equal(e.event.responseElements, null);
    assert.deepEqual(e.event.requestParameters, { userName: 'x' });
    assert.deepEqual(e.record.resources, [{ type: 'AWS::IAM::User', name: 'x' }]);
  });

  it("read-only calls keep no response; writes do, with dates in CloudTrail's format", () => {
    const get = buildEvents(
      input({ principal: user, service: 'iam', operation: 'GetUser', responseElements: { User: { UserName: 'x' } } }),
      { newId: ids() },
    )[0]!;
    assert.equal(get.event.responseElements, null);
    const create = buildEvents(
      input({
        principal: user,
        service: 'iam',
        operation: 'CreateAccessKey',
        readOnly: false,
        requestParameters: { UserName: 'bob' },
        responseElements: {
          AccessKey: {
            UserName: 'bob',
            AccessKeyId: 'AKIANEW',
            Status: 'Active',
            SecretAccessKey: 'new-secret',
            CreateDate: '2024-01-02T00:30:00Z',
          },
        },
      }),
      { newId: ids() },
    )[0]!;
    assert.deepEqual(create.event.responseElements, {
      accessKey: {
        userName: 'bob',
        accessKeyId: 'AKIANEW',
        status: 'Active',
        secretAccessKey: 'HIDDEN_DUE_TO_SECURITY_REASONS',
        createDate: 'Jan 2, 2024, 12:30:00 AM',
      },
    });
    assert.deepEqual(create.record.resources, [
      { type: 'AWS::IAM::User', name: 'bob' },
      { type: 'AWS::IAM::AccessKey', name: 'AKIANEW' },
    ]);
  });

  it("a request that never authenticated: Unknown identity, in its key's account when known", () => {
    const known = buildEvents(input({ accessKeyId: 'AKIAWHO', errorCode: 'SignatureDoesNotMatch', errorMessage: 'bad' }), {
      newId: ids(),
      keyAccountId: A,
    })[0]!;
    assert.deepEqual(known.event.userIdentity, { type: 'Unknown', accountId: A, accessKeyId: 'AKIAWHO' });
    assert.equal(known.event.recipientAccountId, A);
    assert.equal(known.record.accountId, A);
    assert.equal(known.record.accessKeyId, 'AKIAWHO');
    const unknown = buildEvents(input({ operation: 'Unknown', errorCode: 'MissingAuthenticationToken', errorMessage: 'x' }), {
      newId: ids(),
    })[0]!;
    assert.deepEqual(unknown.event.userIdentity, { type: 'Unknown' });
    assert.equal(unknown.event.recipientAccountId, undefined);
    assert.equal(unknown.record.accountId, '');
  });

  it('S3: data events are marked as such, bucketName as CloudTrail spells it, bucket and object resources', () => {
    const e = buildEvents(
      input({
        principal: user,
        service: 's3',
        operation: 'GetObject',
        dataEvent: true,
        requestParameters: { Bucket: 'b', Key: 'a/b.txt', Body: new Uint8Array([1]) },
      }),
      { newId: ids() },
    )[0]!;
    assert.equal(e.event.eventSource, 's3.amazonaws.com');
    assert.equal(e.event.managementEvent, false);
    assert.equal(e.event.eventCategory, 'Data');
    assert.deepEqual(e.event.requestParameters, { bucketName: 'b', key: 'a/b.txt' });
    assert.deepEqual(e.event.resources, [
      { ARN: 'arn:aws:s3:::b', type: 'AWS::S3::Bucket' },
      { ARN: 'arn:aws:s3:::b/a/b.txt', type: 'AWS::S3::Object' },
    ]);
  });

  it('lookup columns drop NUL and are capped; the body keeps the full value', () => {
    const long = `X\0${'é'.repeat(2000)}`;
    const e = buildEvents(input({ operation: long, errorCode: 'InvalidAction', errorMessage: 'x' }), { newId: ids() })[0]!;
    assert.ok(!e.record.eventName.includes('\0'));
    assert.ok(Buffer.byteLength(e.record.eventName) <= 1024);
    assert.ok(e.record.eventName.startsWith('Xéé'));
    assert.ok(!e.record.eventName.includes('\uFFFD'), 'cut on a character boundary');
    assert.equal(JSON.parse(e.record.body).eventName, long);
  });

  it("an ARN's account is read as parseArn reads it", () => {
    const arns = [
      'arn:aws:iam::111122223333:role/path/r',
      'arn:aws:sts::111122223333:assumed-role/r/s',
      'arn:aws:s3:::bucket/key:with:colons',
      'arn:aws:iam::1:',
      'arn:aws:iam::1',
      'arn:::::',
      'arn::::',
      'arn:aws:iam:us-east-1:444455556666:user/u',
      'ARN:aws:iam::111122223333:role/r',
      'xarn:aws:iam::111122223333:role/r',
      '',
    ];
    for (const arn of arns) assert.equal(arnAccount(arn), parseArn(arn)?.account, arn);
  });

  it('member names and dates', () => {
    assert.equal(lowerFirst('SAMLAssertion'), 'sAMLAssertion');
    assert.equal(lowerFirst('RoleArn'), 'roleArn');
    assert.equal(javaMediumDate(Date.UTC(2019, 9, 2, 23, 12, 29)), 'Oct 2, 2019, 11:12:29 PM');
    assert.equal(javaMediumDate(Date.UTC(2019, 9, 2, 0, 5, 9)), 'Oct 2, 2019, 12:05:09 AM');
    assert.equal(javaMediumDate(Date.UTC(2019, 9, 2, 12, 0, 0)), 'Oct 2, 2019, 12:00:00 PM');
  });

  it('event ids are RFC 9562 version-7 UUIDs: unique, ordered by time', () => {
    const ids = [timeOrderedUuid(T), timeOrderedUuid(T + 1), timeOrderedUuid(T + 1000), timeOrderedUuid(T + 86_400_000)];
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(ids[0]!.slice(0, 13), `${T.toString(16).padStart(12, '0').slice(0, 8)}-${T.toString(16).padStart(12, '0').slice(8)}`);
    assert.notEqual(timeOrderedUuid(T), timeOrderedUuid(T));
  });

  it('event ids made in the same millisecond keep the order they were made in (a counter, not random bits)', () => {
    const later = T + 10 * 86_400_000;
    const sameMs = Array.from({ length: 5000 }, () => timeOrderedUuid(later));
    assert.deepEqual([...sameMs].sort(), sameMs);
    assert.equal(new Set(sameMs).size, sameMs.length);
    for (const id of sameMs) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
