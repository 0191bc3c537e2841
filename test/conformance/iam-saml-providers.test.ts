import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateSAMLProviderCommand,
  DeleteSAMLProviderCommand,
  GetSAMLProviderCommand,
  type IAMClient,
  ListSAMLProviderTagsCommand,
  ListSAMLProvidersCommand,
  TagSAMLProviderCommand,
  UntagSAMLProviderCommand,
  UpdateSAMLProviderCommand,
} from '@aws-sdk/client-iam';
import { samlProviderByArn } from '../../src/services/iam/saml-providers/index.js';
import { repoRoot } from '../support/paths.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { allPages, rejects, startIamTestServer } from './iam-test-helpers.js';
import { userWithPolicy } from './iam-provider-test-helpers.js';

/**
 * SAML providers through the AWS SDK v3 against a real keysmith: metadata parsed for real (the
 * fixtures in test/fixtures/saml/), AWS's texts (reference §4.9), encryption modes and private
 * keys (sealed, never returned, never audited), tags, the quota, authorization, and the lookup
 * federation will use.
 */
const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/saml', name), 'utf8');
const METADATA = fixture('idp-metadata.xml');
const METADATA_NO_VALID_UNTIL = fixture('idp-metadata-no-valid-until.xml');
const KEY_1 = fixture('sp-decryption.key');
const KEY_2 = fixture('sp-decryption-2.key');
const NOT_PARSED = 'Could not parse metadata';
/** Padding keeps a broken document above the model's 1,000-character minimum. */
const pad = (xml: string) => `${xml}<!--${'x'.repeat(1000)}-->`;

let server: TestServer;
let iam: IAMClient;
let acct: string;

const arnOf = (name: string) => `arn:aws:iam::${acct}:saml-provider/${name}`;
const create = (
  Name: string,
  more: Partial<{
    SAMLMetadataDocument: string;
    AssertionEncryptionMode: 'Required' | 'Allowed';
    AddPrivateKey: string;
    Tags: { Key: string; Value: string }[];
  }> = {},
) => iam.send(new CreateSAMLProviderCommand({ Name, SAMLMetadataDocument: METADATA, ...more }));

