import type { Caller } from './authenticate-request.js';
import type { Exchange } from './pipeline.js';
import { requestFacts } from './request-facts.js';
import type { OperationContext, UnsignedOperationContext } from '../services/operation.js';

/**
 * What a handler gets: everything the App wires for operations, with the request's facts and the
 * hooks by which it tells the audit record what only it knows (who signed in, a permissive
 * setting that decided). The Query binding and the credentials endpoint build it the same way.
 */
export function operationContext(x: Exchange, caller: Caller, region: string): OperationContext {
  return { ...unsignedOperationContext(x, region), caller: caller.principal! };
}

/** Everything a handler may use but the caller; the unsigned operations name who signed in. */
export function unsignedOperationContext(x: Exchange, region: string): UnsignedOperationContext {
  const app = x.app;
  return {
    noteFederatedCaller: (federated) => {
      x.audit.federatedCaller = federated;
    },
    facts: requestFacts(x.request, region, x.now),
    store: app.store,
    requestId: x.ids.requestId,
    now: x.now,
    region,
    random: app.random,
    secrets: app.secrets,
    policies: app.policies,
    authorizer: app.authorizer,
    roles: app.roles,
    tokenKeys: app.tokenKeys,
    usage: app.usage,
    revocations: app.revocations,
    settings: {
      oidcAllowPorts: app.config.oidcAllowPorts,
      federationCaFile: app.config.federationCaFile,
      issuerUrl: app.config.issuerUrl,
      notePermissive: (setting) => {
        x.audit.additionalEventData = { ...x.audit.additionalEventData, keysmithPermissiveSetting: setting };
      },
    },
  };
}
