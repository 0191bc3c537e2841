import { Connection, type Outcome, type Reply } from './client.js';
import { type Creds, type Draft, finish, type Pair, type Target } from './draft.js';
import { enc } from './encoding.js';

/**
 * What the fuzzer needs on the server before it starts, made with valid signed requests as the
 * bootstrap admin. Fixture entities are never the target of destructive fuzz operations; those
 * only touch the *scratch* pools (users fuzz-u*, groups fuzz-g*, roles fuzz-r*, policies
 * fuzz-p*, buckets fuzz-scratch-*), so a mutated Deny policy or a deleted role cannot lock the
 * run out of its own credentials.
 */
export interface Fixture {
  accountId: string;
  region: string;
  target: Target;
  creds: Map<string, Creds>;
  users: string[];
  groups: string[];
  roles: string[];
  policyArns: string[];
  /** The role the fuzzer assumes (trust: the account; permissions: everything). */
  roleArn: string;
  /** A role whose trust policy names only the fuzz-caller user. */
  userRoleArn: string;
  bucket: string;
  scratchBuckets: string[];
  objects: string[];
  /** Multipart uploads (key, uploadId): made by the set-up, refreshed from CreateMultipartUpload replies. */
  uploads: Array<{ key: string; uploadId: string }>;
  /** Access key ids of scratch users (for Update/DeleteAccessKey). */
  scratchKeyIds: string[];
}

export const FUZZ_ACCOUNT_ID = '111122223333';
export const FUZZ_ADMIN: Creds = {
  label: 'admin',
  accessKeyId: 'AKIAKEYSMITHFUZZ0001',
  secretAccessKey: 'keysmith/fuzz/admin/secret/0000000000000',
};
const IAM_VERSION = '2010-05-08';
const STS_VERSION = '2011-06-15';

export const SCRATCH_USERS = ['fuzz-u0', 'fuzz-u1', 'fuzz-u2', 'fuzz-u3', 'fuzz-u4', 'fuzz-u5'];
export const SCRATCH_GROUPS = ['fuzz-g0', 'fuzz-g1', 'fuzz-g2'];
export const SCRATCH_ROLES = ['fuzz-r0', 'fuzz-r1', 'fuzz-r2'];
export const SCRATCH_POLICIES = ['fuzz-p0', 'fuzz-p1', 'fuzz-p2'];
export const FUZZ_BUCKET = 'fuzz-main';
export const SCRATCH_BUCKETS = ['fuzz-scratch-0', 'fuzz-scratch-1', 'fuzz-scratch-2'];
export const FIXTURE_OBJECTS = ['obj-0', 'obj-1', 'dir/obj-2', 'tagged', 'big', 'ünï cødé', 'a//b', 'empty'];

/** A valid request, signed and sent on `connection`; throws unless it answers 2xx. */
export class SetupClient {
  private readonly connection: Connection;

  constructor(
    private readonly target: Target,
    private readonly creds: Map<string, Creds>,
  ) {
    this.connection = new Connection(target.host, target.port);
  }

  async send(draft: Partial<Draft> & Pick<Draft, 'method' | 'path' | 'sign'>): Promise<Reply> {
    const full: Draft = {
      index: -1,
      protocol: 'form',
      op: 'setup',
      mutations: [],
      query: [],
      headers: [],
      body: { kind: 'bytes', data: Buffer.alloc(0) },
      post: [],
      ...draft,
    };
    const done = finish(full, this.target, (l) => this.creds.get(l)!, Date.now());
    const outcome: Outcome = await this.connection.send(done.bytes, { head: full.method === 'HEAD', timeoutMs: 30_000 });
    if (outcome.kind !== 'reply')
      throw new Error(`set-up ${full.method} ${full.path}: ${outcome.kind === 'error' ? outcome.error : outcome.kind}`);
    return outcome.reply;
  }

  async query(service: 'iam' | 'sts', params: Record<string, string>, creds = 'admin', allow: string[] = []): Promise<string> {
    const pairs: Pair[] = [
      ['Version', service === 'iam' ? IAM_VERSION : STS_VERSION],
      ...Object.entries(params).map(([k, v]) => [k, v] as Pair),
    ];
    const reply = await this.send({
      method: 'POST',
      path: '/',
      headers: [['Content-Type', 'application/x-www-form-urlencoded; charset=utf-8']],
      body: { kind: 'form', params: pairs.map(([k, v]) => [enc(k), enc(v ?? '')]) },
      sign: { kind: 'header', creds, service, region: 'us-east-1', payload: 'hash' },
    });
    const text = reply.body.toString('utf8');
    if (reply.status !== 200 && !allow.some((code) => text.includes(`<Code>${code}</Code>`))) {
      throw new Error(`set-up ${params['Action']}: HTTP ${reply.status} ${text.slice(0, 300)}`);
    }
    return text;
  }

