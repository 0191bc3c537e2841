import { after, before, describe as suite, test } from './node-test.js';
import assert from 'node:assert/strict';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { request } from 'node:http';
import {
  AssumeRoleCommand,
  type AssumeRoleCommandInput,
  AssumeRoleWithSAMLCommand,
  AssumeRoleWithWebIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import {
  AddRoleToInstanceProfileCommand,
  AttachUserPolicyCommand,
  CreateInstanceProfileCommand,
  CreateAccessKeyCommand,
  CreateOpenIDConnectProviderCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteUserCommand,
  DeleteUserPermissionsBoundaryCommand,
  EnableMFADeviceCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetUserCommand,
  IAMClient,
  ListGroupsCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  TagRoleCommand,
  TagUserCommand,
  UntagUserCommand,
} from '@aws-sdk/client-iam';
import { SignatureV4 } from '@smithy/signature-v4';
import { createAccount } from '../../src/services/accounts/create-account.js';
import { nodeRandom } from '../../src/platform/node-random.js';
import { base32Decode, hotp, totpStep } from '../../src/services/iam/mfa/totp.js';
import { startTestServer, type TestServer } from './server.js';
import type { Credentials } from './sdk-clients.js';
import { clientEnv, describe as describeProcess, runProcess } from './clients-process.js';
import { signingKey, signToken, type SigningKey, TEST_CA_FILE, TEST_CA_THUMBPRINT, TestIssuer } from './oidc-issuer.js';
import { type AssertionOptions, b64, ENTITY_ID, idpMetadata, signedAssertionResponse } from './saml-idp.js';

/**
 * The live-context suites: one table of cases per area (test/conformance/live-context-*.test.ts),
 * each case a condition key, a policy whose decision hinges on that key, one call that the policy
 * must allow and one it must refuse — run through a real keysmith with real clients (AWS SDK v3
 * for IAM and STS; the SDK's own SigV4 signer and boto3's presigner for S3). The tables are data
 * the coverage test (live-context-coverage.test.ts) reads: every key of key-table.ts that keysmith
 * sets needs a case. Policies are JSON with `{{name}}` placeholders the runner fills in (account
 * ids, the caller's ARN and unique id, the case's role and bucket, times). A table's cases that
 * run an external program (a step with a `client`) run in test/clients/, the rest in Node.
 */

export type Statement = Record<string, unknown>;
export interface Tag {
  Key: string;
  Value: string;
}

/** Who makes the two calls. */
export type CallerSpec =
  /** A new IAM user with long-term keys (the default). */
  | { kind: 'user'; tags?: Tag[] }
  /** A session of a new role whose permissions policy is the case's policy. */
  | {
      kind: 'role';
      roleTags?: Tag[];
      rolePath?: string;
      sessionName?: string;
      tags?: Tag[];
      transitiveTagKeys?: string[];
      sourceIdentity?: string;
      sessionPolicy?: readonly Statement[];
      /** Role chaining: the caller's role is assumed from a session of a first role, assumed with these. */
      chain?: { tags?: Tag[]; transitiveTagKeys?: string[]; sourceIdentity?: string };
    }
  /** GetFederationToken of a new user: the case's policy is both the user's and the session policy. */
  | { kind: 'federated'; name?: string }
  /** The account's root user (no identity policy applies; bucket-policy Denies do). */
  | { kind: 'root' }
  /** GetSessionToken of a new user, with a virtual MFA device's code. */
  | { kind: 'mfa-session' }
  /** GetSessionToken of a new user, without MFA. */
  | { kind: 'session-token' }
  /** No credentials (S3 only). */
  | { kind: 'anonymous' }
  /**
   * AssumeRoleWithWebIdentity of a new role (its permissions policy is the case's policy) with a
   * token of the world's test OIDC issuer, registered as the provider `{{providerArn}}`; with
   * `chain`, that session then assumes a second role, the caller. Needs liveSuite's `federation`.
   */
  | { kind: 'web-identity'; chain?: boolean }
  /**
   * AssumeRoleWithSAML of a new role (its permissions policy is the case's policy) with an
   * assertion the test IdP signed (test/support/saml-idp.ts), its SAML provider `{{providerArn}}`;
   * with `chain`, that session then assumes a second role, the caller.
   */
  | { kind: 'saml'; chain?: boolean }
  /**
   * No AWS caller: a case about a *trust policy's* keys. An IAM OIDC provider for the world's test
   * issuer (`{{providerArn}}`, whose keys are named `{{providerName}}:…`, client ids
   * `sts.amazonaws.com` and `other-client`), or a SAML provider of the test IdP (`{{providerArn}}`).
   * The case's `role` trusts it; its steps sign in (webIdentitySignIn, samlSignIn). `oidc-signin`
   * needs liveSuite's `federation`.
   */
  | { kind: 'oidc-signin' }
  | { kind: 'saml-signin' }
  /**
   * A role session an AWS service started (a credential grant, `keysmith run`): a new role that
   * trusts the service (an instance profile holds it for EC2), its permissions policy the case's
   * policy, and credentials fetched from keysmith's container-credentials endpoint — with the
   * IMDS version `roleDelivery` says the program used (EC2). Vars: instanceArn, vpcId, privateIp,
   * functionArn.
   */
  | { kind: 'service'; computeType: 'ec2' | 'lambda'; roleDelivery?: '1.0' | '2.0' }
  /**
   * No AWS caller: a case about the trust-policy keys of a service's AssumeRole. The case's `role`
   * trusts a service; its steps create credential grants (serviceGrant), as the admin.
   */
  | { kind: 'service-trust' };

export interface Step {
  /** The call, in words. */
  does: string;
  run(s: Scope): Promise<unknown>;
  /**
   * The external program the call runs (boto3's presigner): a case with such a step runs in
   * test/clients/, with the other client tests, not with the rest of its table.
   */
  client?: string;
}

export interface LiveCase {
  title: string;
  /** The key-table.ts rows (a key, or a family ending in "/") whose value decides this case. */
  keys: readonly string[];
  /** The decision hinges on the key being absent (Null, …IfExists) rather than on its value. */
  absence?: boolean;
  caller?: CallerSpec;
  /** The caller's identity policy (the user's inline policy, or the caller role's). */
  policy?: readonly Statement[];
  /** The caller's permissions boundary (a managed policy set on the caller's user or role). */
  boundary?: readonly Statement[];
  /** A role `{{role}}` (ARN `{{roleArn}}`) made for the case, in this account or the other one. */
  role?: {
    trust: readonly Statement[];
    tags?: Tag[];
    account?: 'other';
    /** A second role `{{wrongRoleArn}}` with this trust policy (trust-policy keys: the denied sign-in's role). */
    wrongTrust?: readonly Statement[];
  };
  /** A bucket `{{bucket}}` made for the case (by the account's admin), with objects and a policy. */
  bucket?: { policy?: readonly Statement[]; objects?: { key: string; body?: string; tagging?: string }[]; account?: 'other' };
  /** More set-up as the admin, after the caller, role and bucket exist and before the policy is put. */
  setup?(s: Scope): Promise<void>;
  allowed: Step;
  denied: Step;
}

export interface ClientOptions {
  /** The region the client signs for. */
  region?: string;
  /** Appended to the SDK's User-Agent. */
  userAgent?: string;
  /** More request headers. */
  headers?: Record<string, string>;
}

export interface Caller {
  kind: CallerSpec['kind'];
  creds?: Credentials;
  /** The caller's ARN (a session ARN for sessions); '' when anonymous. */
  arn: string;
}

/** A second account for cross-account cases (created on first use). */
export const OTHER_ACCOUNT = '210987654321';

// ─── S3 on the wire, signed by the AWS SDK's signer ──────────────────────────────────────────

function bytes(data: Uint8Array | ArrayBuffer | ArrayBufferView): Buffer {
  return data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** The signer's hash interface over node:crypto. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', typeof secret === 'string' ? secret : bytes(secret));
  }
  update(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(typeof data === 'string' ? data : bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export interface S3Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface S3Call {
  method?: string;
  /** Encoded path, e.g. `/bucket/key`. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  /** x-amz-content-sha256; default the body's SHA-256. */
  payloadHash?: string;
  /** Signing credentials; `null` sends the request unsigned (anonymous). */
  creds?: Credentials | null;
  region?: string;
  signingDate?: Date;
}

/** An S3 error answer, thrown by the S3 helpers for any status outside 2xx. */
export class S3CallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly body: string,
  ) {
    super(`S3 answered ${status} ${code ?? ''}: ${body.slice(0, 300)}`);
  }
}

