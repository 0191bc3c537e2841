import type { ShapedStatement } from './shape.js';
import type { Finding, PolicyKind, PolicyVersion } from './types.js';

/**
 * Warnings: documents AWS accepts but that probably do not do what their author meant. They
 * never block a write; `keysmith policy validate` prints them.
 */

/** Global keys that are single-valued: a set operator on them makes a policy too permissive. */
const SINGLE_VALUED = new Set(
  [
    'aws:SourceIp',
    'aws:username',
    'aws:userid',
    'aws:PrincipalArn',
    'aws:PrincipalAccount',
    'aws:PrincipalType',
    'aws:PrincipalOrgID',
    'aws:PrincipalIsAWSService',
    'aws:SecureTransport',
    'aws:MultiFactorAuthPresent',
    'aws:MultiFactorAuthAge',
    'aws:CurrentTime',
    'aws:EpochTime',
    'aws:TokenIssueTime',
    'aws:RequestedRegion',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:VpcSourceIp',
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:ViaAWSService',
    'aws:CalledViaFirst',
    'aws:CalledViaLast',
    'aws:SourceIdentity',
    'aws:FederatedProvider',
    'sts:ExternalId',
    'sts:RoleSessionName',
    'sts:SourceIdentity',
  ].map((k) => k.toLowerCase()),
);
const SINGLE_VALUED_PREFIXES = ['aws:principaltag/', 'aws:requesttag/', 'aws:resourcetag/', 'iam:resourcetag/'];

function singleValued(key: string): boolean {
  const k = key.toLowerCase();
  return SINGLE_VALUED.has(k) || SINGLE_VALUED_PREFIXES.some((p) => k.startsWith(p));
}

export function policyWarnings(statements: readonly ShapedStatement[], kind: PolicyKind, version: PolicyVersion | null): Finding[] {
  const out: Finding[] = [];
  const warn = (st: ShapedStatement, code: string, message: string): void => {
    out.push({ severity: 'warning', code, message, statementIndex: st.index, ...(st.range ? { range: st.range } : {}) });
  };
  for (const st of statements) {
    const resources = [...(st.resource ?? []), ...(st.notResource ?? [])];
    const values = st.conditions.flatMap((b) => b.entries.flatMap((e) => e.values));
    if (version !== '2012-10-17') {
      if ([...resources, ...values].some((v) => v.includes('${'))) {
        warn(st, 'variables-ignored', 'Policy variables work only in Version 2012-10-17; here ${...} is literal text.');
      }
    } else {
      for (const r of resources) {
        const firstFive = r.split(':').slice(0, 5).join(':');
        if (r.indexOf('${') >= 0 && r.indexOf('${') < firstFive.length) {
          warn(
            st,
            'variable-outside-resource-part',
            `Variables are allowed only in the resource part of an ARN; in ${r} the variable is literal text.`,
          );
        }
      }
      for (const b of st.conditions) {
        if (
          b.resolved &&
          b.resolved.base !== 'Null' &&
          !b.resolved.base.variables &&
          b.entries.some((e) => e.values.some((v) => v.includes('${')))
        ) {
          warn(st, 'variable-not-supported', `${b.operator} does not take policy variables; the value is literal.`);
        }
      }
    }
    for (const b of st.conditions) {
      if (!b.resolved || b.resolved.qualifier === 'none') continue;
      for (const e of b.entries) {
        if (singleValued(e.keyName)) {
          warn(
            st,
            'set-operator-single-valued',
            `${b.operator} on the single-valued key ${e.keyName}: set operators are for multivalued keys and make this condition overly permissive.`,
          );
        }
        if (b.resolved.qualifier === 'forAllValues' && st.effect === 'Allow') {
          const nullChecked = st.conditions.some(
            (o) => o.operator === 'Null' && o.entries.some((x) => x.keyName.toLowerCase() === e.keyName.toLowerCase()),
          );
          if (!nullChecked)
            warn(
              st,
              'forallvalues-allow-without-null',
              `ForAllValues with Allow is true when ${e.keyName} is absent; add a Null condition on it.`,
            );
        }
      }
    }
    if (st.effect === 'Allow' && st.notAction)
      warn(st, 'allow-notaction', 'Allow with NotAction grants every other action of every service the Resource allows.');
    if (st.effect === 'Allow' && st.notResource)
      warn(st, 'allow-notresource', 'Allow with NotResource grants the actions on every other resource.');
    if (st.effect === 'Allow' && st.notPrincipal)
      warn(st, 'notprincipal-allow', 'NotPrincipal is supported only with Deny; with Allow it grants everyone else.');
    if (kind === 'rcp' && st.effect === 'Allow')
      warn(st, 'rcp-allow', 'RCPs deny only; Allow exists only in the managed RCPFullAWSAccess.');
  }
  return out;
}
