import { CONFIG_SCHEMA } from '../config/schema.js';
import { COMPUTE_TYPES } from '../model/compute-types.js';
import type { CommandSpec, OptionSpec } from './args.js';

/**
 * Every command's options, in one place: the commands parse with them, `--help` prints them, and
 * `keysmith completion` completes them. Only data here (no command is loaded to read it).
 */

/** serve's settings that have a flag, straight from the configuration schema (defaults included). */
function configOption(flag: string, value: string): OptionSpec {
  const entry = CONFIG_SCHEMA.find((e) => e.flag === flag);
  if (!entry) throw new Error(`no configuration flag ${flag}`);
  return {
    name: flag.slice(2),
    type: entry.kind === 'boolean' ? 'boolean' : 'string',
    ...(entry.kind === 'boolean' ? {} : { value }),
    env: entry.env,
    ...(entry.default !== undefined ? { default: entry.default } : {}),
    doc: entry.doc,
  };
}

const VALUE_NAMES: Record<string, string> = { '--port': 'N', '--host': 'ADDRESS', '--account-id': 'ID' };

/** Every configuration setting that has a flag (serve's options). */
export const CONFIG_OPTIONS: readonly OptionSpec[] = CONFIG_SCHEMA.filter((e) => e.flag).map((e) =>
  configOption(e.flag!, VALUE_NAMES[e.flag!] ?? (e.flag!.endsWith('-url') ? 'URL' : e.flag!.endsWith('-dir') ? 'DIR' : 'VALUE')),
);

const storeOptions = (...names: string[]) => CONFIG_OPTIONS.filter((o) => names.includes(o.name));

const STORE_NOTE =
  'Works on the data directly (the server need not run): the same data folder or database as `keysmith serve`,\n' +
  'and the same environment variables (KEYSMITH_DATA_DIR, KEYSMITH_DATABASE_URL, KEYSMITH_AT_REST_KEY, …).';

export const SERVE: CommandSpec = {
  name: 'serve',
  summary: 'Starts the server: IAM, STS, S3 and CloudTrail on one port, the admin API under /_keysmith/.',
  args: '[options]',
  positionals: { min: 0, max: 0 },
  options: [
    ...CONFIG_OPTIONS,
    { name: 'workers', type: 'string', value: 'N', default: 'one process, no cluster', doc: 'run N worker processes (1..64) on the port' },
  ],
  notes:
    'Flags win over environment variables. Settings without a flag are set by environment only\n' +
    '(KEYSMITH_ADMIN_ACCESS_KEY_ID, KEYSMITH_AT_REST_KEY, KEYSMITH_LOG_LEVEL, …): see README, "Configuration".',
};

export const ACCOUNT_CREATE: CommandSpec = {
  name: 'account create',
  summary: 'Adds an account with root credentials and an IAM user "admin"; appends their profiles to <data-dir>/credentials.',
  args: '[options]',
  positionals: { min: 0, max: 0 },
  options: [
    { name: 'json', type: 'boolean', doc: 'print the new credentials as JSON' },
    ...storeOptions('account-id', 'data-dir', 'database-url').map((o): OptionSpec =>
      o.name === 'account-id' ? { ...o, doc: "the new account's 12-digit id", default: 'random' } : o,
    ),
  ],
  notes: STORE_NOTE,
};

export const KEYS_ROTATE: CommandSpec = {
  name: 'keys rotate',
  summary:
    'Makes a new session-token key the active one. Tokens sealed with older keys stay valid until they expire;\nrunning servers pick the new key up within a second.',
  args: '[options]',
  positionals: { min: 0, max: 0 },
  options: storeOptions('data-dir', 'database-url'),
  notes: STORE_NOTE,
};