  async s3(
    method: string,
    path: string,
    body = Buffer.alloc(0),
    query: Pair[] = [],
    creds = 'admin',
    headers: Array<[string, string]> = [],
  ): Promise<Reply> {
    const reply = await this.send({
      method,
      path,
      query,
      headers,
      body: { kind: 'bytes', data: body },
      sign: { kind: 'header', creds, service: 's3', region: 'us-east-1', payload: 'hash-header' },
    });
    if (reply.status >= 300)
      throw new Error(`set-up S3 ${method} ${path}: HTTP ${reply.status} ${reply.body.toString('utf8').slice(0, 300)}`);
    return reply;
  }

  close(): void {
    this.connection.close();
  }
}

export function xmlValue(xml: string, element: string): string {
  const m = new RegExp(`<${element}>([^<]*)</${element}>`).exec(xml);
  if (!m) throw new Error(`no <${element}> in ${xml.slice(0, 300)}`);
  return m[1]!.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}

function sessionOf(label: string, xml: string): Creds {
  return {
    label,
    accessKeyId: xmlValue(xml, 'AccessKeyId'),
    secretAccessKey: xmlValue(xml, 'SecretAccessKey'),
    sessionToken: xmlValue(xml, 'SessionToken'),
  };
}

/** Creates everything (idempotent enough to run again on a server that has it: "already exists" is fine). */
export async function prepareFixture(target: Target, accountId: string, admin: Creds): Promise<Fixture> {
  const creds = new Map<string, Creds>([['admin', admin]]);
  const c = new SetupClient(target, creds);
  const exists = ['EntityAlreadyExists'];
  try {
    const a = accountId;
    const trustAccount = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${a}:root` },
          Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
        },
      ],
    });
    const everything = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

    // The limited user: reads, AssumeRole of the fuzz roles, S3 reads on the fixture bucket.
    await c.query('iam', { Action: 'CreateUser', UserName: 'fuzz-caller' }, 'admin', exists);
    const userPolicy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['iam:Get*', 'iam:List*', 'sts:AssumeRole', 'sts:GetSessionToken', 'sts:GetFederationToken'],
          Resource: '*',
        },
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
          Resource: [`arn:aws:s3:::${FUZZ_BUCKET}`, `arn:aws:s3:::${FUZZ_BUCKET}/*`],
          Condition: { StringLike: { 's3:prefix': ['', 'dir/*'] } },
        },
        { Effect: 'Deny', Action: 'iam:*AccessKey*', Resource: '*' },
      ],
    };
    await c.query('iam', {
      Action: 'PutUserPolicy',
      UserName: 'fuzz-caller',
      PolicyName: 'limited',
      PolicyDocument: JSON.stringify(userPolicy),
    });
    const keys = await c.query('iam', { Action: 'ListAccessKeys', UserName: 'fuzz-caller' });
    if (keys.includes('<AccessKeyId>')) {
      for (const m of keys.matchAll(/<AccessKeyId>([^<]+)<\/AccessKeyId>/g))
        await c.query('iam', { Action: 'DeleteAccessKey', UserName: 'fuzz-caller', AccessKeyId: m[1]! });
    }
    const userKey = await c.query('iam', { Action: 'CreateAccessKey', UserName: 'fuzz-caller' });
    creds.set('user', {
      label: 'user',
      accessKeyId: xmlValue(userKey, 'AccessKeyId'),
      secretAccessKey: xmlValue(userKey, 'SecretAccessKey'),
    });

    await c.query(
      'iam',
      { Action: 'CreateRole', RoleName: 'fuzz-role', Path: '/fuzz/', AssumeRolePolicyDocument: trustAccount, MaxSessionDuration: '43200' },
      'admin',
      exists,
    );
    await c.query('iam', { Action: 'PutRolePolicy', RoleName: 'fuzz-role', PolicyName: 'everything', PolicyDocument: everything });
    const roleArn = `arn:aws:iam::${a}:role/fuzz/fuzz-role`;
    const trustUser = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${a}:user/fuzz-caller` },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'fuzz' } },
        },
      ],
    });
    await c.query('iam', { Action: 'CreateRole', RoleName: 'fuzz-user-role', AssumeRolePolicyDocument: trustUser }, 'admin', exists);
    const userRoleArn = `arn:aws:iam::${a}:role/fuzz-user-role`;

    // Sessions: full (the role's *), and one narrowed by a session policy to S3 reads.
    creds.set(
      'session',
      sessionOf(
        'session',
        await c.query('sts', { Action: 'AssumeRole', RoleArn: roleArn, RoleSessionName: 'fuzz-session', DurationSeconds: '43200' }),
      ),
    );
    const narrow = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 'sts:GetCallerIdentity', 'cloudtrail:LookupEvents'], Resource: '*' }],
    });
    creds.set(
      'restricted-session',
      sessionOf(
        'restricted-session',
        await c.query('sts', {
          Action: 'AssumeRole',
          RoleArn: roleArn,
          RoleSessionName: 'fuzz-restricted',
          DurationSeconds: '43200',
          Policy: narrow,
          'Tags.member.1.Key': 'team',
          'Tags.member.1.Value': 'fuzz',
        }),
      ),
    );

    // Scratch pools.
    const scratchKeyIds: string[] = [];
    for (const u of SCRATCH_USERS) {
      await c.query(
        'iam',
        { Action: 'CreateUser', UserName: u, 'Tags.member.1.Key': 'team', 'Tags.member.1.Value': 'fuzz' },
        'admin',
        exists,
      );
    }
    const k = await c.query('iam', { Action: 'CreateAccessKey', UserName: SCRATCH_USERS[0]! }, 'admin', ['LimitExceeded']);
    if (k.includes('<AccessKeyId>')) scratchKeyIds.push(xmlValue(k, 'AccessKeyId'));
    for (const g of SCRATCH_GROUPS) await c.query('iam', { Action: 'CreateGroup', GroupName: g }, 'admin', exists);
    for (const r of SCRATCH_ROLES)
      await c.query('iam', { Action: 'CreateRole', RoleName: r, AssumeRolePolicyDocument: trustAccount }, 'admin', exists);
    const policyArns: string[] = [];
    for (const p of SCRATCH_POLICIES) {
      await c.query(
        'iam',
        { Action: 'CreatePolicy', PolicyName: p, PolicyDocument: everything.replace('"*","Resource"', '"s3:Get*","Resource"') },
        'admin',
        exists,
      );
      policyArns.push(`arn:aws:iam::${a}:policy/${p}`);
    }

    // S3: the fixture bucket with objects, scratch buckets, multipart uploads.
    for (const b of [FUZZ_BUCKET, ...SCRATCH_BUCKETS]) {
      const reply = await c.send({
        method: 'PUT',
        path: `/${b}`,
        sign: { kind: 'header', creds: 'admin', service: 's3', region: 'us-east-1', payload: 'hash-header' },
      });
      if (reply.status >= 300 && !reply.body.toString().includes('BucketAlreadyOwnedByYou'))
        throw new Error(`CreateBucket ${b}: HTTP ${reply.status}`);
    }
    for (const key of FIXTURE_OBJECTS) {
      const body =
        key === 'big' ? Buffer.alloc(64 * 1024, 'keysmith fuzz ') : key === 'empty' ? Buffer.alloc(0) : Buffer.from(`object ${key}\n`);
      await c.s3(
        'PUT',
        `/${FUZZ_BUCKET}/${key.split('/').map(enc).join('/')}`,
        body,
        [],
        'admin',
        key === 'tagged' ? [['x-amz-tagging', 'k=v&team=fuzz']] : [['Content-Type', 'text/plain']],
      );
    }
    const uploads: Array<{ key: string; uploadId: string }> = [];
    for (let i = 0; i < 4; i++) {
      const key = `mp-${i}`;
      const reply = await c.s3('POST', `/${FUZZ_BUCKET}/${key}`, Buffer.alloc(0), [['uploads', undefined]]);
      const uploadId = xmlValue(reply.body.toString('utf8'), 'UploadId');
      await c.s3('PUT', `/${FUZZ_BUCKET}/${key}`, Buffer.from('part one\n'), [
        ['partNumber', '1'],
        ['uploadId', enc(uploadId)],
      ]);
      uploads.push({ key, uploadId });
    }
    return {
      accountId: a,
      region: 'us-east-1',
      target,
      creds,
      users: SCRATCH_USERS,
      groups: SCRATCH_GROUPS,
      roles: SCRATCH_ROLES,
      policyArns,
      roleArn,
      userRoleArn,
      bucket: FUZZ_BUCKET,
      scratchBuckets: SCRATCH_BUCKETS,
      objects: FIXTURE_OBJECTS,
      uploads,
      scratchKeyIds,
    };
  } finally {
    c.close();
  }
}