function queryString(query: Record<string, string> | undefined): string {
  if (!query || Object.keys(query).length === 0) return '';
  return (
    '?' +
    Object.entries(query)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&')
  );
}

// ─── the world: one keysmith per test file ─────────────────────────────────────────────────

export class LiveWorld {
  readonly iam: IAMClient;
  readonly port: number;
  private other?: Promise<{ accountId: string; admin: Credentials; iam: IAMClient }>;
  private issuer?: Promise<{ issuer: TestIssuer; key: SigningKey }>;

  constructor(readonly server: TestServer) {
    this.iam = this.iamClient(server.admin);
    this.port = Number(new URL(server.url).port);
  }

  /** With `federation`, keysmith trusts the test CA and issuer URLs with a port (the test OIDC issuer's). */
  static async start(options: { federation?: boolean } = {}): Promise<LiveWorld> {
    const env: Record<string, string> = options.federation
      ? { KEYSMITH_OIDC_ALLOW_PORTS: 'true', KEYSMITH_FEDERATION_CA_FILE: TEST_CA_FILE }
      : {};
    return new LiveWorld(await startTestServer(env));
  }

  /** The HTTPS OpenID Connect issuer on 127.0.0.1 of web-identity callers, started once. */
  oidcIssuer(): Promise<{ issuer: TestIssuer; key: SigningKey }> {
    this.issuer ??= (async () => {
      const issuer = await TestIssuer.start();
      const key = await signingKey('live-context');
      issuer.published = [key];
      return { issuer, key };
    })();
    return this.issuer;
  }

  get account(): string {
    return this.server.accountId;
  }

  iamClient(creds: Credentials, options: ClientOptions = {}): IAMClient {
    const client = new IAMClient({
      endpoint: this.server.url,
      region: options.region ?? 'us-east-1',
      credentials: creds,
      maxAttempts: 1,
      ...(options.userAgent ? { customUserAgent: options.userAgent } : {}),
    });
    const extra = options.headers;
    if (extra) {
      // Extra headers, added before signing (a client behind a proxy that says who it forwards for).
      client.middlewareStack.add(
        (next) => async (args) => {
          const request = args.request as { headers?: Record<string, string> };
          if (request.headers) Object.assign(request.headers, extra);
          return next(args);
        },
        { step: 'build', name: 'liveContextExtraHeaders' },
      );
    }
    return client;
  }

  stsClient(creds: Credentials, options: { region?: string } = {}): STSClient {
    return new STSClient({ endpoint: this.server.url, region: options.region ?? 'us-east-1', credentials: creds, maxAttempts: 1 });
  }

  /** The second account (its admin user's keys), created once. */
  otherAccount(): Promise<{ accountId: string; admin: Credentials; iam: IAMClient }> {
    this.other ??= (async () => {
      const app = this.server.keysmith.app;
      const created = await createAccount(app.store, app.secrets, nodeRandom, { accountId: OTHER_ACCOUNT, now: Date.now() });
      const admin = { accessKeyId: created.admin.accessKeyId, secretAccessKey: created.admin.secretAccessKey };
      return { accountId: created.accountId, admin, iam: this.iamClient(admin) };
    })();
    return this.other;
  }

  /** One raw HTTP exchange. */
  send(method: string, pathAndQuery: string, headers: Record<string, string>, body?: string): Promise<S3Reply> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: this.port, method, path: pathAndQuery, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** An S3 request signed (Authorization header) by the AWS SDK's SigV4 signer; raw reply. */
  async s3Raw(call: S3Call): Promise<S3Reply> {
    const body = call.body ?? '';
    const method = call.method ?? 'GET';
    const host = `127.0.0.1:${this.port}`;
    if (call.creds === null) {
      return this.send(
        method,
        call.path + queryString(call.query),
        { host, 'content-length': String(Buffer.byteLength(body)), ...call.headers },
        body === '' ? undefined : body,
      );
    }
    const creds = call.creds ?? this.server.admin;
    const headers: Record<string, string> = { host, 'x-amz-content-sha256': call.payloadHash ?? sha256Hex(body), ...call.headers };
    const signer = new SignatureV4({
      credentials: creds,
      region: call.region ?? 'us-east-1',
      service: 's3',
      sha256: Sha256,
      uriEscapePath: false,
      applyChecksum: false,
    });
    const signed = await signer.sign(
      { method, protocol: 'http:', hostname: '127.0.0.1', port: this.port, path: call.path, query: call.query ?? {}, headers, body },
      call.signingDate ? { signingDate: call.signingDate } : {},
    );
    return this.send(
      method,
      call.path + queryString(call.query),
      { ...signed.headers, 'content-length': String(Buffer.byteLength(body)) },
      body === '' ? undefined : body,
    );
  }

  /** As s3Raw, throwing S3CallError unless the answer is 2xx. */
  async s3(call: S3Call): Promise<S3Reply> {
    return s3Ok(await this.s3Raw(call));
  }

  /**
   * Presigned GET URLs (path and query) made by boto3 — SigV4 (`s3v4`) and the legacy SigV2
   * query signature (`s3`) — for one object.
   */
  async boto3Presign(creds: Credentials, bucket: string, key: string): Promise<{ v4: string; v2: string }> {
    const script = [
      'import json, sys, boto3',
      'from botocore.config import Config',
      'a = json.loads(sys.argv[1])',
      "s = boto3.session.Session(aws_access_key_id=a['id'], aws_secret_access_key=a['secret'], region_name='us-east-1')",
      'out = {}',
      "for name, version in (('v4', 's3v4'), ('v2', 's3')):",
      "    c = s.client('s3', endpoint_url=a['url'], config=Config(signature_version=version, s3={'addressing_style': 'path'}))",
      "    out[name] = c.generate_presigned_url('get_object', Params={'Bucket': a['bucket'], 'Key': a['key']}, ExpiresIn=300)",
      'print(json.dumps(out))',
    ].join('\n');
    const arg = JSON.stringify({ id: creds.accessKeyId, secret: creds.secretAccessKey, url: this.server.url, bucket, key });
    const result = await runProcess('python3', ['-c', script, arg], { env: clientEnv(), timeoutMs: 60_000 });
    assert.equal(result.code, 0, describeProcess(result));
    const urls = JSON.parse(result.stdout) as { v4: string; v2: string };
    const pathOf = (u: string) => {
      const parsed = new URL(u);
      return parsed.pathname + parsed.search;
    };
    return { v4: pathOf(urls.v4), v2: pathOf(urls.v2) };
  }

