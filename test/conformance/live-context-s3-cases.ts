import { createHash } from 'node:crypto';
import { type LiveCase, type Scope, type Statement, type Step, allow, deny, policyDoc, type S3Call } from '../support/live-context.js';

/**
 * S3's condition keys, and the global keys S3 sets that IAM does not (aws:referer; absence for
 * anonymous callers), live: requests signed by the AWS SDK's SigV4 signer (@smithy/signature-v4,
 * what SDK v3's S3 client uses), presigned URLs made by boto3 (SigV4 and legacy SigV2), and
 * unsigned requests. The table is run by live-context-s3.test.ts (in Node) and, for the cases
 * with a boto3 presigned URL, by test/clients/boto3-s3.test.ts.
 */

const BUCKET = 'arn:aws:s3:::{{bucket}}';
const OBJECTS = 'arn:aws:s3:::{{bucket}}/*';
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** An S3 request as the caller (unsigned when `anonymous`, or for an anonymous caller). */
function s3Step(does: string, call: (s: Scope) => S3Call, options: { anonymous?: boolean } = {}): Step {
  return {
    does,
    run: (s) => {
      const c = call(s);
      return options.anonymous ? s.world.s3({ ...c, creds: null }) : s.s3(c);
    },
  };
}

interface GetOptions {
  headers?: Record<string, string>;
  /** Sign for this region instead of us-east-1. */
  region?: string;
  /** Sign as of this many milliseconds ago. */
  ageMs?: number;
  anonymous?: boolean;
}

/** GetObject of `key` in the case's bucket, or of `{{var}}/key` in another. */
const get = (key: string, o: GetOptions = {}): Step =>
  s3Step(
    [
      o.anonymous ? 'anonymous GetObject' : 'GetObject',
      key,
      o.headers ? JSON.stringify(o.headers) : '',
      o.region ? `signed for ${o.region}` : '',
      o.ageMs ? `signed ${o.ageMs / 1000} s ago` : '',
    ]
      .filter(Boolean)
      .join(' '),
    (s) => ({
      path: `/${s.fill(key.startsWith('{{') ? key : `{{bucket}}/${key}`)}`,
      headers: o.headers,
      region: o.region,
      signingDate: o.ageMs ? new Date(Date.now() - o.ageMs) : undefined,
    }),
    { anonymous: o.anonymous },
  );

const put = (key: string, headers: Record<string, string> = {}, extra: Partial<S3Call> = {}): Step =>
  s3Step(
    `PutObject ${key}${Object.keys(headers).length ? ` ${JSON.stringify(headers)}` : ''}${extra.payloadHash ? ` x-amz-content-sha256: ${extra.payloadHash}` : ''}`,
    (s) => ({
      method: 'PUT',
      path: `/${s.vars.bucket}/${key}`,
      body: `data of ${key}`,
      headers,
      ...extra,
    }),
  );

const putTagging = (key: string, tags: Record<string, string>): Step =>
  s3Step(`PutObjectTagging ${key} ${JSON.stringify(tags)}`, (s) => ({
    method: 'PUT',
    path: `/${s.vars.bucket}/${key}`,
    query: { tagging: '' },
    body: `<Tagging><TagSet>${Object.entries(tags)
      .map(([k, v]) => `<Tag><Key>${k}</Key><Value>${v}</Value></Tag>`)
      .join('')}</TagSet></Tagging>`,
  }));

const list = (query: Record<string, string>): Step =>
  s3Step(`ListObjectsV2 ${JSON.stringify(query)}`, (s) => ({ path: `/${s.vars.bucket}`, query: { 'list-type': '2', ...query } }));

const createBucket = (suffix: string, constraint?: string): Step =>
  s3Step(`CreateBucket ${suffix}${constraint ? ` in ${constraint}` : ''}`, (s) => ({
    method: 'PUT',
    path: `/${s.id}-${suffix}`,
    body: constraint
      ? `<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>${constraint}</LocationConstraint></CreateBucketConfiguration>`
      : '',
  }));

/** GET through a presigned URL boto3 made for the caller. */
const presignedGet = (key: string, version: 'v4' | 'v2'): Step => ({
  does: `GetObject ${key} through a boto3 presigned URL (${version === 'v4' ? 'SigV4' : 'SigV2'})`,
  run: async (s) => s.world.fetchPresigned((await s.world.boto3Presign(s.caller.creds!, s.vars.bucket!, key))[version]),
  client: 'boto3',
});

