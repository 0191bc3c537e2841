import { describe, it, before, after } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { GetSessionTokenCommand } from '@aws-sdk/client-sts';
import type { AuditInput } from '../../src/audit/audit-input.js';
import type { Logger } from '../../src/kernel/logger.js';
import type { Principal } from '../../src/model/principal.js';
import { createLogger } from '../../src/platform/node-logger.js';
import { inProcessRequest, responseBytes } from '../../src/server/edge/in-process-request.js';
import { logRequest, REQUEST_LOG_MSG, requestLogFields } from '../../src/server/request-log.js';
import { formBody, signer } from '../support/clients-signer.js';
import { stsClient } from '../support/sdk-clients.js';
import { startTestServer, TEST_ACCOUNT_ID, type TestServer } from '../support/server.js';

const ISO = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';

function audit(extra: Partial<AuditInput> = {}): AuditInput {
  return {
    requestId: 'c0ffee00-1111-2222-3333-444455556666',
    time: 0,
    service: 'iam',
    operation: 'CreateUser',
    sourceIp: '127.0.0.1',
    userAgent: 'test',
    region: 'us-east-1',
    readOnly: false,
    ...extra,
  };
}

const admin = { arn: `arn:aws:iam::${TEST_ACCOUNT_ID}:user/admin` } as Principal;

/** A logger of `format` whose lines land in `lines`. */
function capture(format: 'json' | 'text', level: 'info' | 'warn' = 'info'): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger(level, (l) => void lines.push(l), format), lines };
}

