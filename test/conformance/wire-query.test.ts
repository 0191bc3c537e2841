import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../support/server.js';
import { formBody, presignedUrl, sendSigned, signedRequest } from '../support/clients-signer.js';
import { child, childNames, parseXml, textAt, type XmlElement } from '../support/clients-xml.js';

/**
 * The AWS Query protocol on the wire, with hand-built requests signed by the SDK's own signer:
 * GET and POST forms, presigned URLs, the success and error envelopes (reference §1.3, §1.4),
 * the headers clients rely on, and bad input that must get an AWS error while the server keeps
 * serving.
 */

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const IAM_VERSION = '2010-05-08';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let server: TestServer;

interface Reply {
  status: number;
  headers: Headers;
  text: string;
}

/** Common to every Query reply: x-amzn-RequestId (a UUID), Date (near now), Content-Type text/xml. */
function checkHeaders(reply: Reply): string {
  const requestId = reply.headers.get('x-amzn-requestid') ?? '';
  assert.match(requestId, UUID, 'x-amzn-RequestId header');
  const date = Date.parse(reply.headers.get('date') ?? '');
  assert.ok(Math.abs(date - Date.now()) < 60_000, `Date header ${reply.headers.get('date')}`);
  assert.match(reply.headers.get('content-type') ?? '', /^text\/xml/);
  assert.equal(Number(reply.headers.get('content-length')), Buffer.byteLength(reply.text));
  return requestId;
}

/** `<ErrorResponse xmlns><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`. */
function errorEnvelope(reply: Reply, status: number, code: string, namespace = IAM_NS): { message: string; root: XmlElement } {
  assert.equal(reply.status, status, reply.text);
  const requestId = checkHeaders(reply);
  const root = parseXml(reply.text);
  assert.equal(root.name, 'ErrorResponse');
  assert.equal(root.attributes.xmlns, namespace);
  assert.deepEqual(childNames(root), ['Error', 'RequestId']);
  const error = child(root, 'Error');
  assert.deepEqual(childNames(error), ['Type', 'Code', 'Message']);
  assert.equal(textAt(error, 'Type'), status >= 500 ? 'Receiver' : 'Sender');
  assert.equal(textAt(error, 'Code'), code, reply.text);
  assert.equal(textAt(root, 'RequestId'), requestId, 'body RequestId = header x-amzn-RequestId');
  return { message: textAt(error, 'Message'), root };
}

/** `<{Op}Response xmlns><{Op}Result>…</{Op}Result><ResponseMetadata><RequestId/></ResponseMetadata></{Op}Response>`. */
function successEnvelope(reply: Reply, operation: string, namespace = IAM_NS, hasResult = true): XmlElement | undefined {
  assert.equal(reply.status, 200, reply.text);
  const requestId = checkHeaders(reply);
  const root = parseXml(reply.text);
  assert.equal(root.name, `${operation}Response`);
  assert.equal(root.attributes.xmlns, namespace);
  assert.deepEqual(childNames(root), hasResult ? [`${operation}Result`, 'ResponseMetadata'] : ['ResponseMetadata']);
  assert.deepEqual(childNames(child(root, 'ResponseMetadata')), ['RequestId']);
  assert.equal(textAt(root, 'ResponseMetadata', 'RequestId'), requestId, 'body RequestId = header x-amzn-RequestId');
  return hasResult ? child(root, `${operation}Result`) : undefined;
}

const iam = (form: Record<string, string>, extra: Partial<Parameters<typeof sendSigned>[2]> = {}) =>
  sendSigned(server.url, server.admin, { form: { Version: IAM_VERSION, ...form }, ...extra });

const unsigned = (init: RequestInit & { query?: string } = {}) =>
  fetch(`${server.url}/${init.query ? `?${init.query}` : ''}`, init).then(async (r) => ({
    status: r.status,
    headers: r.headers,
    text: await r.text(),
  }));

