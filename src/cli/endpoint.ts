import { helpText, parseCommand, UsageError, usageFailure, processOut, type CliOut } from './args.js';
import { ClientProblem, resolveSignedClient, type SignedClientConfig } from './aws-client-config.js';
import { shellQuote } from './aws-query-call.js';
import { grantFetcher } from './service-roles/credential-fetch.js';
import { createGrant, revokeOrWarn, type Grant, type GrantRequest } from './service-roles/grant-client.js';
import { clientFlags, grantRequest } from './service-roles/grant-flags.js';
import { startDelivery, type Delivery } from './service-roles/local-endpoint.js';
import { createWorkspace, type RunWorkspace } from './service-roles/run-workspace.js';
import { ENDPOINT } from './specs.js';

export interface EndpointIo extends CliOut {
  /** Ends stdout once the lines are printed, so `eval "$(keysmith endpoint … &)"` returns. */
  endStdout?: () => void;
  /** Resolves when the endpoint is told to stop (SIGINT, SIGTERM). */
  stopRequested?: () => Promise<NodeJS.Signals>;
}

const processIo: EndpointIo = {
  ...processOut,
  endStdout: () => void process.stdout.end(),
  stopRequested: () =>
    new Promise((resolve) => {
      const stop = (signal: NodeJS.Signals) => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve(signal);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }),
};

/**
 * `keysmith endpoint --role ROLE_ARN --as ec2|ecs|eks-pod-identity [--port N] [--host H] …`: the
 * grant and local endpoint of `keysmith run`, standing. Prints the `export …` lines a program
 * needs, serves until SIGINT or SIGTERM, then stops and revokes the grant.
 */
export async function run(argv: string[], env: NodeJS.ProcessEnv = process.env, io: EndpointIo = processIo): Promise<number> {
  let request: GrantRequest;
  let values: Record<string, string | boolean | undefined>;
  let port: number | undefined;
  try {
    const parsed = parseCommand(ENDPOINT, argv);
    if (parsed.help) {
      io.stdout(helpText(ENDPOINT));
      return 0;
    }
    values = parsed.values;
    request = grantRequest(values, ['ec2', 'ecs', 'eks-pod-identity']);
    if (typeof values.port === 'string') {
      port = /^\d+$/.test(values.port) ? Number(values.port) : NaN;
      if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be a port number (0..65535), got '${values.port}'`);
    }
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(ENDPOINT, io, error.message);
    throw error;
  }
  const log = values.verbose === true ? (line: string) => io.stderr(`keysmith endpoint: ${line}\n`) : undefined;
  // Listen for the stop signals before anything is made: a signal that comes first must still revoke.
  const stop = (io.stopRequested ?? processIo.stopRequested!)();
  let client: SignedClientConfig | undefined;
  let grant: Grant | undefined;
  let workspace: RunWorkspace | undefined;
  let delivery: Delivery | undefined;
  const cleanUp = async () => {
    await delivery?.close();
    if (client && grant) await revokeOrWarn(client, grant, (line) => io.stderr(`keysmith endpoint: ${line}\n`), log);
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
      host: typeof values.host === 'string' ? values.host : '127.0.0.1',
      port,
      allowImdsV1: values['imds-v1'] === true,
      log,
    });
  } catch (error) {
    await cleanUp();
    if (error instanceof ClientProblem) {
      io.stderr(`\n${error.message}\n${client ? `(endpoint ${client.endpoint.url}, from ${client.endpoint.source})\n` : ''}`);
      return 255;
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' || (error as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') {
      io.stderr(`keysmith endpoint: cannot listen: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
  io.stdout(
    [
      `# keysmith endpoint: ${grant.RoleArn} as ${grant.ServicePrincipal}, session ${grant.SessionName}, grant ${grant.GrantId}`,
      ...Object.entries(delivery.variables).map(([name, value]) => `export ${name}=${shellQuote(value)}`),
      '',
    ].join('\n'),
  );
  io.endStdout?.();
  const signal = await stop;
  log?.(`${signal}: stopping`);
  await cleanUp();
  return 0;
}
