import { test } from '../support/node-test.js';
import assert from 'node:assert/strict';
import { evaluate, parsePolicy, type ContextValue } from '../../src/policy/index.js';
import { parseCidr, parseIp, cidrContains } from '../../src/policy/conditions/ip.js';

// IpAddress / NotIpAddress (UG reference_policies_elements_condition_operators#Conditions_IPAddress).
const USER = { type: 'User' as const, arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333' };
function holds(op: string, values: unknown, context: Record<string, ContextValue>): boolean {
  const doc = {
    Version: '2012-10-17',
    Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { [op]: { 'aws:SourceIp': values } } },
  };
  const policy = parsePolicy(JSON.stringify(doc), 'identity');
  return (
    evaluate({ principal: USER, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context }, { identity: [{ id: 'p', policy }] })
      .decision === 'allowed'
  );
}
const ip = (v: string) => ({ 'aws:SourceIp': v });

test('IPv4 CIDR blocks and bare addresses', () => {
  assert.equal(holds('IpAddress', '203.0.113.0/24', ip('203.0.113.77')), true);
  assert.equal(holds('IpAddress', '203.0.113.0/24', ip('203.0.114.1')), false);
  assert.equal(holds('IpAddress', '203.0.113.5', ip('203.0.113.5')), true, 'bare address is /32');
  assert.equal(holds('IpAddress', '0.0.0.0/0', ip('8.8.8.8')), true);
  assert.equal(holds('IpAddress', ['10.0.0.0/8', '203.0.113.0/24'], ip('10.1.2.3')), true);
  assert.equal(holds('NotIpAddress', ['10.0.0.0/8', '203.0.113.0/24'], ip('192.0.2.1')), true);
  assert.equal(holds('NotIpAddress', ['10.0.0.0/8', '203.0.113.0/24'], ip('10.9.9.9')), false);
});

test('IPv6: compression and hex case do not matter; v4 and v6 never match each other', () => {
  assert.equal(holds('IpAddress', '2001:DB8:1234:5678::/64', ip('2001:db8:1234:5678:0:0:0:1')), true);
  assert.equal(holds('IpAddress', '2001:DB8:1234:5678::/64', ip('2001:db8:1234:5679::1')), false);
  assert.equal(holds('IpAddress', '::/0', ip('203.0.113.1')), false);
  assert.equal(holds('IpAddress', '0.0.0.0/0', ip('::1')), false);
  assert.equal(holds('IpAddress', '::ffff:192.0.2.0/120', ip('::ffff:192.0.2.9')), true);
});

test('missing aws:SourceIp: IpAddress false, NotIpAddress true (the VPC-endpoint pitfall)', () => {
  assert.equal(holds('IpAddress', '203.0.113.0/24', {}), false);
  assert.equal(holds('NotIpAddress', '203.0.113.0/24', {}), true);
});

test('parsers', () => {
  assert.deepEqual(parseIp('::1')?.words, [0, 0, 0, 1]);
  assert.deepEqual(parseIp('2001:db8::')?.words, [0x20010db8, 0, 0, 0]);
  assert.equal(parseIp('1.2.3'), undefined);
  assert.equal(parseIp('1:2:3:4:5:6:7:8:9'), undefined);
  assert.equal(parseCidr('10.0.0.0/33'), undefined);
  assert.ok(cidrContains(parseCidr('10.0.0.0/31')!, parseIp('10.0.0.1')!));
  assert.ok(!cidrContains(parseCidr('10.0.0.0/31')!, parseIp('10.0.0.2')!));
});

test('an invalid CIDR in the policy is refused', () => {
  assert.throws(
    () =>
      parsePolicy(
        JSON.stringify({
          Version: '2012-10-17',
          Statement: {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: '*',
            Condition: { IpAddress: { 'aws:SourceIp': '300.0.0.0/8' } },
          },
        }),
        'identity',
      ),
    { message: 'The policy failed legacy parsing' },
  );
});
