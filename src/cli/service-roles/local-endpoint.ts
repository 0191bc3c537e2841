import { randomUUID } from 'node:crypto';
import { ClientProblem } from '../aws-client-config.js';
import { startContainerRelay } from './container-relay.js';
import { CredentialCache } from './credential-cache.js';
import type { CredentialFetcher } from './credential-fetch.js';
import type { Grant } from './grant-client.js';
import { startImds } from './imds-endpoint.js';
import { instanceFacts } from './instance-metadata.js';
import { lambdaEnvironment } from './lambda-environment.js';
import { newLocalToken } from './local-token.js';
import type { RunWorkspace } from './run-workspace.js';

/**
 * How a program gets the role's credentials under a grant, as the grant's compute delivers them:
 * an instance metadata service (ec2), a container-credentials endpoint (ecs, eks-pod-identity),
 * or the credentials themselves in the environment (lambda). `keysmith run` and `keysmith
 * endpoint` start it the same way; the variables are what the program's environment needs.
 */
export interface Delivery {
  /** The variables the compute sets for the program (secrets included: they are the program's). */
  variables: Record<string, string>;
  /** The local endpoint's URL, when there is one. */
  url?: string;
  close(): Promise<void>;
}

export interface DeliveryOptions {
  grant: Grant;
  fetcher: CredentialFetcher;
  workspace: RunWorkspace;
  host?: string;
  port?: number;
  allowImdsV1?: boolean;
  /** lambda: the command, to name the runtime in AWS_EXECUTION_ENV. */
  command?: string;
  log?: (line: string) => void;
}

export async function startDelivery(options: DeliveryOptions): Promise<Delivery> {
  const { grant, fetcher, log } = options;
  if (grant.ComputeType === 'lambda') {
    // Lambda hands the function its role's credentials once, in the environment; nothing to serve.
    const outcome = await fetcher();
    if (!outcome.ok) throw refused(outcome);
    const functionName = grant.FunctionName ?? grant.SessionName;
    return { variables: lambdaEnvironment(functionName, outcome.credentials, options.command ?? ''), close: async () => {} };
  }
  const cache = new CredentialCache(fetcher);
  // The first credentials before the program starts: a refusal is reported now, not as a puzzling
  // "no credentials" in the program, and the program's first fetch is answered at once.
  const primed = await cache.get(grant.ComputeType === 'ec2' ? '2.0' : undefined);
  if (!primed.ok) {
    cache.close();
    throw refused(primed);
  }
  const where = { host: options.host, port: options.port, log };
  if (grant.ComputeType === 'ec2') {
    const imds = await startImds({ ...where, facts: instanceFacts(grant), cache, allowV1: options.allowImdsV1 ?? false });
    return {
      variables: { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url },
      url: imds.url,
      close: async () => {
        cache.close();
        await imds.close();
      },
    };
  }
  const token = newLocalToken();
  const eks = grant.ComputeType === 'eks-pod-identity';
  // ECS names the task's endpoint by an id of its own; EKS Pod Identity's agent serves one path.
  const path = eks ? '/v1/credentials' : `/v2/credentials/${randomUUID()}`;
  const relay = await startContainerRelay({ ...where, computeType: eks ? 'eks-pod-identity' : 'ecs', path, token, cache });
  const variables: Record<string, string> = { AWS_CONTAINER_CREDENTIALS_FULL_URI: relay.url };
  // EKS mounts the token as a file (a projected service-account token); ECS sets it in the environment.
  if (eks) variables.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE = await options.workspace.writeSecret('eks-pod-identity-token', token);
  else variables.AWS_CONTAINER_AUTHORIZATION_TOKEN = token;
  return {
    variables,
    url: relay.url,
    close: async () => {
      cache.close();
      await relay.close();
    },
  };
}

function refused(outcome: { code: string; message: string }): ClientProblem {
  return new ClientProblem(`keysmith refused the role's credentials (${outcome.code}): ${outcome.message}`);
}
