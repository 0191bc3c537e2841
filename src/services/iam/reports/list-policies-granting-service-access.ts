import { constraint, validationError } from '../../../errors/validation.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation } from '../../operation.js';
import { member } from '../shared/members.js';
import { pageOutput } from '../shared/output-shapes.js';
import { policiesOf, resolveSubject } from './advisor-entities.js';
import { advisorMember } from './advisor-members.js';
import { servicesAllowedBy } from './allowed-services.js';

const text = shape.string();
const policyOutput = shape.struct({ PolicyName: text, PolicyType: text, PolicyArn: text, EntityType: text, EntityName: text });

/**
 * For each namespace asked, the policies of a user (its own and its groups'), group or role that
 * allow some action of that service; permissions boundaries are not counted (AWS's rule). One
 * page holds every answer (the model has no MaxItems), so IsTruncated is false.
 */
export const listPoliciesGrantingServiceAccess = defineOperation({
  name: 'ListPoliciesGrantingServiceAccess',
  action: 'iam:ListPoliciesGrantingServiceAccess',
  readOnly: true,
  input: shape.struct({
    Marker: member.marker(),
    Arn: member.arn(),
    ServiceNamespaces: shape.list(advisorMember.serviceNamespace(), { required: true, min: 1, max: 200 }),
  }),
  authorization: { resource: (input) => input.Arn },
  output: shape.struct({
    PoliciesGrantingServiceAccess: shape.list(shape.struct({ ServiceNamespace: text, Policies: shape.list(policyOutput) })),
    ...pageOutput,
  }),
  async handler(input, ctx) {
    // An empty list (`ServiceNamespaces=`) decodes to [] without the codec's min check.
    if (input.ServiceNamespaces.length === 0) throw validationError([{ path: 'serviceNamespaces', constraint: constraint.minLength(1) }]);
    const subject = await resolveSubject(ctx, input.Arn, false);
    const policies = (await policiesOf(ctx.store, subject)).map((p) => ({ ...p, services: servicesAllowedBy(p.document) }));
    return {
      PoliciesGrantingServiceAccess: input.ServiceNamespaces.map((ns) => ({
        ServiceNamespace: ns,
        Policies: policies
          .filter((p) => p.services.has(ns.toLowerCase()))
          .map((p) => ({
            PolicyName: p.policyName,
            PolicyType: p.policyType,
            PolicyArn: p.policyArn,
            EntityType: p.entityType,
            EntityName: p.entityName,
          })),
      })),
      IsTruncated: false,
    };
  },
});
