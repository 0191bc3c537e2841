import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  DeleteOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  type IAMClient,
  ListOpenIDConnectProviderTagsCommand,
  ListOpenIDConnectProvidersCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  TagOpenIDConnectProviderCommand,
  UntagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
} from '@aws-sdk/client-iam';
import { createLogger } from '../../src/platform/node-logger.js';
import { oidcProviderForIssuer } from '../../src/services/iam/oidc-providers/index.js';
import { sendLookupEvents } from '../support/clients-signer.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { allPages, rejects, startIamTestServer } from './iam-test-helpers.js';
import { HEX40, userWithPolicy } from './iam-provider-test-helpers.js';

/**
 * OpenID Connect providers through the AWS SDK v3 against a real keysmith: AWS's URL rules and
 * texts (reference §4.9, recorded), client ids, thumbprints, tags, quotas, authorization with the
 * provider's ARN and its resource tags, and the opt-in for URLs with a port.
 */
let server: TestServer;
let iam: IAMClient;
let acct: string;

const arnOf = (name: string) => `arn:aws:iam::${acct}:oidc-provider/${name}`;
const create = (Url: string, more: { ClientIDList?: string[]; ThumbprintList?: string[]; Tags?: { Key: string; Value: string }[] } = {}) =>
  iam.send(new CreateOpenIDConnectProviderCommand({ Url, ...more }));
const INVALID_URL = 'Invalid Open ID Connect Provider URL';

