import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { COMPUTE_TYPES } from '../model/compute-types.js';
import { helpText, parseCommand, splitCommandLine, UsageError, usageFailure, processOut, type CliOut } from './args.js';
import { ClientProblem, resolveSignedClient, type SignedClientConfig } from './aws-client-config.js';
import { childEnvironment } from './service-roles/child-environment.js';
import { grantFetcher } from './service-roles/credential-fetch.js';
import { createGrant, revokeOrWarn, type Grant, type GrantRequest } from './service-roles/grant-client.js';
import { clientFlags, grantRequest } from './service-roles/grant-flags.js';
import { startDelivery, type Delivery } from './service-roles/local-endpoint.js';
import { createWorkspace, type RunWorkspace } from './service-roles/run-workspace.js';
import { RUN } from './specs.js';

/** Signals passed on to the command: it decides how to stop, and keysmith run ends when it does. */
const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'];

/**
 * `keysmith run --role ROLE_ARN [--as ec2|ecs|lambda|eks-pod-identity] … -- COMMAND [ARGS…]`:
 * makes a credential grant with the runner's own credentials, starts the local endpoint the
 * compute type has (service-roles/local-endpoint.ts), runs COMMAND with the environment that
 * compute gives a program (service-roles/child-environment.ts), and when it ends stops the
 * endpoint, revokes the grant and removes its files. Exits with the command's code.
 */
export async function run(argv: string[], env: NodeJS.ProcessEnv = process.env, io: CliOut = processOut): Promise<number> {
  const split = splitCommandLine(RUN, argv);
  let request: GrantRequest;
  let values: Record<string, string | boolean | undefined>;
  try {
    const parsed = parseCommand(RUN, split.options);
    if (parsed.help) {
      io.stdout(helpText(RUN));
      return 0;
    }
    values = parsed.values;
    request = grantRequest(values, COMPUTE_TYPES, 'ecs');
    if (split.command.length === 0)
      throw new UsageError('give the command to run after -- (keysmith run --role ROLE_ARN -- COMMAND [ARGS...])');
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(RUN, io, error.message);
    throw error;
  }
  const log = values.verbose === true ? (line: string) => io.stderr(`keysmith run: ${line}\n`) : undefined;

  let client: SignedClientConfig | undefined;
  let grant: Grant | undefined;
  let workspace: RunWorkspace | undefined;
  let delivery: Delivery | undefined;
  const cleanUp = async () => {
    await delivery?.close();
    if (client && grant) await revokeOrWarn(client, grant, (line) => io.stderr(`keysmith run: ${line}\n`), log);
    await workspace?.remove();
  };
  try {
    client = await resolveSignedClient(clientFlags(values), env, 'keysmith');
    grant = await createGrant(client, request);
    log?.(`grant ${grant.GrantId}: ${grant.RoleArn} for ${grant.ServicePrincipal}, session ${grant.SessionName} (${grant.SourceArn})`);
    workspace = await createWorkspace();
    delivery = await startDelivery({
      grant,
      fetcher: grantFetcher(client.endpoint.url, grant.GrantToken),
      workspace,
      allowImdsV1: values['imds-v1'] === true,
      command: split.command[0],
      log,
    });
    if (delivery.url) log?.(`${grant.ComputeType === 'ec2' ? 'instance metadata' : 'container credentials'} at ${delivery.url}`);
  } catch (error) {
    await cleanUp();
    if (error instanceof ClientProblem) {
      io.stderr(`\n${error.message}\n${client ? `(endpoint ${client.endpoint.url}, from ${client.endpoint.source})\n` : ''}`);
      return 255;
    }
    throw error;
  }
  const childEnv = childEnvironment({
    runnerEnv: env,
    region: client.region,
    endpoint: client.endpoint,
    emptyCredentialsFile: workspace.emptyCredentialsFile,
    emptyConfigFile: workspace.emptyConfigFile,
    compute: delivery.variables,
  });
  const code = await runCommand(split.command, childEnv, io, log);
  await cleanUp();
  return code;
}

/** Runs the command with inherited stdio, passing signals on; resolves with its exit status. */
export function runCommand(command: readonly string[], env: NodeJS.ProcessEnv, io: CliOut, log?: (line: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => {
      log?.(`passing ${signal} to the command`);
      child.kill(signal);
    };
    for (const signal of FORWARDED) process.on(signal, forward);
    const done = (code: number) => {
      for (const signal of FORWARDED) process.off(signal, forward);
      resolve(code);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      // As a shell says it: 127 not found, 126 found but not runnable.
      io.stderr(`keysmith run: ${command[0]}: ${error.code === 'ENOENT' ? 'command not found' : error.message}\n`);
      done(error.code === 'ENOENT' ? 127 : 126);
    });
    child.once('exit', (code, signal) => {
      log?.(`the command ended (${signal ?? `exit ${code}`})`);
      done(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}
