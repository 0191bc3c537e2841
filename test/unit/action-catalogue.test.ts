import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { IAM_OPERATIONS } from '../../src/services/iam/operations.js';
import { STS_OPERATIONS } from '../../src/services/sts/operations.js';
import { CLOUDTRAIL_OPERATIONS } from '../../src/services/cloudtrail/operations.js';
import { S3_ACTIONS_CHECKED } from '../../src/services/s3/authorize.js';
import { AWS_ACTION_CATALOGUE } from '../../src/policy/action-catalogue.js';
import { actionKnown } from '../../src/policy/action-names.js';
import { parsePolicy, validatePolicy } from '../../src/policy/index.js';

// The catalogue of AWS action names (generated from the Service Authorization Reference by
// scripts/generate-action-catalogue.mjs; `node scripts/generate-action-catalogue.mjs --check` says
// whether it is fresh where ../shared/reference is present) and the unknown-action warnings of
// `keysmith policy validate` (issue 10, item 5). The tests need no reference folder.

test('every action keysmith authorizes is in the catalogue', () => {
  const actions = [
    ...[...IAM_OPERATIONS.values(), ...STS_OPERATIONS.values()].map((op) => op.action),
    ...[...CLOUDTRAIL_OPERATIONS.values()].map((op) => op.action),
    ...S3_ACTIONS_CHECKED,
  ];
  assert.ok(actions.length > 100);
  // AWS authorizes UpdateDelegationRequest by ownership alone: its reference lists no such action
  // (src/services/iam/delegation-requests/update-delegation-request.ts).
  for (const action of actions) {
    if (action !== 'iam:UpdateDelegationRequest') assert.equal(actionKnown(AWS_ACTION_CATALOGUE, action), 'known', action);
  }
});

test('lookups: case-insensitive names, patterns, unknown services', () => {
  assert.equal(actionKnown(AWS_ACTION_CATALOGUE, 'sts:AssumeRole'), 'known');
  assert.equal(actionKnown(AWS_ACTION_CATALOGUE, 's3:getobject'), 'known');
  assert.equal(actionKnown(AWS_ACTION_CATALOGUE, 'IAM:CreateRole'), 'known');
  assert.equal(actionKnown(AWS_ACTION_CATALOGUE, 'iam:Get*'), 'known');
  assert.equal(actionKnown(AWS_ACTION_CATALOGUE, 's3:?etObject'), 'known');
  assert.equal(actionKnown(AWS_ACTION_CATALOGUE, 'ec2:*'), 'known');
  assert.equal(actionKnown(AWS_ACTION_CATALOGUE, 'sts:AssumeRoel'), 'unknown-action');
  assert.equal(actionKnown(AWS_ACTION_CATALOGUE, 'iam:Gett*'), 'unknown-action');
  assert.equal(actionKnown(AWS_ACTION_CATALOGUE, 'stss:GetCallerIdentity'), 'unknown-service');
});

const doc = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const warnings = (statement: object) =>
  validatePolicy(doc(statement), 'identity', { actionCatalogue: AWS_ACTION_CATALOGUE }).map((f) => [
    f.severity,
    f.code,
    f.message,
    f.field,
    f.detail,
  ]);

test("unknown actions get IAM Access Analyzer's findings, as warnings", () => {
  assert.deepEqual(warnings({ Effect: 'Allow', Action: 'sts:AssumeRoel', Resource: '*' }), [
    [
      'warning',
      'invalid-action',
      'Invalid action: The action sts:AssumeRoel does not exist. Did you mean sts:AssumeRole?',
      'Action',
      undefined,
    ],
  ]);
  assert.deepEqual(warnings({ Effect: 'Deny', NotAction: ['iam:Gett*', 'lamda:InvokeFunction', 's3:Zzzzzzzz'], Resource: '*' }), [
    ['warning', 'invalid-action', 'Invalid action: The action iam:Gett* does not exist.', 'NotAction', 'the pattern matches no iam action'],
    [
      'warning',
      'invalid-service-in-action',
      'Invalid service in action: The service lamda specified in the action does not exist. Did you mean lambda?',
      'NotAction',
      undefined,
    ],
    ['warning', 'invalid-action', 'Invalid action: The action s3:Zzzzzzzz does not exist.', 'NotAction', undefined],
  ]);
  assert.deepEqual(warnings({ Effect: 'Allow', Action: ['*', 's3:GetObject', 'iam:List*', 'S3:PUTOBJECT'], Resource: '*' }), []);
  // Without a catalogue (the server's parse), nothing is said, and the policy compiles.
  assert.deepEqual(validatePolicy(doc({ Effect: 'Allow', Action: 'sts:AssumeRoel', Resource: '*' }), 'identity'), []);
  assert.ok(
    parsePolicy(doc({ Effect: 'Allow', Action: 'sts:AssumeRoel', Resource: '*' }), 'identity', { actionCatalogue: AWS_ACTION_CATALOGUE }),
  );
});

test('findings name the field at fault and the kind a document looks like', () => {
  const f = (text: object, kind: 'identity' | 'trust' = 'identity') =>
    validatePolicy(JSON.stringify({ Version: '2012-10-17', Statement: [text] }), kind).map((x) => ({
      code: x.code,
      field: x.field,
      detail: x.detail,
      suggestedKind: x.suggestedKind,
    }));
  assert.deepEqual(f({ Effect: 'allow', Action: 's3:GetObject', Resource: '*' })[0], {
    code: 'effect-case',
    field: 'Effect',
    detail: 'Effect is "allow"; it must be exactly "Allow" or "Deny" (case-sensitive)',
    suggestedKind: undefined,
  });
  const short = f({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3::bucket' })[0]!;
  assert.equal(short.code, 'short-arn');
  assert.equal(short.field, 'NotResource');
  assert.match(short.detail!, /^NotResource arn:aws:s3::bucket has 5 of the 6 parts of an ARN/);
  const date = f({
    Effect: 'Allow',
    Action: 's3:GetObject',
    Resource: '*',
    Condition: { DateLessThan: { 'aws:CurrentTime': 'soon' } },
  })[0]!;
  assert.equal(date.code, 'condition-value');
  assert.equal(date.field, 'Condition.DateLessThan.aws:CurrentTime');
  const trust = f({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] });
  assert.equal(trust[0]!.code, 'principal-forbidden');
  assert.equal(trust[0]!.suggestedKind, 'trust');
  assert.equal(trust[0]!.field, 'Principal');
  // A Principal with other actions is not a trust policy: no suggestion.
  assert.equal(f({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' })[0]!.suggestedKind, undefined);
  const identity = f({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }, 'trust');
  assert.equal(identity[0]!.code, 'principal-missing');
  assert.equal(identity[0]!.suggestedKind, 'identity');
});