describe('request log: the line', () => {
  it('fields in a fixed order: service, action, status, errorCode, caller, durationMs, requestId', () => {
    const ok = requestLogFields(audit({ principal: admin, accessKeyId: 'AKIAEXAMPLE' }), 200, 3.14159);
    assert.deepEqual(Object.entries(ok), [
      ['service', 'iam'],
      ['action', 'CreateUser'],
      ['status', 200],
      ['principal', admin.arn],
      ['durationMs', 3.1],
      ['requestId', 'c0ffee00-1111-2222-3333-444455556666'],
    ]);
    // Authentication failed: the access key id stands in for the caller.
    const refused = requestLogFields(audit({ accessKeyId: 'AKIAEXAMPLE', errorCode: 'SignatureDoesNotMatch' }), 403, 0.04);
    assert.deepEqual(Object.keys(refused), ['service', 'action', 'status', 'errorCode', 'accessKeyId', 'durationMs', 'requestId']);
    assert.equal(refused.accessKeyId, 'AKIAEXAMPLE');
    assert.equal(refused.durationMs, 0);
    // Unsigned (anonymous) and never identified: no caller at all.
    assert.deepEqual(Object.keys(requestLogFields(audit({ operation: 'Unknown' }), 400, 1)), [
      'service',
      'action',
      'status',
      'durationMs',
      'requestId',
    ]);
  });

  it('values that come from the request are cut short', () => {
    const long = 'A'.repeat(1000);
    const f = requestLogFields(audit({ operation: long, accessKeyId: long }), 400, 1);
    assert.ok(f.action.length <= 129 && f.accessKeyId!.length <= 129);
  });

  it('JSON: one object per line, with time, level and msg first', () => {
    const { logger, lines } = capture('json');
    logRequest(logger, audit({ principal: admin, errorCode: 'AccessDenied' }), 403, performance.now() - 12);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^\{"time":"[^"]+","level":"info","msg":"request","service":"iam","action":"CreateUser","status":403,/);
    assert.ok(lines[0]!.endsWith('}\n'));
    const parsed = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.match(parsed.time as string, new RegExp(`^${ISO}$`));
    assert.equal(parsed.msg, REQUEST_LOG_MSG);
    assert.equal(parsed.errorCode, 'AccessDenied');
    assert.equal(parsed.principal, admin.arn);
    assert.ok((parsed.durationMs as number) >= 12);
  });

  it('text: time, level, msg, then key=value', () => {
    const { logger, lines } = capture('text');
    logRequest(logger, audit({ principal: admin, errorCode: 'AccessDenied' }), 403, performance.now());
    assert.equal(lines.length, 1);
    assert.match(
      lines[0]!,
      new RegExp(
        `^${ISO} INFO  request service=iam action=CreateUser status=403 errorCode=AccessDenied ` +
          `principal=arn:aws:iam::${TEST_ACCOUNT_ID}:user/admin durationMs=[\\d.]+ requestId=c0ffee00-1111-2222-3333-444455556666\\n$`,
      ),
    );
  });

  it('text: a value with spaces, quotes, = or control characters is quoted, so a line stays one line', () => {
    const { logger, lines } = capture('text');
    logger.warn('odd\nmessage', {
      a: 'two words',
      b: 'x=y',
      c: 'line\nbreak\u001b[31m',
      d: '',
      e: 7,
      f: { g: [1] },
      h: undefined,
      i: null,
      j: 'c1\u009b2J',
    });
    assert.equal(lines.length, 1);
    assert.equal(lines[0]!.split('\n').length, 2);
    assert.ok(
      lines[0]!.endsWith(
        ' WARN  "odd\\nmessage" a="two words" b="x=y" c="line\\nbreak\\u001b[31m" d="" e=7 f={"g":[1]} i=null j="c1\\u009b2J"\n',
      ),
      lines[0],
    );
  });

  it('auto: text on a terminal, JSON lines otherwise; a write function is never a terminal', (t) => {
    const writes: string[] = [];
    t.mock.method(process.stderr, 'write', (chunk: string) => writes.push(chunk) > 0);
    createLogger('info', undefined, 'auto', true).info('hello', { a: 1 });
    createLogger('info', undefined, 'auto', false).info('hello', { a: 1 });
    createLogger('info', undefined, 'json', true).info('hello', { a: 1 });
    createLogger('info', undefined, 'text', false).info('hello', { a: 1 });
    t.mock.restoreAll();
    assert.match(writes[0]!, new RegExp(`^${ISO} INFO {2}hello a=1\\n$`));
    assert.match(writes[1]!, /^\{"time":.*"msg":"hello","a":1\}\n$/);
    assert.match(writes[2]!, /^\{"time":/);
    assert.match(writes[3]!, / INFO {2}hello a=1\n$/);
    const lines: string[] = [];
    createLogger('info', (l) => void lines.push(l), 'auto', true).info('x');
    assert.match(lines[0]!, /^\{/);
  });

  it('off at warn: nothing is built, nothing is written', () => {
    const { logger, lines } = capture('json', 'warn');
    assert.equal(logger.enabled?.('info'), false);
    assert.equal(logger.enabled?.('warn'), true);
    logRequest(logger, audit({ principal: admin }), 200, performance.now());
    assert.deepEqual(lines, []);
    // A logger that says info is off is not even asked (the fields are never made).
    const refusing: Logger = {
      error: () => assert.fail('error'),
      warn: () => assert.fail('warn'),
      info: () => assert.fail('info: the request log did not check the level first'),
      debug: () => assert.fail('debug'),
      enabled: () => false,
    };
    logRequest(refusing, audit(), 200, performance.now());
  });
});

describe('request log: no secret in it', () => {
  let server: TestServer;
  const text: string[] = [];
  const json: string[] = [];
  before(async () => {
    const t = createLogger('info', (l) => void text.push(l), 'text');
    const j = createLogger('info', (l) => void json.push(l), 'json');
    const both: Logger = {
      error: (m, f) => (t.error(m, f), j.error(m, f)),
      warn: (m, f) => (t.warn(m, f), j.warn(m, f)),
      info: (m, f) => (t.info(m, f), j.info(m, f)),
      debug: (m, f) => (t.debug(m, f), j.debug(m, f)),
      enabled: t.enabled,
    };
    server = await startTestServer({}, { logger: both });
  });
  after(async () => server.close());

  it('a request signed with a session token: neither the token, the secret nor the signature is logged', async () => {
    const c = (await stsClient(server.url, server.admin).send(new GetSessionTokenCommand({}))).Credentials!;
    const session = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    const secrets = [session.secretAccessKey, session.sessionToken, server.admin.secretAccessKey];
    const host = 'keysmith.in-process';

    // Signed in the Authorization header (the token in X-Amz-Security-Token).
    const body = formBody({ Action: 'GetCallerIdentity', Version: '2011-06-15' });
    const headers = { host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    const signed = await signer(session, 'us-east-1', 'sts').sign({
      method: 'POST',
      protocol: 'http:',
      hostname: host,
      path: '/',
      headers,
      body,
    });
    const signature = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization!)![1]!;
    secrets.push(signature);
    let res = await server.keysmith.app.handle(inProcessRequest({ method: 'POST', url: '/', headers: signed.headers, body }));
    assert.equal(res.status, 200, (await responseBytes(res)).toString());

    // The same call refused: a wrong signature, the token still sent.
    const wrong = signature.replace(/^./, (ch) => (ch === '0' ? '1' : '0'));
    const forged = { ...signed.headers, authorization: signed.headers.authorization!.replace(signature, wrong) };
    secrets.push(wrong);
    res = await server.keysmith.app.handle(inProcessRequest({ method: 'POST', url: '/', headers: forged, body }));
    assert.equal(res.status, 403);

    // Presigned: the token and the signature in the query string.
    const presigned = await signer(session, 'us-east-1', 'sts').presign(
      {
        method: 'GET',
        protocol: 'http:',
        hostname: host,
        path: '/',
        query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
        headers: { host },
      },
      { expiresIn: 300 },
    );
    const query = presigned.query as Record<string, string>;
    secrets.push(query['X-Amz-Signature']!);
    res = await server.keysmith.app.handle(inProcessRequest({ method: 'GET', url: `/?${formBody(query)}`, headers: { host } }));
    assert.equal(res.status, 200, (await responseBytes(res)).toString());

    const requestLines = (lines: string[]) => lines.filter((l) => l.includes('request'));
    for (const [format, lines] of [
      ['text', text],
      ['json', json],
    ] as const) {
      const logged = requestLines(lines);
      assert.ok(logged.length >= 4, `${format}: ${logged.length} request lines`);
      const all = lines.join('');
      for (const secret of secrets) assert.ok(!all.includes(secret), `${format} log holds ${secret.slice(0, 8)}…`);
      assert.ok(!all.includes('X-Amz-Signature') && !all.includes('X-Amz-Security-Token'), `${format} log names a signed URL`);
      // The session's calls are logged by who made them (the admin's ARN), or by key id when refused.
      assert.ok(all.includes(`arn:aws:iam::${TEST_ACCOUNT_ID}:user/admin`));
      assert.ok(all.includes(session.accessKeyId));
    }
  });
});
