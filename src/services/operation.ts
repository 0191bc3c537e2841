import { internalFailure } from '../errors/aws-error.js';
import type { Random } from '../kernel/random.js';
import type { Principal } from '../model/principal.js';
import type { FederatedCaller } from '../model/federated-caller.js';
import type { Decoded, Output, StructShape } from '../model/shapes.js';
import type { Store } from '../storage/store.js';
import type { SecretBox } from '../tokens/secret-box.js';
import type { PolicyCompiler } from '../authz/policy-cache.js';
import type { RequestFacts } from '../authz/request-context.js';
import type { Authorizer } from '../authz/authorizer.js';
import type { RoleCache } from '../authz/role-cache.js';
import type { TokenKeys } from '../tokens/token-keys.js';
import type { UsageRecorder } from '../authn/usage-recorder.js';
import { conforms } from './conforms.js';

/** What a handler may use. It never sees the HTTP request or the wire format. */
export interface OperationContext {
  store: Store;
  caller: Principal;
  /** Source address, user agent, region and time of the request (condition keys). */
  facts: RequestFacts;
  requestId: string;
  /** Request time, epoch ms (one reading per request). */
  now: number;
  region: string;
  random: Random;
  secrets: SecretBox;
  policies: PolicyCompiler;
  /** For operations that evaluate more than their own action (AssumeRole's trust policy). */
  authorizer: Authorizer;
  /** Roles by name, cached until the next IAM write (AssumeRole's hot path). */
  roles: RoleCache;
  tokenKeys: TokenKeys;
  /** Notes last-used times (written later, off the request path). */
  usage: UsageRecorder;
  /** The few configuration settings that change what an operation accepts. */
  settings: OperationSettings;
  /** Voids a role's sessions issued before a time (RevokeCredentialGrant; the admin's `sessions revoke`). */
  revocations: SessionRevoker;
}

/** The port to the session revocation list (src/authn/session-revocations.ts). */
export interface SessionRevoker {
  /** Sessions of the role (or its one named session) issued before `before` (epoch s) are void. */
  revoke(revocation: { roleId: string; sessionName?: string; before: number }, now: number): Promise<void>;
  /** The revocations in force for the role (its whole sessions or named ones), as this node last read them. */
  forRole(roleId: string): readonly { roleId: string; sessionName?: string; before: number }[];
}

/**
 * What an unsigned operation's handler may use (AssumeRoleWithWebIdentity, AssumeRoleWithSAML):
 * there is no caller — the input carries the credential (a token, an assertion) the handler
 * verifies — and once it has, it names who signed in, for the audit record.
 */
export interface UnsignedOperationContext extends Omit<OperationContext, 'caller'> {
  noteFederatedCaller(caller: FederatedCaller): void;
  /** A console sign-in that verified a password: the audit record's caller is the user now signed in. */
  noteSignedIn(principal: Principal): void;
}

/** Settings handlers read (services never import src/config/; the server passes these). */
export interface OperationSettings {
  /** KEYSMITH_OIDC_ALLOW_PORTS: CreateOpenIDConnectProvider accepts a URL with a port. */
  oidcAllowPorts: boolean;
  /** KEYSMITH_FEDERATION_CA_FILE: a private CA trusted for identity providers' HTTPS. */
  federationCaFile: string | undefined;
  /**
   * KEYSMITH_ISSUER_URL: keysmith's public URL, under which it serves each account's outbound
   * issuer (discovery and JWKS); unset, the issuers keep AWS's form.
   */
  issuerUrl: string | undefined;
  /**
   * Records, in this call's audit event, that a permissive setting decided its outcome (one that
   * makes keysmith accept what AWS refuses): permissive modes are opt-in, loud at start-up, and
   * visible in the audit log wherever they made a difference.
   */
  notePermissive(setting: string): void;
}

/**
 * How a call is authorized before its handler runs (src/authz/authorize-operation.ts):
 *
 * - `{ resource }`: the pipeline checks the operation's `action` on the resource the resolver
 *   names (and the tag permission of a create that passes Tags);
 * - `'self'`: the handler authorizes itself through `ctx.authorizer` (AssumeRole evaluates the
 *   role's trust policy, which it must find first; GetFederationToken validates its input first);
 * - `'none'`: AWS asks no permission at all (GetCallerIdentity, GetSessionToken).
 *
 * Whichever it is, the session-token and federation-token limits apply to the call.
 */
export type Authorization<I> = { resource(input: I, ctx: OperationContext): string | Promise<string> } | 'self' | 'none';

/**
 * One API operation as written: its input shape (decoded and validated by the codec), the IAM
 * action that names it, how it is authorized, and the handler, typed by the shape.
 */
