import { CREDENTIALS_PATH } from '../model/compute-types.js';
import { parseOrExit, processOut, UsageError, usageFailure, type CliOut } from './args.js';
import { ClientProblem, resolveSignedClient } from './aws-client-config.js';
import { shellQuote } from './aws-query-call.js';
import { createGrant, GRANT_MEMBERS, revokeGrant, type Grant } from './service-roles/grant-client.js';
import { clientFlags, grantRequest } from './service-roles/grant-flags.js';
import { GRANT_CREATE, GRANT_REVOKE } from './specs.js';

/**
 * `keysmith grant create --role ROLE_ARN [--as ecs|eks-pod-identity] …`: a grant for a container
 * that fetches its credentials from keysmith's own route, no local endpoint in between; prints
 * the two variables the container needs and the grant's id. `keysmith grant revoke GRANT_ID`
 * ends it. Exit codes as the AWS CLI: 0, 2 usage, 255 an AWS or client error.
 */
export async function create(argv: string[], env: NodeJS.ProcessEnv = process.env, io: CliOut = processOut): Promise<number> {
  const parsed = parseOrExit(GRANT_CREATE, argv, io);
  if (typeof parsed === 'number') return parsed;
  let request;
  try {
    request = grantRequest(parsed.values, ['ecs', 'eks-pod-identity'], 'ecs');
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(GRANT_CREATE, io, error.message);
    throw error;
  }
  return clientCall(io, async () => {
    const client = await resolveSignedClient(clientFlags(parsed.values), env, 'keysmith');
    const grant = await createGrant(client, request);
    const variables = containerEnvironment(client.endpoint.url, grant);
    if (parsed.values.format === 'json') {
      const out: Record<string, unknown> = {};
      for (const name of GRANT_MEMBERS) if (grant[name] !== undefined) out[name] = grant[name];
      out.Environment = variables;
      io.stdout(`${JSON.stringify(out, null, 4)}\n`);
    } else {
      io.stdout(
        [
          `# keysmith grant ${grant.GrantId}: ${grant.RoleArn} as ${grant.ServicePrincipal}, until ${grant.Expiration} (keysmith grant revoke ${grant.GrantId})`,
          ...Object.entries(variables).map(([name, value]) => `export ${name}=${shellQuote(value)}`),
          '',
        ].join('\n'),
      );
    }
  });
}

export async function revoke(argv: string[], env: NodeJS.ProcessEnv = process.env, io: CliOut = processOut): Promise<number> {
  const parsed = parseOrExit(GRANT_REVOKE, argv, io);
  if (typeof parsed === 'number') return parsed;
  return clientCall(io, async () => {
    const client = await resolveSignedClient(clientFlags(parsed.values), env, 'keysmith');
    await revokeGrant(client, parsed.positionals[0]!);
  });
}

/** The container's view: keysmith's route, and the grant's token as its authorization. */
function containerEnvironment(endpoint: string, grant: Grant): Record<string, string> {
  return {
    AWS_CONTAINER_CREDENTIALS_FULL_URI: new URL(grant.CredentialsPath || CREDENTIALS_PATH, endpoint).toString(),
    AWS_CONTAINER_AUTHORIZATION_TOKEN: grant.GrantToken,
  };
}

async function clientCall(io: CliOut, call: () => Promise<void>): Promise<number> {
  try {
    await call();
    return 0;
  } catch (error) {
    if (error instanceof ClientProblem) {
      io.stderr(`\n${error.message}\n`);
      return 255;
    }
    throw error;
  }
}
