import { ArnPattern } from '../arn-pattern.js';
import { tokenize } from '../template.js';
import { op, type BaseOperator, type ValueTest } from './operator.js';

/**
 * ARN operators: each of the six colon-separated parts is matched on its own (a `*` in the
 * region cannot swallow later parts, unlike StringLike), case-sensitively, with `*` and `?`.
 * ArnEquals behaves exactly like ArnLike, as documented. Variables are allowed in any part.
 */
function compileArn(values: readonly string[], variables: boolean): ValueTest {
  const patterns = values.map((v) => new ArnPattern(tokenize(v, { wildcards: true, variables }), { variablesOnlyInResourcePart: false }));
  return (r, scope) => {
    for (const p of patterns) if (p.test(r, scope)) return true;
    return false;
  };
}

export const ARN_OPERATORS: readonly BaseOperator[] = [
  op('ArnEquals', false, true, compileArn),
  op('ArnLike', false, true, compileArn),
  op('ArnNotEquals', true, true, compileArn),
  op('ArnNotLike', true, true, compileArn),
];
