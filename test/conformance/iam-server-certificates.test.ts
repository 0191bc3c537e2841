import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteServerCertificateCommand,
  GetServerCertificateCommand,
  type IAMClient,
  ListServerCertificatesCommand,
  ListServerCertificateTagsCommand,
  PutUserPolicyCommand,
  TagServerCertificateCommand,
  UntagServerCertificateCommand,
  UpdateServerCertificateCommand,
  UploadServerCertificateCommand,
} from '@aws-sdk/client-iam';
import type { TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { repoRoot } from '../support/paths.js';
import { allowDoc, allPages, rejects, startIamTestServer } from './iam-test-helpers.js';

/**
 * Server certificates through the AWS SDK v3 against a real keysmith: upload with X.509 checks
 * (parse, key match, chain order, validity), get (never the private key), list with paths and
 * pages, rename, tags, the quota of 20, and authorization on the certificate's ARN.
 */
const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/certs', name), 'utf8');
const CERT = fixture('server.pem');
const KEY = fixture('server.key');
const CHAIN = fixture('ca.pem');

let server: TestServer;
let iam: IAMClient;
let acct: string;

const upload = (name: string, extra: Partial<ConstructorParameters<typeof UploadServerCertificateCommand>[0]> = {}) =>
  iam.send(new UploadServerCertificateCommand({ ServerCertificateName: name, CertificateBody: CERT, PrivateKey: KEY, ...extra }));

suite('IAM server certificates (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    acct = server.accountId;
  });
  after(async () => {
    iam?.destroy();
    await server?.close();
  });

  test('upload, get, list, delete', async () => {
    const up = await upload('web', { Path: '/cloudfront/', CertificateChain: CHAIN });
    const meta = up.ServerCertificateMetadata!;
    assert.equal(meta.Arn, `arn:aws:iam::${acct}:server-certificate/cloudfront/web`);
    assert.match(meta.ServerCertificateId!, /^ASCA[A-Z2-7]{17}$/);
    assert.equal(meta.Path, '/cloudfront/');
    assert.ok(meta.Expiration! > new Date(), 'expiration from the certificate');
    assert.equal(up.Tags, undefined, 'no Tags member when none were given');
    const got = await iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'web' }));
    assert.equal(got.ServerCertificate?.CertificateBody, CERT.trim(), 'kept without its trailing newline, as AWS returns it');
    assert.equal(got.ServerCertificate?.CertificateChain, CHAIN.trim());
    assert.deepEqual(got.ServerCertificate?.Tags, []);
    assert.ok(!JSON.stringify(got).includes('PRIVATE KEY'), 'the private key is never returned');
    const listed = await iam.send(new ListServerCertificatesCommand({ PathPrefix: '/cloudfront/' }));
    assert.deepEqual(
      listed.ServerCertificateMetadataList?.map((m) => m.ServerCertificateName),
      ['web'],
    );
    assert.equal((await iam.send(new ListServerCertificatesCommand({ PathPrefix: '/other/' }))).ServerCertificateMetadataList?.length, 0);
    await iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'web' }));
    await rejects(
      iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'web' })),
      'NoSuchEntity',
      'The Server Certificate with name web cannot be found.',
      404,
    );
    await rejects(
      iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'web' })),
      'NoSuchEntity',
      'The Server Certificate with name web cannot be found.',
      404,
    );
  });

  test('X.509 checks: malformed body, key, chain; key mismatch; expired', async () => {
    await rejects(
      upload('bad', { CertificateBody: 'not a certificate' }),
      'MalformedCertificate',
      'Unable to parse certificate. Please ensure the certificate is in PEM format.',
      400,
    );
    await rejects(upload('bad', { PrivateKey: 'not a key' }), 'MalformedCertificate', /Unable to parse private key/, 400);
    await rejects(upload('bad', { PrivateKey: fixture('other.key') }), 'KeyPairMismatch', /does not match/, 400);
    await rejects(upload('bad', { CertificateChain: 'garbage' }), 'MalformedCertificate', /Unable to parse certificate chain/, 400);
    await rejects(
      upload('bad', { CertificateChain: fixture('other.pem') }),
      'MalformedCertificate',
      'Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, followed by any intermediaries in order. The index within the chain of the invalid certificate is: -1',
    );
    await rejects(
      upload('bad', { CertificateBody: fixture('expired.pem'), PrivateKey: fixture('expired.key') }),
      'MalformedCertificate',
      /expired or not yet valid/,
    );
    await rejects(upload('bad', { PrivateKey: '\u0001' }), 'ValidationError', /privateKey/);
    assert.equal((await iam.send(new ListServerCertificatesCommand({}))).ServerCertificateMetadataList?.length, 0, 'nothing stored');
  });

  test('duplicate names (ignoring case) and the quota of 20', async () => {
    await upload('dup');
    await rejects(upload('DUP'), 'EntityAlreadyExists', 'The Server Certificate with name DUP already exists.', 409);
    for (let i = 1; i < 20; i++) await upload(`q${String(i).padStart(2, '0')}`);
    await rejects(upload('q20'), 'LimitExceeded', 'Cannot exceed quota for ServerCertificatesPerAccount: 20', 409);
    const pages = await allPages((Marker) => iam.send(new ListServerCertificatesCommand({ Marker, MaxItems: 7 })));
    assert.equal(pages.length, 3);
    assert.equal(pages.flatMap((p) => p.ServerCertificateMetadataList ?? []).length, 20);
    for (const p of pages)
      for (const m of p.ServerCertificateMetadataList ?? [])
        await iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: m.ServerCertificateName }));
  });

  test('UpdateServerCertificate renames and moves; a taken name fails and changes nothing', async () => {
    await upload('old');
    await upload('taken');
    await iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'old', NewServerCertificateName: 'new', NewPath: '/p/' }));
    const got = await iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'new' }));
    assert.equal(got.ServerCertificate?.ServerCertificateMetadata?.Arn, `arn:aws:iam::${acct}:server-certificate/p/new`);
    await rejects(iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'old' })), 'NoSuchEntity');
    await rejects(
      iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'new', NewServerCertificateName: 'taken' })),
      'EntityAlreadyExists',
      'The Server Certificate with name taken already exists.',
    );
    assert.ok(await iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'new' })));
    await rejects(
      iam.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'ghost', NewPath: '/x/' })),
      'NoSuchEntity',
      'The Server Certificate with name ghost cannot be found.',
    );
    for (const n of ['new', 'taken']) await iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: n }));
  });

  test('tags: on upload, Tag/Untag/List with pages, keys case-sensitive (as for every IAM resource but users and roles)', async () => {
    const up = await upload('tagged', { Tags: [{ Key: 'env', Value: 'prod' }] });
    assert.deepEqual(up.Tags, [{ Key: 'env', Value: 'prod' }]);
    await iam.send(
      new TagServerCertificateCommand({
        ServerCertificateName: 'tagged',
        Tags: [
          { Key: 'ENV', Value: 'dev' },
          { Key: 'team', Value: 'a' },
        ],
      }),
    );
    const pages = await allPages((Marker) =>
      iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'tagged', Marker, MaxItems: 1 })),
    );
    assert.deepEqual(
      pages.flatMap((p) => p.Tags ?? []),
      [
        { Key: 'env', Value: 'prod' },
        { Key: 'ENV', Value: 'dev' },
        { Key: 'team', Value: 'a' },
      ],
    );
    await iam.send(new UntagServerCertificateCommand({ ServerCertificateName: 'tagged', TagKeys: ['env'] }));
    const left = await iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'tagged' }));
    assert.deepEqual(left.Tags, [
      { Key: 'ENV', Value: 'dev' },
      { Key: 'team', Value: 'a' },
    ]);
    await rejects(iam.send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'nope' })), 'NoSuchEntity');
    await iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'tagged' }));
  });

  test('authorization on the certificate ARN; a rename needs the new name too', async () => {
    await upload('guarded', { Path: '/a/' });
    await iam.send(new CreateUserCommand({ UserName: 'cert-user' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'cert-user' }));
    const user = iamClient(server.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    const arn = `arn:aws:iam::${acct}:server-certificate/a/guarded`;
    await rejects(
      user.send(new GetServerCertificateCommand({ ServerCertificateName: 'guarded' })),
      'AccessDenied',
      `User: arn:aws:iam::${acct}:user/cert-user is not authorized to perform: iam:GetServerCertificate on resource: ${arn} because no identity-based policy allows the iam:GetServerCertificate action`,
      403,
    );
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'cert-user',
        PolicyName: 'p',
        PolicyDocument: allowDoc(['iam:GetServerCertificate', 'iam:UpdateServerCertificate'], arn),
      }),
    );
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(await user.send(new GetServerCertificateCommand({ ServerCertificateName: 'guarded' })));
    await rejects(
      user.send(new UpdateServerCertificateCommand({ ServerCertificateName: 'guarded', NewServerCertificateName: 'renamed' })),
      'AccessDenied',
      new RegExp(`iam:UpdateServerCertificate on resource: arn:aws:iam::${acct}:server-certificate/a/renamed`),
    );
    user.destroy();
  });
});
