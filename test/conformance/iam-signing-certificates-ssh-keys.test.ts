import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteSigningCertificateCommand,
  DeleteSSHPublicKeyCommand,
  GetSSHPublicKeyCommand,
  type IAMClient,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
  PutUserPolicyCommand,
  UpdateSigningCertificateCommand,
  UpdateSSHPublicKeyCommand,
  UploadSigningCertificateCommand,
  UploadSSHPublicKeyCommand,
} from '@aws-sdk/client-iam';
import type { TestServer } from '../support/server.js';
import { iamClient } from '../support/sdk-clients.js';
import { repoRoot } from '../support/paths.js';
import { allowDoc, allPages, rejects, startIamTestServer } from './iam-test-helpers.js';

/**
 * Signing certificates (users' and the root's) and SSH public keys through the AWS SDK v3:
 * uploads with AWS's checks and quotas, lists and pages, status changes, deletes, NoSuchEntity
 * texts, and authorization on the user's ARN.
 */
const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/certs', name), 'utf8');

let server: TestServer;
let iam: IAMClient;
let acct: string;

async function userClient(name: string, actions: string[]): Promise<IAMClient> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (actions.length > 0) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: allowDoc(actions) }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return iamClient(server.url, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
}

suite('IAM signing certificates and SSH public keys (SDK v3)', () => {
  before(async () => {
    server = await startIamTestServer();
    iam = iamClient(server.url, server.admin);
    acct = server.accountId;
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
  });
  after(async () => {
    iam?.destroy();
    await server?.close();
  });

  suite('signing certificates', () => {
    test('upload, list, update, delete; quota 2; duplicates; NoSuchEntity texts', async () => {
      const up = await iam.send(new UploadSigningCertificateCommand({ UserName: 'alice', CertificateBody: fixture('server.pem') }));
      const cert = up.Certificate!;
      assert.equal(cert.UserName, 'alice');
      assert.match(cert.CertificateId!, /^[A-Z2-7]{28}$/);
      assert.equal(cert.Status, 'Active');
      assert.equal(cert.CertificateBody, fixture('server.pem'));
      await rejects(
        iam.send(new UploadSigningCertificateCommand({ UserName: 'alice', CertificateBody: fixture('server.pem') })),
        'DuplicateCertificate',
        `The Certificate with id ${cert.CertificateId} already exists.`,
        409,
      );
      await iam.send(new UploadSigningCertificateCommand({ UserName: 'alice', CertificateBody: fixture('other.pem') }));
      await rejects(
        iam.send(new UploadSigningCertificateCommand({ UserName: 'alice', CertificateBody: fixture('third.pem') })),
        'LimitExceeded',
        'Cannot exceed quota for CertificatesPerUser: 2',
        409,
      );
      await iam.send(new UpdateSigningCertificateCommand({ UserName: 'alice', CertificateId: cert.CertificateId, Status: 'Inactive' }));
      const pages = await allPages((Marker) => iam.send(new ListSigningCertificatesCommand({ UserName: 'alice', Marker, MaxItems: 1 })));
      const all = pages.flatMap((p) => p.Certificates ?? []);
      assert.equal(all.length, 2);
      assert.equal(all.find((c) => c.CertificateId === cert.CertificateId)?.Status, 'Inactive');
      const missing = 'NONEXISTENTCERTID12345678901';
      await rejects(
        iam.send(new DeleteSigningCertificateCommand({ UserName: 'alice', CertificateId: missing })),
        'NoSuchEntity',
        `The Certificate with id ${missing} cannot be found.`,
        404,
      );
      await rejects(
        iam.send(new UpdateSigningCertificateCommand({ UserName: 'nobody', CertificateId: missing, Status: 'Active' })),
        'NoSuchEntity',
        'The user with name nobody cannot be found.',
      );
      for (const c of all) await iam.send(new DeleteSigningCertificateCommand({ UserName: 'alice', CertificateId: c.CertificateId }));
      assert.deepEqual((await iam.send(new ListSigningCertificatesCommand({ UserName: 'alice' }))).Certificates, []);
    });

    test('malformed and expired certificates', async () => {
      await rejects(
        iam.send(new UploadSigningCertificateCommand({ UserName: 'alice', CertificateBody: 'invalid-certificate-body' })),
        'MalformedCertificate',
        'Certificate invalid-certificate-body is malformed.',
        400,
      );
      await rejects(
        iam.send(new UploadSigningCertificateCommand({ UserName: 'alice', CertificateBody: fixture('expired.pem') })),
        'InvalidCertificate',
        /expired or not yet valid/,
        400,
      );
    });

    test('without UserName a user acts on itself; AccessDenied on the user ARN', async () => {
      // The suite's admin is an IAM user: without UserName it uploads its own.
      const self = await iam.send(new UploadSigningCertificateCommand({ CertificateBody: fixture('third.pem') }));
      assert.equal(self.Certificate?.UserName, 'admin');
      assert.equal((await iam.send(new ListSigningCertificatesCommand({}))).Certificates?.length, 1);
      await iam.send(new DeleteSigningCertificateCommand({ CertificateId: self.Certificate?.CertificateId }));
      const bob = await userClient('bob-signing', ['iam:UploadSigningCertificate', 'iam:ListSigningCertificates']);
      const own = await bob.send(new UploadSigningCertificateCommand({ CertificateBody: fixture('other.pem') }));
      assert.equal(own.Certificate?.UserName, 'bob-signing');
      const carol = await userClient('carol-signing', []);
      await rejects(
        carol.send(new ListSigningCertificatesCommand({ UserName: 'alice' })),
        'AccessDenied',
        new RegExp(`not authorized to perform: iam:ListSigningCertificates on resource: arn:aws:iam::${acct}:user/alice`),
        403,
      );
      bob.destroy();
      carol.destroy();
    });
  });

  suite('SSH public keys', () => {
    test('upload, get (SSH and PEM), list, update, delete', async () => {
      const body = fixture('ssh_rsa.pub').trim();
      const up = await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: body }));
      const key = up.SSHPublicKey!;
      assert.match(key.SSHPublicKeyId!, /^APKA[A-Z2-7]{16}$/);
      assert.equal(key.Fingerprint, 'f4:45:da:c3:d9:de:ad:35:8f:40:45:96:8b:3f:b4:2d');
      assert.equal(key.SSHPublicKeyBody, body);
      assert.equal(key.Status, 'Active');
      const pem = await iam.send(new GetSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: key.SSHPublicKeyId, Encoding: 'PEM' }));
      assert.equal(pem.SSHPublicKey?.SSHPublicKeyBody, fixture('ssh_rsa.pem.pub').trim());
      await iam.send(new UpdateSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: key.SSHPublicKeyId, Status: 'Inactive' }));
      const listed = await iam.send(new ListSSHPublicKeysCommand({ UserName: 'alice' }));
      assert.deepEqual(
        listed.SSHPublicKeys?.map((k) => [k.SSHPublicKeyId, k.Status]),
        [[key.SSHPublicKeyId, 'Inactive']],
      );
      await iam.send(new DeleteSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: key.SSHPublicKeyId }));
      await rejects(
        iam.send(new GetSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: key.SSHPublicKeyId, Encoding: 'SSH' })),
        'NoSuchEntity',
        `The Public Key with id ${key.SSHPublicKeyId} cannot be found.`,
        404,
      );
    });

    test('PEM and ed25519 uploads; refused keys; duplicates; quota 5; pages', async () => {
      const pemUp = await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: fixture('ssh_rsa.pem.pub') }));
      assert.equal(pemUp.SSHPublicKey?.SSHPublicKeyBody, fixture('ssh_rsa.pub').split(' ').slice(0, 2).join(' '));
      await rejects(
        iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: fixture('ssh_rsa.pub') })),
        'DuplicateSSHPublicKey',
        'The SSH public key is already associated with the specified IAM user.',
        400,
      );
      const ed = await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: fixture('ssh_ed25519.pub') }));
      assert.equal(ed.SSHPublicKey?.Fingerprint, '25:5e:f5:63:92:e7:39:e2:d2:71:76:43:75:d3:8e:d8');
      await rejects(
        iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: fixture('ssh_rsa1024.pub') })),
        'InvalidPublicKey',
        /minimum bit-length of the public key is 2048 bits/,
        400,
      );
      await rejects(
        iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: fixture('ssh_ecdsa.pub') })),
        'InvalidPublicKey',
        /ecdsa-sha2-nistp256 is not supported/,
      );
      await rejects(
        iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: 'hello world' })),
        'UnrecognizedPublicKeyEncoding',
        undefined,
        400,
      );
      await rejects(
        iam.send(new UploadSSHPublicKeyCommand({ UserName: 'nobody', SSHPublicKeyBody: fixture('ssh_rsa.pub') })),
        'NoSuchEntity',
        'The user with name nobody cannot be found.',
      );
      // Three more distinct keys reach the quota of 5.
      for (const f of ['ssh_rsa3072.pub'])
        await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: fixture(f) }));
      const { generateKeyPairSync } = await import('node:crypto');
      const spki = () => generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
      await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: spki() }));
      await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: spki() }));
      await rejects(
        iam.send(new UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: spki() })),
        'LimitExceeded',
        'Cannot exceed quota for PublicKeysPerUser: 5',
        409,
      );
      const pages = await allPages((Marker) => iam.send(new ListSSHPublicKeysCommand({ UserName: 'alice', Marker, MaxItems: 2 })));
      assert.equal(pages.length, 3);
      for (const k of pages.flatMap((p) => p.SSHPublicKeys ?? [])) {
        await iam.send(new DeleteSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: k.SSHPublicKeyId }));
      }
    });

    test('a user lists its own keys without UserName; AccessDenied on the user ARN', async () => {
      const dave = await userClient('dave-ssh', ['iam:ListSSHPublicKeys', 'iam:UploadSSHPublicKey']);
      await dave.send(new UploadSSHPublicKeyCommand({ UserName: 'dave-ssh', SSHPublicKeyBody: fixture('ssh_ed25519.pub') }));
      assert.equal((await dave.send(new ListSSHPublicKeysCommand({}))).SSHPublicKeys?.[0]?.UserName, 'dave-ssh');
      const erin = await userClient('erin-ssh', []);
      await rejects(
        erin.send(new UploadSSHPublicKeyCommand({ UserName: 'dave-ssh', SSHPublicKeyBody: fixture('ssh_rsa.pub') })),
        'AccessDenied',
        new RegExp(`iam:UploadSSHPublicKey on resource: arn:aws:iam::${acct}:user/dave-ssh`),
        403,
      );
      dave.destroy();
      erin.destroy();
    });
  });
});
