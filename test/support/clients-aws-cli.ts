import { clientEnv, credentialEnv, type ProcessResult, runProcess } from './clients-process.js';

export interface CliResult extends ProcessResult {
  /** stdout parsed as JSON when the command printed any. */
  json: any;
  /** The service error the CLI printed, if any. */
  error?: CliError;
}

export interface CliError {
  code: string;
  operation: string;
  message: string;
}

/** `An error occurred (Code) when calling the Op operation: Message` — the CLI's error line. */
const ERROR_LINE = /An error occurred \(([^)]+)\) when calling the (\w+) operation(?: \(reached max retries: \d+\))?: ([^\n]*)/;

export function parseCliError(stderr: string): CliError | undefined {
  const m = ERROR_LINE.exec(stderr);
  return m ? { code: m[1]!, operation: m[2]!, message: m[3]! } : undefined;
}

/**
 * Runs the real AWS CLI against `endpoint` with the given credentials (from the environment, no
 * config or credentials file) and JSON output.
 */
export async function awsCli(
  endpoint: string,
  creds: { accessKeyId: string; secretAccessKey: string } | undefined,
  args: readonly string[],
  options: { region?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const region = options.region ?? 'us-east-1';
  const env = clientEnv({ ...(creds ? credentialEnv(creds, region) : { AWS_DEFAULT_REGION: region }), ...options.env });
  const result = await runProcess('aws', ['--endpoint-url', endpoint, '--output', 'json', ...args], { env, timeoutMs: 60_000 });
  let json: unknown;
  if (result.code === 0 && result.stdout.trim() !== '') json = JSON.parse(result.stdout);
  return { ...result, json, error: parseCliError(result.stderr) };
}
