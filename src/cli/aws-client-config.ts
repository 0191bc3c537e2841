import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { SigningCredentials } from '../sigv4/index.js';

/**
 * The caller's AWS client environment — credentials, profile, region, endpoint — read the way the
 * AWS CLI and SDKs read it. Every command that calls keysmith as a client (`assume`, `run`,
 * `endpoint`, `grant`) resolves it here, so they all agree on which profile and endpoint win.
 */

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:4747';

/** Thrown for problems the AWS CLI would also report before or instead of calling the service (exit 255). */
export class ClientProblem extends Error {}

/** The services whose endpoint a keysmith command resolves: STS, and keysmith's own Query service. */
export type ClientService = 'sts' | 'keysmith';

export interface ResolvedEndpoint {
  url: string;
  /** Where the URL came from, for messages: '--endpoint-url', 'AWS_ENDPOINT_URL_STS', … */
  source: string;
  /** The kind of source: the child of `keysmith run` inherits environment endpoints, not the others. */
  from: 'flag' | 'environment' | 'profile' | 'default';
}

export interface ProfileSettings {
  credentials?: SigningCredentials;
  region?: string;
  endpointUrl?: string;
  stsEndpointUrl?: string;
  keysmithEndpointUrl?: string;
}

/**
 * The endpoint, by the AWS SDKs' and CLI's precedence: the --endpoint-url flag; then
 * AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL; then the profile's `services` section's endpoint_url
 * for the service, the profile's endpoint_url; then keysmith's default. With
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true only the flag and the default count.
 */
export function resolveEndpoint(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  files: Pick<ProfileSettings, 'endpointUrl' | 'stsEndpointUrl' | 'keysmithEndpointUrl'>,
  profile: string,
  service: ClientService = 'sts',
): ResolvedEndpoint {
  if (flag !== undefined) return { url: flag, source: '--endpoint-url', from: 'flag' };
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() !== 'true') {
    const serviceVar = `AWS_ENDPOINT_URL_${service.toUpperCase()}`;
    if (env[serviceVar]) return { url: env[serviceVar], source: serviceVar, from: 'environment' };
    if (env.AWS_ENDPOINT_URL) return { url: env.AWS_ENDPOINT_URL, source: 'AWS_ENDPOINT_URL', from: 'environment' };
    const fromServices = service === 'sts' ? files.stsEndpointUrl : files.keysmithEndpointUrl;
    if (fromServices) return { url: fromServices, source: `profile ${profile}, services ${service} endpoint_url`, from: 'profile' };
    if (files.endpointUrl) return { url: files.endpointUrl, source: `profile ${profile}, endpoint_url`, from: 'profile' };
  }
  return { url: DEFAULT_ENDPOINT, source: "keysmith's default", from: 'default' };
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
  const services = fromConfig.services ? configFile.get(`services ${fromConfig.services}`) : undefined;
  return {
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } : undefined,
    region: fromConfig.region,
    endpointUrl: fromConfig.endpoint_url,
    stsEndpointUrl: services?.['sts.endpoint_url'],
    keysmithEndpointUrl: services?.['keysmith.endpoint_url'],
  };
}

/** An explicit --profile wins; otherwise environment variables, then the profile (as the AWS CLI does). */
export function resolveCredentials(
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

/** The --region flag, then AWS_REGION, AWS_DEFAULT_REGION, the profile's region, us-east-1. */
export function resolveRegion(flag: string | undefined, env: NodeJS.ProcessEnv, files: ProfileSettings): string {
  return flag ?? (env.AWS_REGION || undefined) ?? (env.AWS_DEFAULT_REGION || undefined) ?? files.region ?? 'us-east-1';
}

/** The profile a command uses: --profile, AWS_PROFILE, 'default'. */
export function profileName(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag ?? (env.AWS_PROFILE || undefined) ?? 'default';
}

export interface ClientFlags {
  profile?: string;
  region?: string;
  endpoint?: string;
}

export interface SignedClientConfig {
  profile: string;
  credentials: SigningCredentials;
  region: string;
  endpoint: ResolvedEndpoint;
}

/** Everything a signed call needs, from the flags, the environment and the shared files. */
export async function resolveSignedClient(flags: ClientFlags, env: NodeJS.ProcessEnv, service: ClientService): Promise<SignedClientConfig> {
  const profile = profileName(flags.profile, env);
  const files = await readProfiles(env, profile);
  return {
    profile,
    credentials: resolveCredentials(env, flags.profile, files, profile),
    region: resolveRegion(flags.region, env, files),
    endpoint: resolveEndpoint(flags.endpoint, env, files, profile, service),
  };
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