export const SESSIONS_REVOKE: CommandSpec = {
  name: 'sessions revoke',
  summary: "Voids the role's temporary credentials issued until now (every session, or only the named one).",
  args: 'ROLE_ARN [options]',
  positionals: { min: 1, max: 1 },
  options: [
    { name: 'session-name', type: 'string', value: 'NAME', default: 'every session', doc: 'revoke only this session of the role' },
    ...storeOptions('data-dir', 'database-url'),
  ],
  notes: STORE_NOTE,
};

export const ASSUME_FORMATS = ['env', 'json', 'credential-process'] as const;

export const ASSUME: CommandSpec = {
  name: 'assume',
  summary:
    'Assumes a role with STS AssumeRole, signing with your usual AWS credentials (or, with --web-identity-token-file, unsigned with AssumeRoleWithWebIdentity), and prints the temporary credentials.',
  args: 'ROLE_ARN --session-name NAME [options]',
  positionals: { min: 0, max: Infinity },
  options: [
    { name: 'session-name', type: 'string', value: 'NAME', default: 'none: required', doc: 'RoleSessionName' },
    { name: 'duration', type: 'string', value: 'SECONDS', default: "the server's, one hour", doc: 'DurationSeconds' },
    { name: 'external-id', type: 'string', value: 'ID', doc: "ExternalId, when the role's trust policy asks for one" },
    { name: 'serial-number', type: 'string', value: 'ARN', doc: 'MFA device, with --token-code' },
    { name: 'token-code', type: 'string', value: 'CODE', doc: 'the MFA code, with --serial-number' },
    {
      name: 'web-identity-token-file',
      type: 'string',
      value: 'FILE',
      doc: 'call AssumeRoleWithWebIdentity with the OpenID Connect token in FILE instead: no AWS credentials are needed or read; ROLE_ARN may then come from AWS_ROLE_ARN and --session-name from AWS_ROLE_SESSION_NAME',
    },
    {
      name: 'format',
      type: 'string',
      value: 'FORMAT',
      choices: ASSUME_FORMATS,
      default: 'env',
      doc: 'env: export lines for eval "$(keysmith assume …)"; json: the AssumeRole result as the AWS CLI prints it; credential-process: for credential_process in ~/.aws/config',
    },
    {
      name: 'profile',
      type: 'string',
      value: 'NAME',
      env: 'AWS_PROFILE',
      default: 'default',
      doc: "use this profile's credentials, region and endpoint_url",
    },
    {
      name: 'region',
      type: 'string',
      value: 'REGION',
      default: "AWS_REGION, AWS_DEFAULT_REGION, the profile's, us-east-1",
      doc: 'signing region',
    },
    {
      name: 'endpoint-url',
      type: 'string',
      value: 'URL',
      default: "AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the profile's sts endpoint_url, the profile's endpoint_url, http://127.0.0.1:4747",
      doc: 'STS endpoint',
    },
  ],
  notes:
    'Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, else from the shared\n' +
    'credentials and config files (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE; profile AWS_PROFILE, default "default").\n' +
    'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true ignores the environment and profile endpoints.\n' +
    'With --web-identity-token-file the request is unsigned (the token is the credential), as the AWS SDKs send it;\n' +
    '--external-id, --serial-number and --token-code do not apply to it.\n' +
    'Exit status: 0 success, 2 usage, 255 an AWS or client error (as the AWS CLI).',
};

/** The caller's AWS client settings, for the commands that call keysmith's own service (credential grants). */
const KEYSMITH_CLIENT_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'profile',
    type: 'string',
    value: 'NAME',
    env: 'AWS_PROFILE',
    default: 'default',
    doc: "sign with this profile's credentials; use its region and endpoint_url",
  },
  {
    name: 'region',
    type: 'string',
    value: 'REGION',
    default: "AWS_REGION, AWS_DEFAULT_REGION, the profile's, us-east-1",
    doc: 'signing region',
  },
  {
    name: 'endpoint-url',
    type: 'string',
    value: 'URL',
    default:
      "AWS_ENDPOINT_URL_KEYSMITH, AWS_ENDPOINT_URL, the profile's keysmith endpoint_url, the profile's endpoint_url, http://127.0.0.1:4747",
    doc: "keysmith's endpoint",
  },
];

