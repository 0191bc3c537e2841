import { AwsError } from '../../errors/aws-error.js';
import { parseArn } from '../../model/arns.js';
import { shape } from '../../model/shapes.js';
import { defineOperation } from '../operation.js';
import { AccessAnalysis, type AccessGraph, type StatementRef } from './access-analysis.js';
import { storeDirectory } from './access-directory.js';

const text = shape.string();
const statementRef = shape.struct({ Layer: text, Policy: text, StatementIndex: shape.integer(), Sid: text, Effect: text });

/**
 * keysmith's own, for the web console's access analysis (docs/console.md): for a role (RoleArn),
 * every principal that can assume it — IAM users and roles of every account keysmith holds, the
 * accounts, service principals and federated providers its trust policy names — directly or
 * through a chain of roles; for a user or role (PrincipalArn), every role it can reach. Each link
 * says which trust and identity statements allow it, decided by the policy engine as AssumeRole
 * decides (access-analysis.ts); links that depend on request values (MFA, ExternalId, tags,
 * source IP…) are `conditional`, with the keys.
 *
 * Authorized as iam:GetAccountAuthorizationDetails on `*`: the analysis reads every user's, group's
 * and role's policies of the account, which is what that action grants (AWS's IAM Access Analyzer
 * and console read the same). The subject must be of the caller's account (another account's is
 * NoSuchEntity, as IAM answers); only the caller's account's users and roles are named — another
 * account appears as the trust policy names it (the account, or an ARN), never with its users.
 */
export const analyzeAccess = defineOperation({
  name: 'AnalyzeAccess',
  action: 'iam:GetAccountAuthorizationDetails',
  readOnly: true,
  authorization: { resource: () => '*' },
  input: shape.struct({
    RoleArn: shape.string({ min: 20, max: 2048 }),
    PrincipalArn: shape.string({ min: 20, max: 2048 }),
    MaxDepth: shape.integer({ min: 1, max: 6 }),
  }),
  output: shape.struct({
    Subject: text,
    Direction: text,
    Nodes: shape.list(shape.struct({ Id: text, Kind: text, Label: text, Arn: text, AccountId: text, Note: text })),
    Edges: shape.list(
      shape.struct({
        Id: text,
        From: text,
        To: text,
        Action: text,
        Status: text,
        ConditionKeys: shape.list(text),
        TrustStatements: shape.list(statementRef),
        IdentityStatements: shape.list(statementRef),
        ConditionalDenies: shape.list(statementRef),
        Note: text,
      }),
    ),
    Paths: shape.list(shape.struct({ EdgeIds: shape.list(text), Status: text })),
    Truncated: shape.boolean(),
  }),
  async handler(input, ctx) {
    if ((input.RoleArn === undefined) === (input.PrincipalArn === undefined)) {
      throw new AwsError('InvalidInput', 'Specify exactly one of RoleArn and PrincipalArn.');
    }
    const arn = (input.RoleArn ?? input.PrincipalArn)!;
    const parsed = parseArn(arn);
    const type = parsed?.resource.split('/')[0];
    if (!parsed || parsed.service !== 'iam' || (input.RoleArn !== undefined ? type !== 'role' : type !== 'user' && type !== 'role')) {
      throw new AwsError(
        'InvalidInput',
        `Invalid ARN ${arn}: it must be the ARN of an IAM ${input.RoleArn !== undefined ? 'role' : 'user or role'}.`,
      );
    }
    const name = parsed.resource.slice(parsed.resource.lastIndexOf('/') + 1);
    const notFound = new AwsError('NoSuchEntity', `The ${type} with name ${name} cannot be found.`);
    if (parsed.account !== ctx.caller.accountId) throw notFound;
    const entity =
      type === 'role' ? await ctx.store.roles.getByName(parsed.account, name) : await ctx.store.users.getByName(parsed.account, name);
    if (!entity || entity.arn !== arn) throw notFound;
    const analysis = new AccessAnalysis(storeDirectory(ctx.store, ctx.caller.accountId), (t, kind) => ctx.policies.compile(t, kind), {
      maxDepth: input.MaxDepth ?? 4,
    });
    const graph = input.RoleArn !== undefined ? await analysis.whoCanAssume(arn) : await analysis.canReach(arn);
    return toOutput(graph);
  },
});

function toOutput(g: AccessGraph) {
  const ref = (s: StatementRef) => ({ Layer: s.layer, Policy: s.policy, StatementIndex: s.statementIndex, Sid: s.sid, Effect: s.effect });
  return {
    Subject: g.subject,
    Direction: g.direction,
    Nodes: g.nodes.map((n) => ({ Id: n.id, Kind: n.kind, Label: n.label, Arn: n.arn, AccountId: n.accountId, Note: n.note })),
    Edges: g.edges.map((e) => ({
      Id: e.id,
      From: e.from,
      To: e.to,
      Action: e.action,
      Status: e.status,
      ConditionKeys: e.conditionKeys,
      TrustStatements: e.trust.map(ref),
      IdentityStatements: e.identity.map(ref),
      ConditionalDenies: e.denies.map(ref),
      Note: e.note,
    })),
    Paths: g.paths.map((p) => ({ EdgeIds: p.edges, Status: p.status })),
    Truncated: g.truncated,
  };
}
