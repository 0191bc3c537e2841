import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/storage/open-store.js';
import type { AuditEventQuery, AuditEventRecord } from '../src/storage/store.js';

/**
 * The audit history at scale, through the Store port: appends N events (default 1,000,000) in
 * batches of 500 as the audit writer does — AssumeRole, GetRole and ListUsers calls by 20 users,
 * one rare user, every AssumeRole naming the access key it issued — then times LookupEvents-style
 * queries (median of 5, first page of 50 unless said). SQLite in a temp folder, or PostgreSQL with
 * KEYSMITH_DATABASE_URL. Reported, never asserted.
 *
 *   node dist/bench/audit-lookup-bench.js [events]
 */
const ACCOUNT = '111122223333';
const T0 = Date.UTC(2026, 10, 1);

function event(i: number): AuditEventRecord {
  const name = ['AssumeRole', 'GetRole', 'ListUsers'][i % 3]!;
  const user = i % 997 === 0 ? 'rare-user' : `user-${i % 20}`;
  const key = `ASIA${String(i).padStart(16, '0')}`;
  const resources =
    name === 'AssumeRole'
      ? [
          { type: 'AWS::IAM::Role', name: `arn:aws:iam::${ACCOUNT}:role/role-${i % 7}` },
          { type: 'AWS::IAM::AccessKey', name: key },
        ]
      : [];
  return {
    eventId: `${(T0 + i).toString(16).padStart(12, '0')}-${String(i).padStart(20, '0')}`,
    accountId: ACCOUNT,
    eventTime: T0 + i * 10,
    eventName: name,
    eventSource: name === 'AssumeRole' ? 'sts.amazonaws.com' : 'iam.amazonaws.com',
    readOnly: name !== 'AssumeRole',
    username: user,
    accessKeyId: `AKIA${String(i % 20).padStart(16, '0')}`,
    resources,
    body: JSON.stringify({ eventVersion: '1.08', eventName: name, eventID: i, userName: user, padding: 'x'.repeat(1100) }),
  };
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 1_000_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'keysmith-audit-bench-'));
  const store = await openStore({ dataDir, databaseUrl: process.env.KEYSMITH_DATABASE_URL });
  try {
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    for (let i = 0; i < count; i += 500) {
      const batch: AuditEventRecord[] = [];
      for (let j = i; j < Math.min(count, i + 500); j += 1) batch.push(event(j));
      await store.auditEvents.append(batch);
      if (i % 100_000 === 0 && i > 0) process.stderr.write(`  ${i} events…\n`);
    }
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `append: ${count} events in ${((performance.now() - wall0) / 1000).toFixed(1)} s, ` +
        `${((cpu.user + cpu.system) / count).toFixed(1)} µs CPU per event (this process)`,
    );
    const mid = T0 + Math.floor(count / 2) * 10;
    const cases: [string, Omit<AuditEventQuery, 'accountId' | 'limit'>][] = [
      ['newest 50, no attribute', {}],
      ['EventName=AssumeRole (common)', { attribute: { key: 'EventName', value: 'AssumeRole' } }],
      ['Username=rare-user (1 in 997)', { attribute: { key: 'Username', value: 'rare-user' } }],
      [
        'ResourceName=one issued key (unique)',
        { attribute: { key: 'ResourceName', value: `ASIA${String(Math.floor(count / 3) * 3).padStart(16, '0')}` } },
      ],
      ['ResourceName=a role (1 in 21)', { attribute: { key: 'ResourceName', value: `arn:aws:iam::${ACCOUNT}:role/role-3` } }],
      ['EventId=one event', { attribute: { key: 'EventId', value: event(Math.floor(count / 2)).eventId } }],
      ['Username=nobody (no match)', { attribute: { key: 'Username', value: 'nobody' } }],
      [
        'Username=rare-user, a one-hour window mid-history',
        { from: mid, to: mid + 3_600_000, attribute: { key: 'Username', value: 'rare-user' } },
      ],
    ];
    console.log('\n| query | found | median ms | max ms |\n|---|---:|---:|---:|');
    for (const [label, q] of cases) {
      const times: number[] = [];
      let found = 0;
      for (let run = 0; run < 5; run += 1) {
        const t = performance.now();
        const page = await store.auditEvents.query({ accountId: ACCOUNT, limit: 50, ...q });
        times.push(performance.now() - t);
        found = page.items.length;
      }
      times.sort((a, b) => a - b);
      console.log(`| ${label} | ${found} | ${times[2]!.toFixed(2)} | ${times[4]!.toFixed(2)} |`);
    }
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
