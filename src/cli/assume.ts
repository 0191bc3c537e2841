import { readFile } from 'node:fs/promises';
import type { SigningCredentials } from '../sigv4/index.js';
import { parseCommand, UsageError, helpText, usageFailure, type CliOut } from './args.js';
import {
  ClientProblem,
  profileName,
  readProfiles,
  resolveCredentials,
  resolveEndpoint,
  resolveRegion,
  type ResolvedEndpoint,
} from './aws-client-config.js';
import { callQuery, shellQuote, xmlElement, xmlText } from './aws-query-call.js';
import { ASSUME, ASSUME_FORMATS } from './specs.js';

type Format = (typeof ASSUME_FORMATS)[number];

interface Options {
  roleArn: string;
  sessionName: string;
  duration?: string;
  externalId?: string;
  serialNumber?: string;
  tokenCode?: string;
  /** With --web-identity-token-file: AssumeRoleWithWebIdentity, unsigned, with the file's token. */
  webIdentityTokenFile?: string;
  format: Format;
  profile?: string;
  region?: string;
  endpoint?: string;
}

export type AssumeIo = CliOut;

const processIo: AssumeIo = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
};

/**
 * `keysmith assume ROLE_ARN --session-name NAME …`. The AWS client environment (credentials,
 * profile, region, endpoint) is the caller's, not keysmith's configuration, so it is read here.
 * With `--web-identity-token-file FILE` it calls AssumeRoleWithWebIdentity instead, unsigned as
 * the SDKs send it: the token is the credential, and no AWS credentials are looked up.
 * Exit codes: 0 success, 2 usage, 255 any AWS or client error (as the AWS CLI v1).
 */
export async function run(argv: string[], env: NodeJS.ProcessEnv = process.env, io: AssumeIo = processIo): Promise<number> {
  let options: Options;
  try {
    const parsed = parseAssumeArgs(argv, env);
    if (parsed === 'help') {
      io.stdout(helpText(ASSUME));
      return 0;
    }
    options = parsed;
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(ASSUME, io, error.message);
    throw error;
  }
  let endpoint: ResolvedEndpoint | undefined;
  try {
    const profile = profileName(options.profile, env);
    const files = await readProfiles(env, profile);
    let result: AssumeResult;
    if (options.webIdentityTokenFile !== undefined) {
      // The token is the credential: no access key is looked up, and the request is not signed.
      endpoint = resolveEndpoint(options.endpoint, env, files, profile);
      result = await callSts(endpoint.url, webIdentityForm(options, await readTokenFile(options.webIdentityTokenFile)));
    } else {
      const credentials = resolveCredentials(env, options.profile, files, profile);
      const region = resolveRegion(options.region, env, files);
      endpoint = resolveEndpoint(options.endpoint, env, files, profile);
      result = await callSts(endpoint.url, assumeRoleForm(options), { region, credentials });
    }
    io.stdout(format(result, options.format));
    return 0;
  } catch (error) {
    if (error instanceof ClientProblem) {
      io.stderr(`\n${error.message}\n${endpoint ? `(endpoint ${endpoint.url}, from ${endpoint.source})\n` : ''}`);
      return 255;
    }
    throw error;
  }
}

function parseAssumeArgs(argv: readonly string[], env: NodeJS.ProcessEnv): Options | 'help' {
  const parsed = parseCommand(ASSUME, argv);
  if (parsed.help) return 'help';
  const values = new Map(Object.entries(parsed.values).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const webIdentityTokenFile = values.get('web-identity-token-file');
  const positional = [...parsed.positionals];
  let sessionName = values.get('session-name');
  if (webIdentityTokenFile !== undefined) {
    // As the SDKs' web identity provider reads them: AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME.
    if (positional.length === 0 && env.AWS_ROLE_ARN) positional.push(env.AWS_ROLE_ARN);
    sessionName ??= env.AWS_ROLE_SESSION_NAME || undefined;
    for (const flag of ['external-id', 'serial-number', 'token-code']) {
      if (values.has(flag))
        throw new UsageError(`--${flag} does not apply with --web-identity-token-file (AssumeRoleWithWebIdentity has no such parameter)`);
    }
  }
  if (positional.length !== 1) throw new UsageError(`give exactly one ROLE_ARN${positional.length ? `, got ${positional.length}` : ''}`);
  if (sessionName === undefined) throw new UsageError('--session-name is required');
  const formatName = values.get('format') ?? 'env';
  const duration = values.get('duration');
  if (duration !== undefined && !/^\d+$/.test(duration))
    throw new UsageError(`--duration must be a whole number of seconds, got '${duration}'`);
  return {
    roleArn: positional[0]!,
    sessionName,
    duration,
    externalId: values.get('external-id'),
    serialNumber: values.get('serial-number'),
    tokenCode: values.get('token-code'),
    webIdentityTokenFile,
    format: formatName as Format,
    profile: values.get('profile'),
    region: values.get('region'),
    endpoint: values.get('endpoint-url'),
  };
}

interface AssumeResult {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
  Arn?: string;
  AssumedRoleId?: string;
  PackedPolicySize?: string;
  SourceIdentity?: string;
  /** AssumeRoleWithWebIdentity's own members. */
  SubjectFromWebIdentityToken?: string;
  Provider?: string;
  Audience?: string;
}

function assumeRoleForm(options: Options): URLSearchParams {
  const form = new URLSearchParams({
    Action: 'AssumeRole',
    Version: '2011-06-15',
    RoleArn: options.roleArn,
    RoleSessionName: options.sessionName,
  });
  if (options.duration !== undefined) form.set('DurationSeconds', options.duration);
  if (options.externalId !== undefined) form.set('ExternalId', options.externalId);
  if (options.serialNumber !== undefined) form.set('SerialNumber', options.serialNumber);
  if (options.tokenCode !== undefined) form.set('TokenCode', options.tokenCode);
  return form;
}

function webIdentityForm(options: Options, token: string): URLSearchParams {
  const form = new URLSearchParams({
    Action: 'AssumeRoleWithWebIdentity',
    Version: '2011-06-15',
    RoleArn: options.roleArn,
    RoleSessionName: options.sessionName,
    WebIdentityToken: token,
  });
  if (options.duration !== undefined) form.set('DurationSeconds', options.duration);
  return form;
}

/**
 * The token file's content. Surrounding whitespace (the newline `echo` or an editor leaves) is
 * dropped: a JWT never contains any. Kubernetes' projected tokens have none to begin with.
 */
async function readTokenFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ClientProblem(`Unable to read the web identity token file ${path}${code ? ` (${code})` : ''}`);
  }
  const token = text.trim();
  if (token === '') throw new ClientProblem(`The web identity token file ${path} is empty`);
  return token;
}

