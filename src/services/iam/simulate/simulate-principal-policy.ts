import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { resolvePolicySource } from './policy-source.js';
import { prepareSimulation, runSimulation } from './simulation.js';
import { simulationMembers } from './simulation-input.js';
import { evaluationResultOutput, pageOutput } from '../shared/role-policy-output-shapes.js';

/**
 * The policies of a user (with its groups'), group or role, plus PolicyInputList, against
 * ActionNames × ResourceArns. Authorized as iam:SimulatePrincipalPolicy on the source entity.
 */
export const simulatePrincipalPolicy = defineOperation({
  name: 'SimulatePrincipalPolicy',
  action: 'iam:SimulatePrincipalPolicy',
  readOnly: true,
  input: shape.struct({ PolicySourceArn: member.arn(), ...simulationMembers }),
  authorization: { resource: (input) => input.PolicySourceArn },
  output: shape.struct({ EvaluationResults: shape.list(evaluationResultOutput), ...pageOutput }),
  async handler(input, ctx) {
    const source = await resolvePolicySource(ctx, input.PolicySourceArn);
    return runSimulation(prepareSimulation(ctx, input, source), input);
  },
});
