import { describe, test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { AWS_ACTION_CATALOGUE } from '../../src/policy/action-catalogue.js';
import { actionsAllowedBy, servicesAllowedBy } from '../../src/services/iam/reports/allowed-services.js';

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('access advisor: services and actions a policy allows', () => {
  test('Allow statements only; patterns must match an action of the service', () => {
    const d = doc(
      { Effect: 'Allow', Action: ['iam:Get*', 'S3:getobject', 'ec2:NoSuchAction', 'nosuchservice:*'], Resource: '*' },
      { Effect: 'Deny', Action: 'lambda:*', Resource: '*' },
    );
    assert.deepEqual([...servicesAllowedBy(d)].sort(), ['iam', 's3']);
  });

  test('"*", a service wildcard and an Allow with NotAction count every service', () => {
    const all = Object.keys(AWS_ACTION_CATALOGUE).length;
    assert.equal(servicesAllowedBy(doc({ Effect: 'Allow', Action: '*', Resource: '*' })).size, all);
    assert.equal(servicesAllowedBy(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })).size, all);
    assert.ok(servicesAllowedBy(doc({ Effect: 'Allow', Action: 's3*:*', Resource: '*' })).has('s3express'));
  });

  test('a single statement object and an unreadable document', () => {
    assert.deepEqual([...servicesAllowedBy(JSON.stringify({ Statement: { Effect: 'Allow', Action: 'sts:*' } }))], ['sts']);
    assert.equal(servicesAllowedBy('not json').size, 0);
  });

  test('actions of one service, in AWS’s spelling', () => {
    const d = doc({ Effect: 'Allow', Action: ['iam:listusers', 'iam:ListGroup?', 's3:*'], Resource: '*' });
    assert.deepEqual([...actionsAllowedBy(d, 'iam')].sort(), ['iam:ListGroups', 'iam:ListUsers']);
    assert.ok(actionsAllowedBy(d, 's3').has('s3:GetObject'));
    assert.equal(actionsAllowedBy(d, 'ec2').size, 0);
  });
});
