import { after, before, describe as suite, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { CreateSAMLProviderCommand, type IAMClient } from '@aws-sdk/client-iam';
import {
  AssumeRoleWithSAMLCommand,
  type AssumeRoleWithSAMLCommandInput,
  GetCallerIdentityCommand,
  type STSClient,
} from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../support/server.js';
import { type Credentials, iamClient, stsClient } from '../support/sdk-clients.js';
import { sendLookupEvents } from '../support/clients-signer.js';
import { allow, assume, createRole, expectAwsError, policyDoc, type TestRole } from '../support/sts-helpers.js';
import {
  assertionXml,
  AWS_SIGNIN,
  b64,
  encryptAssertion,
  ENTITY_ID,
  idOf,
  idpMetadata,
  OTHER_CERT,
  OTHER_KEY,
  responseXml,
  sign,
  signedAssertionResponse,
  signedResponse,
  SP_KEY,
  type AssertionOptions,
} from '../support/saml-idp.js';

/**
 * AssumeRoleWithSAML through AWS SDK v3 (unsigned, as the SDK sends it), with a test identity
 * provider that signs for real (test/support/saml-idp.ts): the sign-in AWS accepts, and every
 * attack the issue names refused with AWS's error — other keys, KeyInfo certificates, tampering,
 * signature wrapping, comment injection, DTDs, wrong audience or recipient, stale or early
 * assertions, a Role attribute that does not offer the role — plus session tags, chaining and
 * the CloudTrail record.
 */

const ACCOUNT = '123456789012';
const PROVIDER = 'TestIdP';
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:saml-provider/${PROVIDER}`;
const SIGNATURE_INVALID = 'Response signature invalid';
const NOT_AUTHORIZED = 'Not authorized to perform sts:AssumeRoleWithSAML';
const NAME_QUALIFIER = createHash('sha1').update(`${ENTITY_ID}${ACCOUNT}/${PROVIDER}`).digest('base64');

let server: TestServer;
let admin: IAMClient;
let sts: STSClient;
let plain: TestRole;
let tagging: TestRole;
let conditioned: TestRole;
let target: TestRole;

const federatedTrust = (actions: string[], condition?: Record<string, unknown>) =>
  policyDoc({ Effect: 'Allow', Principal: { Federated: PROVIDER_ARN }, Action: actions, ...(condition ? { Condition: condition } : {}) });
const pair = (role: TestRole) => `${role.arn},${PROVIDER_ARN}`;
const call = (role: TestRole, xml: string, extra: Partial<AssumeRoleWithSAMLCommandInput> = {}) =>
  sts.send(new AssumeRoleWithSAMLCommand({ RoleArn: role.arn, PrincipalArn: PROVIDER_ARN, SAMLAssertion: b64(xml), ...extra }));
const forPlain = (o: AssertionOptions = {}) => ({ roles: [pair(plain)], ...o });
const credsOf = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): Credentials => ({
  accessKeyId: c.AccessKeyId!,
  secretAccessKey: c.SecretAccessKey!,
  sessionToken: c.SessionToken!,
});

suite('STS AssumeRoleWithSAML (SDK v3)', () => {
  before(async () => {
    server = await startTestServer();
    admin = iamClient(server.url, server.admin);
    // Any credentials: the SDK sends AssumeRoleWithSAML unsigned (smithy noAuth) all the same.
    sts = stsClient(server.url, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'unused' });
    await admin.send(new CreateSAMLProviderCommand({ Name: PROVIDER, SAMLMetadataDocument: idpMetadata() }));
    plain = await createRole(admin, 'saml-plain', federatedTrust(['sts:AssumeRoleWithSAML']), {
      policy: policyDoc(allow('sts:AssumeRole')),
    });
    tagging = await createRole(
      admin,
      'saml-tagging',
      federatedTrust(['sts:AssumeRoleWithSAML', 'sts:TagSession', 'sts:SetSourceIdentity']),
    );
    conditioned = await createRole(
      admin,
      'saml-conditioned',
      federatedTrust(['sts:AssumeRoleWithSAML'], {
        StringEquals: {
          'saml:aud': AWS_SIGNIN,
          'saml:doc': `${ACCOUNT}/${PROVIDER}`,
          'saml:iss': ENTITY_ID,
          'saml:sub_type': 'persistent',
        },
        'ForAnyValue:StringEquals': { 'saml:edupersonaffiliation': 'staff' },
      }),
    );
    target = await createRole(
      admin,
      'saml-chain-target',
      policyDoc({ Effect: 'Allow', Principal: { AWS: plain.arn }, Action: 'sts:AssumeRole' }),
      {
        maxSessionDuration: 7200,
      },
    );
  });
  after(async () => server?.close());

  suite('sign-ins AWS accepts', () => {
    test('a signed Assertion gives a session of the role, with the assertion facts AWS returns', async () => {
      const out = await call(plain, signedAssertionResponse(forPlain()));
      assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/saml-plain/alice`);
      assert.equal(out.AssumedRoleUser?.AssumedRoleId, `${plain.roleId}:alice`);
      assert.equal(out.Subject, 'alice@example.com');
      assert.equal(out.SubjectType, 'persistent');
      assert.equal(out.Issuer, ENTITY_ID);
      assert.equal(out.Audience, AWS_SIGNIN);
      assert.equal(out.NameQualifier, NAME_QUALIFIER);
      assert.equal(out.PackedPolicySize, undefined);
      const expiresIn = (out.Credentials!.Expiration!.getTime() - Date.now()) / 1000;
      assert.ok(expiresIn > 3500 && expiresIn <= 3600, String(expiresIn));
      const me = await stsClient(server.url, credsOf(out.Credentials!)).send(new GetCallerIdentityCommand({}));
      assert.equal(me.Arn, out.AssumedRoleUser?.Arn);
    });

    test('a signed Response (assertion unsigned inside it) is accepted too', async () => {
      const out = await call(
        plain,
        signedResponse(forPlain({ subject: 'bob', subjectFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient' })),
      );
      assert.equal(out.Subject, 'bob');
      assert.equal(out.SubjectType, 'transient');
    });

    test('SessionDuration shortens the session; DurationSeconds above the role maximum is refused', async () => {
      const attributes = { 'https://aws.amazon.com/SAML/Attributes/SessionDuration': ['900'] };
      const out = await call(plain, signedAssertionResponse(forPlain({ attributes })), { DurationSeconds: 3600 });
      const expiresIn = (out.Credentials!.Expiration!.getTime() - Date.now()) / 1000;
      assert.ok(expiresIn > 800 && expiresIn <= 900, String(expiresIn));
      await expectAwsError(
        call(plain, signedAssertionResponse(forPlain()), { DurationSeconds: 7200 }),
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      );
    });

    test('the trust policy sees saml:aud, saml:doc, saml:iss, saml:sub_type and the eduPerson attributes', async () => {
      const as = (affiliation: string) =>
        signedAssertionResponse({
          roles: [pair(conditioned)],
          attributes: { 'urn:oid:1.3.6.1.4.1.5923.1.1.1.1': ['member', affiliation] },
        });
      assert.ok((await call(conditioned, as('staff'))).Credentials);
      await expectAwsError(call(conditioned, as('student')), 'AccessDenied', NOT_AUTHORIZED, 403);
    });
  });

  suite('refusals', () => {
    test('a response signed by a key the provider does not list', async () => {
      await expectAwsError(call(plain, signedAssertionResponse(forPlain(), OTHER_KEY)), 'InvalidIdentityToken', SIGNATURE_INVALID, 400);
    });

    test('a certificate carried in KeyInfo is never trusted', async () => {
      await expectAwsError(
        call(plain, signedAssertionResponse(forPlain(), OTHER_KEY, OTHER_CERT)),
        'InvalidIdentityToken',
        SIGNATURE_INVALID,
      );
    });

    test('an unsigned response', async () => {
      await expectAwsError(call(plain, responseXml(assertionXml(forPlain()))), 'InvalidIdentityToken', SIGNATURE_INVALID);
    });

    test('a tampered assertion (the subject changed after signing)', async () => {
      const xml = signedAssertionResponse(forPlain()).replace('alice@example.com', 'admin@example.com');
      await expectAwsError(call(plain, xml), 'InvalidIdentityToken', SIGNATURE_INVALID);
      const role = signedAssertionResponse({ roles: [pair(conditioned)] }).replace(conditioned.arn, plain.arn);
      await expectAwsError(call(plain, role), 'InvalidIdentityToken', SIGNATURE_INVALID);
    });

    test('signature wrapping: a second, unsigned assertion before or after the signed one', async () => {
      const genuine = assertionXml(forPlain());
      const id = idOf(genuine, 'Assertion');
      const signed = sign(genuine, id);
      const evil = assertionXml(forPlain({ subject: 'admin@example.com' }));
      await expectAwsError(call(plain, responseXml(evil + signed)), 'InvalidIdentityToken', SIGNATURE_INVALID);
      await expectAwsError(call(plain, responseXml(signed + evil)), 'InvalidIdentityToken', SIGNATURE_INVALID);
      // The signed assertion hidden in Extensions, an evil one with the same ID in its place.
      const sameId = assertionXml(forPlain({ id, subject: 'admin@example.com' }));
      await expectAwsError(
        call(plain, responseXml(`<samlp:Extensions>${signed}</samlp:Extensions>${sameId}`)),
        'InvalidIdentityToken',
        SIGNATURE_INVALID,
      );
      // A signed Response wrapped inside a new one that carries the evil assertion.
      const signedWhole = signedResponse(forPlain());
      await expectAwsError(
        call(plain, responseXml(`<samlp:Extensions>${signedWhole.replace(/^<\?xml[^>]*>/, '')}</samlp:Extensions>${evil}`)),
        'InvalidIdentityToken',
        SIGNATURE_INVALID,
      );
    });

    test('comment injection cannot cut the NameID short', async () => {
      const xml = signedAssertionResponse(forPlain({ subject: 'alice@example.com.evil.test' })).replace(
        'alice@example.com.evil.test',
        'alice@example.com<!---->.evil.test',
      );
      const out = await call(plain, xml);
      assert.equal(out.Subject, 'alice@example.com.evil.test');
    });

    test('a DTD or entity declaration is refused before parsing', async () => {
      const body = signedAssertionResponse(forPlain());
      const withDtd = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "alice">]>${body}`;
      await expectAwsError(
        call(plain, withDtd),
        'InvalidIdentityToken',
        'Invalid SAML response: document type declarations are not allowed',
      );
    });

    test('an audience that is not AWS', async () => {
      const xml = signedAssertionResponse(forPlain({ audience: 'https://other.example/sp' }));
      await expectAwsError(call(plain, xml), 'InvalidIdentityToken', 'Response does not contain the required audience.');
      await expectAwsError(
        call(plain, signedAssertionResponse(forPlain({ audience: null }))),
        'InvalidIdentityToken',
        'Response does not contain the required audience.',
      );
    });

    test('a recipient that is not an AWS sign-in endpoint', async () => {
      const xml = signedAssertionResponse(forPlain({ recipient: 'https://other.example/acs' }));
      await expectAwsError(
        call(plain, xml),
        'InvalidIdentityToken',
        /Recipient https:\/\/other\.example\/acs is not an AWS sign-in endpoint/,
      );
    });

    test('an expired assertion, and one issued more than 5 minutes ago', async () => {
      const now = Date.now();
      const expired = signedAssertionResponse(
        forPlain({ notBefore: new Date(now - 20 * 60_000), notOnOrAfter: new Date(now - 10 * 60_000) }),
      );
      await expectAwsError(call(plain, expired), 'ExpiredTokenException', /NotOnOrAfter has passed/, 400);
      const stale = signedAssertionResponse(forPlain({ issueInstant: new Date(now - 6 * 60_000) }));
      await expectAwsError(call(plain, stale), 'ExpiredTokenException', 'Token must be redeemed within 5 minutes of issuance');
    });

    test('an assertion not yet valid', async () => {
      const now = Date.now();
      const early = signedAssertionResponse(
        forPlain({ notBefore: new Date(now + 10 * 60_000), notOnOrAfter: new Date(now + 20 * 60_000) }),
      );
      await expectAwsError(call(plain, early), 'InvalidIdentityToken', /not yet valid/);
    });

    test('a Role attribute that does not offer this role with this provider', async () => {
      await expectAwsError(call(plain, signedAssertionResponse({ roles: [pair(tagging)] })), 'AccessDenied', NOT_AUTHORIZED, 403);
      const otherProvider = `${plain.arn},arn:aws:iam::${ACCOUNT}:saml-provider/Other`;
      await expectAwsError(call(plain, signedAssertionResponse({ roles: [otherProvider] })), 'AccessDenied', NOT_AUTHORIZED);
      // Either order is a pair.
      assert.ok((await call(plain, signedAssertionResponse({ roles: [`${PROVIDER_ARN},${plain.arn}`] }))).Credentials);
    });

    test('RoleSessionName is required and checked; an unknown provider', async () => {
      const missing = { 'https://aws.amazon.com/SAML/Attributes/RoleSessionName': null };
      await expectAwsError(
        call(plain, signedAssertionResponse(forPlain({ attributes: missing }))),
        'InvalidIdentityToken',
        'RoleSessionName is required in AuthnResponse',
      );
      const bad = { 'https://aws.amazon.com/SAML/Attributes/RoleSessionName': ['Alice Smith'] };
      await expectAwsError(
        call(plain, signedAssertionResponse(forPlain({ attributes: bad }))),
        'InvalidIdentityToken',
        'RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}',
      );
      await expectAwsError(
        call(plain, signedAssertionResponse(forPlain()), { PrincipalArn: `arn:aws:iam::${ACCOUNT}:saml-provider/Nope` }),
        'InvalidIdentityToken',
        "Specified provider doesn't exist.",
      );
    });
  });

  suite('encrypted assertions (a provider with a private key)', () => {
    const ENC_ARN = `arn:aws:iam::${ACCOUNT}:saml-provider/EncIdP`;
    let encrypted: TestRole;
    const encCall = (xml: string) =>
      sts.send(new AssumeRoleWithSAMLCommand({ RoleArn: encrypted.arn, PrincipalArn: ENC_ARN, SAMLAssertion: b64(xml) }));
    const options = (): AssertionOptions => ({ roles: [`${encrypted.arn},${ENC_ARN}`] });
    before(async () => {
      await admin.send(
        new CreateSAMLProviderCommand({
          Name: 'EncIdP',
          SAMLMetadataDocument: idpMetadata(),
          AddPrivateKey: SP_KEY,
          AssertionEncryptionMode: 'Required',
        }),
      );
      const trust = policyDoc({ Effect: 'Allow', Principal: { Federated: ENC_ARN }, Action: 'sts:AssumeRoleWithSAML' });
      encrypted = await createRole(admin, 'saml-encrypted', trust);
    });

    test('a signed assertion, encrypted (AES-GCM, RSA-OAEP), is decrypted and accepted', async () => {
      const assertion = assertionXml(options());
      const out = await encCall(responseXml(encryptAssertion(sign(assertion, idOf(assertion, 'Assertion')))));
      assert.equal(out.Subject, 'alice@example.com');
    });

    test('an unsigned assertion, encrypted (AES-CBC), inside a signed Response is accepted', async () => {
      const response = responseXml(encryptAssertion(assertionXml(options()), undefined, 'cbc'));
      assert.ok((await encCall(sign(response, idOf(response, 'Response')))).Credentials);
    });

    test('an encrypted assertion nobody signed, one for another key, and a plain one are refused', async () => {
      await expectAwsError(encCall(responseXml(encryptAssertion(assertionXml(options())))), 'InvalidIdentityToken', SIGNATURE_INVALID);
      const assertion = assertionXml(options());
      const forOther = responseXml(encryptAssertion(sign(assertion, idOf(assertion, 'Assertion')), OTHER_CERT));
      await expectAwsError(encCall(forOther), 'InvalidIdentityToken', /could not be decrypted/);
      await expectAwsError(encCall(signedAssertionResponse(options())), 'InvalidIdentityToken', /requires encrypted assertions/);
    });
  });

  suite('sessions', () => {
    const tags = {
      'https://aws.amazon.com/SAML/Attributes/PrincipalTag:Project': ['Blue'],
      'https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys': ['Project'],
      'https://aws.amazon.com/SAML/Attributes/SourceIdentity': ['alice-src'],
    };

    test('session tags need sts:TagSession in the trust policy', async () => {
      await expectAwsError(call(plain, signedAssertionResponse(forPlain({ attributes: tags }))), 'AccessDenied', NOT_AUTHORIZED);
      const out = await call(tagging, signedAssertionResponse({ roles: [pair(tagging)], attributes: tags }));
      assert.ok((out.PackedPolicySize ?? 0) > 0);
      assert.equal(out.SourceIdentity, 'alice-src');
    });

    test('chaining from a SAML session is capped at one hour', async () => {
      const out = await call(plain, signedAssertionResponse(forPlain()));
      const chained = stsClient(server.url, credsOf(out.Credentials!));
      await expectAwsError(
        assume(chained, { RoleArn: target.arn, RoleSessionName: 'next', DurationSeconds: 7200 }),
        'ValidationError',
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      );
      const next = await assume(chained, { RoleArn: target.arn, RoleSessionName: 'next', DurationSeconds: 3600 });
      assert.equal(next.out.AssumedRoleUser?.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/saml-chain-target/next`);
    });

    test('CloudTrail records a SAMLUser, and never the assertion', async () => {
      const xml = signedAssertionResponse(forPlain({ subject: 'trail@example.com' }));
      await call(plain, xml);
      await server.keysmith.app.audit.flush?.();
      const response = await sendLookupEvents(server.url, server.admin, {
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRoleWithSAML' }],
        MaxResults: 50,
      });
      assert.equal(response.status, 200, response.text);
      const events = (JSON.parse(response.text).Events as { CloudTrailEvent: string }[]).map((e) => JSON.parse(e.CloudTrailEvent));
      const mine = events.find((e) => e.userIdentity?.userName === 'trail@example.com');
      assert.ok(mine, JSON.stringify(events.map((e) => e.userIdentity)));
      assert.deepEqual(mine.userIdentity, {
        type: 'SAMLUser',
        principalId: `${NAME_QUALIFIER}:trail@example.com`,
        userName: 'trail@example.com',
        identityProvider: NAME_QUALIFIER,
      });
      assert.equal(mine.eventSource, 'sts.amazonaws.com');
      assert.ok(!response.text.includes(b64(xml).slice(0, 60)));
      assert.ok(!response.text.includes('X509Certificate'));
    });
  });
});
