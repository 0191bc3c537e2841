import { spawn, type ChildProcess } from 'node:child_process';
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
 * botocore extends instance-metadata credentials expiring within its refresh window (10 minutes
 * plus up to 10 of jitter) instead of fetching again (utils.py, _evaluate_expiration).
 */
const BOTOCORE_IMDS_WINDOW = 1200;

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
  if (request.computeType === 'ec2' && request.durationSeconds !== undefined && request.durationSeconds < BOTOCORE_IMDS_WINDOW) {
    io.stderr(
      `keysmith run: note: botocore (the AWS CLI, boto3) keeps instance-metadata credentials that expire within about 20 minutes\n` +
        `past their expiry (it takes them for a metadata outage); with --duration under ${BOTOCORE_IMDS_WINDOW} a Python program that runs\n` +
        `longer than the duration fails. SDK v3 and the container modes refresh as usual.\n`,
    );
  }

  const signals = new SignalRelay(log);
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
    signals.dispose();
    if (error instanceof ClientProblem) {
      io.stderr(`\n${error.message}\n${client ? `(endpoint ${client.endpoint.url}, from ${client.endpoint.source})\n` : ''}`);
      return 255;
    }
    throw error;
  }
  if (signals.pending) {
    log?.(`${signals.pending} before the command started: stopping`);
    await cleanUp();
    signals.dispose();
    return signalStatus(signals.pending);
  }
  const childEnv = childEnvironment({
    runnerEnv: env,
    region: client.region,
    endpoint: client.endpoint,
    emptyCredentialsFile: workspace.emptyCredentialsFile,
    emptyConfigFile: workspace.emptyConfigFile,
    compute: delivery.variables,
  });
  const code = await runCommand(split.command, childEnv, io, signals, log);
  await cleanUp();
  signals.dispose();
  return code;
}

/**
 * Signals while keysmith run is up. Listening starts before the grant is made, so a Ctrl-C during
 * set-up still stops the endpoint and revokes the grant; once the command runs, each signal is
 * passed on to it, and it decides how to stop.
 */
class SignalRelay {
  /** The first signal received before the command started. */
  pending: NodeJS.Signals | undefined;
  private target: ChildProcess | undefined;
  private readonly handler = (signal: NodeJS.Signals) => {
    if (this.target) {
      this.log?.(`passing ${signal} to the command`);
      this.target.kill(signal);
    } else if (this.pending) {
      // A second signal while set-up hangs (keysmith unreachable): stop at once.
      process.exit(signalStatus(signal));
    } else this.pending = signal;
  };

  constructor(private readonly log?: (line: string) => void) {
    for (const signal of FORWARDED) process.on(signal, this.handler);
  }

  forwardTo(child: ChildProcess): void {
    this.target = child;
  }

  dispose(): void {
    for (const signal of FORWARDED) process.off(signal, this.handler);
  }
}

/** The exit status of a process ended by a signal, as shells report it. */
function signalStatus(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

/** Runs the command with inherited stdio, its signals passed on; resolves with its exit status. */
function runCommand(
  command: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CliOut,
  signals: SignalRelay,
  log?: (line: string) => void,
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env });
    signals.forwardTo(child);
    child.once('error', (error: NodeJS.ErrnoException) => {
      // As a shell says it: 127 not found, 126 found but not runnable.
      io.stderr(`keysmith run: ${command[0]}: ${error.code === 'ENOENT' ? 'command not found' : error.message}\n`);
      resolve(error.code === 'ENOENT' ? 127 : 126);
    });
    child.once('exit', (code, signal) => {
      log?.(`the command ended (${signal ?? `exit ${code}`})`);
      resolve(code ?? (signal ? signalStatus(signal) : 1));
    });
  });
}
