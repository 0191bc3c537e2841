import { isAwsError } from '../errors/aws-error.js';
import {
  evaluate,
  parsePolicy,
  principalContext,
  type AuthzRequest,
  type ContextValue,
  type Decision,
  type PolicyKind,
  type PolicyRef,
  type PolicySet,
  type RequestPrincipal,
} from '../policy/index.js';
import type { CliIo } from './policy-validate.js';
import { parseOrExit } from './args.js';
import { POLICY_SIMULATE } from './specs.js';

/**
 * `keysmith policy simulate [FILE|-] [--derive] [--explain]`: evaluate one request against
 * policies, offline, on the same engine as the server. Input (JSON):
 *
 *   { identityPolicies: [doc], resourcePolicy?: doc, permissionBoundaries?: [doc],
 *     sessionPolicies?: [doc], scps?: [[doc]], rcps?: [[doc]],
 *     request: { principal: ARN | service | provider | {RequestPrincipal}, action, resource,
 *                resourceAccount?, context?: { key: value | [values] }, principalTags?: {k: v} } }
 *
 * A doc is a policy object or its JSON text. A level of scps/rcps is the list of policies
 * attached at one level of the organization, root first. The context is taken verbatim (absent
 * stays absent); --derive adds the keys the principal implies (aws:PrincipalArn, aws:userid,
 * aws:username, aws:PrincipalType, aws:PrincipalAccount, aws:PrincipalTag/*) where not given.
 * The resource policy is read as a role trust policy when the action is sts:AssumeRole*,
 * sts:TagSession or sts:SetSourceIdentity (override with "resourcePolicyKind").
 *
 * Output: JSON with the decision and its reasons; --explain prints a readable account instead.
 * Exit status: 0 allowed, 3 denied (explicitly or implicitly), 1 bad input, 2 usage.
 */

const WEB_IDENTITY_PROVIDERS = new Set(['accounts.google.com', 'cognito-identity.amazonaws.com', 'www.amazon.com', 'graph.facebook.com']);
const TRUST_ACTIONS = new Set([
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
]);

