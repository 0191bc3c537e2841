import { describe, it } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { parsePolicy } from '../../src/policy/index.js';
import {
  AccessAnalysis,
  type AccessDirectory,
  type AccessEntity,
  type AccessGraph,
  type AccessRole,
  type AccessUser,
  type LabelledPolicy,
} from '../../src/services/console/access-analysis.js';
import { isDecided, rewrite } from '../../src/services/console/undecided-conditions.js';

/**
 * The console's access analysis (src/services/console/access-analysis.ts) over an in-memory
 * directory, decided by the real policy engine: direct trust, delegation to the account (the
 * identity policy is then needed), chains of roles, cycles, services, OIDC and SAML providers,
 * other accounts, and conditions the analysis cannot decide reported as conditional with their keys.
 */
const A = '111111111111';
const B = '222222222222';
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const user = (name: string, account = A): AccessUser => ({
  kind: 'user',
  arn: `arn:aws:iam::${account}:user/${name}`,
  id: `AIDA${name.toUpperCase().padEnd(17, 'X')}`,
  accountId: account,
  name,
  tags: [],
});
const role = (name: string, trust: string, account = A): AccessRole => ({
  kind: 'role',
  arn: `arn:aws:iam::${account}:role/${name}`,
  id: `AROA${name.toUpperCase().padEnd(17, 'X')}`,
  accountId: account,
  name,
  tags: [],
  trustPolicy: trust,
});
const trusting = (principal: object, extra: object = {}, action: string | string[] = 'sts:AssumeRole') =>
  doc({ Sid: 'Trust', Effect: 'Allow', Principal: principal, Action: action, ...extra });
const allowAssume = (resource = '*') => doc({ Sid: 'MayAssume', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: resource });

function directory(entities: AccessEntity[], policies: Record<string, string[]> = {}, providers: string[] = []): AccessDirectory {
  return {
    entities: async () => entities,
    policies: async (e) => ({
      identity: (policies[e.name] ?? []).map((document, i): LabelledPolicy => ({ id: `p${i}`, document, label: `inline p${i}` })),
    }),
    providerExists: async (arn) => providers.includes(arn),
  };
}
const compile = (text: string, kind: Parameters<typeof parsePolicy>[1]) => parsePolicy(text, kind);
const edge = (g: AccessGraph, from: string, to: string) => g.edges.find((e) => e.from === from && e.to === to);