/** A second bucket `{{<varName>}}`, in this account or the other one, with one object `doc`. */
async function adminBucket(
  s: Scope,
  suffix: string,
  varName: string,
  options: { account?: 'other'; policy?: Statement[] } = {},
): Promise<void> {
  const creds = options.account === 'other' ? (await s.world.otherAccount()).admin : s.world.server.admin;
  const name = `${s.id}-${suffix}`;
  s.vars[varName] = name;
  await s.world.s3({ method: 'PUT', path: `/${name}`, creds });
  await s.world.s3({ method: 'PUT', path: `/${name}/doc`, body: 'doc', creds });
  if (options.policy)
    await s.world.s3({ method: 'PUT', path: `/${name}`, query: { policy: '' }, body: policyDoc(s.fill(options.policy)), creds });
}

/** The other account's bucket lets our account read (so only our own policy can refuse). */
const LETS_US_READ = (varName: string): Statement[] => [
  {
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::{{account}}:root' },
    Action: 's3:GetObject',
    Resource: `arn:aws:s3:::{{${varName}}}/*`,
  },
];

const DOC = [{ key: 'doc', body: 'doc' }];

type Condition = Record<string, Record<string, unknown>>;

/**
 * For a key the caller fixes, on S3 (callers IAM refuses: federated users, GetSessionToken
 * sessions): s3:GetObject when `right` holds, s3:ListBucket when `wrong` holds.
 */
const s3probe = (right: Condition, wrong: Condition): Pick<LiveCase, 'policy' | 'bucket' | 'allowed' | 'denied'> => ({
  policy: [allow('s3:GetObject', OBJECTS, right), allow('s3:ListBucket', BUCKET, wrong)],
  bucket: { objects: DOC },
  allowed: get('doc'),
  denied: list({}),
});

/** A bucket policy letting anyone GetObject when `condition` holds: anonymous yes, a signed user (no identity policy) no. */
const anonymousOnly = (condition: Condition): Pick<LiveCase, 'bucket' | 'allowed' | 'denied'> => ({
  bucket: { objects: DOC, policy: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: OBJECTS, Condition: condition }] },
  allowed: get('doc', { anonymous: true }),
  denied: get('doc'),
});

