export { verifySamlResponse, isAwsSignInEndpoint, isAwsAudience, type SamlTrust } from './verify-saml-response.js';
export type { SamlSignIn } from './read-assertion.js';
export { offersRole, sessionRequestOf, AWS_SAML_ATTRIBUTE, type SamlSessionRequest } from './aws-attributes.js';
export { samlConditionKeys, nameQualifierOf, subjectTypeOf } from './condition-keys.js';
export { notAuthorizedSaml, invalidSaml, SAML_TEXT } from './saml-errors.js';