  /** GET of a path-and-query as it is (a presigned URL). */
  async fetchPresigned(pathAndQuery: string): Promise<S3Reply> {
    return s3Ok(await this.send('GET', pathAndQuery, { host: `127.0.0.1:${this.port}` }));
  }

  async close(): Promise<void> {
    await this.server.close();
    if (this.issuer) await (await this.issuer).issuer.close();
  }
}

export function s3Ok(reply: S3Reply): S3Reply {
  if (reply.status >= 200 && reply.status < 300) return reply;
  throw new S3CallError(reply.status, /<Code>([^<]+)<\/Code>/.exec(reply.body)?.[1], reply.body);
}

// ─── one case's scope ──────────────────────────────────────────────────────────────────────

export interface Scope {
  world: LiveWorld;
  /** Unique name stem of the case (users, roles, buckets are named after it). */
  id: string;
  /** Placeholder values: account, otherAccount, id, callerArn, callerName, callerUserId, role, roleArn, bucket, … */
  vars: Record<string, string>;
  caller: Caller;
  /** IAM and STS clients signed by the caller. */
  iam(options?: ClientOptions): IAMClient;
  sts(options?: { region?: string }): STSClient;
  /** An S3 request signed by the caller (unsigned for an anonymous caller); throws unless 2xx. */
  s3(call: S3Call): Promise<S3Reply>;
  /** Fills `{{name}}` placeholders. */
  fill<T>(value: T): T;
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

function filler(vars: Record<string, string>) {
  return <T>(value: T): T => {
    const text = JSON.stringify(value).replace(PLACEHOLDER, (_, name: string) => {
      const v = vars[name];
      if (v === undefined) throw new Error(`no value for placeholder {{${name}}}`);
      return JSON.stringify(v).slice(1, -1);
    });
    return JSON.parse(text) as T;
  };
}

export const policyDoc = (statements: readonly Statement[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

const sessionCreds = (k: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): Credentials => ({
  accessKeyId: k.AccessKeyId!,
  secretAccessKey: k.SecretAccessKey!,
  sessionToken: k.SessionToken!,
});

/** Creates everything a case needs, as the admin, and the caller's credentials. */
async function prepare(world: LiveWorld, id: string, c: LiveCase): Promise<Scope> {
  const now = Date.now();
  const vars: Record<string, string> = {
    account: world.account,
    otherAccount: OTHER_ACCOUNT,
    id,
    pastHour: new Date(now - 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    futureHour: new Date(now + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    epochPastHour: String(Math.floor(now / 1000) - 3600),
    epochFutureHour: String(Math.floor(now / 1000) + 3600),
  };
  const fill = filler(vars);
  const admin = world.iam;
  const spec: CallerSpec = c.caller ?? { kind: 'user' };
  const scope: Scope = {
    world,
    id,
    vars,
    caller: { kind: spec.kind, arn: '' },
    iam: (options) => world.iamClient(need(scope.caller), options),
    sts: (options) => world.stsClient(need(scope.caller), options),
    s3: (call) => world.s3({ creds: scope.caller.creds ?? null, ...call }),
    fill,
  };
  /** Puts the case's policy where the caller's permissions come from (after set-up). */
  let putPolicy = async (_statements: readonly Statement[]): Promise<void> => {};
  /** Credentials that depend on the policy (GetFederationToken's session policy). */
  let afterPolicy = async (): Promise<void> => {};
  /** Sets a permissions boundary on the caller's user or role. */
  let putBoundary = async (_arn: string): Promise<void> => {
    throw new Error(`a ${spec.kind} caller has no permissions boundary`);
  };

  if (spec.kind === 'root') {
    scope.caller = { kind: 'root', arn: `arn:aws:iam::${world.account}:root`, creds: world.server.root };
    vars.callerArn = scope.caller.arn;
  } else if (spec.kind === 'web-identity') {
    const federated = await webIdentityCaller(world, id, vars, spec.chain === true);
    scope.caller = federated.caller;
    putPolicy = federated.putPolicy;
  } else if (spec.kind === 'saml') {
    const federated = await samlCaller(world, id, vars, spec.chain === true);
    scope.caller = federated.caller;
    putPolicy = federated.putPolicy;
  } else if (spec.kind === 'oidc-signin') {
    const { issuer } = await world.oidcIssuer();
    const issuerUrl = issuer.url(`/${id}`);
    const provider = await admin.send(
      new CreateOpenIDConnectProviderCommand({
        Url: issuerUrl,
        ClientIDList: ['sts.amazonaws.com', 'other-client'],
        ThumbprintList: [TEST_CA_THUMBPRINT],
      }),
    );
    Object.assign(vars, {
      providerArn: provider.OpenIDConnectProviderArn!,
      providerName: issuerUrl.slice('https://'.length),
      issuerUrl,
    });
  } else if (spec.kind === 'service') {
    const service = await serviceCaller(world, id, vars, spec.computeType, spec.roleDelivery ?? '2.0');
    scope.caller = service.caller;
    putPolicy = service.putPolicy;
  } else if (spec.kind === 'service-trust') {
    // The case's role and its steps do everything.
  } else if (spec.kind === 'saml-signin') {
    const name = `${id}-idp`;
    const provider = await admin.send(new CreateSAMLProviderCommand({ Name: name, SAMLMetadataDocument: idpMetadata() }));
    // NameQualifier as the IAM User Guide defines it: BASE64(SHA1(Issuer + account id + "/" + provider name)).
    const nameQualifier = createHash('sha1').update(`${ENTITY_ID}${world.account}/${name}`).digest('base64');
    Object.assign(vars, { providerArn: provider.SAMLProviderArn!, providerName: name, nameQualifier, entityId: ENTITY_ID });
  } else if (spec.kind !== 'anonymous') {
    const userName = spec.kind === 'role' ? `${id}-base` : `${id}-caller`;
    const user = (await admin.send(new CreateUserCommand({ UserName: userName, Tags: spec.kind === 'user' ? spec.tags : undefined })))
      .User!;
    const key = (await admin.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey!;
    const userCreds: Credentials = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    Object.assign(vars, { callerName: userName, callerUserId: user.UserId!, callerUserArn: user.Arn!, callerArn: user.Arn! });
    scope.caller = { kind: spec.kind, arn: user.Arn!, creds: userCreds };
    const putUserPolicy = async (statements: readonly Statement[]) =>
      void (await admin.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: 'case', PolicyDocument: policyDoc(statements) })));
    putPolicy = putUserPolicy;
    putBoundary = async (arn) =>
      void (await admin.send(new PutUserPermissionsBoundaryCommand({ UserName: userName, PermissionsBoundary: arn })));
    if (spec.kind === 'role') {
      const roleName = `${id}-caller-role`;
      const assumeActions = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'];
      let assumer = userCreds;
      let assumerArn = user.Arn!;
      if (spec.chain) {
        const hopName = `${id}-hop-role`;
        const hopTrust = policyDoc([{ Effect: 'Allow', Principal: { AWS: user.Arn! }, Action: assumeActions }]);
        const hop = (await admin.send(new CreateRoleCommand({ RoleName: hopName, AssumeRolePolicyDocument: hopTrust }))).Role!;
        const out = await world.stsClient(userCreds).send(
          new AssumeRoleCommand({
            RoleArn: hop.Arn!,
            RoleSessionName: `${id}-hop`,
            Tags: spec.chain.tags,
            TransitiveTagKeys: spec.chain.transitiveTagKeys,
            SourceIdentity: spec.chain.sourceIdentity,
          }),
        );
        assumer = sessionCreds(out.Credentials!);
        assumerArn = hop.Arn!;
        vars.hopRoleArn = hop.Arn!;
      }
      const trust = policyDoc([{ Effect: 'Allow', Principal: { AWS: assumerArn }, Action: assumeActions }]);
      const role = (
        await admin.send(
          new CreateRoleCommand({ RoleName: roleName, Path: spec.rolePath, AssumeRolePolicyDocument: trust, Tags: spec.roleTags }),
        )
      ).Role!;
      const sessionName = spec.sessionName ?? `${id}-session`;
      const input: AssumeRoleCommandInput = {
        RoleArn: role.Arn!,
        RoleSessionName: sessionName,
        Tags: spec.tags,
        TransitiveTagKeys: spec.transitiveTagKeys,
        SourceIdentity: spec.sourceIdentity,
        Policy: spec.sessionPolicy ? policyDoc(fill(spec.sessionPolicy)) : undefined,
      };
      const out = await world.stsClient(assumer).send(new AssumeRoleCommand(input));
      scope.caller = { kind: 'role', arn: out.AssumedRoleUser!.Arn!, creds: sessionCreds(out.Credentials!) };
      Object.assign(vars, {
        callerRoleName: roleName,
        callerRoleArn: role.Arn!,
        callerRoleId: role.RoleId!,
        sessionName,
        callerArn: scope.caller.arn,
      });
      putPolicy = async (statements) =>
        void (await admin.send(
          new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'case', PolicyDocument: policyDoc(statements) }),
        ));
      putBoundary = async (arn) =>
        void (await admin.send(new PutRolePermissionsBoundaryCommand({ RoleName: roleName, PermissionsBoundary: arn })));
    } else if (spec.kind === 'federated') {
      const name = spec.name ?? `${id}-fed`;
      const arn = `arn:aws:sts::${world.account}:federated-user/${name}`;
      Object.assign(vars, { fedName: name, callerArn: arn });
      let sessionPolicy: readonly Statement[] = [];
      putPolicy = async (statements) => {
        sessionPolicy = statements;
        await putUserPolicy([...statements, allow('sts:GetFederationToken')]);
      };
      afterPolicy = async () => {
        const out = await world
          .stsClient(userCreds)
          .send(new GetFederationTokenCommand({ Name: name, Policy: policyDoc(sessionPolicy), DurationSeconds: 900 }));
        assert.equal(out.FederatedUser!.Arn, arn);
        scope.caller = { kind: 'federated', arn, creds: sessionCreds(out.Credentials!) };
      };
    } else if (spec.kind === 'mfa-session' || spec.kind === 'session-token') {
      let mfa: { SerialNumber?: string; TokenCode?: string } = {};
      if (spec.kind === 'mfa-session') {
        const device = (await admin.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${id}-mfa` }))).VirtualMFADevice!;
        const seed = base32Decode(Buffer.from(device.Base32StringSeed!).toString('ascii'));
        const step = totpStep(Date.now());
        await admin.send(
          new EnableMFADeviceCommand({
            UserName: userName,
            SerialNumber: device.SerialNumber!,
            AuthenticationCode1: hotp(seed, step - 1),
            AuthenticationCode2: hotp(seed, step),
          }),
        );
        // The codes of `step` are spent; the next step's code is within the accepted window.
        mfa = { SerialNumber: device.SerialNumber!, TokenCode: hotp(seed, step + 1) };
      }
      const k = (await world.stsClient(userCreds).send(new GetSessionTokenCommand({ ...mfa, DurationSeconds: 900 }))).Credentials!;
      scope.caller = { kind: spec.kind, arn: user.Arn!, creds: sessionCreds(k) };
    }
  }

  if (c.role) {
    const owner = c.role.account === 'other' ? (await world.otherAccount()).iam : admin;
    const roleName = `${id}-role`;
    const role = (
      await owner.send(
        new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: policyDoc(fill(c.role.trust)), Tags: c.role.tags }),
      )
    ).Role!;
    Object.assign(vars, { role: roleName, roleArn: role.Arn!, roleId: role.RoleId! });
    if (c.role.wrongTrust) {
      const wrong = await owner.send(
        new CreateRoleCommand({ RoleName: `${id}-wrong-role`, AssumeRolePolicyDocument: policyDoc(fill(c.role.wrongTrust)) }),
      );
      vars.wrongRoleArn = wrong.Role!.Arn!;
    }
  }

  if (c.bucket) {
    const ownerCreds = c.bucket.account === 'other' ? (await world.otherAccount()).admin : world.server.admin;
    const bucket = `${id}-bucket`;
    vars.bucket = bucket;
    await world.s3({ method: 'PUT', path: `/${bucket}`, creds: ownerCreds });
    for (const o of c.bucket.objects ?? []) {
      await world.s3({
        method: 'PUT',
        path: `/${bucket}/${o.key}`,
        body: o.body ?? o.key,
        headers: o.tagging ? { 'x-amz-tagging': o.tagging } : {},
        creds: ownerCreds,
      });
    }
    if (c.bucket.policy)
      await world.s3({
        method: 'PUT',
        path: `/${bucket}`,
        query: { policy: '' },
        body: policyDoc(fill(c.bucket.policy)),
        creds: ownerCreds,
      });
  }

  if (c.setup) await c.setup(scope);
  if (c.boundary) {
    const created = await admin.send(
      new CreatePolicyCommand({ PolicyName: `${id}-caller-boundary`, PolicyDocument: policyDoc(fill(c.boundary)) }),
    );
    await putBoundary(created.Policy!.Arn!);
  }
  if (c.policy) {
    if (spec.kind === 'root' || spec.kind === 'anonymous') throw new Error(`a ${spec.kind} caller has no identity policy`);
    await putPolicy(fill(c.policy));
  }
  await afterPolicy();
  return scope;
}

/** A signed call of keysmith's own Query service (credential grants): status, error code, result members. */
export async function keysmithCall(
  world: LiveWorld,
  creds: Credentials,
  form: Record<string, string>,
  region = 'us-east-1',
): Promise<{ status: number; code?: string; fields: Record<string, string>; text: string }> {
  const body = new URLSearchParams({ Version: '2026-12-01', ...form }).toString();
  const host = `127.0.0.1:${world.port}`;
  const headers = { host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  const signer = new SignatureV4({ credentials: creds, region, service: 'keysmith', sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: world.port,
    path: '/',
    headers,
    body,
  });
  const reply = await world.send('POST', '/', { ...signed.headers, 'content-length': String(Buffer.byteLength(body)) }, body);
  const fields: Record<string, string> = {};
  for (const m of reply.body.matchAll(/<(\w+)>([^<]*)<\/\1>/g)) fields[m[1]!] = m[2]!;
  return { status: reply.status, code: /<Code>([^<]+)<\/Code>/.exec(reply.body)?.[1], fields, text: reply.body };
}

/**
 * A service-role caller: a role that trusts the service (and, for EC2, an instance profile that
 * holds it), a credential grant the admin creates for it, and the credentials the grant fetches
 * from `/_keysmith/credentials`, as `keysmith run` hands them to a program.
 */
async function serviceCaller(
  world: LiveWorld,
  id: string,
  vars: Record<string, string>,
  computeType: 'ec2' | 'lambda',
  roleDelivery: '1.0' | '2.0',
): Promise<{ caller: Caller; putPolicy: (statements: readonly Statement[]) => Promise<void> }> {
  const admin = world.iam;
  const roleName = `${id}-service-role`;
  const principal = computeType === 'ec2' ? 'ec2.amazonaws.com' : 'lambda.amazonaws.com';
  const trust = policyDoc([{ Effect: 'Allow', Principal: { Service: principal }, Action: 'sts:AssumeRole' }]);
  const role = (await admin.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: trust }))).Role!;
  const form: Record<string, string> = { Action: 'CreateCredentialGrant', RoleArn: role.Arn!, ComputeType: computeType };
  if (computeType === 'ec2') {
    await admin.send(new CreateInstanceProfileCommand({ InstanceProfileName: `${id}-profile` }));
    await admin.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: `${id}-profile`, RoleName: roleName }));
  } else form.FunctionName = `${id}-fn`;
  const grant = await keysmithCall(world, world.server.admin, form);
  assert.equal(grant.status, 200, grant.text);
  const reply = await world.send('GET', '/_keysmith/credentials', {
    host: `127.0.0.1:${world.port}`,
    authorization: grant.fields.GrantToken!,
    'x-keysmith-role-delivery': roleDelivery,
  });
  assert.equal(reply.status, 200, reply.body);
  const c = JSON.parse(reply.body) as { AccessKeyId: string; SecretAccessKey: string; Token: string };
  Object.assign(vars, {
    callerRoleName: roleName,
    callerRoleArn: role.Arn!,
    callerArn: `arn:aws:sts::${world.account}:assumed-role/${roleName}/${grant.fields.SessionName!}`,
    sourceArn: grant.fields.SourceArn!,
    ...(computeType === 'ec2'
      ? { instanceArn: grant.fields.SourceArn!, vpcId: grant.fields.VpcId!, privateIp: grant.fields.PrivateIpAddress! }
      : { functionArn: grant.fields.SourceArn! }),
  });
  return {
    caller: {
      kind: 'service',
      arn: vars.callerArn!,
      creds: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.Token },
    },
    putPolicy: async (statements) =>
      void (await admin.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'case', PolicyDocument: policyDoc(statements) }))),
  };
}

/**
 * For the trust keys of a service's AssumeRole (a `service-trust` case) and for iam:PassRole's keys
 * (a user caller): CreateCredentialGrant of `{{roleArn}}` (or `{{wrongRoleArn}}`) for the compute
 * type, as the admin or (`asCaller`) the case's caller. The service's own refusal of a role whose
 * trust does not let it in (AssumeRoleUnauthorizedAccess, InvalidParameter…Exception) counts as
 * the refusal AccessDenied stands for.
 */
export const serviceGrant = (
  does: string,
  computeType: 'ec2' | 'ecs' | 'lambda' | 'eks-pod-identity',
  o: SignInOptions & { members?: Record<string, string>; asCaller?: boolean; region?: string } = {},
): Step => ({
  does: `keysmith CreateCredentialGrant (${computeType}) ${does}`,
  run: async (s) => {
    const creds = o.asCaller ? need(s.caller) : s.world.server.admin;
    const reply = await keysmithCall(
      s.world,
      creds,
      { Action: 'CreateCredentialGrant', RoleArn: s.vars[o.role ?? 'roleArn']!, ComputeType: computeType, ...s.fill(o.members ?? {}) },
      o.region,
    );
    if (reply.status === 200) return reply;
    const trustRefusal = ['AssumeRoleUnauthorizedAccess', 'InvalidParameterValueException', 'InvalidParameterException'];
    const code = reply.code !== undefined && trustRefusal.includes(reply.code) ? 'AccessDenied' : reply.code;
    throw Object.assign(new Error(reply.text), { Code: code });
  },
});

/**
 * A web-identity caller: a provider for the world's test issuer (one path per case), a role that
 * trusts it, and AssumeRoleWithWebIdentity with a token the issuer signed (unsigned, as the SDK
 * sends it). With `chain`, that session assumes a second role, which is then the caller.
 */
async function webIdentityCaller(
  world: LiveWorld,
  id: string,
  vars: Record<string, string>,
  chain: boolean,
): Promise<{ caller: Caller; putPolicy: (statements: readonly Statement[]) => Promise<void> }> {
  const admin = world.iam;
  const { issuer, key } = await world.oidcIssuer();
  const issuerUrl = issuer.url(`/${id}`);
  const provider = await admin.send(
    new CreateOpenIDConnectProviderCommand({ Url: issuerUrl, ClientIDList: ['sts.amazonaws.com'], ThumbprintList: [TEST_CA_THUMBPRINT] }),
  );
  const providerArn = provider.OpenIDConnectProviderArn!;
  const federatedName = `${id}-federated-role`;
  const trust = policyDoc([
    {
      Effect: 'Allow',
      Principal: { Federated: providerArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${issuerUrl.slice('https://'.length)}:aud`]: 'sts.amazonaws.com' } },
    },
  ]);
  const federatedRole = (await admin.send(new CreateRoleCommand({ RoleName: federatedName, AssumeRolePolicyDocument: trust }))).Role!;
  const token = await signToken(key, { iss: issuerUrl, aud: 'sts.amazonaws.com', sub: `${id}-subject` });
  // The SDK sends AssumeRoleWithWebIdentity unsigned: these credentials are never used.
  const out = await world
    .stsClient({ accessKeyId: 'unused', secretAccessKey: 'unused' })
    .send(new AssumeRoleWithWebIdentityCommand({ RoleArn: federatedRole.Arn!, RoleSessionName: `${id}-session`, WebIdentityToken: token }));
  let creds = sessionCreds(out.Credentials!);
  let arn = out.AssumedRoleUser!.Arn!;
  let roleName = federatedName;
  Object.assign(vars, { providerArn, federatedRoleArn: federatedRole.Arn!, sessionName: `${id}-session` });
  if (chain) {
    roleName = `${id}-caller-role`;
    const chainedTrust = policyDoc([{ Effect: 'Allow', Principal: { AWS: federatedRole.Arn! }, Action: 'sts:AssumeRole' }]);
    const chained = (await admin.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: chainedTrust }))).Role!;
    const hop = await world.stsClient(creds).send(new AssumeRoleCommand({ RoleArn: chained.Arn!, RoleSessionName: `${id}-chained` }));
    creds = sessionCreds(hop.Credentials!);
    arn = hop.AssumedRoleUser!.Arn!;
    vars.sessionName = `${id}-chained`;
  }
  Object.assign(vars, { callerRoleName: roleName, callerArn: arn });
  return {
    caller: { kind: 'web-identity', arn, creds },
    putPolicy: async (statements) =>
      void (await admin.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'case', PolicyDocument: policyDoc(statements) }))),
  };
}

