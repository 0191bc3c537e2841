import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { after, describe, it } from '../support/node-test.js';
import type { AuditInput } from '../../src/audit/audit-input.js';
import { auditRecordOf } from '../../src/audit/audit-record.js';
import { AuditWorkerClient } from '../../src/audit/audit-worker-client.js';
import { buildEvents } from '../../src/audit/build-events.js';
import { REDACTED } from '../../src/audit/redact.js';
import { shape } from '../../src/model/shapes.js';
import type { Logger } from '../../src/kernel/logger.js';
import type { Principal } from '../../src/model/principal.js';
import type { AssumedRoleClaims } from '../../src/model/session.js';

const root = mkdtempSync(join(tmpdir(), 'keysmith-audit-record-'));
after(() => rmSync(root, { recursive: true, force: true }));

const A = '111122223333';
const B = '777788889999';
const T = Date.UTC(2024, 0, 2, 15, 4, 5);

/** The caller's own session secret, the secret and token AssumeRole hands out, an MFA code. */
const CALLER_SECRET = 'callerSessionSecret0123456789abcdefABCDEF';
const MINTED_SECRET = 'mintedSecretAccessKey0123456789abcdefABCD';
const MINTED_TOKEN = 'mintedSessionTokenIQoJb3JpZ2luX2VjEPT0123';
const TOKEN_CODE = '918273';
const SIGNATURE = 'f'.repeat(64);
const SECRETS = [CALLER_SECRET, MINTED_SECRET, MINTED_TOKEN, TOKEN_CODE, SIGNATURE];

const session: AssumedRoleClaims = {
  accessKeyId: 'ASIACALLER',
  secretAccessKey: CALLER_SECRET,
  kind: 'AssumedRole',
  accountId: A,
  issuedAt: T / 1000 - 60,
  expiresAt: T / 1000 + 3600,
  roleId: 'AROADEV',
  roleName: 'Dev',
  rolePath: '/team/',
  sessionName: 'alice',
  policy: '{"Version":"2012-10-17","Statement":[]}',
  tags: [{ Key: 'team', Value: 'blue' }],
  transitiveTagKeys: ['team'],
  sourceIdentity: 'alice@example.com',
  mfaAuthenticated: true,
  originArn: `arn:aws:iam::${A}:user/alice`,
  originUserId: 'AIDAALICE',
  originUserName: 'alice',
};

const principal: Principal = {
  type: 'AssumedRole',
  accountId: A,
  arn: `arn:aws:sts::${A}:assumed-role/Dev/alice`,
  userId: 'AROADEV:alice',
  entityId: 'AROADEV',
  accessKeyId: 'ASIACALLER',
  temporary: true,
  tags: [{ Key: 'team', Value: 'blue' }],
  session,
};

/** A role session assuming a role of another account, with MFA, as the pipeline gathers it. */
function assumeRole(extra: Partial<AuditInput> = {}): AuditInput {
  return {
    requestId: 'req-assume',
    time: T,
    service: 'sts',
    operation: 'AssumeRole',
    principal,
    accessKeyId: 'ASIACALLER',
    sourceIp: '192.0.2.7',
    userAgent: 'aws-cli/2',
    region: 'us-east-1',
    readOnly: true,
    requestParameters: {
      RoleArn: `arn:aws:iam::${B}:role/Target`,
      RoleSessionName: 'alice-target',
      SerialNumber: `arn:aws:iam::${A}:mfa/alice`,
      TokenCode: TOKEN_CODE,
    },
    responseElements: {
      Credentials: {
        AccessKeyId: 'ASIAMINTED',
        SecretAccessKey: MINTED_SECRET,
        SessionToken: MINTED_TOKEN,
        Expiration: new Date(T + 3_600_000),
      },
      AssumedRoleUser: { AssumedRoleId: 'AROATARGET:alice-target', Arn: `arn:aws:sts::${B}:assumed-role/Target/alice-target` },
      SourceIdentity: 'alice@example.com',
    },
    ...extra,
  };
}

