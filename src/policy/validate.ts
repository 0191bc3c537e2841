import { compileCondition, type CompiledCondition } from './conditions/condition.js';
import { InvalidConditionValue } from './conditions/operator.js';
import { JsonSyntaxError, parseJson } from './json.js';
import { MSG, PARTITIONS } from './messages.js';
import { shapePolicy, type ShapedPolicy, type ShapedStatement } from './shape.js';
import { actionWarnings } from './action-names.js';
import { policyWarnings } from './warnings.js';
import type { Finding, ParseOptions, PolicyKind, PolicyVersion } from './types.js';

/**
 * The validation stages, in the order IAM applies them (policy-semantics.md §7; the order is
 * visible because IAM reports only the first failure):
 *
 * 1. grammar and types → `Syntax errors in policy.` (trust policies that are not JSON at all:
 *    `This policy contains invalid Json`)
 * 2. Version, when required → `Policy document must be version 2012-10-17 or greater.`
 * 3. "legacy parsing": Effect case, condition values that can never compare, short ARNs
 * 4. Sid uniqueness, then (IAM-stored kinds) Sid characters
 * 5. Action present
 * 6. Resource format (the first problem found while reading resources in stage 3)
 * 7. Action vendor prefixes
 * 8. rules of the policy kind: Principal forbidden / required, Resource required (identity
 *    kinds), trust-policy action set and prohibited Resource, RCP restrictions
 *
 * `parsePolicy` throws the first error; `validatePolicy` reports them all, plus warnings.
 */

export interface Analysis {
  findings: Finding[];
  shaped: ShapedPolicy | undefined;
  version: PolicyVersion | null;
  /** Compiled conditions per statement (only complete when there are no errors). */
  conditions: CompiledCondition[][];
}

/** Kinds that IAM itself stores and validates. */
const IAM_KINDS: ReadonlySet<PolicyKind> = new Set(['identity', 'boundary', 'session', 'trust']);
/** Kinds without a Principal element: the caller is implicitly the principal. */
export const PRINCIPAL_LESS: ReadonlySet<PolicyKind> = new Set(['identity', 'boundary', 'session', 'scp']);

const TRUST_ACTIONS = new Set(
  [
    'sts:AssumeRole',
    'sts:AssumeRoleWithSAML',
    'sts:AssumeRoleWithWebIdentity',
    'sts:TagSession',
    'sts:SetSourceIdentity',
    'sts:SetContext',
    'sts:GetFederationToken',
    'sts:GetSessionToken',
    'sts:GetCallerIdentity',
    'sts:DecodeAuthorizationMessage',
    'sts:GetAccessKeyInfo',
    'sts:GetServiceBearerToken',
  ].map((a) => a.toLowerCase()),
);

const IAM_PATHS = [
  'user/',
  'federated-user/',
  'role/',
  'group/',
  'instance-profile/',
  'mfa/',
  'server-certificate/',
  'policy/',
  'sms-mfa/',
  'saml-provider/',
  'oidc-provider/',
  'report/',
  'access-report/',
  // Newer IAM resource types (Service Authorization Reference): accepted, though the recorded
  // message above does not name them.
  'delegation-request/',
];