suite('IAM OpenID Connect providers (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    acct = server.accountId;
  });
  after(async () => {
    iam?.destroy();
    await server?.close();
  });

  test('create, get, list and delete; Url without https://, Tags present when empty', async () => {
    const created = await create('https://token.example.test/oidc', {
      ClientIDList: ['sts.amazonaws.com', 'app'],
      ThumbprintList: [HEX40('a')],
    });
    assert.equal(created.OpenIDConnectProviderArn, arnOf('token.example.test/oidc'));
    assert.equal(created.Tags, undefined);
    const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: created.OpenIDConnectProviderArn }));
    assert.equal(got.Url, 'token.example.test/oidc');
    assert.deepEqual(got.ClientIDList, ['sts.amazonaws.com', 'app']);
    assert.deepEqual(got.ThumbprintList, [HEX40('a')]);
    assert.deepEqual(got.Tags, []);
    assert.ok(got.CreateDate instanceof Date);
    const listed = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    assert.ok(listed.OpenIDConnectProviderList?.some((p) => p.Arn === created.OpenIDConnectProviderArn));
    await iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: created.OpenIDConnectProviderArn }));
    await rejects(
      iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: created.OpenIDConnectProviderArn })),
      'NoSuchEntity',
      `OpenIDConnect Provider not found for arn ${arnOf('token.example.test/oidc')}`,
      404,
    );
    await rejects(
      iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: created.OpenIDConnectProviderArn })),
      'NoSuchEntity',
      `OpenId connect Provider ${arnOf('token.example.test/oidc')} cannot be found.`,
      404,
    );
  });

  test('the thumbprint list is optional; client ids keep their order without repeats', async () => {
    const { OpenIDConnectProviderArn: arn } = await create('https://optional.example.test', { ClientIDList: ['b', 'a', 'b'] });
    const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    assert.deepEqual(got.ThumbprintList, []);
    assert.deepEqual(got.ClientIDList, ['b', 'a']);
  });

  test('URLs AWS refuses: not https, a query, a fragment, a port, no host', async () => {
    for (const url of [
      'example.org',
      'http://plain.example.test',
      'https://q.example.test/path?x=1',
      'https://f.example.test/#frag',
      'https://127.0.0.1:8443',
      'https://',
      'https://user@host.example.test',
      'https://bad host.example.test',
    ]) {
      await rejects(create(url), 'ValidationError', INVALID_URL, 400);
    }
  });

  test('duplicate URL: EntityAlreadyExists with the URL', async () => {
    await create('https://dup.example.test');
    await rejects(
      create('https://dup.example.test'),
      'EntityAlreadyExists',
      'Provider with url https://dup.example.test already exists.',
      409,
    );
  });

  test('thumbprints: at most five (AWS says "fewer than 5"), each 40 hex characters', async () => {
    await rejects(
      create('https://thumbs.example.test', { ThumbprintList: ['a', 'b', 'c', 'd', 'e', 'f'].map(HEX40) }),
      'InvalidInput',
      'Thumbprint list must contain fewer than 5 entries.',
      400,
    );
    await create('https://five.example.test', { ThumbprintList: ['a', 'b', 'c', 'd', 'e'].map(HEX40) });
    await rejects(
      create('https://hex.example.test', { ThumbprintList: [HEX40('z')] }),
      'InvalidInput',
      /not a 40-character hexadecimal/,
      400,
    );
  });

  test('model constraints: one ValidationError naming url, clientIDList and thumbprintList', async () => {
    // AWS groups a list's element constraints ("Member must satisfy constraint: [...]") and sorts
    // the members (recorded, reference §1.5); the shared decoder words each element on its own.
    const error = await rejects(
      create('b'.repeat(256), { ThumbprintList: ['b'.repeat(41)], ClientIDList: ['b'.repeat(256)] }),
      'ValidationError',
      /^3 validation errors detected: /,
      400,
    );
    assert.match(error.message, /Value at 'url' failed to satisfy constraint: Member must have length less than or equal to 255/);
    assert.match(error.message, /Value at 'clientIDList[.\w]*' failed to satisfy constraint: .*less than or equal to 255/);
    assert.match(error.message, /Value at 'thumbprintList[.\w]*' failed to satisfy constraint: .*less than or equal to 40/);
  });

  test('client ids: 100 at most; add and remove are idempotent', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `c${i}`);
    await rejects(
      create('https://clients.example.test', { ClientIDList: many }),
      'LimitExceeded',
      'Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100',
      409,
    );
    const { OpenIDConnectProviderArn: arn } = await create('https://clients.example.test', { ClientIDList: many.slice(0, 99) });
    await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'c99' }));
    await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'c99' }));
    await rejects(
      iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'c100' })),
      'LimitExceeded',
      'Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100',
      409,
    );
    await iam.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'c0' }));
    await iam.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'c0' }));
    const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    assert.equal(got.ClientIDList?.length, 99);
    assert.ok(!got.ClientIDList?.includes('c0'));
    await rejects(
      iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arnOf('missing.example.test'), ClientID: 'x' })),
      'NoSuchEntity',
      `OpenIDConnect Provider not found for arn ${arnOf('missing.example.test')}`,
      404,
    );
  });

  test('UpdateOpenIDConnectProviderThumbprint replaces the list', async () => {
    const { OpenIDConnectProviderArn: arn } = await create('https://rotate.example.test', { ThumbprintList: [HEX40('b')] });
    await iam.send(
      new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: [HEX40('c'), HEX40('d')] }),
    );
    const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    assert.deepEqual(got.ThumbprintList, [HEX40('c'), HEX40('d')]);
    await rejects(
      iam.send(
        new UpdateOpenIDConnectProviderThumbprintCommand({
          OpenIDConnectProviderArn: arn,
          ThumbprintList: ['1', '2', '3', '4', '5', '6'].map(HEX40),
        }),
      ),
      'InvalidInput',
      'Thumbprint list must contain fewer than 5 entries.',
    );
  });

  test('tags: in the create answer, case-sensitive keys, paging, 50 at most', async () => {
    const tags = Array.from({ length: 10 }, (_, i) => ({ Key: `k${String(i).padStart(2, '0')}`, Value: `v${i}` }));
    const created = await create('https://tags.example.test', { Tags: tags });
    const arn = created.OpenIDConnectProviderArn!;
    assert.deepEqual(created.Tags, tags);
    const pages = await allPages((Marker) =>
      iam.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn, MaxItems: 4, Marker })),
    );
    assert.deepEqual(
      pages.map((p) => p.Tags?.length),
      [4, 4, 2],
    );
    await iam.send(
      new TagOpenIDConnectProviderCommand({
        OpenIDConnectProviderArn: arn,
        Tags: [
          { Key: 'K00', Value: 'upper' },
          { Key: 'k01', Value: 'new' },
        ],
      }),
    );
    await iam.send(new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, TagKeys: ['k00', 'absent'] }));
    const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    assert.equal(got.Tags?.length, 10);
    assert.deepEqual(
      got.Tags?.find((t) => t.Key === 'K00'),
      { Key: 'K00', Value: 'upper' },
    );
    assert.deepEqual(
      got.Tags?.find((t) => t.Key === 'k01'),
      { Key: 'k01', Value: 'new' },
    );
    const more = Array.from({ length: 41 }, (_, i) => ({ Key: `m${i}`, Value: '' }));
    await rejects(
      iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: more })),
      'LimitExceeded',
      'The number of tags has reached the maximum limit.',
      409,
    );
    await rejects(
      create('https://dup-tags.example.test', {
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'a', Value: '2' },
        ],
      }),
      'InvalidInput',
      'Duplicate tag keys found.',
      400,
    );
  });

  test('authorization: the action on the provider ARN, and its resource tags', async () => {
    const { OpenIDConnectProviderArn: tagged } = await create('https://authz.example.test', { Tags: [{ Key: 'team', Value: 'blue' }] });
    const { OpenIDConnectProviderArn: other } = await create('https://authz-other.example.test', { Tags: [{ Key: 'team', Value: 'red' }] });
    const client = await userWithPolicy(server.url, iam, 'oidc-reader', {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'iam:GetOpenIDConnectProvider',
          Resource: '*',
          Condition: { StringEquals: { 'aws:ResourceTag/team': 'blue' } },
        },
      ],
    });
    assert.equal((await client.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: tagged }))).Url, 'authz.example.test');
    await rejects(
      client.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: other })),
      'AccessDenied',
      new RegExp(
        `^User: arn:aws:iam::${acct}:user/oidc-reader is not authorized to perform: iam:GetOpenIDConnectProvider on resource: ${other!.replace(/[.]/g, '\\.')} `,
      ),
      403,
    );
    await rejects(
      client.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://denied.example.test' })),
      'AccessDenied',
      new RegExp(`iam:CreateOpenIDConnectProvider on resource: arn:aws:iam::${acct}:oidc-provider/denied\\.example\\.test `),
      403,
    );
    await rejects(
      client.send(new ListOpenIDConnectProvidersCommand({})),
      'AccessDenied',
      /iam:ListOpenIDConnectProviders on resource: \* /,
      403,
    );
    client.destroy();
  });

  test('oidcProviderForIssuer: the federation lookup matches the issuer exactly', async () => {
    await create('https://issuer.example.test/realm', { ClientIDList: ['aud-1'], ThumbprintList: [HEX40('e')] });
    const store = server.keysmith.app.store;
    const found = await oidcProviderForIssuer(store, acct, 'https://issuer.example.test/realm');
    assert.deepEqual(found, {
      arn: arnOf('issuer.example.test/realm'),
      url: 'https://issuer.example.test/realm',
      clientIds: ['aud-1'],
      thumbprints: [HEX40('e')],
    });
    assert.equal(await oidcProviderForIssuer(store, acct, 'https://ISSUER.example.test/realm'), undefined);
    assert.equal(await oidcProviderForIssuer(store, acct, 'https://issuer.example.test/realm/'), undefined);
    assert.equal(await oidcProviderForIssuer(store, '999999999999', 'https://issuer.example.test/realm'), undefined);
  });

  test('quota: 100 providers per account', async () => {
    const existing = (await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList?.length ?? 0;
    for (let i = existing; i < 100; i++) await create(`https://quota-${i}.example.test`);
    await rejects(
      create('https://one-too-many.example.test'),
      'LimitExceeded',
      'Cannot exceed quota for OpenIdConnectProvidersPerAccount: 100',
      409,
    );
    assert.equal((await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList?.length, 100);
  });
});