suite('IAM SAML providers (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    acct = server.accountId;
  });
  after(async () => {
    iam?.destroy();
    await server?.close();
  });

  test('create, get, list, delete; ValidUntil from the metadata; AWS defaults', async () => {
    const created = await create('Okta');
    assert.equal(created.SAMLProviderArn, arnOf('Okta'));
    const got = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arnOf('Okta') }));
    assert.match(got.SAMLProviderUUID ?? '', /^[A-Z0-9]{22,64}$/);
    assert.equal(got.SAMLMetadataDocument, METADATA);
    assert.equal(got.ValidUntil?.toISOString(), '2099-01-01T00:00:00.000Z');
    assert.ok(got.CreateDate instanceof Date);
    assert.deepEqual(got.Tags, []);
    assert.equal(got.AssertionEncryptionMode, 'Allowed');
    assert.deepEqual(got.PrivateKeyList, []);
    const listed = await iam.send(new ListSAMLProvidersCommand({}));
    const entry = listed.SAMLProviderList?.find((p) => p.Arn === arnOf('Okta'));
    assert.equal(entry?.ValidUntil?.toISOString(), '2099-01-01T00:00:00.000Z');
    assert.equal(entry?.CreateDate?.getTime(), got.CreateDate?.getTime());
    await iam.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: arnOf('Okta') }));
    const missing = `Manifest not found for arn ${arnOf('Okta')}`;
    await rejects(iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arnOf('Okta') })), 'NoSuchEntity', missing, 404);
    await rejects(iam.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: arnOf('Okta') })), 'NoSuchEntity', missing, 404);
  });

  test('metadata without validUntil: valid for 100 years from creation (AWS example)', async () => {
    await create('NoValidUntil', { SAMLMetadataDocument: METADATA_NO_VALID_UNTIL });
    const got = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arnOf('NoValidUntil') }));
    const expected = new Date(got.CreateDate!);
    expected.setUTCFullYear(expected.getUTCFullYear() + 100);
    assert.equal(got.ValidUntil?.getTime(), expected.getTime());
  });

  test('unusable metadata: InvalidInput "Could not parse metadata"', async () => {
    const cert = /<ds:X509Certificate>\s*([^<]+?)\s*<\/ds:X509Certificate>/.exec(METADATA)![1]!;
    for (const doc of [
      pad('<not xml'),
      pad(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="e">&e;</md:EntityDescriptor>',
      ),
      pad('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://x"/>'),
      pad('<EntityDescriptor entityID="https://x"><IDPSSODescriptor/></EntityDescriptor>'),
      METADATA.replace(/entityID="[^"]*"/, 'entityID=""'),
      METADATA.replace('validUntil="2099-01-01T00:00:00Z"', 'validUntil="someday"'),
      METADATA.replaceAll(cert, 'bm90IGEgY2VydGlmaWNhdGU='),
      pad(METADATA_NO_VALID_UNTIL.replace('use="signing"', 'use="encryption"')),
    ]) {
      await rejects(create('Broken', { SAMLMetadataDocument: doc }), 'InvalidInput', NOT_PARSED, 400);
    }
    await rejects(iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arnOf('Broken') })), 'NoSuchEntity');
  });

  test('model constraints: metadata length, name pattern', async () => {
    await rejects(
      create('Short', { SAMLMetadataDocument: '<x/>' }),
      'ValidationError',
      "1 validation error detected: Value at 'sAMLMetadataDocument' failed to satisfy constraint: Member must have length greater than or equal to 1000",
      400,
    );
    await rejects(
      create('bad name'),
      'ValidationError',
      /Value at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: \[\\w\._-\]\+/,
      400,
    );
  });

  test('duplicate name: EntityAlreadyExists', async () => {
    await create('Dup');
    await rejects(create('Dup'), 'EntityAlreadyExists', 'SAMLProvider Dup already exists.', 409);
  });

  test('encryption mode and private keys: add, list, rotate, remove; keys never come back', async () => {
    await rejects(create('Enc', { AssertionEncryptionMode: 'Required' }), 'InvalidInput', /no private key is provided/, 400);
    await rejects(create('Enc', { AddPrivateKey: 'not a pem key' }), 'InvalidInput', /not a valid PEM-encoded private key/, 400);
    await create('Enc', { AssertionEncryptionMode: 'Required', AddPrivateKey: KEY_1 });
    const arn = arnOf('Enc');
    const first = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }));
    assert.equal(first.AssertionEncryptionMode, 'Required');
    assert.equal(first.PrivateKeyList?.length, 1);
    const keyId1 = first.PrivateKeyList[0]!.KeyId!;
    assert.match(keyId1, /^[A-Z0-9]{22,64}$/);
    assert.ok(first.PrivateKeyList[0]!.Timestamp instanceof Date);

    const updated = await iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, AddPrivateKey: KEY_2 }));
    assert.equal(updated.SAMLProviderArn, arn);
    await rejects(
      iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, AddPrivateKey: KEY_1 })),
      'LimitExceeded',
      'Private key limit of 2 is reached.',
      409,
    );
    await rejects(iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn })), 'InvalidInput', /No updates are defined/, 400);
    await rejects(
      iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, AddPrivateKey: KEY_1, RemovePrivateKey: keyId1 })),
      'InvalidInput',
      /Unable to add and remove private keys in the same request/,
      400,
    );
    await rejects(
      iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, RemovePrivateKey: 'A'.repeat(26) })),
      'InvalidInput',
      /Key ID does not match a private key/,
      400,
    );
    await iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, RemovePrivateKey: keyId1 }));
    const second = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }));
    assert.equal(second.PrivateKeyList?.length, 1);
    assert.notEqual(second.PrivateKeyList[0]!.KeyId, keyId1);
    // The last key cannot go while the mode is Required.
    await rejects(
      iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, RemovePrivateKey: second.PrivateKeyList[0]!.KeyId! })),
      'InvalidInput',
      /no private key is provided/,
    );
    await iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, AssertionEncryptionMode: 'Allowed' }));
    assert.equal((await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }))).AssertionEncryptionMode, 'Allowed');

    // The federation lookup opens the sealed key: the same key as uploaded.
    const facts = await samlProviderByArn(server.keysmith.app.store, server.keysmith.app.secrets, arn);
    assert.equal(facts?.privateKeys.length, 1);
    const pkcs8 = (pem: string) => createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' }).toString('base64');
    assert.equal(pkcs8(facts.privateKeys[0]!.pem), pkcs8(KEY_2));
  });

  test('UpdateSAMLProvider with new metadata; samlProviderByArn reads the signing certificates', async () => {
    await create('Rotating');
    const arn = arnOf('Rotating');
    const before = await samlProviderByArn(server.keysmith.app.store, server.keysmith.app.secrets, arn);
    assert.equal(before?.entityId, 'https://idp.keysmith.test/saml');
    // use="signing" and no `use` count; use="encryption" does not.
    assert.deepEqual(
      before.signingCertificates.map((c) => new X509Certificate(c.pem).subject),
      ['CN=keysmith-test-idp-signing', 'CN=keysmith-test-idp-signing-2'],
    );
    const cert = new X509Certificate(fixture('idp-signing.crt'));
    assert.equal(before.signingCertificates[0]!.notBefore, Date.parse(cert.validFrom));
    assert.equal(before.signingCertificates[0]!.notAfter, Date.parse(cert.validTo));
    assert.equal(before.validUntil, Date.parse('2099-01-01T00:00:00Z'));
    assert.equal(before.assertionEncryptionMode, 'Allowed');

    await iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, SAMLMetadataDocument: METADATA_NO_VALID_UNTIL }));
    const got = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }));
    assert.equal(got.SAMLMetadataDocument, METADATA_NO_VALID_UNTIL);
    const after = await samlProviderByArn(server.keysmith.app.store, server.keysmith.app.secrets, arn);
    assert.equal(after?.entityId, 'https://other-idp.keysmith.test/metadata');
    assert.equal(after.signingCertificates.length, 1);
    await rejects(
      iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, SAMLMetadataDocument: pad('<broken') })),
      'InvalidInput',
      NOT_PARSED,
    );
    await rejects(
      iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arnOf('Nope'), AssertionEncryptionMode: 'Allowed' })),
      'NoSuchEntity',
      `Manifest not found for arn ${arnOf('Nope')}`,
      404,
    );
    assert.equal(await samlProviderByArn(server.keysmith.app.store, server.keysmith.app.secrets, arnOf('Nope')), undefined);
  });

  test('tags: in the create answer, case-sensitive keys, paging, untag ignores absent keys', async () => {
    const tags = Array.from({ length: 7 }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));
    const created = await create('Tagged', { Tags: tags });
    assert.deepEqual(created.Tags, tags);
    const arn = arnOf('Tagged');
    const pages = await allPages((Marker) => iam.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: arn, MaxItems: 3, Marker })));
    assert.deepEqual(
      pages.map((p) => p.Tags?.length),
      [3, 3, 1],
    );
    await iam.send(new TagSAMLProviderCommand({ SAMLProviderArn: arn, Tags: [{ Key: 'K0', Value: 'upper' }] }));
    await iam.send(new UntagSAMLProviderCommand({ SAMLProviderArn: arn, TagKeys: ['k1', 'absent'] }));
    const got = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }));
    assert.deepEqual(got.Tags?.map((t) => t.Key).sort(), ['K0', 'k0', 'k2', 'k3', 'k4', 'k5', 'k6']);
    await rejects(
      iam.send(new TagSAMLProviderCommand({ SAMLProviderArn: arnOf('Nope'), Tags: [{ Key: 'a', Value: 'b' }] })),
      'NoSuchEntity',
      `Manifest not found for arn ${arnOf('Nope')}`,
    );
  });

  test('authorization: the action on the provider ARN, and its resource tags', async () => {
    await create('Blue', { Tags: [{ Key: 'team', Value: 'blue' }] });
    await create('Red', { Tags: [{ Key: 'team', Value: 'red' }] });
    const client = await userWithPolicy(server.url, iam, 'saml-reader', {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'iam:GetSAMLProvider', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'blue' } } },
      ],
    });
    assert.equal((await client.send(new GetSAMLProviderCommand({ SAMLProviderArn: arnOf('Blue') }))).AssertionEncryptionMode, 'Allowed');
    await rejects(
      client.send(new GetSAMLProviderCommand({ SAMLProviderArn: arnOf('Red') })),
      'AccessDenied',
      new RegExp(
        `^User: arn:aws:iam::${acct}:user/saml-reader is not authorized to perform: iam:GetSAMLProvider on resource: arn:aws:iam::${acct}:saml-provider/Red `,
      ),
      403,
    );
    await rejects(
      client.send(new CreateSAMLProviderCommand({ Name: 'Denied', SAMLMetadataDocument: METADATA })),
      'AccessDenied',
      new RegExp(`iam:CreateSAMLProvider on resource: arn:aws:iam::${acct}:saml-provider/Denied `),
      403,
    );
    client.destroy();
  });

  test('quota: 100 SAML providers per account', async () => {
    const existing = (await iam.send(new ListSAMLProvidersCommand({}))).SAMLProviderList?.length ?? 0;
    for (let i = existing; i < 100; i++) await create(`quota-${i}`);
    await rejects(create('one-too-many'), 'LimitExceeded', 'Cannot exceed quota for SAMLProvidersPerAccount: 100', 409);
  });
});

