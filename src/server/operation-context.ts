import type { Caller } from './authenticate-request.js';
import type { Exchange } from './pipeline.js';
import { requestFacts } from './request-facts.js';
import type { FederatedCaller } from '../model/federated-caller.js';
import type { Principal } from '../model/principal.js';
import type { OperationContext, OperationSettings, UnsignedOperationContext } from '../services/operation.js';

/**
 * What a handler gets: everything the App wires for operations, with the request's facts and the
 * hooks by which it tells the audit record what only it knows (who signed in, a permissive
 * setting that decided). The Query binding and the credentials endpoint build it the same way.
 */
export function operationContext(x: Exchange, caller: Caller, region: string): OperationContext {
  const ctx = new RequestContext(x, region) as RequestContext & { caller: Principal };
  ctx.caller = caller.principal!;
  return ctx;
}

/** Everything a handler may use but the caller; the unsigned operations name who signed in. */
export function unsignedOperationContext(x: Exchange, region: string): UnsignedOperationContext {
  return new RequestContext(x, region);
}

/**
 * One object per request with its hooks as methods, not closures: with three closures over the
 * request's Exchange in each context (the earlier form, an object literal spread into another),
 * every request's context and what it reached survived the request thread's young-generation
 * collections — measured with --trace-gc-nvp on GetCallerIdentity (session), 224 KB surviving and
 * 189 KB promoted per scavenge; with this class 30 KB and none, and scavenge pauses 1.6–1.9 →
 * 1.1–1.2 ms.
 */
class RequestContext implements UnsignedOperationContext {
  readonly facts;
  readonly store;
  readonly requestId: string;
  readonly now: number;
  readonly random;
  readonly secrets;
  readonly policies;
  readonly authorizer;
  readonly roles;
  readonly tokenKeys;
  readonly usage;
  readonly revocations;
  readonly settings: OperationSettings;

  constructor(
    private readonly x: Exchange,
    readonly region: string,
  ) {
    const app = x.app;
    this.facts = requestFacts(x.request, region, x.now);
    this.store = app.store;
    this.requestId = x.ids.requestId;
    this.now = x.now;
    this.random = app.random;
    this.secrets = app.secrets;
    this.policies = app.policies;
    this.authorizer = app.authorizer;
    this.roles = app.roles;
    this.tokenKeys = app.tokenKeys;
    this.usage = app.usage;
    this.revocations = app.revocations;
    this.settings = new Settings(x);
  }

  noteFederatedCaller(federated: FederatedCaller): void {
    this.x.audit.federatedCaller = federated;
  }

  noteSignedIn(principal: Principal): void {
    this.x.audit.principal = principal;
  }
}

/** The settings handlers read, and the hook that notes a permissive one in the audit record. */
class Settings implements OperationSettings {
  readonly oidcAllowPorts: boolean;
  readonly federationCaFile: string | undefined;
  readonly issuerUrl: string | undefined;
  constructor(private readonly x: Exchange) {
    this.oidcAllowPorts = x.app.config.oidcAllowPorts;
    this.federationCaFile = x.app.config.federationCaFile;
    this.issuerUrl = x.app.config.issuerUrl;
  }
  notePermissive(setting: string): void {
    this.x.audit.additionalEventData = { ...this.x.audit.additionalEventData, keysmithPermissiveSetting: setting };
  }
}