suite('AWS Query protocol on the wire', () => {
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.close();
  });

  test('POST form: the success envelope of GetUser', async () => {
    const result = successEnvelope(await iam({ Action: 'GetUser', UserName: 'admin' }), 'GetUser')!;
    assert.deepEqual(childNames(result), ['User']);
    const user = child(result, 'User');
    assert.equal(textAt(user, 'UserName'), 'admin');
    assert.equal(textAt(user, 'Arn'), `arn:aws:iam::${server.accountId}:user/admin`);
    assert.equal(textAt(user, 'Path'), '/');
    assert.match(textAt(user, 'CreateDate'), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  test('an operation without an output shape has no Result element', async () => {
    successEnvelope(await iam({ Action: 'CreateUser', UserName: 'wire-temp' }), 'CreateUser');
    successEnvelope(await iam({ Action: 'DeleteUser', UserName: 'wire-temp' }), 'DeleteUser', IAM_NS, false);
  });

  test('GET with the call in the query string (signed Authorization header)', async () => {
    const reply = await sendSigned(server.url, server.admin, {
      method: 'GET',
      query: { Action: 'ListUsers', Version: IAM_VERSION, MaxItems: '1' },
    });
    const result = successEnvelope(reply, 'ListUsers')!;
    const users = child(result, 'Users');
    assert.deepEqual(childNames(users), ['member']);
    assert.equal(textAt(result, 'IsTruncated'), 'false', 'only the admin exists');
  });

  test('a presigned GET URL (SigV4 in the query string) for STS GetCallerIdentity', async () => {
    const url = await presignedUrl(server.url, server.admin, { Action: 'GetCallerIdentity', Version: '2011-06-15' });
    assert.match(url, /X-Amz-Signature=/);
    const reply = await unsigned({ method: 'GET', query: url.slice(url.indexOf('?') + 1) });
    const result = successEnvelope(reply, 'GetCallerIdentity', STS_NS)!;
    assert.equal(textAt(result, 'Arn'), `arn:aws:iam::${server.accountId}:user/admin`);
    assert.equal(textAt(result, 'Account'), server.accountId);
  });

  test('STS and IAM share one endpoint: Version picks the service', async () => {
    const reply = await sendSigned(server.url, server.admin, {
      service: 'sts',
      form: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    });
    successEnvelope(reply, 'GetCallerIdentity', STS_NS);
  });

  test('an unknown Action is InvalidAction (400) in the error envelope', async () => {
    errorEnvelope(await iam({ Action: 'MakeCoffee' }), 400, 'InvalidAction');
    // An STS action sent with IAM's version is not an IAM operation.
    errorEnvelope(await iam({ Action: 'GetCallerIdentity' }), 400, 'InvalidAction');
  });

  test('a request without Action is MissingAction (400)', async () => {
    errorEnvelope(await iam({}), 400, 'MissingAction');
  });

  test('a missing required parameter is MissingParameter (400)', async () => {
    const { message } = errorEnvelope(await iam({ Action: 'CreateUser' }), 400, 'MissingParameter');
    assert.match(message, /UserName/);
  });

  test('an unsigned oversized body is refused from the headers, unread: MissingAuthenticationToken (403)', async () => {
    const big = `Action=ListUsers&Version=${IAM_VERSION}&Pad=${'a'.repeat(2 * 1024 * 1024)}`;
    const reply = await unsigned({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: big }).catch(
      () => undefined,
    );
    // The server may close the connection while the client is still sending: either way, no 413 and no 5xx.
    if (reply) errorEnvelope(reply, 403, 'MissingAuthenticationToken');
    successEnvelope(await iam({ Action: 'GetUser', UserName: 'admin' }), 'GetUser');
  });

  test('an unsigned request is MissingAuthenticationToken (403)', async () => {
    const body = formBody({ Action: 'ListUsers', Version: IAM_VERSION });
    const reply = await unsigned({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    errorEnvelope(reply, 403, 'MissingAuthenticationToken');
    const sts = await unsigned({ method: 'GET', query: formBody({ Action: 'GetCallerIdentity', Version: '2011-06-15' }) });
    errorEnvelope(sts, 403, 'MissingAuthenticationToken', STS_NS);
  });

  test('a signature from 20 minutes ago is refused with RequestExpired', async () => {
    const reply = await iam({ Action: 'ListUsers' }, { signingDate: new Date(Date.now() - 20 * 60_000) });
    assert.ok(reply.status === 400 || reply.status === 403, reply.text);
    errorEnvelope(reply, reply.status, 'RequestExpired');
  });

  test('a body changed after signing is SignatureDoesNotMatch', async () => {
    const { url, init } = await signedRequest(server.url, server.admin, { form: { Action: 'ListUsers', Version: IAM_VERSION } });
    const r = await fetch(url, { ...init, body: formBody({ Action: 'DeleteUser', Version: IAM_VERSION, UserName: 'admin' }) });
    errorEnvelope({ status: r.status, headers: r.headers, text: await r.text() }, 403, 'SignatureDoesNotMatch');
    successEnvelope(await iam({ Action: 'GetUser', UserName: 'admin' }), 'GetUser');
  });

  test('a malformed body gets an AWS error and the server keeps serving', async () => {
    const garbage = Buffer.concat([Buffer.from('%%%&&==&%ZZ&Action'), Buffer.from([0, 0xff, 0xfe, 0x80]), Buffer.from('=&=')]);
    const reply = await sendSigned(server.url, server.admin, {
      body: garbage,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    });
    assert.ok(reply.status >= 400 && reply.status < 500, `${reply.status} ${reply.text}`);
    const code = textAt(parseXml(reply.text), 'Error', 'Code');
    errorEnvelope(reply, reply.status, code);
    successEnvelope(await iam({ Action: 'GetUser', UserName: 'admin' }), 'GetUser');
  });

  test('an oversized signed body is refused with 413 and the server keeps serving', async () => {
    const reply = await iam({ Action: 'ListUsers', Pad: 'a'.repeat(2 * 1024 * 1024) });
    errorEnvelope(reply, 413, 'RequestEntityTooLarge');
    successEnvelope(await iam({ Action: 'GetUser', UserName: 'admin' }), 'GetUser');
  });

  test('an oversized signed chunked body (no Content-Length) is refused with 413 too', async () => {
    const head = `Action=ListUsers&Version=${IAM_VERSION}&Pad=`;
    const pad = 'a'.repeat(256 * 1024);
    const whole = head + pad.repeat(8);
    // Signed over the whole body, then sent as a stream so that no Content-Length goes out.
    const { url, init } = await signedRequest(server.url, server.admin, {
      body: whole,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const chunk = new TextEncoder().encode(pad);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode(head));
        if (sent >= 8) controller.close();
        else controller.enqueue(chunk);
        sent++;
      },
    });
    const headers = Object.fromEntries(
      Object.entries(init.headers as Record<string, string>).filter(([k]) => k.toLowerCase() !== 'content-length'),
    );
    const r = await fetch(url, { ...init, headers, body: stream, duplex: 'half' });
    const reply = { status: r.status, headers: r.headers, text: await r.text() };
    errorEnvelope(reply, 413, 'RequestEntityTooLarge');
    successEnvelope(await iam({ Action: 'GetUser', UserName: 'admin' }), 'GetUser');
  });

  test('XML specials in values are escaped in the envelope', async () => {
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    const reply = await iam({
      Action: 'CreateRole',
      RoleName: 'wire-escaped',
      AssumeRolePolicyDocument: doc,
      Description: 'R&D <ops> "x"',
    });
    const result = successEnvelope(reply, 'CreateRole')!;
    assert.doesNotMatch(reply.text, /R&D|<ops>/);
    assert.equal(textAt(result, 'Role', 'Description'), 'R&D <ops> "x"');
  });

  test('policy documents are URL-encoded in the XML', async () => {
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    const reply = await iam({ Action: 'CreateRole', RoleName: 'wire-role', AssumeRolePolicyDocument: doc });
    const result = successEnvelope(reply, 'CreateRole')!;
    const encoded = textAt(result, 'Role', 'AssumeRolePolicyDocument');
    assert.match(encoded, /^%7B%22Version%22%3A%222012-10-17%22/);
    assert.equal(decodeURIComponent(encoded), doc);
  });
});