/** An operation's output shape; `'none'`: the operation answers with no Result element. */
export type OutputDeclaration = StructShape | 'none';

/** What a handler resolves to for its output declaration. */
export type HandlerResult<O extends OutputDeclaration> = O extends StructShape ? Output<O> : undefined;

export interface OperationDefinition<S extends StructShape, O extends OutputDeclaration> {
  name: string;
  input: S;
  /** e.g. `iam:CreateUser`: the action authorized, limited for session credentials, audited. */
  action: string;
  /** True when the operation changes nothing (CloudTrail's readOnly). */
  readOnly: boolean;
  /**
   * Whether a successful call changes IAM state, so that every process drops its IAM caches.
   * Default: the operation is not readOnly.
   */
  mutatesIam?: boolean;
  authorization: Authorization<Decoded<S>>;
  /**
   * What the answer holds: the codec writes exactly the shape's members, in its order (IAM policy
   * documents URL-encoded), and the audit hides its `sensitive` ones.
   */
  output: O;
  handler(input: Decoded<S>, ctx: OperationContext): Promise<HandlerResult<O>>;
}

/**
 * One operation in a service's table. Its input type is its own, closed over by
 * `defineOperation`: the table's methods take the decoded input as the codec returns it and
 * check it against the shape before the typed resolver or handler sees it.
 * `handler` resolves to undefined when the operation has no output shape.
 */
export interface Operation {
  readonly name: string;
  readonly input: StructShape;
  readonly action: string;
  readonly readOnly: boolean;
  readonly mutatesIam?: boolean;
  readonly authorization: Authorization<Readonly<Record<string, unknown>>>;
  readonly output: OutputDeclaration;
  handler(input: Readonly<Record<string, unknown>>, ctx: OperationContext): Promise<object | undefined>;
  /**
   * Set for an operation AWS serves without a signature (`defineUnsignedOperation`): the pipeline
   * calls this instead of `handler`, with no caller, whether or not the request was signed.
   */
  readonly unsigned?: (input: Readonly<Record<string, unknown>>, ctx: UnsignedOperationContext) => Promise<object | undefined>;
}

/** Keeps the input type of each definition while storing them in one table. */
export function defineOperation<S extends StructShape, O extends OutputDeclaration>(definition: OperationDefinition<S, O>): Operation {
  const typed = (input: Readonly<Record<string, unknown>>): Decoded<S> => {
    if (conforms(definition.input, input)) return input;
    throw internalFailure(`${definition.name}: the decoded input does not match the operation's shape`);
  };
  const authorization = definition.authorization;
  return {
    name: definition.name,
    input: definition.input,
    action: definition.action,
    readOnly: definition.readOnly,
    mutatesIam: definition.mutatesIam,
    output: definition.output,
    authorization:
      authorization === 'self' || authorization === 'none'
        ? authorization
        : { resource: (input, ctx) => authorization.resource(typed(input), ctx) },
    handler: async (input, ctx) => definition.handler(typed(input), ctx),
  };
}

export interface UnsignedOperationDefinition<S extends StructShape, O extends OutputDeclaration> extends Omit<
  OperationDefinition<S, O>,
  'authorization' | 'handler'
> {
  /** Authorizes itself (the role's trust policy, with the verified identity as the principal). */
  handler(input: Decoded<S>, ctx: UnsignedOperationContext): Promise<HandlerResult<O>>;
}

/**
 * An operation AWS serves without a signature: the request's token or assertion is the
 * credential. Its handler gets no caller and authorizes itself; a signed request to it is
 * verified like any other, and then handled the same way (AWS ignores the signer too).
 */
export function defineUnsignedOperation<S extends StructShape, O extends OutputDeclaration>(
  definition: UnsignedOperationDefinition<S, O>,
): Operation {
  const typed = (input: Readonly<Record<string, unknown>>): Decoded<S> => {
    if (conforms(definition.input, input)) return input;
    throw internalFailure(`${definition.name}: the decoded input does not match the operation's shape`);
  };
  return {
    name: definition.name,
    input: definition.input,
    action: definition.action,
    readOnly: definition.readOnly,
    mutatesIam: definition.mutatesIam,
    output: definition.output,
    authorization: 'self',
    handler: () => Promise.reject(internalFailure(`${definition.name} is unsigned: the pipeline calls its unsigned handler`)),
    unsigned: async (input, ctx) => definition.handler(typed(input), ctx),
  };
}

/** Whether a successful call of the operation must invalidate the IAM caches of every process. */
export function mutatesIam(operation: Pick<Operation, 'readOnly' | 'mutatesIam'>): boolean {
  return operation.mutatesIam ?? !operation.readOnly;
}
