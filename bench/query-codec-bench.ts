/**
 * The Query codec alone: µs of CPU per decode of an operation's input and per encode of its
 * answer (encodeSuccess, the whole envelope), for AssumeRole (STS) and GetRole (IAM, with a
 * URL-encoded trust policy and tags), with realistic values. Figures are reported, never asserted.
 *
 *   node dist/bench/query-codec-bench.js [iterations]
 */
import { decodeQueryInput } from '../src/protocol/query/decode.js';
import { encodeSuccess, IAM_SERVICE, STS_SERVICE, type QueryService } from '../src/protocol/query/envelope.js';
import type { StructShape } from '../src/model/shapes.js';
import { IAM_OPERATIONS } from '../src/services/iam/operations.js';
import { STS_OPERATIONS } from '../src/services/sts/operations.js';

const ROLE_ARN = 'arn:aws:iam::111122223333:role/bench-role';
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }],
});

interface Case {
  name: string;
  service: QueryService;
  input: StructShape;
  output: StructShape;
  params: Map<string, string>;
  result: object;
}

function shapesOf(operation: { input: StructShape; output?: StructShape | 'none' } | undefined, name: string) {
  if (operation === undefined || operation.output === undefined || operation.output === 'none') throw new Error(`${name}: no shapes`);
  return { input: operation.input, output: operation.output };
}

const CASES: Case[] = [
  {
    name: 'AssumeRole',
    service: STS_SERVICE,
    ...shapesOf(STS_OPERATIONS.get('AssumeRole'), 'AssumeRole'),
    params: new Map([
      ['Action', 'AssumeRole'],
      ['Version', '2011-06-15'],
      ['RoleArn', ROLE_ARN],
      ['RoleSessionName', 'bench-session'],
      ['DurationSeconds', '3600'],
    ]),
    result: {
      Credentials: {
        AccessKeyId: 'ASIAQ3EGUWZ2EXAMPLE1',
        SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
        SessionToken: 'IQoJb3JpZ2luX2VjE'.repeat(28),
        Expiration: '2026-12-06T20:00:00Z',
      },
      AssumedRoleUser: {
        AssumedRoleId: 'AROAQ3EGUWZ2EXAMPLE2:bench-session',
        Arn: 'arn:aws:sts::111122223333:assumed-role/bench-role/bench-session',
      },
      PackedPolicySize: undefined,
      SourceIdentity: undefined,
    },
  },
  {
    name: 'GetRole',
    service: IAM_SERVICE,
    ...shapesOf(IAM_OPERATIONS.get('GetRole'), 'GetRole'),
    params: new Map([
      ['Action', 'GetRole'],
      ['Version', '2010-05-08'],
      ['RoleName', 'bench-role'],
    ]),
    result: {
      Role: {
        Path: '/',
        RoleName: 'bench-role',
        RoleId: 'AROAQ3EGUWZ2EXAMPLE2',
        Arn: ROLE_ARN,
        CreateDate: '2026-12-06T19:00:00Z',
        AssumeRolePolicyDocument: TRUST,
        Description: 'A role for the <bench> & its "callers"',
        MaxSessionDuration: 3600,
        Tags: [
          { Key: 'team', Value: 'platform' },
          { Key: 'cost-center', Value: '1234' },
        ],
        RoleLastUsed: { LastUsedDate: '2026-12-06T19:30:00Z', Region: 'us-east-1' },
      },
    },
  },
];

function cpuMicros(run: () => void, iterations: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / iterations;
}

function main(): void {
  const iterations = Number(process.argv[2] ?? 200000);
  let sink = 0;
  for (const c of CASES) {
    const style = c.service.name === 'sts' ? 'with-value' : 'without-value';
    const decode = () => {
      sink += Object.keys(decodeQueryInput(c.params, c.input, style)).length;
    };
    const encode = () => {
      // Buffer.byteLength as documentResponse does: it flattens a concatenated string, a cost the
      // encoder's choice of building must own.
      sink += Buffer.byteLength(encodeSuccess(c.service, c.name, c.output, c.result, 'c0ffee00-1234-4321-abcd-0123456789ab'));
    };
    // Warm up (the optimizing compiler), then the median of five rounds.
    cpuMicros(decode, iterations / 4);
    cpuMicros(encode, iterations / 4);
    const decodes: number[] = [];
    const encodes: number[] = [];
    for (let round = 0; round < 5; round++) {
      decodes.push(cpuMicros(decode, iterations));
      encodes.push(cpuMicros(encode, iterations));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `${c.name}: decode ${median(decodes).toFixed(3)} µs, encode ${median(encodes).toFixed(3)} µs (median of 5 × ${iterations})`,
    );
  }
  if (sink === 0) console.log('');
}

main();