/**
 * A SAML caller: a SAML provider of the test IdP (one per case), a role that trusts it, and
 * AssumeRoleWithSAML with an assertion the IdP signed. With `chain`, that session assumes a
 * second role, which is then the caller.
 */
async function samlCaller(
  world: LiveWorld,
  id: string,
  vars: Record<string, string>,
  chain: boolean,
): Promise<{ caller: Caller; putPolicy: (statements: readonly Statement[]) => Promise<void> }> {
  const admin = world.iam;
  const provider = await admin.send(new CreateSAMLProviderCommand({ Name: `${id}-idp`, SAMLMetadataDocument: idpMetadata() }));
  const providerArn = provider.SAMLProviderArn!;
  const federatedName = `${id}-federated-role`;
  const trust = policyDoc([{ Effect: 'Allow', Principal: { Federated: providerArn }, Action: 'sts:AssumeRoleWithSAML' }]);
  const federatedRole = (await admin.send(new CreateRoleCommand({ RoleName: federatedName, AssumeRolePolicyDocument: trust }))).Role!;
  const sessionName = `${id}-session`;
  const assertion = signedAssertionResponse({
    roles: [`${federatedRole.Arn!},${providerArn}`],
    attributes: { 'https://aws.amazon.com/SAML/Attributes/RoleSessionName': [sessionName] },
  });
  const out = await world
    .stsClient(UNSIGNED)
    .send(new AssumeRoleWithSAMLCommand({ RoleArn: federatedRole.Arn!, PrincipalArn: providerArn, SAMLAssertion: b64(assertion) }));
  let creds = sessionCreds(out.Credentials!);
  let arn = out.AssumedRoleUser!.Arn!;
  let roleName = federatedName;
  Object.assign(vars, { providerArn, federatedRoleArn: federatedRole.Arn!, sessionName });
  if (chain) {
    roleName = `${id}-caller-role`;
    const chainedTrust = policyDoc([{ Effect: 'Allow', Principal: { AWS: federatedRole.Arn! }, Action: 'sts:AssumeRole' }]);
    const chained = (await admin.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: chainedTrust }))).Role!;
    const hop = await world.stsClient(creds).send(new AssumeRoleCommand({ RoleArn: chained.Arn!, RoleSessionName: `${id}-chained` }));
    creds = sessionCreds(hop.Credentials!);
    arn = hop.AssumedRoleUser!.Arn!;
    vars.sessionName = `${id}-chained`;
  }
  Object.assign(vars, { callerRoleName: roleName, callerArn: arn });
  return {
    caller: { kind: 'saml', arn, creds },
    putPolicy: async (statements) =>
      void (await admin.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'case', PolicyDocument: policyDoc(statements) }))),
  };
}

