import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { nodeSigV4Crypto } from '../platform/node-sigv4-crypto.js';
import { signRequest, type SigningCredentials } from '../sigv4/index.js';

const USAGE = `usage: keysmith assume ROLE_ARN --session-name NAME [options]

Assumes a role with STS AssumeRole, signing with your usual AWS credentials, and prints the
temporary credentials.

options:
  --session-name NAME     RoleSessionName (required)
  --duration SECONDS      DurationSeconds (default: the server's, one hour)
  --external-id ID        ExternalId, when the role's trust policy asks for one
  --serial-number ARN     MFA device, with --token-code CODE
  --format FORMAT         env (default): export lines for eval "$(keysmith assume …)"
                          json: the AssumeRole result as the AWS CLI prints it
                          credential-process: for credential_process in ~/.aws/config
  --profile NAME          use this profile instead of the environment's credentials
  --region REGION         signing region (default: AWS_REGION, the profile's, us-east-1)
  --endpoint-url URL      STS endpoint (default: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL,
                          then http://127.0.0.1:4747)

Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, else from
the shared credentials and config files (AWS_PROFILE, default "default").
`;

const DEFAULT_ENDPOINT = 'http://127.0.0.1:4747';
const FORMATS = ['env', 'json', 'credential-process'] as const;
type Format = (typeof FORMATS)[number];

interface Options {
  roleArn: string;
  sessionName: string;
  duration?: string;
  externalId?: string;
  serialNumber?: string;
  tokenCode?: string;
  format: Format;
  profile?: string;
  region?: string;
  endpoint?: string;
}

export interface AssumeIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: AssumeIo = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
};

/** Thrown for problems the AWS CLI would also report before or instead of calling the service. */
class ClientProblem extends Error {}

/**
 * `keysmith assume ROLE_ARN --session-name NAME …`. The AWS client environment (credentials,
 * profile, region, endpoint) is the caller's, not keysmith's configuration, so it is read here.
 * Exit codes: 0 success, 2 usage, 255 any AWS or client error (as the AWS CLI v1).
 */
export async function run(argv: string[], env: NodeJS.ProcessEnv = process.env, io: AssumeIo = processIo): Promise<number> {
  let options: Options;
  try {
    const parsed = parseArgs(argv);
    if (parsed === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    options = parsed;
  } catch (error) {
    io.stderr(`keysmith assume: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  try {
    const profile = options.profile ?? env.AWS_PROFILE ?? 'default';
    const files = await readProfiles(env, profile);
    const credentials = resolveCredentials(env, options.profile, files, profile);
    const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? files.region ?? 'us-east-1';
    const endpoint = options.endpoint ?? env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL ?? DEFAULT_ENDPOINT;
    const result = await assumeRole(endpoint, region, credentials, options);
    io.stdout(format(result, options.format));
    return 0;
  } catch (error) {
    if (error instanceof ClientProblem) {
      io.stderr(`\n${error.message}\n`);
      return 255;
    }
    throw error;
  }
}

function parseArgs(argv: readonly string[]): Options | 'help' {
  const values = new Map<string, string>();
  const positional: string[] = [];
  const known = new Set([
    'session-name',
    'duration',
    'external-id',
    'serial-number',
    'token-code',
    'format',
    'profile',
    'region',
    'endpoint-url',
  ]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (!known.has(name)) throw new Error(`unknown option --${name}`);
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new Error(`--${name} needs a value`);
    values.set(name, value);
  }
  if (positional.length !== 1) throw new Error('give exactly one ROLE_ARN');
  const sessionName = values.get('session-name');
  if (sessionName === undefined) throw new Error('--session-name is required');
  const formatName = values.get('format') ?? 'env';
  if (!(FORMATS as readonly string[]).includes(formatName)) throw new Error(`--format must be one of ${FORMATS.join(', ')}`);
  const duration = values.get('duration');
  if (duration !== undefined && !/^\d+$/.test(duration)) throw new Error('--duration must be a number of seconds');
  return {
    roleArn: positional[0]!,
    sessionName,
    duration,
    externalId: values.get('external-id'),
    serialNumber: values.get('serial-number'),
    tokenCode: values.get('token-code'),
    format: formatName as Format,
    profile: values.get('profile'),
    region: values.get('region'),
    endpoint: values.get('endpoint-url'),
  };
}

interface ProfileSettings {
  credentials?: SigningCredentials;
  region?: string;
}

/** The profile's keys and region from the shared credentials file, then the config file. */
async function readProfiles(env: NodeJS.ProcessEnv, profile: string): Promise<ProfileSettings> {
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

/** INI as the AWS shared files use it: `[section]`, `key = value`, `#`/`;` comments. */
function parseIni(text: string): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (section) {
      current = sections.get(section[1]!) ?? {};
      sections.set(section[1]!, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current && eq > 0) current[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
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
}

async function assumeRole(endpoint: string, region: string, credentials: SigningCredentials, options: Options): Promise<AssumeResult> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ClientProblem(`Invalid endpoint: ${endpoint}`);
  }
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
  const body = Buffer.from(form.toString(), 'utf8');
  const signed = signRequest(
    {
      method: 'POST',
      rawPath: url.pathname === '' ? '/' : url.pathname,
      rawQuery: url.search.replace(/^\?/, ''),
      headers: { host: [url.host], 'content-type': ['application/x-www-form-urlencoded; charset=utf-8'] },
      body,
    },
    { credentials, region, service: 'sts', nowMs: Date.now(), crypto: nodeSigV4Crypto },
  );
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(signed.request.headers)) if (name !== 'host') headers[name] = values.join(',');
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
    throw new ClientProblem(`An error occurred (${code}) when calling the AssumeRole operation: ${message}`);
  }
  const creds = xmlElement(text, 'Credentials') ?? '';
  const user = xmlElement(text, 'AssumedRoleUser') ?? '';
  const field = (block: string, name: string) => {
    const value = xmlText(block, name);
    if (value === undefined) throw new ClientProblem(`The AssumeRole response has no ${name}`);
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
      const out: Record<string, unknown> = {
        Credentials: {
          AccessKeyId: r.AccessKeyId,
          SecretAccessKey: r.SecretAccessKey,
          SessionToken: r.SessionToken,
          Expiration: r.Expiration,
        },
        AssumedRoleUser: { AssumedRoleId: r.AssumedRoleId, Arn: r.Arn },
      };
      if (r.PackedPolicySize !== undefined) out.PackedPolicySize = Number(r.PackedPolicySize);
      if (r.SourceIdentity !== undefined) out.SourceIdentity = r.SourceIdentity;
      return `${JSON.stringify(out, null, 4)}\n`;
    }
  }
}

/** Values made only of safe characters stay bare; anything else is single-quoted for sh. */
function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./+=:,@%-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