const ROLE_OPTION: OptionSpec = {
  name: 'role',
  type: 'string',
  value: 'ROLE_ARN',
  default: 'none: required',
  doc: 'the role the compute is given',
};
const DURATION_OPTION: OptionSpec = {
  name: 'duration',
  type: 'string',
  value: 'SECONDS',
  default: "3600, at most the role's MaxSessionDuration",
  doc: 'lifetime of each set of role credentials (60..43200); new ones come before they expire',
};
const GRANT_LIFETIME_OPTION: OptionSpec = {
  name: 'grant-lifetime',
  type: 'string',
  value: 'SECONDS',
  default: '43200',
  doc: 'how long the grant may fetch credentials (at most 604800)',
};
const INSTANCE_PROFILE_OPTION: OptionSpec = {
  name: 'instance-profile',
  type: 'string',
  value: 'NAME',
  default: 'the instance profile that holds the role',
  doc: '--as ec2: the instance profile the instance is launched with',
};
const IMDS_V1_OPTION: OptionSpec = {
  name: 'imds-v1',
  type: 'boolean',
  doc: '--as ec2: also answer metadata requests without a session token (IMDSv1); off by default, as on instances that require IMDSv2',
};
const VERBOSE_OPTION: OptionSpec = {
  name: 'verbose',
  type: 'boolean',
  doc: 'say on stderr what happens: the grant, the endpoint, each credential fetch (never a secret)',
};

const SERVICE_ROLE_NOTES =
  'The grant is made with CreateCredentialGrant, signed with your own AWS credentials (as `keysmith assume` finds\n' +
  "them); you need iam:PassRole on the role, with iam:PassedToService the compute's service, and the role's trust\n" +
  'policy must allow that service (ec2.amazonaws.com, ecs-tasks.amazonaws.com, lambda.amazonaws.com,\n' +
  'pods.eks.amazonaws.com with sts:TagSession).';

export const RUN: CommandSpec = {
  name: 'run',
  summary:
    'Runs a command as a role the way AWS compute does (EC2 instance metadata, ECS or EKS container credentials, Lambda environment): its SDK finds the role through its default chain.',
  args: '--role ROLE_ARN [options] -- COMMAND [ARGS...]',
  positionals: { min: 0, max: 0 },
  options: [
    ROLE_OPTION,
    { name: 'as', type: 'string', value: 'COMPUTE', choices: COMPUTE_TYPES, default: 'ecs', doc: 'the compute the command runs on' },
    INSTANCE_PROFILE_OPTION,
    DURATION_OPTION,
    {
      name: 'function-name',
      type: 'string',
      value: 'NAME',
      default: 'keysmith-function',
      doc: '--as lambda: the function name (and the session name)',
    },
    IMDS_V1_OPTION,
    ...KEYSMITH_CLIENT_OPTIONS,
    VERBOSE_OPTION,
  ],
  notes:
    "The command runs with the role's credentials only: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,\n" +
    'AWS_PROFILE and the other credential settings are removed from its environment, and the shared credentials and\n' +
    "config files are replaced by empty ones. AWS_ENDPOINT_URL* pass through (keysmith's endpoint is set as\n" +
    'AWS_ENDPOINT_URL when it came from the flag or a profile); AWS_REGION and AWS_DEFAULT_REGION are set.\n' +
    '  ecs               AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN (a local endpoint)\n' +
    '  eks-pod-identity  AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE\n' +
    '  ec2               AWS_EC2_METADATA_SERVICE_ENDPOINT (a local instance metadata service, IMDSv2)\n' +
    '  lambda            AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_LAMBDA_FUNCTION_NAME, …\n' +
    `${SERVICE_ROLE_NOTES}\n` +
    'When the command ends, the endpoint stops and the grant is revoked.\n' +
    "Exit status: the command's (128+N when it is killed by signal N), 2 usage, 255 an AWS or client error\n" +
    '(as the AWS CLI), 127 the command was not found.',
};

