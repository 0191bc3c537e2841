import { AwsError } from '../../errors/aws-error.js';
import { shape } from '../../model/shapes.js';
import type { MatchedStatement, TraceStatement } from '../../policy/index.js';
import { defineOperation } from '../operation.js';
import { simulationDecision, SimulationRefs } from '../iam/simulate/evaluation-result.js';
import { resolvePolicySource } from '../iam/simulate/policy-source.js';
import { prepareSimulation } from '../iam/simulate/simulation.js';
import { simulationMembers } from '../iam/simulate/simulation-input.js';

const text = shape.string();
const statement = shape.struct({
  SourcePolicyId: text,
  Layer: text,
  StatementIndex: shape.integer(),
  Sid: text,
  Effect: text,
  /** Statements that did not apply: `action`, `resource`, `principal` or `condition`. */
  Outcome: text,
  FailedCondition: text,
});
const MAX_RESULTS = 100;

/**
 * keysmith's own: what IAM's simulator answers, with the explanation `keysmith policy simulate
 * --explain` prints (src/cli/policy-simulate.ts) — the layer that decided (trust, resource,
 * identity, boundary, root), the reason in AWS's words, the steps, the statements that granted or
 * denied and those that did not apply with why. SimulatePrincipalPolicy's and SimulateCustomPolicy's
 * EvaluationResults say only which statements matched; the console's simulator shows both.
 *
 * The same input as those two (the same preparation, src/services/iam/simulate/simulation.ts, and
 * the same engine call), with PolicySourceArn optional, and authorized as the IAM call it explains:
 * iam:SimulatePrincipalPolicy on PolicySourceArn, else iam:SimulateCustomPolicy on `*`. At most
 * 100 action × resource pairs.
 */
export const explainPolicySimulation = defineOperation({
  name: 'ExplainPolicySimulation',
  action: 'iam:SimulateCustomPolicy',
  readOnly: true,
  authorization: 'self',
  input: shape.struct({ PolicySourceArn: shape.string({ min: 20, max: 2048 }), ...simulationMembers }),
  output: shape.struct({
    Explanations: shape.list(
      shape.struct({
        EvalActionName: text,
        EvalResourceName: text,
        EvalDecision: text,
        Layer: text,
        Reason: text,
        CrossAccount: shape.boolean(),
        Steps: shape.list(text),
        MatchedStatements: shape.list(statement),
        NotApplying: shape.list(statement),
        MissingContextValues: shape.list(text),
      }),
    ),
  }),
  async handler(input, ctx) {
    if (input.PolicySourceArn !== undefined)
      await ctx.authorizer.authorize(ctx.caller, 'iam:SimulatePrincipalPolicy', input.PolicySourceArn, ctx.facts);
    else await ctx.authorizer.authorize(ctx.caller, 'iam:SimulateCustomPolicy', '*', ctx.facts);
    const source = input.PolicySourceArn !== undefined ? await resolvePolicySource(ctx, input.PolicySourceArn) : undefined;
    if (source === undefined && (input.PolicyInputList ?? []).length === 0)
      throw new AwsError('InvalidInput', 'PolicyInputList must contain at least one policy when no PolicySourceArn is given.');
    const refs = new SimulationRefs(prepareSimulation(ctx, input, source));
    const resources = input.ResourceArns !== undefined && input.ResourceArns.length > 0 ? input.ResourceArns : ['*'];
    if (input.ActionNames.length * resources.length > MAX_RESULTS)
      throw new AwsError('InvalidInput', `At most ${MAX_RESULTS} action and resource pairs can be explained at once.`);
    const sourceId = (id: string) => refs.policy(id)?.sourceId ?? id;
    const view = (s: MatchedStatement | TraceStatement) => ({
      SourcePolicyId: sourceId(s.policyId),
      Layer: s.layer === 'resource' && refs.policy(s.policyId)?.policy.kind === 'trust' ? 'trust' : s.layer,
      StatementIndex: s.statementIndex,
      Sid: s.sid,
      Effect: s.effect,
      Outcome: 'outcome' in s ? s.outcome : 'applies',
      FailedCondition: 'failedCondition' in s ? s.failedCondition : undefined,
    });
    const Explanations = input.ActionNames.flatMap((action) =>
      resources.map((resource) => {
        const { decision: d } = simulationDecision(refs, action, resource);
        const trace = d.trace?.statements ?? [];
        // Every applicable statement of the deciding layers (a Deny decides alone).
        const matched = d.decision === 'explicitDeny' ? trace.filter((s) => s.outcome === 'applies' && s.effect === 'Deny') : d.matched;
        return {
          EvalActionName: action,
          EvalResourceName: resource,
          EvalDecision: d.decision,
          Layer: d.layer === 'resource' && refs.resourceFor(action)?.policy.kind === 'trust' ? 'trust' : d.layer,
          Reason: d.reason,
          CrossAccount: d.crossAccount,
          // The engine's ids (i0, b0, t) read as the simulator's SourcePolicyIds.
          Steps: (d.trace?.steps ?? []).map((s) =>
            s.replace(/\b([ibrt]\d*) statement (\d+)/g, (_m, id: string, n: string) => `${sourceId(id)} statement ${n}`),
          ),
          MatchedStatements: matched.map(view),
          NotApplying: trace.filter((s) => s.outcome !== 'applies').map(view),
          MissingContextValues: d.missingContextKeys ?? [],
        };
      }),
    );
    return { Explanations };
  },
});
