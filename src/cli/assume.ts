import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { nodeSigV4Crypto } from '../platform/node-sigv4-crypto.js';
import { signRequest, type SigningCredentials } from '../sigv4/index.js';
import { parseCommand, UsageError, helpText, usageFailure, type CliOut } from './args.js';
import { ASSUME, ASSUME_FORMATS } from './specs.js';

const DEFAULT_ENDPOINT = 'http://127.0.0.1:4747';
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

/** Thrown for problems the AWS CLI would also report before or instead of calling the service. */
class ClientProblem extends Error {}

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
    const profile = options.profile ?? env.AWS_PROFILE ?? 'default';
    const files = await readProfiles(env, profile);
    let result: AssumeResult;
    if (options.webIdentityTokenFile !== undefined) {
      // The token is the credential: no access key is looked up, and the request is not signed.
      endpoint = resolveEndpoint(options.endpoint, env, files, profile);
      result = await callSts(endpoint.url, webIdentityForm(options, await readTokenFile(options.webIdentityTokenFile)));
    } else {
      const credentials = resolveCredentials(env, options.profile, files, profile);
      const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? files.region ?? 'us-east-1';
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

export interface ResolvedEndpoint {
  url: string;
  /** Where the URL came from, for messages: '--endpoint-url', 'AWS_ENDPOINT_URL_STS', … */
  source: string;
}

/**
 * The STS endpoint, by the AWS SDKs' and CLI's precedence: the --endpoint-url flag; then
 * AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL; then the profile's `services` section's `sts`
 * endpoint_url, the profile's endpoint_url; then keysmith's default. With
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true only the flag and the default count.
 */
export function resolveEndpoint(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  files: Pick<ProfileSettings, 'endpointUrl' | 'stsEndpointUrl'>,
  profile: string,
): ResolvedEndpoint {
  if (flag !== undefined) return { url: flag, source: '--endpoint-url' };
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() !== 'true') {
    if (env.AWS_ENDPOINT_URL_STS) return { url: env.AWS_ENDPOINT_URL_STS, source: 'AWS_ENDPOINT_URL_STS' };
    if (env.AWS_ENDPOINT_URL) return { url: env.AWS_ENDPOINT_URL, source: 'AWS_ENDPOINT_URL' };
    if (files.stsEndpointUrl) return { url: files.stsEndpointUrl, source: `profile ${profile}, services sts endpoint_url` };
    if (files.endpointUrl) return { url: files.endpointUrl, source: `profile ${profile}, endpoint_url` };
  }
  return { url: DEFAULT_ENDPOINT, source: "keysmith's default" };
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

interface ProfileSettings {
  credentials?: SigningCredentials;
  region?: string;
  endpointUrl?: string;
  stsEndpointUrl?: string;
}

/** The profile's keys and region from the shared credentials file, then the config file. */
export async function readProfiles(env: NodeJS.ProcessEnv, profile: string): Promise<ProfileSettings> {
  const home = env.HOME ?? homedir();
  const credentialsFile = parseIni(await readOptional(env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials')));
  const configFile = parseIni(await readOptional(env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config')));
  const fromCredentials = credentialsFile.get(profile) ?? {};
  const fromConfig = configFile.get(profile === 'default' ? 'default' : `profile ${profile}`) ?? {};
  const pick = (key: string) => fromCredentials[key] ?? fromConfig[key];
  const accessKeyId = pick('aws_access_key_id');
  const secretAccessKey = pick('aws_secret_access_key');
  const sessionToken = pick('aws_session_token');
  return {
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } : undefined,
    region: fromConfig.region,
    endpointUrl: fromConfig.endpoint_url,
    stsEndpointUrl: fromConfig.services ? configFile.get(`services ${fromConfig.services}`)?.['sts.endpoint_url'] : undefined,
  };
}

/** An explicit --profile wins; otherwise environment variables, then the profile (as the AWS CLI does). */
function resolveCredentials(
  env: NodeJS.ProcessEnv,
  explicitProfile: string | undefined,
  files: ProfileSettings,
  profile: string,
): SigningCredentials {
  if (explicitProfile === undefined && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    };
  }
  if (files.credentials) return files.credentials;
  if (explicitProfile !== undefined) throw new ClientProblem(`The config profile (${profile}) could not be found`);
  throw new ClientProblem('Unable to locate credentials. You can configure credentials by running "aws configure".');
}

async function readOptional(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * INI as the AWS shared files use it: `[section]`, `key = value`, `#`/`;` comments, and nested
 * settings (`sts =` then indented `endpoint_url = …` lines, kept as `sts.endpoint_url`).
 */
export function parseIni(text: string): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  let parent: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (section) {
      const name = section[1]!.replace(/\s+/g, ' ');
      current = sections.get(name) ?? {};
      sections.set(name, current);
      parent = undefined;
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq <= 0) continue;
    const key = line.slice(0, eq).trim().toLowerCase();
    const value = line.slice(eq + 1).trim();
    if (parent !== undefined && /^\s/.test(raw)) current[`${parent}.${key}`] = value;
    else {
      current[key] = value;
      parent = value === '' ? key : undefined;
    }
  }
  return sections;
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
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ClientProblem(`Invalid endpoint: ${endpoint}`);
  }
  const body = Buffer.from(form.toString(), 'utf8');
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  if (signing) {
    const signed = signRequest(
      {
        method: 'POST',
        rawPath: url.pathname === '' ? '/' : url.pathname,
        rawQuery: url.search.replace(/^\?/, ''),
        headers: { host: [url.host], 'content-type': [headers['content-type']!] },
        body,
      },
      { credentials: signing.credentials, region: signing.region, service: 'sts', nowMs: Date.now(), crypto: nodeSigV4Crypto },
    );
    for (const [name, values] of Object.entries(signed.request.headers)) if (name !== 'host') headers[name] = values.join(',');
  }
  let status: number;
  let text: string;
  try {
    const response = await fetch(url, { method: 'POST', headers, body });
    status = response.status;
    text = await response.text();
  } catch {
    throw new ClientProblem(`Could not connect to the endpoint URL: "${url.toString()}"`);
  }
  if (status >= 300) {
    const code = xmlText(text, 'Code') ?? String(status);
    const message = xmlText(text, 'Message') ?? 'Unknown';
    throw new ClientProblem(`An error occurred (${code}) when calling the ${operation} operation: ${message}`);
  }
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

/** The inner text of the first `<name>…</name>` (the reply is small and flat enough for this). */
function xmlElement(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml);
  return match?.[1];
}

function xmlText(xml: string, name: string): string | undefined {
  const inner = xmlElement(xml, name);
  if (inner === undefined) return new RegExp(`<${name}\\s*/>`).test(xml) ? '' : undefined;
  return inner.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      case 'amp':
        return '&';
      default:
        return String.fromCodePoint(e.startsWith('#x') ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    }
  });
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

/** Values made only of safe characters stay bare; anything else is single-quoted for sh. */
function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./+=:,@%-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
