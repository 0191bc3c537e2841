import type { Element } from '@xmldom/xmldom';
import { childElements, onlyChild, SAML_NS, textOf } from './parse-response.js';
import { expiredSaml, idpRejectedSaml, invalidSaml, notAuthorizedSaml, SAML_TEXT } from './saml-errors.js';

/** What a verified SAML sign-in says, read from signed content only. Times are epoch ms. */
export interface SamlSignIn {
  assertionId: string;
  issuer: string;
  /** The Subject's NameID. */
  subject: string;
  /** NameID's Format (SAML's default, `unspecified`, when it names none). */
  subjectFormat: string;
  /** SubjectConfirmationData's Recipient: saml:aud and the answer's Audience. */
  recipient: string;
  issueInstant: number;
  /** AuthnStatement's SessionNotOnOrAfter, when given. */
  sessionNotOnOrAfter?: number;
  /** Attribute Name → its values, in document order. */
  attributes: ReadonlyMap<string, readonly string[]>;
}

export interface AssertionRules {
  /** The provider's entity id: every Issuer must be it. */
  entityId: string;
  now: number;
  /** Recipient / Destination values accepted (AWS's sign-in endpoints). */
  isEndpoint(url: string): boolean;
  /** Audience values accepted. */
  isAudience(value: string): boolean;
}

/** Clock skew allowed each way on NotBefore / NotOnOrAfter (AWS does not document its own). */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** AWS refuses a response whose IssueInstant is more than 5 minutes old. */
export const REDEEM_WITHIN_MS = 5 * 60 * 1000;

const UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

/**
 * The Response's own checks (Status Success, Destination, Issuer when present). `response` is the
 * signed Response when it was signed, else the received one: nothing identity-bearing is read
 * from an unsigned Response, only refusals.
 */
export function checkResponse(response: Element, rules: AssertionRules): void {
  const status = onlyChild(response, SAML_NS.protocol, 'Status');
  const code = status ? onlyChild(status, SAML_NS.protocol, 'StatusCode')?.getAttribute('Value') : undefined;
  if (code !== SUCCESS) {
    throw idpRejectedSaml(
      'The identity provider did not report a successful authentication (the SAML Response status is not Success)',
      `status ${code ?? '(none)'}`,
    );
  }
  const destination = response.getAttribute('Destination');
  if (destination !== null && destination !== '' && !rules.isEndpoint(destination)) {
    throw invalidSaml(`Invalid SAML response: Destination ${destination} is not an AWS sign-in endpoint`, 'destination');
  }
  const issuer = onlyChild(response, SAML_NS.assertion, 'Issuer');
  if (issuer && textOf(issuer).trim() !== rules.entityId) throw invalidSaml(SAML_TEXT.issuerMismatch, `response Issuer ${textOf(issuer)}`);
}