/** The SDK sends AssumeRoleWithWebIdentity and AssumeRoleWithSAML unsigned: these credentials are never used. */
const UNSIGNED: Credentials = { accessKeyId: 'unused', secretAccessKey: 'unused' };

/**
 * For a trust-policy key of an `oidc-signin` case: AssumeRoleWithWebIdentity of `{{roleArn}}`
 * with a token of the world's test issuer — `iss` the case's provider, `aud` sts.amazonaws.com,
 * `sub` `subject` unless `claims` say otherwise.
 */
export const webIdentitySignIn = (
  does: string,
  o: SignInOptions & { claims?: Record<string, unknown>; sessionName?: string } = {},
): Step => ({
  does: `sts:AssumeRoleWithWebIdentity ${does}`,
  run: async (s) => {
    const { key } = await s.world.oidcIssuer();
    const token = await signToken(key, { iss: s.vars.issuerUrl, aud: 'sts.amazonaws.com', sub: 'subject', ...o.claims });
    return s.world.stsClient(UNSIGNED).send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: s.vars[o.role ?? 'roleArn'],
        RoleSessionName: o.sessionName ?? `${s.id}-session`,
        WebIdentityToken: token,
      }),
    );
  },
});

/** Which of the case's roles a sign-in asks for: `{{roleArn}}` (its `role`) or `{{wrongRoleArn}}` (its `role.wrongTrust`). */
export interface SignInOptions {
  role?: 'roleArn' | 'wrongRoleArn';
}

