import { AwsError } from '../../../errors/aws-error.js';
import { shape } from '../../../model/shapes.js';
import { defineOperation, type Operation } from '../../operation.js';

/**
 * keysmith has no AWS Organizations, so every account is standalone. IAM's centralized root
 * access actions need the caller's organization first: they answer OrganizationNotFound with the
 * model's text for "no organization is associated with your account" (docs/iam/settings-organizations-delegation.md).
 */
export function organizationNotFound(): AwsError {
  return new AwsError('OrganizationNotFoundException', 'The request was rejected because no organization is associated with your account.');
}

/** The output all five share (OrganizationId, EnabledFeatures): never written, the call always fails. */
const featuresOutput = shape.struct({ OrganizationId: shape.string(), EnabledFeatures: shape.list(shape.string()) });

function rootAccessFeatureOperation(name: string, readOnly: boolean): Operation {
  return defineOperation({
    name,
    action: `iam:${name}`,
    readOnly,
    input: shape.struct({}),
    authorization: { resource: () => '*' },
    output: featuresOutput,
    handler: () => Promise.reject(organizationNotFound()),
  });
}

export const enableOrganizationsRootCredentialsManagement = rootAccessFeatureOperation(
  'EnableOrganizationsRootCredentialsManagement',
  false,
);
export const disableOrganizationsRootCredentialsManagement = rootAccessFeatureOperation(
  'DisableOrganizationsRootCredentialsManagement',
  false,
);
export const enableOrganizationsRootSessions = rootAccessFeatureOperation('EnableOrganizationsRootSessions', false);
export const disableOrganizationsRootSessions = rootAccessFeatureOperation('DisableOrganizationsRootSessions', false);
export const listOrganizationsFeatures = rootAccessFeatureOperation('ListOrganizationsFeatures', true);