function assertNoSecret(text: string, where: string): void {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${secret} found in ${where}`);
}

describe('audit: the record handed to the audit log', () => {
  it('an AssumeRole by a role session with credentials in its output: no secret and no token anywhere in the record', () => {
    // The search finds them where they are: in what the pipeline gathered.
    const gathered = serialize(assumeRole()).toString('latin1');
    for (const secret of [CALLER_SECRET, MINTED_SECRET, MINTED_TOKEN, TOKEN_CODE]) assert.ok(gathered.includes(secret), secret);

    const record = auditRecordOf(assumeRole());
    assertNoSecret(JSON.stringify(record), 'the record as JSON');
    // What a hand-over to the worker thread copies (structured clone).
    assertNoSecret(serialize(record).toString('latin1'), 'the record as structured-clone bytes');
    assert.ok(!('principal' in record), 'no Principal');
    assert.deepEqual(record.caller, {
      type: 'AssumedRole',
      accountId: A,
      arn: `arn:aws:sts::${A}:assumed-role/Dev/alice`,
      principalId: 'AROADEV:alice',
      accessKeyId: 'ASIACALLER',
      session: {
        issuedAt: T / 1000 - 60,
        mfaAuthenticated: true,
        sourceIdentity: 'alice@example.com',
        sessionName: 'alice',
        issuer: { type: 'Role', principalId: 'AROADEV', arn: `arn:aws:iam::${A}:role/team/Dev`, accountId: A, userName: 'Dev' },
      },
    });
    assert.deepEqual(record.requestParameters, {
      RoleArn: `arn:aws:iam::${B}:role/Target`,
      RoleSessionName: 'alice-target',
      SerialNumber: `arn:aws:iam::${A}:mfa/alice`,
      TokenCode: REDACTED,
    });
    const credentials = (record.responseElements as { Credentials: Record<string, unknown> }).Credentials;
    assert.equal(credentials.AccessKeyId, 'ASIAMINTED', 'the key id is kept: it is how later calls are traced');
    assert.equal(credentials.SecretAccessKey, REDACTED);
    assert.equal(credentials.SessionToken, REDACTED);
    // The input the pipeline holds is not changed.
    assert.equal(session.secretAccessKey, CALLER_SECRET);
  });

  it('the events built from the record: both accounts, the session context, the credentials hidden', () => {
    let n = 0;
    const built = buildEvents(auditRecordOf(assumeRole()), { newId: () => `id-${++n}` });
    assert.equal(built.length, 2, 'cross-account: one event in each account');
    for (const b of built) assertNoSecret(b.record.body, 'an event');
    const [inCaller, inOwner] = built.map((b) => b.event);
    assert.deepEqual(inCaller!.userIdentity.sessionContext, {
      sessionIssuer: { type: 'Role', principalId: 'AROADEV', arn: `arn:aws:iam::${A}:role/team/Dev`, accountId: A, userName: 'Dev' },
      attributes: { creationDate: '2024-01-02T15:03:05Z', mfaAuthenticated: 'true' },
      sourceIdentity: 'alice@example.com',
    });
    assert.deepEqual(inOwner!.userIdentity, { type: 'AWSAccount', principalId: 'AROADEV:alice', accountId: A });
    assert.equal(built[0]!.record.username, 'alice');
  });

  it('an input member its shape marks sensitive is hidden, though no name list knows it; the names still apply', () => {
    const record = auditRecordOf(
      assumeRole({
        operation: 'UploadSomething',
        requestParameters: { Name: 'kept', Brand_New_Secret: 'do-not-record', TokenCode: TOKEN_CODE },
        requestShape: shape.struct({
          Name: shape.string(),
          Brand_New_Secret: shape.string({ sensitive: true }),
          TokenCode: shape.string(),
        }),
      }),
    );
    assert.deepEqual(record.requestParameters, { Name: 'kept', Brand_New_Secret: REDACTED, TokenCode: REDACTED });
  });

  it('a failure: the quoted signature is hidden, the output is not carried', () => {
    const record = auditRecordOf(
      assumeRole({
        errorCode: 'IncompleteSignature',
        errorMessage: `Authorization=AWS4-HMAC-SHA256 Credential=ASIACALLER/x, Signature=${SIGNATURE}`,
      }),
    );
    assertNoSecret(JSON.stringify(record), 'a failed request');
    assert.equal(record.responseElements, undefined);
    assert.match(record.errorMessage ?? '', new RegExp(`Signature=${REDACTED}`));
  });

  it('what crosses to the audit worker thread holds no secret; the event is written', async () => {
    const sent: Buffer[] = [];
    // Every message the client posts to its worker, as the bytes a structured clone makes of it.
    const original = Object.getOwnPropertyDescriptor(Worker.prototype, 'postMessage')!;
    const post = original.value as (this: Worker, message: unknown) => void;
    Worker.prototype.postMessage = function (this: Worker, message: unknown) {
      sent.push(serialize(message));
      post.call(this, message);
    };
    const quiet: Logger = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };
    const file = join(root, 'audit.jsonl');
    try {
      const client = new AuditWorkerClient(
        { databaseUrl: undefined, dataDir: root, file, dataEvents: false, batchSize: 10, flushIntervalMs: 60_000, maxPending: 100 },
        quiet,
      );
      client.record(auditRecordOf(assumeRole()));
      await client.close();
    } finally {
      Object.defineProperty(Worker.prototype, 'postMessage', original);
    }
    assert.ok(sent.length > 0);
    const crossed = Buffer.concat(sent).toString('latin1');
    assert.ok(crossed.includes('ASIAMINTED'), 'the record crossed');
    assertNoSecret(crossed, 'the messages to the worker');
    const written = readFileSync(file, 'utf8');
    assert.equal(written.trimEnd().split('\n').length, 2);
    assertNoSecret(written, 'the audit file');
  });
});
