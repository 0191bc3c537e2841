import { SAML_ATTRIBUTE_SOURCES } from '../../src/authz/condition-keys/key-table.js';
import { AWS_SIGNIN } from '../support/saml-idp.js';
import { liveSuite, type LiveCase, probe, trustProbe, webIdentitySignIn } from '../support/live-context.js';

/**
 * The federation keys, live. Calls made *with* a federated session: a role session from
 * AssumeRoleWithWebIdentity (a token of a hand-rolled HTTPS OIDC issuer on 127.0.0.1 that keysmith
 * trusts through the test CA) or AssumeRoleWithSAML (an assertion the test IdP signed), and a
 * session chained from either. `aws:FederatedProvider` is the IAM provider's ARN (IAM User Guide,
 * global condition keys: the IdP that authenticated the original federated identity; the ARN for
 * IAM identity providers).
 *
 * And the keys of the *trust policy* of AssumeRoleWithWebIdentity (`${ProviderName}:aud`, `:sub`,
 * `:amr`, `:oaud`, sts:RoleSessionName) and AssumeRoleWithSAML (`saml:*`, sts:RoleSessionName):
 * a sign-in the trust policy lets in when the key has the value it names, and one it refuses
 * (AccessDenied) — the token or assertion varies, or (trustProbe) the same sign-in meets a role
 * that trusts a right and one that trusts a wrong value. `{{providerName}}` is the issuer URL
 * without `https://` (`127.0.0.1:PORT/<case>`), which names the provider's keys.
 */
