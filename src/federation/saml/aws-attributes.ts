import type { SamlSignIn } from './read-assertion.js';
import { invalidSaml, SAML_TEXT } from './saml-errors.js';

/** The attributes AWS reads from a SAML assertion (IAM UG "Configure SAML assertions"). Names are case-sensitive. */
export const AWS_SAML_ATTRIBUTE = {
  role: 'https://aws.amazon.com/SAML/Attributes/Role',
  roleSessionName: 'https://aws.amazon.com/SAML/Attributes/RoleSessionName',
  sessionDuration: 'https://aws.amazon.com/SAML/Attributes/SessionDuration',
  sourceIdentity: 'https://aws.amazon.com/SAML/Attributes/SourceIdentity',
  principalTagPrefix: 'https://aws.amazon.com/SAML/Attributes/PrincipalTag:',
  transitiveTagKeys: 'https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys',
} as const;

export interface SamlSessionRequest {
  roleSessionName: string;
  /** SessionDuration in seconds, when the assertion sets it. */
  sessionDuration?: number;
  sourceIdentity?: string;
  tags: { Key: string; Value: string }[];
  transitiveTagKeys: string[];
}

const NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;

/**
 * Whether the Role attribute offers this role with this provider: one of its values is the pair
 * "role ARN,provider ARN" (either order, spaces around the comma ignored).
 */
export function offersRole(signIn: SamlSignIn, roleArn: string, providerArn: string): boolean {
  for (const value of signIn.attributes.get(AWS_SAML_ATTRIBUTE.role) ?? []) {
    const parts = value.split(',').map((p) => p.trim());
    if (parts.length !== 2) continue;
    const [a, b] = parts as [string, string];
    if ((a === roleArn && b === providerArn) || (a === providerArn && b === roleArn)) return true;
  }
  return false;
}

/** RoleSessionName (required), SessionDuration, SourceIdentity and the session tags, checked as AWS does. */
export function sessionRequestOf(signIn: SamlSignIn): SamlSessionRequest {
  const attributes = signIn.attributes;
  const sessionName = attributes.get(AWS_SAML_ATTRIBUTE.roleSessionName)?.[0];
  if (sessionName === undefined) throw invalidSaml(SAML_TEXT.sessionNameMissing);
  if (!NAME_PATTERN.test(sessionName)) throw invalidSaml(SAML_TEXT.sessionNameInvalid);
  const out: SamlSessionRequest = { roleSessionName: sessionName, tags: [], transitiveTagKeys: [] };

  const duration = attributes.get(AWS_SAML_ATTRIBUTE.sessionDuration)?.[0];
  if (duration !== undefined) {
    const seconds = /^\d{1,6}$/.test(duration.trim()) ? Number(duration.trim()) : NaN;
    if (!(seconds >= 900 && seconds <= 43200)) {
      throw invalidSaml('SessionDuration in AuthnResponse must be an integer from 900 to 43200', `SessionDuration ${duration}`);
    }
    out.sessionDuration = seconds;
  }

  const sourceIdentity = attributes.get(AWS_SAML_ATTRIBUTE.sourceIdentity)?.[0];
  if (sourceIdentity !== undefined) {
    if (!NAME_PATTERN.test(sourceIdentity) || sourceIdentity.toLowerCase().startsWith('aws:'))
      throw invalidSaml(SAML_TEXT.sourceIdentityInvalid);
    out.sourceIdentity = sourceIdentity;
  }

  for (const [name, values] of attributes) {
    if (!name.startsWith(AWS_SAML_ATTRIBUTE.principalTagPrefix)) continue;
    const key = name.slice(AWS_SAML_ATTRIBUTE.principalTagPrefix.length);
    const value = values[0] ?? '';
    if (!TAG_KEY.test(key) || !TAG_VALUE.test(value) || values.length > 1) {
      throw invalidSaml(`Invalid session tag in AuthnResponse: ${key}`, 'principal tag');
    }
    out.tags.push({ Key: key, Value: value });
  }
  if (out.tags.length > 50) throw invalidSaml('Session tags in AuthnResponse exceed the limit of 50', 'too many tags');
  out.transitiveTagKeys = [...(attributes.get(AWS_SAML_ATTRIBUTE.transitiveTagKeys) ?? [])];
  return out;
}

// AWS's tag rules (reference §2.3.4): key 1..128, value 0..256, letters, digits, spaces and _.:/=+-@.
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