export function analyse(text: string, kind: PolicyKind, opts: ParseOptions = {}): Analysis {
  const findings: Finding[] = [];
  const error = (message: string, code: string, st?: ShapedStatement, extra: Partial<Finding> = {}): void => {
    findings.push({
      severity: 'error',
      code,
      message,
      ...extra,
      ...(st ? { statementIndex: st.index } : {}),
      ...(st?.range ? { range: st.range } : {}),
    });
  };

  // 1. Grammar.
  let parsed;
  try {
    parsed = parseJson(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    error(kind === 'trust' ? MSG.invalidJsonTrust : MSG.syntax, 'json');
    findings[0]!.detail = e.message;
    return { findings, shaped: undefined, version: null, conditions: [] };
  }
  const shaped = shapePolicy(parsed);
  if ('error' in shaped) {
    error(MSG.syntax, 'syntax');
    findings[0]!.detail = shaped.error;
    return { findings, shaped: undefined, version: null, conditions: [] };
  }
  const version = (shaped.version ?? null) as PolicyVersion | null;
  const statements = shaped.statements;

  // 2. Version.
  if ((opts.requireCurrentVersion || kind === 'rcp') && version !== '2012-10-17') error(MSG.version, 'version');

  // 3. Legacy parsing: Effect case, condition values, short ARNs. Resource format problems are
  //    noted here and reported at stage 6, as IAM does.
  const conditions: CompiledCondition[][] = [];
  for (const st of statements) {
    if (st.effect !== 'Allow' && st.effect !== 'Deny') {
      error(MSG.legacy, 'effect-case', st, {
        field: 'Effect',
        detail: `Effect is ${JSON.stringify(st.effect)}; it must be exactly "Allow" or "Deny" (case-sensitive)`,
      });
    }
    const compiled: CompiledCondition[] = [];
    for (const block of st.conditions) {
      if (!block.resolved) continue;
      for (const entry of block.entries) {
        try {
          compiled.push(compileCondition(block.operator, block.resolved, entry.keyName, entry.values, version === '2012-10-17'));
        } catch (e) {
          if (!(e instanceof InvalidConditionValue)) throw e;
          error(MSG.legacy, 'condition-value', st, {
            field: `Condition.${block.operator}.${entry.keyName}`,
            detail: `Condition ${block.operator} ${entry.keyName}: ${e.message}`,
          });
        }
      }
    }
    conditions.push(compiled);
  }
  const resourceErrors: { message: string; st: ShapedStatement }[] = [];
  for (const st of statements) {
    for (const [element, list] of [
      ['Resource', st.resource],
      ['NotResource', st.notResource],
    ] as const) {
      if (!list) continue;
      // IAM reads a list in sorted order and reports the first problem found: of
      // ["arn:error:s3:::example_bucket", "arn:error:s3::example_bucket"] it names the first
      // (moto's and LocalStack's recorded case).
      for (const r of [...list].sort()) {
        const problem = resourceFormatProblem(r);
        if (problem) resourceErrors.push({ message: problem, st });
      }
      const short = resourceErrors.length === 0 ? list.find((r) => !legacyResourceOk(r)) : undefined;
      if (short !== undefined) error(MSG.legacy, 'short-arn', st, { field: element, detail: shortArnDetail(element, short) });
    }
  }

  // 4. Sids.
  const seen = new Set<string>();
  for (const st of statements) {
    if (!st.sid) continue;
    if (seen.has(st.sid)) error(MSG.sidUnique, 'sid-unique', st);
    seen.add(st.sid);
  }
  if (IAM_KINDS.has(kind)) {
    for (const st of statements) if (st.sid !== undefined && !/^[0-9A-Za-z]*$/.test(st.sid)) error(MSG.sidAlnum, 'sid-characters', st);
  }

  // 5. Actions present.
  for (const st of statements) {
    const list = st.action ?? st.notAction;
    if (!list || list.length === 0) error(MSG.noActions, 'no-actions', st);
  }

  // 6. Resource format.
  const firstResourceError = resourceErrors[0];
  if (firstResourceError) error(firstResourceError.message, 'resource-format', firstResourceError.st);

  // 7. Action vendors.
  for (const st of statements) {
    for (const a of [...(st.action ?? []), ...(st.notAction ?? [])]) {
      const problem = actionProblem(a);
      if (problem) error(problem, 'action-format', st);
    }
  }

  // 8. Rules of the kind.
  for (const st of statements) {
    const hasPrincipal = st.principal !== undefined || st.notPrincipal !== undefined;
    if (PRINCIPAL_LESS.has(kind)) {
      if (hasPrincipal) {
        const trustLike = (st.action ?? []).length > 0 && st.action!.every(trustAction) && !st.resource && !st.notResource;
        error(
          MSG.principalForbidden,
          'principal-forbidden',
          st,
          trustLike
            ? {
                field: st.principal !== undefined ? 'Principal' : 'NotPrincipal',
                suggestedKind: 'trust',
                detail: `a Principal with only ${st.action!.join(', ')} and no Resource makes a role trust policy; it was checked as kind ${kind}`,
              }
            : { field: st.principal !== undefined ? 'Principal' : 'NotPrincipal' },
        );
      }
      if (!st.resource && !st.notResource) error(MSG.noResources, 'no-resources', st);
      else if ((st.resource ?? st.notResource)!.length === 0) error(MSG.noResources, 'no-resources', st);
    } else {
      if (!hasPrincipal) {
        const identityLike = kind === 'trust' && (st.resource !== undefined || st.notResource !== undefined);
        error(
          MSG.principalMissing,
          'principal-missing',
          st,
          identityLike
            ? {
                suggestedKind: 'identity',
                detail: 'a statement with a Resource and no Principal makes an identity policy; it was checked as kind trust',
              }
            : {},
        );
      }
      for (const el of [st.principal, st.notPrincipal]) {
        if (!el || el === '*') continue;
        for (const v of el['AWS'] ?? []) if (!validAwsPrincipal(v)) error(MSG.principalInvalid('AWS', v), 'principal-invalid', st);
      }
    }
    if (kind === 'trust') {
      if (st.notPrincipal) error(MSG.trustNotPrincipal, 'trust-notprincipal', st);
      const actions = st.action ?? [];
      if (st.notAction || actions.some((a) => !trustAction(a))) error(MSG.trustActions, 'trust-actions', st);
      if (st.resource || st.notResource) error(MSG.trustResource, 'trust-resource', st);
    }
    if (kind === 'rcp') {
      if (st.notAction) error(MSG.rcpElement('NotAction'), 'rcp-element', st);
      if (st.notPrincipal) error(MSG.rcpElement('NotPrincipal'), 'rcp-element', st);
    }
  }

  findings.push(...policyWarnings(statements, kind, version));
  if (opts.actionCatalogue) findings.push(...actionWarnings(statements, opts.actionCatalogue));
  return { findings, shaped, version, conditions };
}

function trustAction(a: string): boolean {
  const l = a.toLowerCase();
  if (TRUST_ACTIONS.has(l)) return true;
  // A wildcard inside the STS namespace (`sts:AssumeRole*`) can only reach STS actions.
  return l.startsWith('sts:') && /[*?]/.test(l);
}

/** 12-digit account, an ARN, `*`, or a unique id (IAM stores trust principals as AIDA…/AROA…). */
function validAwsPrincipal(v: string): boolean {
  return v === '*' || /^\d{12}$/.test(v) || /^arn:[a-z-]+:(iam|sts)::\d{12}:.+/.test(v) || /^A[A-Z0-9]{15,127}$/.test(v);
}

export function actionProblem(action: string): string | undefined {
  const parts = action.split(':');
  if (parts.length === 1 && parts[0] !== '*') return MSG.actionNoVendor;
  if (parts.length > 2) return MSG.actionTwoColons;
  const vendor = parts[0]!;
  if (vendor !== '*' && /[^a-zA-Z0-9\-.]/.test(vendor)) return MSG.vendorInvalid(vendor);
  return undefined;
}

/** IAM's resource format checks (message of the first problem), or undefined. */
export function resourceFormatProblem(resource: string): string | undefined {
  if (resource === '*') return undefined;
  const c1 = resource.indexOf(':');
  if (c1 < 0) return MSG.resourceNotArn(resource);
  const afterArn = resource.slice(c1 + 1);
  const c2 = afterArn.indexOf(':');
  const partition = c2 < 0 ? afterArn : afterArn.slice(0, c2);
  const afterPartition = c2 < 0 ? '' : afterArn.slice(c2 + 1);
  if (partition !== '*' && !PARTITIONS.has(partition)) {
    const rest = afterPartition.split(':');
    const a1 = rest[0] !== '' || rest.length > 1 ? rest[0]! : '*';
    const a2 = rest.length > 1 ? rest[1]! : '*';
    const a3 = rest.length > 2 ? rest[2]! : '*';
    const a4 = rest.length > 3 ? rest.slice(3).join(':') : '*';
    return MSG.partitionInvalid(partition, `arn:${partition}:${a1}:${a2}:${a3}:${a4}`);
  }
  if (c2 < 0) return MSG.vendorRegex;
  const c3 = afterPartition.indexOf(':');
  const service = c3 < 0 ? afterPartition : afterPartition.slice(0, c3);
  if (/[*?]/.test(service)) return MSG.vendorRegex;
  const afterService = c3 < 0 ? '' : afterPartition.slice(c3 + 1);
  const c4 = afterService.indexOf(':');
  const region = c4 < 0 ? afterService : afterService.slice(0, c4);
  const afterRegion = c4 < 0 ? '' : afterService.slice(c4 + 1);
  const c5 = afterRegion.indexOf(':');
  const resourceId = c5 < 0 ? '' : afterRegion.slice(c5 + 1);
  if (service === 'iam' && region !== '') return MSG.iamRegion(resource);
  if (service === 's3' && region !== '' && !resourceId.startsWith('accesspoint/')) return MSG.s3Region(resource);
  if (service === 'iam' && resourceId !== '*' && resourceId !== 'root' && !IAM_PATHS.some((p) => resourceId.startsWith(p))) {
    return MSG.iamPath;
  }
  return undefined;
}

function shortArnDetail(element: string, resource: string): string {
  const service = resource.split(':')[2];
  if (service === undefined || service === '') {
    return `${element} ${resource} has no service part; an ARN is arn:partition:service:region:account:resource`;
  }
  return `${element} ${resource} has ${resource.split(':').length} of the 6 parts of an ARN (arn:partition:service:region:account:resource; an S3 bucket is arn:aws:s3:::bucket, with three colons)`;
}

/** `arn:aws:s3::bucket` (fewer than five colons but a `::`) and an empty service fail "legacy parsing". */
function legacyResourceOk(resource: string): boolean {
  if (resource === '*') return true;
  const colons = resource.split(':').length - 1;
  if (colons < 5 && resource.includes('::')) return false;
  const service = resource.split(':')[2];
  return service !== undefined && service !== '';
}