suite('SAML private keys in the audit log', () => {
  test('AddPrivateKey is recorded as hidden, never as the key', async () => {
    const local = await startTestServer();
    const client = iamClient(local.url, local.admin);
    await client.send(new CreateSAMLProviderCommand({ Name: 'Audited', SAMLMetadataDocument: METADATA, AddPrivateKey: KEY_1 }));
    await client.send(
      new UpdateSAMLProviderCommand({ SAMLProviderArn: `arn:aws:iam::${local.accountId}:saml-provider/Audited`, AddPrivateKey: KEY_2 }),
    );
    client.destroy();
    // Events are written in batches (KEYSMITH_AUDIT_FLUSH_MS): wait for both, then stop.
    const file = join(local.dataDir, 'audit.jsonl');
    let audit = '';
    for (let i = 0; i < 100 && !audit.includes('UpdateSAMLProvider'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      audit = existsSync(file) ? readFileSync(file, 'utf8') : '';
    }
    await local.close();
    assert.match(audit, /CreateSAMLProvider/);
    assert.match(audit, /UpdateSAMLProvider/);
    assert.doesNotMatch(audit, /PRIVATE KEY/);
    const body = (pem: string) => pem.split('\n')[1]!;
    assert.ok(!audit.includes(body(KEY_1)) && !audit.includes(body(KEY_2)));
    assert.match(audit, /HIDDEN_DUE_TO_SECURITY_REASONS/);
  });
});