/**
 * For a trust-policy key of a `saml-signin` case: AssumeRoleWithSAML of `{{roleArn}}` with an
 * assertion the test IdP signed, offering that role with the case's provider.
 */
export const samlSignIn = (does: string, o: SignInOptions & { assertion?: AssertionOptions } = {}): Step => ({
  does: `sts:AssumeRoleWithSAML ${does}`,
  run: (s) => {
    const roleArn = s.vars[o.role ?? 'roleArn']!;
    const xml = signedAssertionResponse({ roles: [`${roleArn},${s.vars.providerArn}`], ...o.assertion });
    return s.world
      .stsClient(UNSIGNED)
      .send(new AssumeRoleWithSAMLCommand({ RoleArn: roleArn, PrincipalArn: s.vars.providerArn, SAMLAssertion: b64(xml) }));
  },
});

/**
 * For a trust-policy key whose value the sign-in fixes: two roles trust the case's provider, one
 * when `right` holds, one when `wrong` does; the same sign-in (`claims` of the token, or the
 * `assertion`) is allowed into the first and refused by the second.
 */
export function trustProbe(
  kind: 'oidc' | 'saml',
  right: Condition,
  wrong: Condition,
  signIn: { claims?: Record<string, unknown>; sessionName?: string; assertion?: AssertionOptions } = {},
): Pick<LiveCase, 'caller' | 'role' | 'allowed' | 'denied'> {
  const action = kind === 'oidc' ? 'sts:AssumeRoleWithWebIdentity' : 'sts:AssumeRoleWithSAML';
  const statement = (condition: Condition): Statement => ({
    Effect: 'Allow',
    Principal: { Federated: '{{providerArn}}' },
    Action: action,
    Condition: condition,
  });
  const step = (does: string, role: 'roleArn' | 'wrongRoleArn') =>
    kind === 'oidc' ? webIdentitySignIn(does, { ...signIn, role }) : samlSignIn(does, { assertion: signIn.assertion, role });
  return {
    caller: { kind: kind === 'oidc' ? 'oidc-signin' : 'saml-signin' },
    role: { trust: [statement(right)], wrongTrust: [statement(wrong)] },
    allowed: step(`into a role trusting ${JSON.stringify(right)}`, 'roleArn'),
    denied: step(`into a role trusting ${JSON.stringify(wrong)}`, 'wrongRoleArn'),
  };
}

