import { createHash } from 'node:crypto';
import { awsTimestamp } from './credential-fetch.js';
import type { Grant } from './grant-client.js';

/**
 * The instance an ec2 grant makes up, as its metadata describes it: the fixed documents and
 * listings of the instance metadata service. The credentials paths are the endpoint's own
 * (imds-endpoint.ts); everything here is known once the grant is made.
 */
export interface InstanceFacts {
  accountId: string;
  region: string;
  instanceId: string;
  roleName: string;
  instanceProfileArn: string;
  instanceProfileId: string;
  availabilityZone: string;
  instanceType: string;
  imageId: string;
  privateIp: string;
  mac: string;
  hostname: string;
  architecture: string;
  pendingTime: string;
}

export function instanceFacts(grant: Grant, startedAt: number = Date.now()): InstanceFacts {
  const instanceId = grant.InstanceId ?? /instance\/(i-[0-9a-f]+)/.exec(grant.SourceArn)?.[1] ?? grant.SessionName;
  const privateIp = grant.PrivateIpAddress ?? '10.0.0.10';
  const digest = createHash('sha256').update(instanceId).digest();
  return {
    accountId: grant.AccountId,
    region: grant.Region,
    instanceId,
    roleName: grant.RoleName,
    instanceProfileArn: grant.InstanceProfileArn ?? '',
    instanceProfileId: grant.InstanceProfileId ?? '',
    availabilityZone: grant.AvailabilityZone ?? `${grant.Region}a`,
    instanceType: grant.InstanceType ?? 't3.micro',
    imageId: grant.ImageId ?? 'ami-0000000000000000',
    privateIp,
    // A locally administered unicast address (0x0e first byte, as EC2's ENIs have), stable per instance.
    mac: ['0e', ...[...digest.subarray(0, 5)].map((b) => b.toString(16).padStart(2, '0'))].join(':'),
    hostname: `ip-${privateIp.replace(/\./g, '-')}.${grant.Region === 'us-east-1' ? 'ec2.internal' : `${grant.Region}.compute.internal`}`,
    architecture: process.arch === 'arm64' ? 'arm64' : 'x86_64',
    pendingTime: awsTimestamp(startedAt),
  };
}

/** JSON as IMDS writes it: two-space indent and ` : ` between a key and its value. */
export function imdsJson(value: object): string {
  return JSON.stringify(value, null, 2).replace(/^(\s*"(?:[^"\\]|\\.)*"): /gm, '$1 : ');
}

/** The identity document, members and nulls in AWS's order. */
export function identityDocument(f: InstanceFacts): string {
  return imdsJson({
    accountId: f.accountId,
    architecture: f.architecture,
    availabilityZone: f.availabilityZone,
    billingProducts: null,
    devpayProductCodes: null,
    marketplaceProductCodes: null,
    imageId: f.imageId,
    instanceId: f.instanceId,
    instanceType: f.instanceType,
    kernelId: null,
    pendingTime: f.pendingTime,
    privateIp: f.privateIp,
    ramdiskId: null,
    region: f.region,
    version: '2017-09-30',
  });
}

/**
 * Every fixed path (without its trailing slash) and its answer: a listing for a folder (entries
 * ending in `/` are folders themselves), a value for a leaf.
 */
export function staticMetadata(f: InstanceFacts): Map<string, string> {
  return new Map([
    ['', 'latest'],
    ['/latest', 'dynamic\nmeta-data'],
    ['/latest/meta-data', 'ami-id\nhostname\niam/\ninstance-id\ninstance-type\nlocal-hostname\nlocal-ipv4\nmac\nplacement/'],
    ['/latest/meta-data/ami-id', f.imageId],
    ['/latest/meta-data/hostname', f.hostname],
    ['/latest/meta-data/local-hostname', f.hostname],
    ['/latest/meta-data/instance-id', f.instanceId],
    ['/latest/meta-data/instance-type', f.instanceType],
    ['/latest/meta-data/local-ipv4', f.privateIp],
    ['/latest/meta-data/mac', f.mac],
    ['/latest/meta-data/placement', 'availability-zone\nregion'],
    ['/latest/meta-data/placement/availability-zone', f.availabilityZone],
    ['/latest/meta-data/placement/region', f.region],
    ['/latest/meta-data/iam', 'info\nsecurity-credentials/'],
    ['/latest/meta-data/iam/security-credentials', f.roleName],
    ['/latest/dynamic', 'instance-identity/'],
    ['/latest/dynamic/instance-identity', 'document'],
    ['/latest/dynamic/instance-identity/document', identityDocument(f)],
  ]);
}