class InputError extends Error {}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseOrExit(POLICY_SIMULATE, argv, io);
  if (typeof parsed === 'number') return parsed;
  const file = parsed.positionals[0];
  const derive = parsed.values.derive === true;
  const explainMode = parsed.values.explain === true;
  let text: string;
  try {
    text = file === undefined || file === '-' ? await io.readStdin() : await io.readFile(file);
  } catch (e) {
    io.stderr(`keysmith: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  try {
    const { request, policies, names } = readInput(text, derive);
    const decision = evaluate(request, policies, { trace: true });
    if (explainMode) io.stdout(explainText(request, decision, names));
    else io.stdout(`${JSON.stringify(outputJson(request, decision, derive), null, 2)}\n`);
    return decision.decision === 'allowed' ? 0 : 3;
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(`keysmith policy simulate: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

interface Input {
  request: AuthzRequest;
  policies: PolicySet;
  /** Policy id → a short description for --explain. */
  names: Map<string, string>;
}

function readInput(text: string, derive: boolean): Input {
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new InputError(`the input is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new InputError('the input must be a JSON object');
  const req = input['request'] as Record<string, unknown> | undefined;
  if (!req || typeof req !== 'object') throw new InputError('"request" is required');
  const action = req['action'];
  const resource = req['resource'] ?? '*';
  if (typeof action !== 'string' || !action.includes(':')) throw new InputError('"request.action" must be service:Action');
  if (typeof resource !== 'string') throw new InputError('"request.resource" must be a string');
  const principal = principalFrom(req['principal']);
  const context = contextFrom(req['context']);
  if (derive) {
    const tags = req['principalTags'];
    const implied = principalContext(principal, tags && typeof tags === 'object' ? { tags: tags as Record<string, string> } : {});
    const given = new Set(Object.keys(context).map((k) => k.toLowerCase()));
    for (const [k, v] of Object.entries(implied)) if (!given.has(k.toLowerCase())) context[k] = v;
  }
  const request: AuthzRequest = { principal, action, resource, context };
  if (typeof req['resourceAccount'] === 'string') request.resourceAccount = req['resourceAccount'];

  const names = new Map<string, string>();
  const compile = (doc: unknown, kind: PolicyKind, id: string): PolicyRef => {
    const policyText = typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2);
    try {
      names.set(id, `${id} (${kind})`);
      return { id, policy: parsePolicy(policyText, kind) };
    } catch (e) {
      if (isAwsError(e)) throw new InputError(`${id}: ${e.code}: ${e.message}`);
      throw e;
    }
  };
  const list = (key: string): unknown[] => {
    const v = input[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw new InputError(`"${key}" must be a list`);
    return v;
  };
  const levels = (key: string, kind: PolicyKind): PolicyRef[][] | undefined => {
    if (input[key] === undefined) return undefined;
    return list(key).map((level, i) => {
      if (!Array.isArray(level)) throw new InputError(`"${key}[${i}]" must be a list of policies (one level of the organization)`);
      return level.map((doc, j) => compile(doc, kind, `${key}[${i}][${j}]`));
    });
  };
  const resourceKind =
    (input['resourcePolicyKind'] as PolicyKind | undefined) ?? (TRUST_ACTIONS.has(action.toLowerCase()) ? 'trust' : 'resource');
  const policies: PolicySet = { identity: list('identityPolicies').map((d, i) => compile(d, 'identity', `identityPolicies[${i}]`)) };
  if (input['resourcePolicy'] !== undefined) policies.resource = compile(input['resourcePolicy'], resourceKind, 'resourcePolicy');
  if (input['permissionBoundaries'] !== undefined)
    policies.boundary = list('permissionBoundaries').map((d, i) => compile(d, 'boundary', `permissionBoundaries[${i}]`));
  if (input['sessionPolicies'] !== undefined)
    policies.session = list('sessionPolicies').map((d, i) => compile(d, 'session', `sessionPolicies[${i}]`));
  const scps = levels('scps', 'scp');
  if (scps) policies.scps = scps;
  const rcps = levels('rcps', 'rcp');
  if (rcps) policies.rcps = rcps;
  return { request, policies, names };
}

/** An ARN, a service principal, a provider, "anonymous", or a full RequestPrincipal object. */
export function principalFrom(value: unknown): RequestPrincipal {
  if (value && typeof value === 'object') {
    const p = value as RequestPrincipal;
    if (typeof p.type !== 'string') throw new InputError('"request.principal" object needs a "type"');
    return { ...p, arn: p.arn ?? '', accountId: p.accountId ?? '' };
  }
  if (typeof value !== 'string' || value === '') throw new InputError('"request.principal" is required (an ARN, a service or a provider)');
  if (value === '*' || value.toLowerCase() === 'anonymous') return { type: 'Anonymous', arn: '', accountId: '' };
  const arn = /^arn:([^:]+):(iam|sts)::(\d{12}):(.+)$/.exec(value);
  if (arn) {
    const [, partition, , account, rest] = arn as unknown as [string, string, string, string, string];
    if (rest === 'root') return { type: 'Root', arn: value, accountId: account, userId: account };
    if (rest.startsWith('user/')) return { type: 'User', arn: value, accountId: account };
    if (rest.startsWith('assumed-role/')) {
      const [, role] = rest.split('/');
      return { type: 'AssumedRole', arn: value, accountId: account, roleArn: `arn:${partition}:iam::${account}:role/${role}` };
    }
    if (rest.startsWith('federated-user/')) {
      return { type: 'FederatedUser', arn: value, accountId: account, userId: `${account}:${rest.slice('federated-user/'.length)}` };
    }
    if (rest.startsWith('role/')) {
      // A role stands for a session of it, as SimulatePrincipalPolicy does.
      const name = rest.slice(rest.lastIndexOf('/') + 1);
      return {
        type: 'AssumedRole',
        arn: `arn:${partition}:sts::${account}:assumed-role/${name}/keysmith-simulate`,
        accountId: account,
        roleArn: value,
      };
    }
    if (rest.startsWith('oidc-provider/') || rest.startsWith('saml-provider/'))
      return { type: 'Federated', arn: '', accountId: '', federatedProvider: value };
    throw new InputError(`cannot tell what kind of principal ${value} is`);
  }
  if (WEB_IDENTITY_PROVIDERS.has(value)) return { type: 'Federated', arn: '', accountId: '', federatedProvider: value };
  if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(value)) return { type: 'Service', arn: '', accountId: '', service: value };
  throw new InputError(
    `cannot tell what kind of principal ${value} is (expected an ARN, a service such as ec2.amazonaws.com, or a provider)`,
  );
}

function contextFrom(value: unknown): Record<string, ContextValue> {
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InputError('"request.context" must be an object');
  const out: Record<string, ContextValue> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const one = (x: unknown): string => {
      if (typeof x === 'string') return x;
      if (typeof x === 'number' || typeof x === 'boolean') return String(x);
      throw new InputError(`context value of ${k} must be a string, number, boolean or a list of those`);
    };
    out[k] = Array.isArray(v) ? v.map(one) : one(v);
  }
  return out;
}

function outputJson(request: AuthzRequest, d: Decision, derive: boolean): unknown {
  return {
    decision: d.decision,
    layer: d.layer,
    reason: d.reason,
    crossAccount: d.crossAccount,
    matchedStatements: d.matched.map((m) => ({
      layer: m.layer,
      policy: m.policyId,
      statementIndex: m.statementIndex,
      ...(m.sid ? { sid: m.sid } : {}),
      effect: m.effect,
      ...(m.range ? { startPosition: m.range.start, endPosition: m.range.end } : {}),
    })),
    missingContextValues: d.missingContextKeys ?? [],
    ...(derive ? { context: request.context } : {}),
    steps: d.trace?.steps ?? [],
  };
}

function explainText(request: AuthzRequest, d: Decision, names: Map<string, string>): string {
  const lines: string[] = [];
  const verdict = { allowed: 'ALLOWED', explicitDeny: 'DENIED (explicit deny)', implicitDeny: 'DENIED (implicit deny)' }[d.decision];
  lines.push(`${verdict}: ${request.action} on ${request.resource}`);
  if (d.reason) lines.push(`  ${d.reason}`);
  lines.push('');
  lines.push('How the decision was reached:');
  for (const s of d.trace?.steps ?? []) lines.push(`  - ${s}`);
  if (d.matched.length) {
    lines.push('');
    lines.push(d.decision === 'explicitDeny' ? 'Denying statements:' : 'Granting statements:');
    for (const m of d.matched) {
      const where = m.range ? ` (line ${m.range.start.line}, column ${m.range.start.column})` : '';
      lines.push(
        `  - ${names.get(m.policyId) ?? m.policyId} statement ${m.statementIndex}${m.sid ? ` "${m.sid}"` : ''}: ${m.effect}${where}`,
      );
    }
  }
  const notApplying = (d.trace?.statements ?? []).filter((s) => s.outcome !== 'applies');
  if (notApplying.length) {
    lines.push('');
    lines.push('Statements that did not apply:');
    for (const s of notApplying) {
      const why =
        s.outcome === 'condition'
          ? `condition ${s.failedCondition} is false`
          : s.outcome === 'action'
            ? 'action does not match'
            : s.outcome === 'resource'
              ? 'resource does not match'
              : 'principal does not match';
      lines.push(
        `  - ${names.get(s.policyId) ?? s.policyId} statement ${s.statementIndex}${s.sid ? ` "${s.sid}"` : ''} (${s.effect}): ${why}`,
      );
    }
  }
  if (d.missingContextKeys?.length) {
    lines.push('');
    lines.push(`Context keys the applicable statements use but the request lacks: ${d.missingContextKeys.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