function need(caller: Caller): Credentials {
  if (!caller.creds) throw new Error('an anonymous caller has no AWS SDK client');
  return caller.creds;
}

/** The error code of a failed call: an SDK service error, or an S3 answer. */
export function errorCodeOf(error: unknown): string {
  if (error instanceof S3CallError) return error.code ?? `HTTP ${error.status}`;
  const e = error as { name?: string; Code?: string; Error?: { Code?: string } };
  return e.Error?.Code ?? e.Code ?? e.name ?? String(error);
}

export async function expectAllowed(step: Step, s: Scope): Promise<void> {
  try {
    await step.run(s);
  } catch (error) {
    assert.fail(`allowed call "${step.does}" failed: ${errorCodeOf(error)}: ${(error as Error).message}`);
  }
}

export async function expectDenied(step: Step, s: Scope): Promise<void> {
  let error: unknown;
  try {
    await step.run(s);
  } catch (e) {
    error = e;
  }
  assert.ok(error !== undefined, `denied call "${step.does}" succeeded`);
  assert.equal(errorCodeOf(error), 'AccessDenied', `denied call "${step.does}" failed otherwise: ${(error as Error).message}`);
}

// ─── tables and their runner ───────────────────────────────────────────────────────────────

export interface CaseTable {
  area: string;
  cases: readonly LiveCase[];
}

const COLLECT = Symbol.for('keysmith.live-context.collect');
type Global = { [COLLECT]?: CaseTable[] };

/**
 * The coverage test imports the suites to read their tables without running them: after
 * `collectTables()`, liveSuite only records its table.
 */
export function collectTables(): CaseTable[] {
  const g = globalThis as Global;
  g[COLLECT] ??= [];
  return g[COLLECT];
}

/** Whether a case runs an external program (one of its steps names a `client`). */
export const runsClient = (c: LiveCase): boolean => c.allowed.client !== undefined || c.denied.client !== undefined;

/**
 * Registers one node:test suite for a table: one keysmith, one test per case. The fast layer
 * (`layer` 'fast', in test/conformance/) runs the cases that stay inside Node and registers the
 * whole table for the coverage test; test/clients/ calls it again with 'clients' for the cases
 * that run an external program. `options.federation` starts the suite's keysmith trusting the
 * test OIDC issuer (web-identity callers).
 */
export function liveSuite(
  area: string,
  cases: readonly LiveCase[],
  layer: 'fast' | 'clients' = 'fast',
  options: { federation?: boolean } = {},
): void {
  const sink = (globalThis as Global)[COLLECT];
  if (sink) {
    if (layer === 'fast') sink.push({ area, cases });
    return;
  }
  suite(`live request context: ${area}${layer === 'clients' ? ' (external clients)' : ''}`, () => {
    let world: LiveWorld;
    before(async () => {
      world = await LiveWorld.start(options);
    });
    after(async () => {
      await world?.close();
    });
    const stem = area
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 3);
    cases.forEach((c, i) => {
      if (runsClient(c) !== (layer === 'clients')) return;
      // The case's place in the whole table names its resources, whichever layer runs it.
      const id = `${stem}${String(i).padStart(2, '0')}`;
      test(`${c.keys.join(', ') || '(behaviour)'}: ${c.title}`, { timeout: 60_000 }, async () => {
        const s = await prepare(world, id, c);
        await expectAllowed(c.allowed, s);
        await expectDenied(c.denied, s);
      });
    });
  });
}

// ─── building blocks for the tables ────────────────────────────────────────────────────────

export type Condition = Record<string, Record<string, unknown>>;

export const allow = (action: string | string[], resource: string | string[] = '*', condition?: Condition): Statement => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});

export const deny = (action: string | string[], resource: string | string[] = '*', condition?: Condition): Statement => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});

/** A probe call: iam:ListUsers (one item), as the caller. */
export const listUsers = (options: ClientOptions = {}): Step => ({
  does: `iam:ListUsers${options.region ? ` (client region ${options.region})` : ''}${options.userAgent ? ` (User-Agent ${options.userAgent})` : ''}${options.headers ? ` ${JSON.stringify(options.headers)}` : ''}`,
  run: (s) => s.iam(options).send(new ListUsersCommand({ MaxItems: 1 })),
});

export const listGroups = (options: ClientOptions = {}): Step => ({
  does: `iam:ListGroups${options.region ? ` (client region ${options.region})` : ''}${options.headers ? ` ${JSON.stringify(options.headers)}` : ''}`,
  run: (s) => s.iam(options).send(new ListGroupsCommand({ MaxItems: 1 })),
});

/**
 * For a key whose value the request itself fixes (the caller, the time, the address): the
 * caller may call iam:ListUsers when `right` holds, iam:ListGroups when `wrong` holds. The first
 * call proves the live value satisfies `right`; the second that the key is tested at all.
 */
export function probe(right: Condition, wrong: Condition, options: ClientOptions = {}): Pick<LiveCase, 'policy' | 'allowed' | 'denied'> {
  return {
    policy: [allow('iam:ListUsers', '*', right), allow('iam:ListGroups', '*', wrong)],
    allowed: listUsers(options),
    denied: listGroups(options),
  };
}

// ─── IAM calls as the caller (names and ARNs may hold placeholders) ──────────────────────────

const tagText = (tags: readonly Tag[]) => tags.map((t) => `${t.Key}=${t.Value}`).join(', ');

export const getUser = (name: string): Step => ({
  does: `iam:GetUser ${name}`,
  run: (s) => s.iam().send(new GetUserCommand({ UserName: s.fill(name) })),
});

export const listUserTags = (name: string): Step => ({
  does: `iam:ListUserTags ${name}`,
  run: (s) => s.iam().send(new ListUserTagsCommand({ UserName: s.fill(name) })),
});

export const tagUser = (name: string, tags: readonly Tag[]): Step => ({
  does: `iam:TagUser ${name} ${tagText(tags)}`,
  run: (s) => s.iam().send(new TagUserCommand({ UserName: s.fill(name), Tags: [...tags] })),
});

export const untagUser = (name: string, keys: readonly string[]): Step => ({
  does: `iam:UntagUser ${name} ${keys.join(', ')}`,
  run: (s) => s.iam().send(new UntagUserCommand({ UserName: s.fill(name), TagKeys: [...keys] })),
});

export const createUser = (name: string, options: { tags?: readonly Tag[]; boundary?: string } = {}): Step => ({
  does: `iam:CreateUser ${name}${options.tags ? ` with tags ${tagText(options.tags)}` : ''}${options.boundary ? ` with boundary ${options.boundary}` : ''}`,
  run: (s) =>
    s.iam().send(
      new CreateUserCommand({
        UserName: s.fill(name),
        Tags: options.tags ? [...options.tags] : undefined,
        PermissionsBoundary: options.boundary ? s.fill(options.boundary) : undefined,
      }),
    ),
});