describe('access analysis', () => {
  it('a user the trust policy names directly: allowed by the trust statement alone', async () => {
    const alice = user('alice');
    const target = role('Target', trusting({ AWS: alice.arn }));
    const g = await new AccessAnalysis(directory([alice, user('bob'), target]), compile).whoCanAssume(target.arn);
    const e = edge(g, alice.arn, target.arn);
    assert.equal(e?.status, 'allowed');
    assert.deepEqual(e?.trust, [{ layer: 'trust', policy: 'AssumeRolePolicyDocument', statementIndex: 0, sid: 'Trust', effect: 'Allow' }]);
    assert.deepEqual(e?.identity, []);
    assert.equal(edge(g, user('bob').arn, target.arn), undefined);
    assert.deepEqual(g.paths, [{ edges: [e.id], status: 'allowed' }]);
  });

  it('a trust naming the account delegates: only principals whose own policies allow it, with that statement', async () => {
    const bob = user('bob');
    const carol = user('carol');
    const target = role('Target', trusting({ AWS: `arn:aws:iam::${A}:root` }));
    const g = await new AccessAnalysis(directory([bob, carol, target], { bob: [allowAssume(target.arn)] }), compile).whoCanAssume(
      target.arn,
    );
    const e = edge(g, bob.arn, target.arn);
    assert.equal(e?.status, 'allowed');
    assert.deepEqual(e?.identity, [{ layer: 'identity', policy: 'inline p0', statementIndex: 0, sid: 'MayAssume', effect: 'Allow' }]);
    assert.equal(edge(g, carol.arn, target.arn), undefined);
    const account = edge(g, `account:${A}`, target.arn);
    assert.equal(account?.status, 'allowed');
    assert.match(account?.note ?? '', /own policies/);
  });

  it('a chain of roles, bounded, with every link’s statements; cycles end; can-reach follows the same links', async () => {
    const alice = user('alice');
    const hop = role('Hop', trusting({ AWS: alice.arn }));
    const target = role('Target', trusting({ AWS: hop.arn }));
    const back = role('Back', trusting({ AWS: target.arn }));
    // A cycle: Hop also trusts Back.
    hop.trustPolicy = doc(
      { Sid: 'Alice', Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'sts:AssumeRole' },
      { Sid: 'FromBack', Effect: 'Allow', Principal: { AWS: back.arn }, Action: 'sts:AssumeRole' },
    );
    const dir = directory([alice, hop, target, back], { Hop: [allowAssume()], Target: [allowAssume()], Back: [allowAssume()] });
    const g = await new AccessAnalysis(dir, compile).whoCanAssume(target.arn);
    assert.equal(edge(g, hop.arn, target.arn)?.status, 'allowed');
    assert.equal(edge(g, alice.arn, hop.arn)?.trust[0]?.sid, 'Alice');
    assert.equal(edge(g, back.arn, hop.arn)?.trust[0]?.sid, 'FromBack');
    const labels = g.paths.map((p) => p.edges.map((id) => g.edges.find((e) => e.id === id)!.from).join(' > '));
    assert.ok(labels.includes(`${alice.arn} > ${hop.arn}`), labels.join('\n'));
    // Target → Back → Hop → Target is a cycle: no path lists Target twice.
    assert.ok(g.paths.every((p) => p.edges.length <= 4));

    const shallow = await new AccessAnalysis(dir, compile, { maxDepth: 1 }).whoCanAssume(target.arn);
    assert.equal(edge(shallow, alice.arn, hop.arn), undefined, 'depth 1 stops at the direct callers');

    const reach = await new AccessAnalysis(dir, compile).canReach(alice.arn);
    assert.deepEqual(
      reach.paths.map((p) => p.edges.map((id) => reach.edges.find((e) => e.id === id)!.to)),
      [[hop.arn], [hop.arn, target.arn], [hop.arn, target.arn, back.arn]],
    );
  });

  it('a role session’s identity policy must allow the next link unless the trust names the role itself in its account', async () => {
    const alice = user('alice');
    const hop = role('Hop', trusting({ AWS: alice.arn }));
    const target = role('Target', trusting({ AWS: `arn:aws:iam::${A}:root` }));
    const g = await new AccessAnalysis(directory([alice, hop, target]), compile).whoCanAssume(target.arn);
    assert.equal(edge(g, hop.arn, target.arn), undefined);
  });

  it('conditions the analysis cannot decide are conditional, with their keys; decided ones are evaluated', async () => {
    const alice = user('alice');
    alice.tags = [{ Key: 'team', Value: 'red' }];
    const bob = user('bob');
    const mfa = role(
      'NeedsMfa',
      trusting({ AWS: [alice.arn, bob.arn] }, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
    );
    const external = role(
      'NeedsExternalId',
      trusting({ AWS: alice.arn }, { Condition: { StringEquals: { 'sts:ExternalId': 'x-1', 'aws:PrincipalTag/team': 'red' } } }),
    );
    const tagged = role(
      'RedOnly',
      trusting({ AWS: [alice.arn, bob.arn] }, { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red' } } }),
    );
    const dir = directory([alice, bob, mfa, external, tagged]);
    const g1 = await new AccessAnalysis(dir, compile).whoCanAssume(mfa.arn);
    assert.equal(edge(g1, alice.arn, mfa.arn)?.status, 'conditional');
    assert.deepEqual(edge(g1, alice.arn, mfa.arn)?.conditionKeys, ['aws:MultiFactorAuthPresent']);
    const g2 = await new AccessAnalysis(dir, compile).whoCanAssume(external.arn);
    assert.deepEqual(edge(g2, alice.arn, external.arn)?.conditionKeys, ['sts:ExternalId']);
    const g3 = await new AccessAnalysis(dir, compile).whoCanAssume(tagged.arn);
    assert.equal(edge(g3, alice.arn, tagged.arn)?.status, 'allowed', 'a user’s tags are known');
    assert.equal(edge(g3, bob.arn, tagged.arn), undefined);
  });

  it('a Deny that depends on an undecided key makes the link conditional and is listed', async () => {
    const alice = user('alice');
    const target = role('Target', trusting({ AWS: `arn:aws:iam::${A}:root` }));
    const policies = {
      alice: [
        doc(
          { Sid: 'MayAssume', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' },
          {
            Sid: 'NoMfaNoWay',
            Effect: 'Deny',
            Action: '*',
            Resource: '*',
            Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
          },
        ),
      ],
    };
    const g = await new AccessAnalysis(directory([alice, target], policies), compile).whoCanAssume(target.arn);
    const e = edge(g, alice.arn, target.arn);
    assert.equal(e?.status, 'conditional');
    assert.deepEqual(e?.conditionKeys, ['aws:MultiFactorAuthPresent']);
    assert.equal(e?.denies[0]?.sid, 'NoMfaNoWay');
  });

  it('services and federated providers the trust names, with the keys that restrict them', async () => {
    const oidc = `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`;
    const saml = `arn:aws:iam::${A}:saml-provider/Corp`;
    const target = role(
      'Deploy',
      doc(
        { Sid: 'Lambda', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
        {
          Sid: 'Ci',
          Effect: 'Allow',
          Principal: { Federated: oidc },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
        },
        {
          Sid: 'Ec2',
          Effect: 'Allow',
          Principal: { Service: 'ec2.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': A } },
        },
        { Sid: 'Sso', Effect: 'Allow', Principal: { Federated: saml }, Action: 'sts:AssumeRoleWithSAML' },
      ),
    );
    const g = await new AccessAnalysis(directory([target], {}, [oidc]), compile).whoCanAssume(target.arn);
    assert.equal(edge(g, 'service:lambda.amazonaws.com', target.arn)?.status, 'allowed');
    const ec2 = edge(g, 'service:ec2.amazonaws.com', target.arn);
    assert.deepEqual([ec2?.status, ec2?.conditionKeys, ec2?.trust[0]?.sid], ['conditional', ['aws:SourceAccount'], 'Ec2']);
    const ci = edge(g, `federated:${oidc}`, target.arn);
    assert.deepEqual(
      [ci?.action, ci?.status, ci?.conditionKeys],
      ['sts:AssumeRoleWithWebIdentity', 'conditional', ['token.actions.githubusercontent.com:aud']],
    );
    const sso = edge(g, `federated:${saml}`, target.arn);
    assert.deepEqual([sso?.action, sso?.status], ['sts:AssumeRoleWithSAML', 'allowed']);
    assert.match(g.nodes.find((n) => n.id === `federated:${saml}`)?.note ?? '', /no such identity provider/);
  });

  it('other accounts: held ones are analysed principal by principal; others appear with what the trust says', async () => {
    const dave = user('dave', B);
    const target = role('Shared', trusting({ AWS: [`arn:aws:iam::${B}:root`, 'arn:aws:iam::333333333333:user/eve'] }));
    const g = await new AccessAnalysis(directory([dave, target], { dave: [allowAssume(target.arn)] }), compile).whoCanAssume(target.arn);
    assert.equal(edge(g, dave.arn, target.arn)?.status, 'allowed');
    assert.equal(edge(g, dave.arn, target.arn)?.identity[0]?.sid, 'MayAssume', 'cross-account: both sides');
    const eve = edge(g, 'arn:aws:iam::333333333333:user/eve', target.arn);
    assert.equal(eve?.status, 'allowed');
    assert.match(eve?.note ?? '', /own policies are unknown/);
    const noPolicy = await new AccessAnalysis(directory([dave, target]), compile).whoCanAssume(target.arn);
    assert.equal(edge(noPolicy, dave.arn, target.arn), undefined);
  });

  it('rewrites keep statement indexes and treat decided keys by caller kind', () => {
    const text = doc(
      {
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, StringEquals: { 'aws:username': 'a' } },
      },
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
    );
    const r = rewrite(text, 'user');
    assert.deepEqual(
      [...r.undecided.entries()],
      [
        [0, ['aws:MultiFactorAuthPresent']],
        [1, ['aws:SourceIp']],
      ],
    );
    const opt = JSON.parse(r.optimistic) as { Statement: { Condition?: unknown }[] };
    assert.deepEqual(opt.Statement[0]?.Condition, { StringEquals: { 'aws:username': 'a' } });
    assert.deepEqual(opt.Statement[1]?.Condition, { Null: { 'keysmith:AnalysisNeverMatches': 'false' } });
    const pes = JSON.parse(r.pessimistic) as { Statement: { Condition?: unknown }[] };
    assert.deepEqual(pes.Statement[0]?.Condition, { Null: { 'keysmith:AnalysisNeverMatches': 'false' } });
    assert.equal(pes.Statement[1]?.Condition, undefined);
    assert.ok(isDecided('aws:PrincipalTag/team', 'user'));
    assert.ok(!isDecided('aws:PrincipalTag/team', 'role-session'));
    assert.ok(!isDecided('aws:userid', 'role-session'));
    assert.ok(isDecided('aws:ResourceTag/env', 'service'));
  });
});