suite('KEYSMITH_OIDC_ALLOW_PORTS (opt-in for local identity providers)', () => {
  test('accepts a URL with a port, says so at start, and in the audit event of each call it decided', async () => {
    const lines: string[] = [];
    const local = await startTestServer(
      { KEYSMITH_OIDC_ALLOW_PORTS: 'true' },
      { logger: createLogger('warn', (l) => void lines.push(l), 'json') },
    );
    const client = iamClient(local.url, local.admin);
    try {
      const warning = lines
        .map((l) => JSON.parse(l) as { level: string; msg: string })
        .find((l) => l.msg.includes('OIDC provider URLs with a port'));
      assert.ok(warning, `no start-up warning in ${lines.join('\n')}`);
      assert.equal(warning.level, 'warn');
      assert.match(warning.msg, /KEYSMITH_OIDC_ALLOW_PORTS \/ --oidc-allow-ports/);
      const { OpenIDConnectProviderArn: arn } = await client.send(
        new CreateOpenIDConnectProviderCommand({ Url: 'https://127.0.0.1:8443/realms/dev' }),
      );
      assert.equal(arn, `arn:aws:iam::${local.accountId}:oidc-provider/127.0.0.1:8443/realms/dev`);
      const got = await client.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
      assert.equal(got.Url, '127.0.0.1:8443/realms/dev');
      // Still refused: a port that is not a number, and everything AWS refuses besides ports.
      await rejects(
        client.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://127.0.0.1:99999' })),
        'ValidationError',
        INVALID_URL,
      );
      await rejects(client.send(new CreateOpenIDConnectProviderCommand({ Url: 'http://127.0.0.1:8080' })), 'ValidationError', INVALID_URL);

      // The audit log shows where the setting made the difference, and only there.
      await client.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://idp.example.test' }));
      await local.keysmith.app.audit.flush?.();
      const response = await sendLookupEvents(local.url, local.admin, {
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateOpenIDConnectProvider' }],
      });
      assert.equal(response.status, 200, response.text);
      const events = (JSON.parse(response.text).Events as { CloudTrailEvent: string }[]).map((e) => JSON.parse(e.CloudTrailEvent));
      const byUrl = (url: string) => events.find((e) => e.requestParameters?.url === url || e.requestParameters?.Url === url);
      assert.deepEqual(byUrl('https://127.0.0.1:8443/realms/dev')?.additionalEventData, {
        keysmithPermissiveSetting: 'KEYSMITH_OIDC_ALLOW_PORTS',
      });
      assert.ok(byUrl('https://idp.example.test'), JSON.stringify(events));
      assert.equal(byUrl('https://idp.example.test')?.additionalEventData, undefined);
    } finally {
      client.destroy();
      await local.close();
    }
  });
});