const oidcTrust = (condition: Record<string, Record<string, unknown>>) => ({
  trust: [
    {
      Effect: 'Allow',
      Principal: { Federated: '{{providerArn}}' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: condition,
    },
  ],
});

const SESSION_CASES: readonly LiveCase[] = [
  {
    title: 'a web-identity session: the IAM OIDC provider’s ARN',
    keys: ['aws:FederatedProvider'],
    caller: { kind: 'web-identity' },
    ...probe(
      { StringEquals: { 'aws:FederatedProvider': '{{providerArn}}' } },
      { StringEquals: { 'aws:FederatedProvider': 'arn:aws:iam::{{account}}:oidc-provider/token.actions.githubusercontent.com' } },
    ),
  },
  {
    title: 'role chaining from a web-identity session keeps the provider',
    keys: ['aws:FederatedProvider'],
    caller: { kind: 'web-identity', chain: true },
    ...probe({ ArnEquals: { 'aws:FederatedProvider': '{{providerArn}}' } }, { Null: { 'aws:FederatedProvider': 'true' } }),
  },
  {
    title: 'a SAML session: the IAM SAML provider’s ARN',
    keys: ['aws:FederatedProvider'],
    caller: { kind: 'saml' },
    ...probe(
      { StringEquals: { 'aws:FederatedProvider': '{{providerArn}}' } },
      { StringEquals: { 'aws:FederatedProvider': 'arn:aws:iam::{{account}}:saml-provider/OtherIdP' } },
    ),
  },
  {
    title: 'role chaining from a SAML session keeps the provider',
    keys: ['aws:FederatedProvider'],
    caller: { kind: 'saml', chain: true },
    ...probe(
      { ArnLike: { 'aws:FederatedProvider': 'arn:aws:iam::{{account}}:saml-provider/*' } },
      { Null: { 'aws:FederatedProvider': 'true' } },
    ),
  },
  {
    title: 'absent for a role session from AssumeRole',
    keys: ['aws:FederatedProvider'],
    absence: true,
    caller: { kind: 'role' },
    ...probe({ Null: { 'aws:FederatedProvider': 'true' } }, { StringLike: { 'aws:FederatedProvider': '*' } }),
  },
];

const WEB_IDENTITY_TRUST_CASES: readonly LiveCase[] = [
  {
    title: 'the client id the token was issued for',
    keys: ['${ProviderName}:aud'],
    caller: { kind: 'oidc-signin' },
    role: oidcTrust({ StringEquals: { '{{providerName}}:aud': 'sts.amazonaws.com' } }),
    allowed: webIdentitySignIn('with aud sts.amazonaws.com'),
    denied: webIdentitySignIn('with aud other-client (a client id of the provider, but not the one the trust names)', {
      claims: { aud: 'other-client' },
    }),
  },
  {
    title: 'azp decides: the client id in azp, not the aud values',
    keys: ['${ProviderName}:aud'],
    caller: { kind: 'oidc-signin' },
    role: oidcTrust({ StringEquals: { '{{providerName}}:aud': 'other-client' } }),
    allowed: webIdentitySignIn('with azp other-client and aud [api://keysmith, sts.amazonaws.com]', {
      claims: { azp: 'other-client', aud: ['api://keysmith', 'sts.amazonaws.com'] },
    }),
    denied: webIdentitySignIn('with aud sts.amazonaws.com and no azp', {}),
  },
  {
    title: 'the token’s subject (GitHub-Actions-shaped)',
    keys: ['${ProviderName}:sub'],
    caller: { kind: 'oidc-signin' },
    role: oidcTrust({ StringLike: { '{{providerName}}:sub': 'repo:keysmith/app:ref:refs/heads/main' } }),
    allowed: webIdentitySignIn('with sub repo:keysmith/app:ref:refs/heads/main', {
      claims: { sub: 'repo:keysmith/app:ref:refs/heads/main' },
    }),
    denied: webIdentitySignIn('with sub repo:keysmith/app:ref:refs/heads/evil', {
      claims: { sub: 'repo:keysmith/app:ref:refs/heads/evil' },
    }),
  },
  {
    title: 'the token’s subject (Kubernetes-service-account-shaped)',
    keys: ['${ProviderName}:sub'],
    caller: { kind: 'oidc-signin' },
    role: oidcTrust({ StringEquals: { '{{providerName}}:sub': 'system:serviceaccount:apps:builder' } }),
    allowed: webIdentitySignIn('with sub system:serviceaccount:apps:builder', { claims: { sub: 'system:serviceaccount:apps:builder' } }),
    denied: webIdentitySignIn('with sub system:serviceaccount:kube-system:default', {
      claims: { sub: 'system:serviceaccount:kube-system:default' },
    }),
  },
  {
    title: 'the token’s authentication methods (multivalued)',
    keys: ['${ProviderName}:amr'],
    caller: { kind: 'oidc-signin' },
    role: oidcTrust({ 'ForAnyValue:StringLike': { '{{providerName}}:amr': 'authenticated' } }),
    allowed: webIdentitySignIn('with amr [authenticated, pwd]', { claims: { amr: ['authenticated', 'pwd'] } }),
    denied: webIdentitySignIn('with amr [unauthenticated]', { claims: { amr: ['unauthenticated'] } }),
  },
  {
    title: 'the aud values when azp decided',
    keys: ['${ProviderName}:oaud'],
    caller: { kind: 'oidc-signin' },
    role: oidcTrust({ 'ForAnyValue:StringEquals': { '{{providerName}}:oaud': 'api://keysmith' } }),
    allowed: webIdentitySignIn('with azp sts.amazonaws.com and aud [api://keysmith]', {
      claims: { azp: 'sts.amazonaws.com', aud: ['api://keysmith'] },
    }),
    denied: webIdentitySignIn('with azp sts.amazonaws.com and aud [api://other]', {
      claims: { azp: 'sts.amazonaws.com', aud: ['api://other'] },
    }),
  },
  {
    title: 'absent when no azp decided',
    keys: ['${ProviderName}:oaud'],
    absence: true,
    caller: { kind: 'oidc-signin' },
    role: oidcTrust({ Null: { '{{providerName}}:oaud': 'true' } }),
    allowed: webIdentitySignIn('with aud sts.amazonaws.com and no azp'),
    denied: webIdentitySignIn('with azp sts.amazonaws.com and aud [api://keysmith]', {
      claims: { azp: 'sts.amazonaws.com', aud: ['api://keysmith'] },
    }),
  },
  {
    title: 'AssumeRoleWithWebIdentity: the RoleSessionName of the request',
    keys: ['sts:RoleSessionName'],
    caller: { kind: 'oidc-signin' },
    role: oidcTrust({ StringLike: { 'sts:RoleSessionName': 'ci-*' } }),
    allowed: webIdentitySignIn('with RoleSessionName ci-1234', { sessionName: 'ci-1234' }),
    denied: webIdentitySignIn('with RoleSessionName dev-1234', { sessionName: 'dev-1234' }),
  },
];

const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
const EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

const SAML_TRUST_CASES: readonly LiveCase[] = [
  {
    title: 'the Recipient of the assertion (AWS’s sign-in endpoint)',
    keys: ['saml:aud'],
    ...trustProbe(
      'saml',
      { StringEquals: { 'saml:aud': AWS_SIGNIN } },
      { StringEquals: { 'saml:aud': 'https://eu-west-1.signin.aws.amazon.com/saml' } },
    ),
  },
  {
    title: 'a regional Recipient',
    keys: ['saml:aud'],
    ...trustProbe(
      'saml',
      { StringEquals: { 'saml:aud': 'https://eu-west-1.signin.aws.amazon.com/saml' } },
      { StringEquals: { 'saml:aud': AWS_SIGNIN } },
      { assertion: { recipient: 'https://eu-west-1.signin.aws.amazon.com/saml' } },
    ),
  },
  {
    title: 'the Issuer of the assertion',
    keys: ['saml:iss'],
    ...trustProbe(
      'saml',
      { StringEquals: { 'saml:iss': '{{entityId}}' } },
      { StringEquals: { 'saml:iss': 'https://other-idp.example/saml' } },
    ),
  },
  {
    title: 'the NameID of the Subject',
    keys: ['saml:sub'],
    ...trustProbe(
      'saml',
      { StringEquals: { 'saml:sub': 'carol@example.com' } },
      { StringEquals: { 'saml:sub': 'mallory@example.com' } },
      { assertion: { subject: 'carol@example.com' } },
    ),
  },
  {
    title: 'the NameID Format without SAML 2.0’s prefix: persistent',
    keys: ['saml:sub_type'],
    ...trustProbe('saml', { StringEquals: { 'saml:sub_type': 'persistent' } }, { StringEquals: { 'saml:sub_type': PERSISTENT } }),
  },
  {
    title: 'the NameID Format without SAML 2.0’s prefix: transient',
    keys: ['saml:sub_type'],
    ...trustProbe(
      'saml',
      { StringEquals: { 'saml:sub_type': 'transient' } },
      { StringEquals: { 'saml:sub_type': 'persistent' } },
      { assertion: { subjectFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient' } },
    ),
  },
  {
    title: 'any other NameID Format as given',
    keys: ['saml:sub_type'],
    ...trustProbe(
      'saml',
      { StringEquals: { 'saml:sub_type': EMAIL } },
      { StringEquals: { 'saml:sub_type': 'emailAddress' } },
      { assertion: { subjectFormat: EMAIL } },
    ),
  },
  {
    title: 'BASE64(SHA1(Issuer + account + "/" + provider name))',
    keys: ['saml:namequalifier'],
    ...trustProbe(
      'saml',
      { StringEquals: { 'saml:namequalifier': '{{nameQualifier}}' } },
      { StringEquals: { 'saml:namequalifier': 'bm90IHRoZSBxdWFsaWZpZXI=' } },
    ),
  },
  {
    title: 'account/provider name of the PrincipalArn',
    keys: ['saml:doc'],
    ...trustProbe(
      'saml',
      { StringEquals: { 'saml:doc': '{{account}}/{{providerName}}' } },
      { StringEquals: { 'saml:doc': '{{account}}/OtherIdP' } },
    ),
  },
  {
    title: 'AssumeRoleWithSAML: the RoleSessionName attribute',
    keys: ['sts:RoleSessionName'],
    ...trustProbe(
      'saml',
      { StringEquals: { 'sts:RoleSessionName': 'carol' } },
      { StringEquals: { 'sts:RoleSessionName': 'alice' } },
      { assertion: { attributes: { 'https://aws.amazon.com/SAML/Attributes/RoleSessionName': ['carol'] } } },
    ),
  },
];

/** Keys whose attribute keeps every value (the others take one value). */
const MULTI = new Set([
  'saml:edupersonaffiliation',
  'saml:edupersonnickname',
  'saml:edupersonorgunitdn',
  'saml:edupersonentitlement',
  'saml:edupersonscopedaffiliation',
  'saml:edupersontargetedid',
  'saml:edupersonassurance',
  'saml:eduorghomepageuri',
  'saml:eduorgidentityauthnpolicyuri',
  'saml:eduorglegalname',
  'saml:eduorgsuperioruri',
  'saml:eduorgwhitepagesuri',
  'saml:cn',
]);

/** One case per attribute Name a `saml:` attribute key comes from, with that attribute in the assertion. */
const SAML_ATTRIBUTE_CASES: readonly LiveCase[] = [...SAML_ATTRIBUTE_SOURCES].flatMap(([key, names]) =>
  names.map((name): LiveCase => {
    const multi = MULTI.has(key);
    return {
      title: `from the attribute ${name}${multi ? ' (every value)' : ''}`,
      keys: [key],
      ...trustProbe(
        'saml',
        multi ? { 'ForAllValues:StringEquals': { [key]: ['staff', 'member'] } } : { StringEquals: { [key]: 'value-1' } },
        multi ? { 'ForAllValues:StringEquals': { [key]: ['staff'] } } : { StringEquals: { [key]: 'value-2' } },
        { assertion: { attributes: { [name]: multi ? ['staff', 'member'] : ['value-1'] } } },
      ),
    };
  }),
);

const SAML_ATTRIBUTE_FORMS: readonly LiveCase[] = [
  {
    title: 'an OID attribute Name without urn:oid:',
    keys: ['saml:edupersonaffiliation'],
    ...trustProbe(
      'saml',
      { 'ForAnyValue:StringEquals': { 'saml:edupersonaffiliation': 'faculty' } },
      { 'ForAnyValue:StringEquals': { 'saml:edupersonaffiliation': 'student' } },
      { assertion: { attributes: { '1.3.6.1.4.1.5923.1.1.1.1': ['faculty'] } } },
    ),
  },
  {
    title: 'absent when the assertion has no such attribute',
    keys: ['saml:edupersonaffiliation'],
    absence: true,
    ...trustProbe('saml', { Null: { 'saml:edupersonaffiliation': 'true' } }, { Null: { 'saml:edupersonaffiliation': 'false' } }),
  },
];

export const FEDERATION_CASES: readonly LiveCase[] = [
  ...SESSION_CASES,
  ...WEB_IDENTITY_TRUST_CASES,
  ...SAML_TRUST_CASES,
  ...SAML_ATTRIBUTE_CASES,
  ...SAML_ATTRIBUTE_FORMS,
];

liveSuite('federation keys', FEDERATION_CASES, 'fast', { federation: true });