export const createRole = (name: string, tags?: readonly Tag[], boundary?: string): Step => ({
  does: `iam:CreateRole ${name}${tags ? ` with tags ${tagText(tags)}` : ''}${boundary ? ` with boundary ${boundary}` : ''}`,
  run: (s) =>
    s.iam().send(
      new CreateRoleCommand({
        RoleName: s.fill(name),
        AssumeRolePolicyDocument: policyDoc([{ Effect: 'Allow', Principal: { AWS: s.vars.account! }, Action: 'sts:AssumeRole' }]),
        Tags: tags ? [...tags] : undefined,
        PermissionsBoundary: boundary ? s.fill(boundary) : undefined,
      }),
    ),
});

export const createPolicy = (name: string, tags?: readonly Tag[]): Step => ({
  does: `iam:CreatePolicy ${name}${tags ? ` with tags ${tagText(tags)}` : ''}`,
  run: (s) =>
    s.iam().send(
      new CreatePolicyCommand({
        PolicyName: s.fill(name),
        PolicyDocument: policyDoc([allow('s3:GetObject')]),
        Tags: tags ? [...tags] : undefined,
      }),
    ),
});

export const deleteUser = (name: string): Step => ({
  does: `iam:DeleteUser ${name}`,
  run: (s) => s.iam().send(new DeleteUserCommand({ UserName: s.fill(name) })),
});

export const attachUserPolicy = (name: string, policyArn: string): Step => ({
  does: `iam:AttachUserPolicy ${name} ${policyArn}`,
  run: (s) => s.iam().send(new AttachUserPolicyCommand({ UserName: s.fill(name), PolicyArn: s.fill(policyArn) })),
});

export const putUserPermissionsBoundary = (name: string, policyArn: string): Step => ({
  does: `iam:PutUserPermissionsBoundary ${name} ${policyArn}`,
  run: (s) => s.iam().send(new PutUserPermissionsBoundaryCommand({ UserName: s.fill(name), PermissionsBoundary: s.fill(policyArn) })),
});

export const deleteUserPermissionsBoundary = (name: string): Step => ({
  does: `iam:DeleteUserPermissionsBoundary ${name}`,
  run: (s) => s.iam().send(new DeleteUserPermissionsBoundaryCommand({ UserName: s.fill(name) })),
});

/** The admin changes a user's or role's tags, then `step` runs: resource tags must be read fresh. */
export const afterAdminTags = (kind: 'user' | 'role', name: string, tags: Tag[], step: Step): Step => ({
  does: `(admin tags ${kind} ${name} ${tagText(tags)}) then ${step.does}`,
  run: async (s) => {
    const n = s.fill(name);
    if (kind === 'user') await s.world.iam.send(new TagUserCommand({ UserName: n, Tags: tags }));
    else await s.world.iam.send(new TagRoleCommand({ RoleName: n, Tags: tags }));
    return step.run(s);
  },
});

export const getPolicy = (policyArn: string): Step => ({
  does: `iam:GetPolicy ${policyArn}`,
  run: (s) => s.iam().send(new GetPolicyCommand({ PolicyArn: s.fill(policyArn) })),
});

export const getRole = (name: string): Step => ({
  does: `iam:GetRole ${name}`,
  run: (s) => s.iam().send(new GetRoleCommand({ RoleName: s.fill(name) })),
});

// ─── STS calls as the caller ───────────────────────────────────────────────────────────────

export interface AssumeSpec {
  /** Default `{{roleArn}}`. */
  roleArn?: string;
  sessionName?: string;
  externalId?: string;
  tags?: Tag[];
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
  /** The client's region (what it signs for). */
  region?: string;
  /** Pass the caller's MFA device (adminMfaDevice) and a fresh code. */
  mfa?: boolean;
}

export const assumeRole = (spec: AssumeSpec = {}): Step => ({
  does: `sts:AssumeRole ${JSON.stringify(spec)}`,
  run: (s) =>
    s.sts({ region: spec.region }).send(
      new AssumeRoleCommand({
        RoleArn: s.fill(spec.roleArn ?? '{{roleArn}}'),
        RoleSessionName: s.fill(spec.sessionName ?? 'live-context'),
        ExternalId: spec.externalId,
        Tags: spec.tags,
        TransitiveTagKeys: spec.transitiveTagKeys,
        SourceIdentity: spec.sourceIdentity,
        ...(spec.mfa ? { SerialNumber: s.vars.mfaSerial, TokenCode: mfaCode(s) } : {}),
      }),
    ),
});

// ─── set-up as the admin ───────────────────────────────────────────────────────────────────

export async function adminUser(s: Scope, name: string, options: { tags?: Tag[]; boundary?: string } = {}): Promise<void> {
  await s.world.iam.send(
    new CreateUserCommand({
      UserName: s.fill(name),
      Tags: options.tags,
      PermissionsBoundary: options.boundary ? s.fill(options.boundary) : undefined,
    }),
  );
}

/**
 * A role (trusting the account, unless `trust` says otherwise), in this account or the other
 * one; its ARN becomes `{{<varName>}}` when one is given.
 */
export async function adminRole(
  s: Scope,
  name: string,
  options: { tags?: Tag[]; trust?: readonly Statement[]; account?: 'other'; varName?: string } = {},
): Promise<void> {
  const trust = policyDoc(s.fill(options.trust ?? [{ Effect: 'Allow', Principal: { AWS: '{{account}}' }, Action: 'sts:AssumeRole' }]));
  const client = options.account === 'other' ? (await s.world.otherAccount()).iam : s.world.iam;
  const role = (await client.send(new CreateRoleCommand({ RoleName: s.fill(name), AssumeRolePolicyDocument: trust, Tags: options.tags })))
    .Role!;
  if (options.varName) s.vars[options.varName] = role.Arn!;
}

/** A virtual MFA device enabled for the caller: `{{mfaSerial}}`; mfaCode(s) gives a fresh code. */
export async function adminMfaDevice(s: Scope): Promise<void> {
  const device = (await s.world.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `${s.id}-device` }))).VirtualMFADevice!;
  const seed = Buffer.from(device.Base32StringSeed!).toString('ascii');
  const step = totpStep(Date.now());
  const key = base32Decode(seed);
  await s.world.iam.send(
    new EnableMFADeviceCommand({
      UserName: s.vars.callerName!,
      SerialNumber: device.SerialNumber!,
      AuthenticationCode1: hotp(key, step - 1),
      AuthenticationCode2: hotp(key, step),
    }),
  );
  Object.assign(s.vars, { mfaSerial: device.SerialNumber!, mfaSeed: seed, mfaLastStep: String(step) });
}

/** A code the server has not seen yet (the step after the last one used), within its window. */
export function mfaCode(s: Scope): string {
  const next = Number(s.vars.mfaLastStep) + 1;
  s.vars.mfaLastStep = String(next);
  return hotp(base32Decode(s.vars.mfaSeed!), next);
}

/** A customer managed policy (by default allowing s3:GetObject); its ARN becomes `{{<varName>}}`. */
export async function adminPolicy(
  s: Scope,
  name: string,
  varName: string,
  tags?: Tag[],
  statements: readonly Statement[] = [allow('s3:GetObject')],
): Promise<void> {
  const doc = policyDoc(s.fill(statements));
  const created = await s.world.iam.send(new CreatePolicyCommand({ PolicyName: s.fill(name), PolicyDocument: doc, Tags: tags }));
  s.vars[varName] = created.Policy!.Arn!;
}