/** POSTs the form to STS, signed with SigV4 when `signing` is given (AssumeRoleWithWebIdentity is not). */
async function callSts(
  endpoint: string,
  form: URLSearchParams,
  signing?: { region: string; credentials: SigningCredentials },
): Promise<AssumeResult> {
  const operation = form.get('Action')!;
  const text = await callQuery(endpoint, form, signing && { ...signing, service: 'sts' });
  const creds = xmlElement(text, 'Credentials') ?? '';
  const user = xmlElement(text, 'AssumedRoleUser') ?? '';
  const field = (block: string, name: string) => {
    const value = xmlText(block, name);
    if (value === undefined) throw new ClientProblem(`The ${operation} response has no ${name}`);
    return value;
  };
  return {
    AccessKeyId: field(creds, 'AccessKeyId'),
    SecretAccessKey: field(creds, 'SecretAccessKey'),
    SessionToken: field(creds, 'SessionToken'),
    Expiration: field(creds, 'Expiration'),
    Arn: xmlText(user, 'Arn'),
    AssumedRoleId: xmlText(user, 'AssumedRoleId'),
    PackedPolicySize: xmlText(text, 'PackedPolicySize'),
    SourceIdentity: xmlText(text, 'SourceIdentity'),
    SubjectFromWebIdentityToken: xmlText(text, 'SubjectFromWebIdentityToken'),
    Provider: xmlText(text, 'Provider'),
    Audience: xmlText(text, 'Audience'),
  };
}

function format(r: AssumeResult, how: Format): string {
  switch (how) {
    case 'env':
      return [
        `export AWS_ACCESS_KEY_ID=${shellQuote(r.AccessKeyId)}`,
        `export AWS_SECRET_ACCESS_KEY=${shellQuote(r.SecretAccessKey)}`,
        `export AWS_SESSION_TOKEN=${shellQuote(r.SessionToken)}`,
        `export AWS_CREDENTIAL_EXPIRATION=${shellQuote(r.Expiration)}`,
        '',
      ].join('\n');
    case 'credential-process':
      return `${JSON.stringify({ Version: 1, AccessKeyId: r.AccessKeyId, SecretAccessKey: r.SecretAccessKey, SessionToken: r.SessionToken, Expiration: r.Expiration })}\n`;
    case 'json': {
      // In the order of the operation's output shape, as the AWS CLI prints it.
      const out: Record<string, unknown> = {
        Credentials: {
          AccessKeyId: r.AccessKeyId,
          SecretAccessKey: r.SecretAccessKey,
          SessionToken: r.SessionToken,
          Expiration: r.Expiration,
        },
      };
      if (r.SubjectFromWebIdentityToken !== undefined) out.SubjectFromWebIdentityToken = r.SubjectFromWebIdentityToken;
      out.AssumedRoleUser = { AssumedRoleId: r.AssumedRoleId, Arn: r.Arn };
      if (r.PackedPolicySize !== undefined) out.PackedPolicySize = Number(r.PackedPolicySize);
      if (r.Provider !== undefined) out.Provider = r.Provider;
      if (r.Audience !== undefined) out.Audience = r.Audience;
      if (r.SourceIdentity !== undefined) out.SourceIdentity = r.SourceIdentity;
      return `${JSON.stringify(out, null, 4)}\n`;
    }
  }
}