/** Reads a signed Assertion, holding it to AWS's rules: issuer, subject, audience, times. */
export function readAssertion(assertion: Element, rules: AssertionRules): SamlSignIn {
  const now = rules.now;
  const issuerEl = onlyChild(assertion, SAML_NS.assertion, 'Issuer');
  const issuer = issuerEl ? textOf(issuerEl).trim() : '';
  if (issuer !== rules.entityId) throw invalidSaml(SAML_TEXT.issuerMismatch, `assertion Issuer ${issuer || '(none)'}`);

  const issueInstant = instant(assertion.getAttribute('IssueInstant'), 'IssueInstant');
  if (issueInstant - CLOCK_SKEW_MS > now) throw invalidSaml('Invalid SAML response: IssueInstant is in the future', 'issue instant');
  if (now - issueInstant > REDEEM_WITHIN_MS) throw expiredSaml(SAML_TEXT.tooOld, `issued ${Math.round((now - issueInstant) / 1000)} s ago`);

  // AWS: "This error can also occur if the SAML response does not include a Subject containing a NameID."
  const subjectEl = onlyChild(assertion, SAML_NS.assertion, 'Subject');
  const nameId = subjectEl ? onlyChild(subjectEl, SAML_NS.assertion, 'NameID') : undefined;
  if (!subjectEl || !nameId) throw notAuthorizedSaml('the assertion has no Subject with a NameID');
  const subject = textOf(nameId);
  if (subject === '') throw notAuthorizedSaml('the NameID is empty');

  // Exactly one SubjectConfirmation whose data has both NotOnOrAfter and Recipient (AWS's rule).
  const confirmations = childElements(subjectEl, SAML_NS.assertion, 'SubjectConfirmation');
  if (confirmations.length !== 1) {
    throw invalidSaml('Invalid SAML response: the Subject must have exactly one SubjectConfirmation', 'subject confirmation');
  }
  const confirmation = confirmations[0]!;
  if (confirmation.getAttribute('Method') !== BEARER) {
    throw invalidSaml('Invalid SAML response: SubjectConfirmation Method must be bearer', 'confirmation method');
  }
  const data = onlyChild(confirmation, SAML_NS.assertion, 'SubjectConfirmationData');
  const recipient = data?.getAttribute('Recipient') ?? '';
  const dataNotOnOrAfter = data?.getAttribute('NotOnOrAfter') ?? '';
  if (!data || recipient === '' || dataNotOnOrAfter === '') {
    throw invalidSaml('Invalid SAML response: SubjectConfirmationData must have NotOnOrAfter and Recipient', 'confirmation data');
  }
  if (!rules.isEndpoint(recipient)) {
    throw invalidSaml(`Invalid SAML response: Recipient ${recipient} is not an AWS sign-in endpoint`, 'recipient');
  }
  notAfter(instant(dataNotOnOrAfter, 'NotOnOrAfter'), now, 'SubjectConfirmationData');
  notBefore(data.getAttribute('NotBefore'), now, 'SubjectConfirmationData');

  const conditions = onlyChild(assertion, SAML_NS.assertion, 'Conditions');
  const restrictions = conditions ? childElements(conditions, SAML_NS.assertion, 'AudienceRestriction') : [];
  if (conditions) {
    const until = conditions.getAttribute('NotOnOrAfter');
    if (until) notAfter(instant(until, 'NotOnOrAfter'), now, 'Conditions');
    notBefore(conditions.getAttribute('NotBefore'), now, 'Conditions');
  }
  // Every AudienceRestriction must name AWS (SAML: each restriction holds on its own), and there must be one.
  const audienceOk = (r: Element) => childElements(r, SAML_NS.assertion, 'Audience').some((a) => rules.isAudience(textOf(a).trim()));
  if (restrictions.length === 0 || !restrictions.every(audienceOk)) throw invalidSaml(SAML_TEXT.audienceMissing, 'audience');

  const authn = childElements(assertion, SAML_NS.assertion, 'AuthnStatement')[0];
  const sessionEnd = authn?.getAttribute('SessionNotOnOrAfter');
  const signIn: SamlSignIn = {
    assertionId: assertion.getAttribute('ID') ?? '',
    issuer,
    subject,
    subjectFormat: nameId.getAttribute('Format') || UNSPECIFIED,
    recipient,
    issueInstant,
    attributes: attributesOf(assertion),
  };
  if (sessionEnd) signIn.sessionNotOnOrAfter = instant(sessionEnd, 'SessionNotOnOrAfter');
  return signIn;
}

function notAfter(until: number, now: number, where: string): void {
  if (now >= until + CLOCK_SKEW_MS) {
    throw expiredSaml('Token expired: the SAML assertion is no longer valid (NotOnOrAfter has passed)', `${where} NotOnOrAfter`);
  }
}

function notBefore(text: string | null, now: number, where: string): void {
  if (!text) return;
  if (instant(text, 'NotBefore') > now + CLOCK_SKEW_MS) {
    throw invalidSaml('Invalid SAML response: the assertion is not yet valid (NotBefore is in the future)', `${where} NotBefore`);
  }
}

/** xs:dateTime → epoch ms; SAML times are UTC (a missing zone is read as UTC). */
function instant(text: string | null, name: string): number {
  const t = (text ?? '').trim();
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(t)
    ? Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(t) ? t : `${t}Z`)
    : NaN;
  if (Number.isNaN(ms)) throw invalidSaml(`Invalid SAML response: ${name} is not a valid time`, name);
  return ms;
}

function attributesOf(assertion: Element): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const statement of childElements(assertion, SAML_NS.assertion, 'AttributeStatement')) {
    for (const attribute of childElements(statement, SAML_NS.assertion, 'Attribute')) {
      const name = attribute.getAttribute('Name') ?? '';
      const values = childElements(attribute, SAML_NS.assertion, 'AttributeValue').map(textOf);
      out.set(name, [...(out.get(name) ?? []), ...values]);
    }
  }
  return out;
}
