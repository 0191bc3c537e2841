import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { prepareSimulation, runSimulation } from './simulation.js';
import { policyText, simulationMembers } from './simulation-input.js';
import { evaluationResultOutput, pageOutput } from '../shared/role-policy-output-shapes.js';

/** PolicyInputList as the identity policies, nothing from storage. Authorized on `*`. */
export const simulateCustomPolicy = defineOperation({
  name: 'SimulateCustomPolicy',
  action: 'iam:SimulateCustomPolicy',
  readOnly: true,
  input: shape.struct({ ...simulationMembers, PolicyInputList: shape.list(policyText(), { required: true }) }),
  authorization: { resource: () => '*' },
  output: shape.struct({ EvaluationResults: shape.list(evaluationResultOutput), ...pageOutput }),
  async handler(input, ctx) {
    return runSimulation(prepareSimulation(ctx, input), input);
  },
});