/** A bucket policy denying GetObject of `secret` when `condition` holds (and of `public` never): for the root user, whom no identity policy limits. */
const rootDenied = (condition: Condition): Pick<LiveCase, 'caller' | 'bucket' | 'allowed' | 'denied'> => ({
  caller: { kind: 'root' },
  bucket: {
    objects: [{ key: 'public' }, { key: 'secret' }],
    policy: [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::{{bucket}}/secret', Condition: condition }],
  },
  allowed: get('public'),
  denied: get('secret'),
});

const FED = { kind: 'federated' as const };

export const S3_CASES: readonly LiveCase[] = [
  // ── listing ──
  {
    title: 'ListObjectsV2 only under home/',
    keys: ['s3:prefix'],
    policy: [allow('s3:ListBucket', BUCKET, { StringEquals: { 's3:prefix': 'home/' } })],
    bucket: {},
    allowed: list({ prefix: 'home/' }),
    denied: list({ prefix: 'other/' }),
  },
  {
    title: 'absent when the request sends no prefix',
    keys: ['s3:prefix'],
    absence: true,
    policy: [allow('s3:ListBucket', BUCKET, { Null: { 's3:prefix': 'true' } })],
    bucket: {},
    allowed: list({}),
    denied: list({ prefix: 'home/' }),
  },
  {
    title: 'ListObjectsV2 only with delimiter /',
    keys: ['s3:delimiter'],
    policy: [allow('s3:ListBucket', BUCKET, { StringEquals: { 's3:delimiter': '/' } })],
    bucket: {},
    allowed: list({ delimiter: '/' }),
    denied: list({ delimiter: '-' }),
  },
  {
    title: 'ListObjectsV2 only with max-keys ≤ 10',
    keys: ['s3:max-keys'],
    policy: [allow('s3:ListBucket', BUCKET, { NumericLessThanEquals: { 's3:max-keys': '10' } })],
    bucket: {},
    allowed: list({ 'max-keys': '10' }),
    denied: list({ 'max-keys': '11' }),
  },
  // ── object tags ──
  {
    title: 'GetObject of objects tagged classification=public',
    keys: ['s3:ExistingObjectTag/'],
    policy: [allow('s3:GetObject', OBJECTS, { StringEquals: { 's3:ExistingObjectTag/classification': 'public' } })],
    bucket: {
      objects: [
        { key: 'public', tagging: 'classification=public' },
        { key: 'secret', tagging: 'classification=secret' },
      ],
    },
    allowed: get('public'),
    denied: get('secret'),
  },
  {
    title: 'PutObject with x-amz-tagging class=public only',
    keys: ['s3:RequestObjectTag/'],
    policy: [allow(['s3:PutObject', 's3:PutObjectTagging'], OBJECTS, { StringEquals: { 's3:RequestObjectTag/class': 'public' } })],
    bucket: {},
    allowed: put('a', { 'x-amz-tagging': 'class=public' }),
    denied: put('b', { 'x-amz-tagging': 'class=secret' }),
  },
  {
    title: 'PutObjectTagging with class=public only',
    keys: ['s3:RequestObjectTag/'],
    policy: [allow('s3:PutObjectTagging', OBJECTS, { StringEquals: { 's3:RequestObjectTag/class': 'public' } })],
    bucket: { objects: DOC },
    allowed: putTagging('doc', { class: 'public' }),
    denied: putTagging('doc', { class: 'secret' }),
  },
  {
    title: 'PutObject may set only the tag keys class and owner',
    keys: ['s3:RequestObjectTagKeys'],
    policy: [
      allow(['s3:PutObject', 's3:PutObjectTagging'], OBJECTS, {
        'ForAllValues:StringEquals': { 's3:RequestObjectTagKeys': ['class', 'owner'] },
      }),
    ],
    bucket: {},
    allowed: put('a', { 'x-amz-tagging': 'class=x&owner=y' }),
    denied: put('b', { 'x-amz-tagging': 'class=x&secret=z' }),
  },
  // ── headers ──
  {
    title: 'a Deny on UNSIGNED-PAYLOAD uploads',
    keys: ['s3:x-amz-content-sha256'],
    policy: [
      allow('s3:PutObject', OBJECTS),
      deny('s3:PutObject', OBJECTS, { StringEquals: { 's3:x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }),
    ],
    bucket: {},
    allowed: put('signed'),
    denied: put('unsigned', {}, { payloadHash: 'UNSIGNED-PAYLOAD' }),
  },
  {
    title: 'x-amz-acl: bucket-owner-full-control required',
    keys: ['s3:x-amz-'],
    policy: [allow('s3:PutObject', OBJECTS, { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } })],
    bucket: {},
    allowed: put('a', { 'x-amz-acl': 'bucket-owner-full-control' }),
    denied: put('b', { 'x-amz-acl': 'private' }),
  },
  {
    title: 'x-amz-storage-class: a Deny on REDUCED_REDUNDANCY',
    keys: ['s3:x-amz-'],
    policy: [
      allow('s3:PutObject', OBJECTS),
      deny('s3:PutObject', OBJECTS, { StringEquals: { 's3:x-amz-storage-class': 'REDUCED_REDUNDANCY' } }),
    ],
    bucket: {},
    allowed: put('a', { 'x-amz-storage-class': 'STANDARD' }),
    denied: put('b', { 'x-amz-storage-class': 'REDUCED_REDUNDANCY' }),
  },
  {
    title: 'x-amz-server-side-encryption: uploads must ask for AES256 (StringNotEquals Deny, so a missing header is refused too)',
    keys: ['s3:x-amz-'],
    policy: [
      allow('s3:PutObject', OBJECTS),
      deny('s3:PutObject', OBJECTS, { StringNotEquals: { 's3:x-amz-server-side-encryption': 'AES256' } }),
    ],
    bucket: {},
    allowed: put('a', { 'x-amz-server-side-encryption': 'AES256' }),
    denied: put('b'),
  },
  {
    title: 'x-amz-copy-source: copies only from public/',
    keys: ['s3:x-amz-'],
    policy: [
      allow('s3:GetObject', OBJECTS),
      allow('s3:PutObject', OBJECTS, { StringLike: { 's3:x-amz-copy-source': '{{bucket}}/public/*' } }),
    ],
    bucket: { objects: [{ key: 'public/a' }, { key: 'secret/b' }] },
    allowed: s3Step('CopyObject from public/a', (s) => ({
      method: 'PUT',
      path: `/${s.vars.bucket}/copy-1`,
      headers: { 'x-amz-copy-source': `${s.vars.bucket}/public/a` },
    })),
    denied: s3Step('CopyObject from secret/b', (s) => ({
      method: 'PUT',
      path: `/${s.vars.bucket}/copy-2`,
      headers: { 'x-amz-copy-source': `${s.vars.bucket}/secret/b` },
    })),
  },
  {
    title: 'absent on GetObject, which AWS lists no x-amz-acl key for, even when the header is sent',
    keys: ['s3:x-amz-'],
    absence: true,
    policy: [allow(['s3:GetObject', 's3:PutObject'], OBJECTS, { Null: { 's3:x-amz-acl': 'true' } })],
    bucket: { objects: DOC },
    allowed: get('doc', { headers: { 'x-amz-acl': 'private' } }),
    denied: put('doc', { 'x-amz-acl': 'private' }),
  },
  {
    title: 'PutObject only with If-Match',
    keys: ['s3:if-match'],
    policy: [allow('s3:PutObject', OBJECTS, { Null: { 's3:if-match': 'false' } })],
    bucket: { objects: DOC },
    allowed: put('doc', { 'if-match': `"${md5('doc')}"` }),
    denied: put('doc'),
  },
  {
    title: 'PutObject only with If-None-Match: * (no overwrites)',
    keys: ['s3:if-none-match'],
    policy: [allow('s3:PutObject', OBJECTS, { StringEquals: { 's3:if-none-match': '*' } })],
    bucket: {},
    allowed: put('new', { 'if-none-match': '*' }),
    denied: put('other'),
  },
  // ── authentication ──
  {
    title: 'REST-QUERY-STRING for a presigned URL, not REST-HEADER',
    keys: ['s3:authType'],
    policy: [allow('s3:GetObject', OBJECTS, { StringEquals: { 's3:authType': 'REST-QUERY-STRING' } })],
    bucket: { objects: DOC },
    allowed: presignedGet('doc', 'v4'),
    denied: get('doc'),
  },
  {
    title: 'REST-HEADER for an Authorization header',
    keys: ['s3:authType'],
    policy: [
      allow('s3:GetObject', OBJECTS, { StringEquals: { 's3:authType': 'REST-HEADER' } }),
      allow('s3:ListBucket', BUCKET, { StringEquals: { 's3:authType': 'REST-QUERY-STRING' } }),
    ],
    bucket: { objects: DOC },
    allowed: get('doc'),
    denied: list({}),
  },
  {
    title: 'absent for anonymous requests (bucket policy, Null)',
    keys: ['s3:authType'],
    absence: true,
    bucket: {
      objects: DOC,
      policy: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: OBJECTS, Condition: { Null: { 's3:authType': 'true' } } },
      ],
    },
    allowed: get('doc', { anonymous: true }),
    denied: get('doc'),
  },
  {
    title: 'AWS4-HMAC-SHA256 for SigV4, not for a SigV2 presigned URL',
    keys: ['s3:signatureversion'],
    policy: [allow('s3:GetObject', OBJECTS, { StringEquals: { 's3:signatureversion': 'AWS4-HMAC-SHA256' } })],
    bucket: { objects: DOC },
    allowed: get('doc'),
    denied: presignedGet('doc', 'v2'),
  },
  {
    title: 'milliseconds since the signature: a fresh one, not one 5 minutes old',
    keys: ['s3:signatureAge'],
    policy: [allow('s3:GetObject', OBJECTS, { NumericLessThan: { 's3:signatureAge': '60000' } })],
    bucket: { objects: DOC },
    allowed: get('doc'),
    denied: get('doc', { ageMs: 5 * 60_000 }),
  },
  // ── owners ──
  {
    title: 'the bucket owner: our own bucket, not another account’s',
    keys: ['s3:ResourceAccount'],
    policy: [allow('s3:GetObject', '*', { StringEquals: { 's3:ResourceAccount': '{{account}}' } })],
    bucket: { objects: DOC },
    setup: (s) => adminBucket(s, 'foreign', 'foreign', { account: 'other', policy: LETS_US_READ('foreign') }),
    allowed: get('doc'),
    denied: get('{{foreign}}/doc'),
  },
  {
    title: 'the bucket owner: the other account’s bucket, not ours',
    keys: ['s3:ResourceAccount'],
    policy: [allow('s3:GetObject', '*', { StringEquals: { 's3:ResourceAccount': '{{otherAccount}}' } })],
    bucket: { objects: DOC },
    setup: (s) => adminBucket(s, 'foreign', 'foreign', { account: 'other', policy: LETS_US_READ('foreign') }),
    allowed: get('{{foreign}}/doc'),
    denied: get('doc'),
  },
  {
    title: 'S3: the bucket owner’s account',
    keys: ['aws:ResourceAccount'],
    policy: [allow('s3:GetObject', '*', { StringEquals: { 'aws:ResourceAccount': '{{otherAccount}}' } })],
    bucket: { objects: DOC },
    setup: (s) => adminBucket(s, 'foreign', 'foreign', { account: 'other', policy: LETS_US_READ('foreign') }),
    allowed: get('{{foreign}}/doc'),
    denied: get('doc'),
  },
  {
    title: 'CreateBucket only in eu-west-1',
    keys: ['s3:locationconstraint'],
    policy: [allow('s3:CreateBucket', '*', { StringEquals: { 's3:LocationConstraint': 'eu-west-1' } })],
    allowed: createBucket('eu', 'eu-west-1'),
    denied: createBucket('us', 'us-west-2'),
  },
  // ── global keys S3 adds ──
  {
    title: 'the Referer header',
    keys: ['aws:referer'],
    policy: [allow('s3:GetObject', OBJECTS, { StringLike: { 'aws:referer': 'https://good.example/*' } })],
    bucket: { objects: DOC },
    allowed: get('doc', { headers: { referer: 'https://good.example/page' } }),
    denied: get('doc', { headers: { referer: 'https://evil.example/page' } }),
  },
  {
    title: 'absent without a Referer header',
    keys: ['aws:referer'],
    absence: true,
    policy: [allow('s3:GetObject', OBJECTS, { Null: { 'aws:referer': 'true' } })],
    bucket: { objects: DOC },
    allowed: get('doc'),
    denied: get('doc', { headers: { referer: 'https://good.example/page' } }),
  },
  {
    title: 'S3: the region the request is signed for',
    keys: ['aws:RequestedRegion'],
    policy: [
      allow('s3:GetObject', OBJECTS, { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } }),
      allow('s3:ListBucket', BUCKET, { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }),
    ],
    bucket: { objects: DOC },
    allowed: get('doc'),
    denied: list({}),
  },
  {
    title: 'absent for anonymous requests (bucket policy, Null)',
    keys: ['aws:PrincipalArn'],
    absence: true,
    bucket: {
      objects: DOC,
      policy: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: OBJECTS, Condition: { Null: { 'aws:PrincipalArn': 'true' } } },
      ],
    },
    allowed: get('doc', { anonymous: true }),
    denied: get('doc'),
  },
  {
    title: 'absent for anonymous requests (bucket policy, Null)',
    keys: ['aws:PrincipalIsAWSService'],
    absence: true,
    bucket: {
      objects: DOC,
      policy: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: OBJECTS,
          Condition: { Null: { 'aws:PrincipalIsAWSService': 'true' } },
        },
      ],
    },
    allowed: get('doc', { anonymous: true }),
    denied: get('doc'),
  },
  // ── principals IAM does not serve: anonymous, root, federated users ──
  { title: 'anonymous: Anonymous', keys: ['aws:PrincipalType'], ...anonymousOnly({ StringEquals: { 'aws:PrincipalType': 'Anonymous' } }) },
  { title: 'anonymous: anonymous', keys: ['aws:userid'], ...anonymousOnly({ StringEquals: { 'aws:userid': 'anonymous' } }) },
  {
    title: 'anonymous: anonymous',
    keys: ['aws:PrincipalAccount'],
    ...anonymousOnly({ StringEquals: { 'aws:PrincipalAccount': 'anonymous' } }),
  },
  {
    title: 'anonymous: absent (no credentials)',
    keys: ['aws:username'],
    absence: true,
    ...anonymousOnly({
      Null: { 'aws:username': 'true', 'aws:TokenIssueTime': 'true', 'aws:MultiFactorAuthPresent': 'true' },
      StringEquals: { 'aws:PrincipalType': 'Anonymous' },
    }),
  },
  {
    title: 'anonymous: the configured region (KEYSMITH_REGION, us-east-1)',
    keys: ['aws:RequestedRegion'],
    bucket: {
      objects: DOC,
      policy: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: OBJECTS,
          Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
        },
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:ListBucket',
          Resource: BUCKET,
          Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
        },
      ],
    },
    allowed: get('doc', { anonymous: true }),
    denied: s3Step('anonymous ListObjectsV2', (s) => ({ path: `/${s.vars.bucket}`, query: { 'list-type': '2' } }), { anonymous: true }),
  },
  { title: 'root: Account', keys: ['aws:PrincipalType'], ...rootDenied({ StringEquals: { 'aws:PrincipalType': 'Account' } }) },
  { title: 'root: the account id', keys: ['aws:userid'], ...rootDenied({ StringEquals: { 'aws:userid': '{{account}}' } }) },
  {
    title: 'root: arn:aws:iam::<account>:root',
    keys: ['aws:PrincipalArn'],
    ...rootDenied({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::{{account}}:root' } }),
  },
  {
    title: 'root: absent',
    keys: ['aws:username'],
    absence: true,
    ...rootDenied({ Null: { 'aws:username': 'true' }, StringEquals: { 'aws:PrincipalAccount': '{{account}}' } }),
  },
  {
    title: 'a federated user: FederatedUser',
    keys: ['aws:PrincipalType'],
    caller: FED,
    ...s3probe({ StringEquals: { 'aws:PrincipalType': 'FederatedUser' } }, { StringEquals: { 'aws:PrincipalType': 'User' } }),
  },
  {
    title: 'a federated user: account:name',
    keys: ['aws:userid'],
    caller: FED,
    ...s3probe({ StringEquals: { 'aws:userid': '{{account}}:{{fedName}}' } }, { StringEquals: { 'aws:userid': '{{callerUserId}}' } }),
  },
  {
    title: 'a federated user: its federated-user ARN',
    keys: ['aws:PrincipalArn'],
    caller: FED,
    ...s3probe(
      { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:sts::{{account}}:federated-user/{{fedName}}' } },
      { ArnEquals: { 'aws:PrincipalArn': '{{callerUserArn}}' } },
    ),
  },
  {
    title: 'a federated user: absent',
    keys: ['aws:username'],
    absence: true,
    caller: FED,
    ...s3probe({ Null: { 'aws:username': 'true' } }, { StringEquals: { 'aws:username': '{{callerName}}' } }),
  },
  {
    title: 'a federated user: false (temporary credentials without MFA)',
    keys: ['aws:MultiFactorAuthPresent'],
    caller: FED,
    ...s3probe({ Bool: { 'aws:MultiFactorAuthPresent': 'false' } }, { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }),
  },
  {
    title: 'GetSessionToken credentials without MFA: false (S3 accepts them)',
    keys: ['aws:MultiFactorAuthPresent'],
    caller: { kind: 'session-token' },
    policy: [
      allow('s3:GetObject', OBJECTS, { Bool: { 'aws:MultiFactorAuthPresent': 'false' } }),
      allow('s3:ListBucket', BUCKET, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    ],
    bucket: { objects: DOC },
    allowed: get('doc'),
    denied: list({}),
  },
  {
    title: 'GetSessionToken credentials: when they were issued',
    keys: ['aws:TokenIssueTime'],
    caller: { kind: 'session-token' },
    policy: [
      allow('s3:GetObject', OBJECTS, { DateGreaterThan: { 'aws:TokenIssueTime': '{{pastHour}}' } }),
      allow('s3:ListBucket', BUCKET, { DateGreaterThan: { 'aws:TokenIssueTime': '{{futureHour}}' } }),
    ],
    bucket: { objects: DOC },
    allowed: get('doc'),
    denied: list({}),
  },
];