export const ENDPOINT: CommandSpec = {
  name: 'endpoint',
  summary:
    "Serves a role's credentials on a standing local endpoint (instance metadata or container credentials) and prints the environment a program needs to use it.",
  args: '--role ROLE_ARN --as ec2|ecs|eks-pod-identity [options]',
  positionals: { min: 0, max: 0 },
  options: [
    ROLE_OPTION,
    {
      name: 'as',
      type: 'string',
      value: 'COMPUTE',
      choices: ['ec2', 'ecs', 'eks-pod-identity'],
      default: 'none: required',
      doc: 'the endpoint to serve',
    },
    { name: 'port', type: 'string', value: 'N', default: 'a free port', doc: 'port to listen on' },
    {
      name: 'host',
      type: 'string',
      value: 'ADDRESS',
      default: '127.0.0.1',
      doc: 'address to listen on (SDKs fetch plain-HTTP credentials from loopback only)',
    },
    INSTANCE_PROFILE_OPTION,
    DURATION_OPTION,
    GRANT_LIFETIME_OPTION,
    IMDS_V1_OPTION,
    ...KEYSMITH_CLIENT_OPTIONS,
    VERBOSE_OPTION,
  ],
  notes:
    'Prints `export …` lines on stdout (eval them, or pass them to a container), then serves until SIGINT or SIGTERM,\n' +
    'and revokes the grant. Every request needs the printed token (ecs, eks-pod-identity) or an IMDSv2 session (ec2).\n' +
    `${SERVICE_ROLE_NOTES}`,
};

export const GRANT_FORMATS = ['env', 'json'] as const;

export const GRANT_CREATE: CommandSpec = {
  name: 'grant create',
  summary:
    "Makes a credential grant for a container and prints the environment that fetches the role's credentials from keysmith's own endpoint.",
  args: '--role ROLE_ARN [--as ecs|eks-pod-identity] [options]',
  positionals: { min: 0, max: 0 },
  options: [
    ROLE_OPTION,
    {
      name: 'as',
      type: 'string',
      value: 'COMPUTE',
      choices: ['ecs', 'eks-pod-identity'],
      default: 'ecs',
      doc: 'the compute the container imitates',
    },
    DURATION_OPTION,
    GRANT_LIFETIME_OPTION,
    { name: 'cluster-name', type: 'string', value: 'NAME', doc: 'the cluster the task or pod runs in' },
    { name: 'namespace', type: 'string', value: 'NAME', doc: "--as eks-pod-identity: the pod's namespace" },
    { name: 'service-account', type: 'string', value: 'NAME', doc: "--as eks-pod-identity: the pod's service account" },
    {
      name: 'format',
      type: 'string',
      value: 'FORMAT',
      choices: GRANT_FORMATS,
      default: 'env',
      doc: 'env: export lines (and the grant id in a comment); json: the CreateCredentialGrant result and the environment',
    },
    ...KEYSMITH_CLIENT_OPTIONS,
  ],
  notes:
    'The container gets AWS_CONTAINER_CREDENTIALS_FULL_URI=<endpoint>/_keysmith/credentials and\n' +
    'AWS_CONTAINER_AUTHORIZATION_TOKEN=<the grant token>. SDKs fetch credentials over plain HTTP only from\n' +
    'loopback or the ECS/EKS link-local addresses; elsewhere serve keysmith over HTTPS.\n' +
    'The grant lasts --grant-lifetime, or until `keysmith grant revoke GRANT_ID`.\n' +
    `${SERVICE_ROLE_NOTES}`,
};

export const GRANT_REVOKE: CommandSpec = {
  name: 'grant revoke',
  summary: 'Revokes a credential grant: its token fetches no more credentials.',
  args: 'GRANT_ID [options]',
  positionals: { min: 1, max: 1 },
  options: KEYSMITH_CLIENT_OPTIONS,
};

export const POLICY_KINDS = ['identity', 'resource', 'trust', 'session', 'scp', 'rcp', 'boundary'] as const;

export const POLICY_VALIDATE: CommandSpec = {
  name: 'policy validate',
  summary: 'Checks a policy document as IAM would and prints AWS-style findings (MalformedPolicyDocument errors, warnings).',
  args: 'FILE|- [options]',
  positionals: { min: 1, max: 1 },
  options: [
    { name: 'kind', type: 'string', value: 'KIND', choices: POLICY_KINDS, default: 'identity', doc: 'the kind of policy the document is' },
    { name: 'allow-old-version', type: 'boolean', doc: 'accept Version 2008-10-17 or none (default: 2012-10-17 required)' },
    { name: 'json', type: 'boolean', doc: 'print the findings as JSON' },
  ],
  notes:
    '`-` reads standard input. Findings name the statement and the element at fault. Warnings include actions and\n' +
    'services AWS does not have ("Invalid action: … Did you mean …?", from the catalogue of every AWS action), and a\n' +
    'trust policy checked as an identity policy (or the reverse) is told to try --kind trust.\n' +
    'Exit status: 0 valid (warnings only print), 1 an error found, 2 usage.',
};

export const POLICY_SIMULATE: CommandSpec = {
  name: 'policy simulate',
  summary: 'Evaluates one request against policies, offline, on the same engine as the server.',
  args: '[FILE|-] [options]',
  positionals: { min: 0, max: 1 },
  options: [
    {
      name: 'derive',
      type: 'boolean',
      doc: 'add the context keys the principal implies (aws:PrincipalArn, aws:username, …) where not given',
    },
    { name: 'explain', type: 'boolean', doc: 'print a readable account instead of JSON' },
  ],
  notes: `Reads FILE, or standard input when FILE is - or absent. Input (JSON):

  { "identityPolicies": [doc], "resourcePolicy"?: doc, "permissionBoundaries"?: [doc],
    "sessionPolicies"?: [doc], "scps"?: [[doc]], "rcps"?: [[doc]],
    "request": { "principal": ARN | service | provider | {RequestPrincipal}, "action", "resource",
                 "resourceAccount"?, "context"?: { key: value | [values] }, "principalTags"?: {k: v} } }

A doc is a policy object or its JSON text; a level of scps/rcps lists the policies attached at one
level of the organization, root first. The resource policy is read as a trust policy for
sts:AssumeRole* / sts:TagSession / sts:SetSourceIdentity (override with "resourcePolicyKind").

Example:
  { "identityPolicies": [{ "Version": "2012-10-17",
      "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*" }] }],
    "request": { "principal": "arn:aws:iam::123456789012:user/alice",
                 "action": "s3:GetObject", "resource": "arn:aws:s3:::photos/cat.jpg" } }

Exit status: 0 allowed, 3 denied (explicitly or implicitly), 1 bad input, 2 usage.`,
};

export const COMPLETION: CommandSpec = {
  name: 'completion',
  summary: "Prints a shell completion script for keysmith's commands, subcommands and flags.",
  args: 'bash|zsh',
  positionals: { min: 1, max: 1 },
  options: [],
  notes:
    'bash:  eval "$(keysmith completion bash)"      (or save it under /etc/bash_completion.d/)\n' +
    'zsh:   eval "$(keysmith completion zsh)"       (or save it as _keysmith in a folder of $fpath)',
};

/** Every command, in the order `keysmith --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  SERVE,
  ACCOUNT_CREATE,
  KEYS_ROTATE,
  SESSIONS_REVOKE,
  POLICY_VALIDATE,
  POLICY_SIMULATE,
  ASSUME,
  RUN,
  ENDPOINT,
  GRANT_CREATE,
  GRANT_REVOKE,
  COMPLETION,
];
