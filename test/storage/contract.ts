import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from '../support/node-test.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AccessKey, Group, InlinePolicy, ManagedPolicy, PolicyVersion, PrincipalKind, Role, User } from '../../src/model/entities.js';
import {
  type AuditEventRecord,
  type AuditLookupKey,
  DuplicateError,
  type IamRecord,
  type MfaDevice,
  type Page,
  type S3Bucket,
  type S3Object,
  type S3Upload,
  type S3UploadPart,
  type Store,
} from '../../src/storage/store.js';

/**
 * The one storage contract: every backend runs exactly these tests. The rules come from the
 * comment on the `Store` port (src/storage/store.ts).
 */
export interface ContractOptions {
  /** The backend keeps data across close() and a new open() (SQLite file, PostgreSQL). */
  persistent?: boolean;
  /** Several stores may be open on the same database at once (PostgreSQL: several nodes). */
  sharedByNodes?: boolean;
}

const A = '123456789012';
const B = '210987654321';
const T0 = 1_700_000_000_000;
/** Deadlocks must fail the test, not hang the run. */
const TIMEOUT = { timeout: 20_000 };

let seq = 0;
const nextId = (prefix: string): string => `${prefix}${String(++seq).padStart(17, '0')}`;

function user(userName: string, extra: Partial<User> = {}): User {
  const accountId = extra.accountId ?? A;
  const path = extra.path ?? '/';
  return {
    accountId,
    userName,
    userId: nextId('AIDA'),
    path,
    arn: `arn:aws:iam::${accountId}:user${path}${userName}`,
    createDate: T0,
    tags: [],
    ...extra,
  };
}

function group(groupName: string, extra: Partial<Group> = {}): Group {
  const accountId = extra.accountId ?? A;
  const path = extra.path ?? '/';
  return {
    accountId,
    groupName,
    groupId: nextId('AGPA'),
    path,
    arn: `arn:aws:iam::${accountId}:group${path}${groupName}`,
    createDate: T0,
    ...extra,
  };
}

const TRUST =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';

function role(roleName: string, extra: Partial<Role> = {}): Role {
  const accountId = extra.accountId ?? A;
  const path = extra.path ?? '/';
  return {
    accountId,
    roleName,
    roleId: nextId('AROA'),
    path,
    arn: `arn:aws:iam::${accountId}:role${path}${roleName}`,
    createDate: T0,
    assumeRolePolicyDocument: TRUST,
    maxSessionDuration: 3600,
    tags: [],
    ...extra,
  };
}

function policy(policyName: string, extra: Partial<ManagedPolicy> = {}): ManagedPolicy {
  const accountId = extra.accountId ?? A;
  const path = extra.path ?? '/';
  return {
    accountId,
    policyName,
    policyId: nextId('ANPA'),
    path,
    arn: `arn:aws:iam::${accountId}:policy${path}${policyName}`,
    defaultVersionId: 'v1',
    createDate: T0,
    updateDate: T0,
    tags: [],
    ...extra,
  };
}

const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}';

function version(policyArn: string, versionId: string, createDate = T0, document = DOC): PolicyVersion {
  return { policyArn, versionId, document, createDate };
}

function key(userName: string | null, extra: Partial<AccessKey> = {}): AccessKey {
  return {
    accessKeyId: nextId('AKIA'),
    accountId: A,
    userName,
    status: 'Active',
    secretSealed: `sealed:${seq}`,
    createDate: T0,
    ...extra,
  };
}

function inline(ownerKind: PrincipalKind, ownerId: string, policyName: string, document = DOC): InlinePolicy {
  return { accountId: A, ownerKind, ownerId, policyName, document };
}

function mfa(deviceName: string, extra: Partial<MfaDevice> = {}): MfaDevice {
  const accountId = extra.accountId ?? A;
  const path = extra.path ?? '/';
  return {
    accountId,
    serialNumber: `arn:aws:iam::${accountId}:mfa${path}${deviceName}`,
    deviceName,
    path,
    seedSealed: `sealed-seed:${++seq}`,
    createDate: T0,
    tags: [],
    ...extra,
  };
}

function auditEvent(eventId: string, eventTime: number, extra: Partial<AuditEventRecord> = {}): AuditEventRecord {
  return {
    eventId,
    accountId: A,
    eventTime,
    eventName: 'GetCallerIdentity',
    eventSource: 'sts.amazonaws.com',
    readOnly: true,
    resources: [],
    body: JSON.stringify({ eventID: eventId }),
    ...extra,
  };
}

/** Newest first: time, then event id, both descending (the audit repository's order). */
function newestFirst(events: AuditEventRecord[]): string[] {
  return [...events]
    .sort((a, b) => b.eventTime - a.eventTime || (a.eventId < b.eventId ? 1 : a.eventId > b.eventId ? -1 : 0))
    .map((e) => e.eventId);
}

/** Byte order of the folded name, then of the exact name: the port's list order. */
function expectedOrder(names: string[]): string[] {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...names].sort((a, b) => cmp(a.toLowerCase(), b.toLowerCase()) || cmp(a, b));
}

/** Walks every page; checks each page's size and that only the last has no marker. */
async function collect<T>(fetch: (after: string | undefined) => Promise<Page<T>>, limit: number): Promise<T[]> {
  const all: T[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 1000; pages += 1) {
    const page = await fetch(after);
    assert.ok(page.items.length <= limit, 'page larger than the limit');
    all.push(...page.items);
    if (page.nextMarker === undefined) return all;
    assert.equal(typeof page.nextMarker, 'string');
    assert.equal(page.items.length, limit, 'a page followed by more rows is full');
    after = page.nextMarker;
  }
  throw new Error('pagination did not end');
}

// Names whose order differs between byte order and locale-aware collations (ICU, glibc).
const TRICKY_NAMES = ['bob', 'Alice', 'a_b', 'aB2', 'A1', 'a-c', 'ab', 'Zed', 'z.z', '_x', '@at', 'a+b', 'a=b', 'a,b'];

export function runStoreContract(name: string, open: () => Promise<Store>, options: ContractOptions = {}): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let extraStores: Store[] = [];

    beforeEach(async () => {
      store = await open();
      await store.reset();
    });

    afterEach(async () => {
      for (const s of [store, ...extraStores]) await s.close().catch(() => undefined);
      extraStores = [];
    });

    async function openAnother(): Promise<Store> {
      const other = await open();
      extraStores.push(other);
      return other;
    }

    describe('accounts', () => {
      it('creates, gets and lists accounts in id order', async () => {
        await store.accounts.create({ accountId: B, createDate: T0 + 1 });
        await store.accounts.create({ accountId: A, createDate: T0 });
        assert.deepEqual(await store.accounts.get(A), { accountId: A, createDate: T0 });
        assert.equal(await store.accounts.get('000000000000'), undefined);
        assert.deepEqual(await store.accounts.list(), [
          { accountId: A, createDate: T0 },
          { accountId: B, createDate: T0 + 1 },
        ]);
      });

      it('rejects a duplicate account id with DuplicateError', async () => {
        await store.accounts.create({ accountId: A, createDate: T0 });
        await assert.rejects(store.accounts.create({ accountId: A, createDate: T0 + 5 }), DuplicateError);
        assert.deepEqual(await store.accounts.get(A), { accountId: A, createDate: T0 });
      });
    });

    describe('users', () => {
      it('round-trips every field, optional ones included', async () => {
        const full = user('Alice', {
          path: '/eng/',
          permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/boundary',
          tags: [
            { Key: 'Team', Value: 'Core' },
            { Key: 'empty', Value: '' },
          ],
          createDate: T0 + 123,
        });
        const bare = user('bob');
        await store.users.create(full);
        await store.users.create(bare);
        assert.deepEqual(await store.users.getById(full.userId), full);
        assert.deepEqual(await store.users.getById(bare.userId), bare);
        assert.ok(!('permissionsBoundaryArn' in (await store.users.getById(bare.userId))!), 'absent optional field stays absent');
      });

      it('looks names up ignoring case, keeping the stored casing', async () => {
        const alice = user('Alice');
        await store.users.create(alice);
        assert.deepEqual(await store.users.getByName(A, 'alice'), alice);
        assert.deepEqual(await store.users.getByName(A, 'ALICE'), alice);
        assert.equal(await store.users.getByName(B, 'Alice'), undefined, 'names are per account');
        assert.equal(await store.users.getByName(A, 'Alic'), undefined);
        assert.equal(await store.users.getById('AIDANOPE'), undefined);
      });

      it('rejects duplicates ignoring case, per account; and a duplicate id', async () => {
        const alice = user('Alice');
        await store.users.create(alice);
        await assert.rejects(store.users.create(user('ALICE')), DuplicateError);
        await assert.rejects(store.users.create(user('Bob', { userId: alice.userId })), DuplicateError);
        await store.users.create(user('alice', { accountId: B }));
        assert.equal(await store.users.count(A), 1);
        assert.equal(await store.users.count(B), 1);
        assert.deepEqual(await store.users.getByName(A, 'alice'), alice);
      });

      it('updates every field including the name, by id', async () => {
        const alice = user('Alice');
        await store.users.create(alice);
        const renamed: User = {
          ...alice,
          userName: 'Alicia',
          path: '/ops/',
          arn: 'arn:aws:iam::123456789012:user/ops/Alicia',
          permissionsBoundaryArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
          tags: [{ Key: 'k', Value: 'v' }],
        };
        assert.equal(await store.users.update(renamed), true);
        assert.deepEqual(await store.users.getById(alice.userId), renamed);
        assert.deepEqual(await store.users.getByName(A, 'alicia'), renamed);
        assert.equal(await store.users.getByName(A, 'Alice'), undefined);
        // Removing an optional field.
        const { permissionsBoundaryArn: _dropped, ...withoutBoundary } = renamed;
        assert.equal(await store.users.update(withoutBoundary), true);
        assert.deepEqual(await store.users.getById(alice.userId), withoutBoundary);
        // A change of case only is allowed (it is the same name).
        assert.equal(await store.users.update({ ...withoutBoundary, userName: 'ALICIA' }), true);
        assert.equal((await store.users.getByName(A, 'alicia'))?.userName, 'ALICIA');
      });

      it('update of a missing user returns false; a rename onto another name is a DuplicateError', async () => {
        assert.equal(await store.users.update(user('Ghost')), false);
        const alice = user('Alice');
        const bob = user('Bob');
        await store.users.create(alice);
        await store.users.create(bob);
        await assert.rejects(store.users.update({ ...bob, userName: 'aLiCe' }), DuplicateError);
        assert.deepEqual(await store.users.getById(bob.userId), bob);
        assert.equal(await store.users.update({ ...alice, accountId: B }), false, 'account is part of the key');
      });

      it('deletes by account and id; deleting again returns false', async () => {
        const alice = user('Alice');
        await store.users.create(alice);
        assert.equal(await store.users.delete(B, alice.userId), false);
        assert.equal(await store.users.delete(A, alice.userId), true);
        assert.equal(await store.users.delete(A, alice.userId), false);
        assert.equal(await store.users.getById(alice.userId), undefined);
        assert.equal(await store.users.count(A), 0);
        await store.users.create(user('alice'));
        assert.equal(await store.users.count(A), 1, 'the name is free again');
      });

      it('deleting a user removes its memberships, inline policies, attachments, access keys and records', async () => {
        const alice = user('Alice');
        const bob = user('Bob');
        const devs = group('devs');
        await store.users.create(alice);
        await store.users.create(bob);
        await store.groups.create(devs);
        await store.groups.addMember(devs.groupId, alice.userId);
        await store.groups.addMember(devs.groupId, bob.userId);
        await store.inlinePolicies.put(inline('user', alice.userId, 'p'));
        await store.attachments.attach({ accountId: A, ownerKind: 'user', ownerId: alice.userId, policyArn: 'arn:aws:iam::aws:policy/X' });
        const aliceKey = key('Alice');
        const bobKey = key('Bob');
        await store.accessKeys.create(aliceKey);
        await store.accessKeys.create(bobKey);
        const record = (name: string, ownerId: string) => ({
          kind: 'ssh-public-key',
          accountId: A,
          name,
          path: '/',
          ownerId,
          createDate: T0,
          body: '{}',
        });
        await store.records.create(record('APKAALICE', alice.userId));
        await store.records.create(record('APKABOB', bob.userId));

        assert.equal(await store.users.delete(A, alice.userId), true);
        assert.equal(await store.records.get('ssh-public-key', A, 'APKAALICE'), undefined, 'no credential may outlive its user');
        assert.ok(await store.records.get('ssh-public-key', A, 'APKABOB'));
        assert.deepEqual(
          (await store.groups.listMembers(devs.groupId, { limit: 10 })).items.map((u) => u.userName),
          ['Bob'],
        );
        assert.equal(await store.inlinePolicies.get('user', alice.userId, 'p'), undefined);
        assert.deepEqual(await store.attachments.listForOwner('user', alice.userId), []);
        assert.equal(await store.accessKeys.get(aliceKey.accessKeyId), undefined, 'no key may outlive its user');
        assert.deepEqual(await store.accessKeys.get(bobKey.accessKeyId), bobKey);
      });

      it('lists by name ignoring case, then exact name, whatever the database collation', async () => {
        for (const n of TRICKY_NAMES) await store.users.create(user(n));
        await store.users.create(user('other', { accountId: B }));
        const page = await store.users.list(A, { limit: 100 });
        assert.deepEqual(
          page.items.map((u) => u.userName),
          expectedOrder(TRICKY_NAMES),
        );
        assert.equal(page.nextMarker, undefined);
      });

      it('paginates with opaque markers until the last page', async () => {
        for (const n of TRICKY_NAMES) await store.users.create(user(n));
        for (const limit of [1, 2, 3, TRICKY_NAMES.length - 1, TRICKY_NAMES.length]) {
          const names = (await collect((after) => store.users.list(A, { limit, after }), limit)).map((u) => u.userName);
          assert.deepEqual(names, expectedOrder(TRICKY_NAMES), `limit ${limit}`);
        }
        const exact = await store.users.list(A, { limit: TRICKY_NAMES.length });
        assert.equal(exact.nextMarker, undefined, 'no marker when nothing follows');
        assert.deepEqual((await store.users.list(B, { limit: 5 })).items, []);
      });

      it('keeps pages stable when rows change between pages', async () => {
        for (const n of ['a', 'c', 'e', 'g']) await store.users.create(user(n));
        const first = await store.users.list(A, { limit: 2 });
        assert.deepEqual(
          first.items.map((u) => u.userName),
          ['a', 'c'],
        );
        await store.users.create(user('b')); // before the marker: not repeated, not shown
        await store.users.create(user('D')); // after the marker: shown in order
        const c = (await store.users.getByName(A, 'c'))!;
        await store.users.delete(A, c.userId); // the marker's own row may disappear
        const rest = await collect((after) => store.users.list(A, { limit: 2, after: after ?? first.nextMarker }), 2);
        assert.deepEqual(
          rest.map((u) => u.userName),
          ['D', 'e', 'g'],
        );
      });

      it('filters by path prefix, literally and case-sensitively, with pagination', async () => {
        const paths: Array<[string, string]> = [
          ['root', '/'],
          ['e1', '/eng/'],
          ['e2', '/eng/team/'],
          ['E3', '/eng/'],
          ['x1', '/engineering/'],
          ['s1', '/sales/'],
          ['u1', '/a_b/'],
          ['u2', '/axb/'],
          ['p1', '/50%/'],
          ['p2', '/500/'],
          ['c1', '/ENG/'],
        ];
        for (const [n, path] of paths) await store.users.create(user(n, { path }));
        const names = async (pathPrefix: string, limit = 100): Promise<string[]> =>
          (await collect((after) => store.users.list(A, { limit, after, pathPrefix }), limit)).map((u) => u.userName);
        assert.deepEqual(await names('/eng/'), ['e1', 'e2', 'E3']);
        assert.deepEqual(await names('/eng/', 1), ['e1', 'e2', 'E3']);
        assert.deepEqual(await names('/eng'), ['e1', 'e2', 'E3', 'x1']);
        assert.deepEqual(await names('/ENG/'), ['c1']);
        assert.deepEqual(await names('/a_b/'), ['u1'], '_ is not a wildcard');
        assert.deepEqual(await names('/50%/'), ['p1'], '% is not a wildcard');
        assert.deepEqual(await names('/'), expectedOrder(paths.map(([n]) => n)));
        assert.deepEqual(await names('/nope/'), []);
      });

      it('rejects a marker it did not make', async () => {
        await store.users.create(user('a'));
        await assert.rejects(store.users.list(A, { limit: 1, after: 'not a marker!' }), Error);
      });
    });

    describe('access keys', () => {
      it('round-trips every field and lists per owner in creation order', async () => {
        const k2 = key('Alice', { createDate: T0 + 2, status: 'Inactive' });
        const k1 = key('Alice', {
          createDate: T0 + 1,
          lastUsedDate: T0 + 10,
          lastUsedService: 'iam',
          lastUsedRegion: 'us-east-1',
        });
        const rootKey = key(null, { createDate: T0 });
        const bobKey = key('Bob');
        const otherAccount = key('Alice', { accountId: B });
        for (const k of [k2, k1, rootKey, bobKey, otherAccount]) await store.accessKeys.create(k);
        assert.deepEqual(await store.accessKeys.get(k1.accessKeyId), k1);
        assert.deepEqual(await store.accessKeys.get(rootKey.accessKeyId), rootKey);
        assert.equal(await store.accessKeys.get('AKIANOPE'), undefined);
        assert.deepEqual(await store.accessKeys.listForOwner(A, 'Alice'), [k1, k2]);
        assert.deepEqual(await store.accessKeys.listForOwner(A, 'alice'), [k1, k2], 'owner name ignores case');
        assert.deepEqual(await store.accessKeys.listForOwner(A, null), [rootKey]);
        assert.deepEqual(await store.accessKeys.listForOwner(B, 'Alice'), [otherAccount]);
        assert.deepEqual(await store.accessKeys.listForOwner(A, 'Nobody'), []);
      });

      it('rejects a duplicate key id', async () => {
        const k = key('Alice');
        await store.accessKeys.create(k);
        await assert.rejects(store.accessKeys.create({ ...k, userName: 'Bob' }), DuplicateError);
      });

      it('updates and deletes; missing keys return false', async () => {
        const k = key('Alice');
        await store.accessKeys.create(k);
        const used: AccessKey = { ...k, status: 'Inactive', lastUsedDate: T0 + 99, lastUsedService: 'sts', lastUsedRegion: 'eu-west-1' };
        assert.equal(await store.accessKeys.update(used), true);
        assert.deepEqual(await store.accessKeys.get(k.accessKeyId), used);
        assert.equal(await store.accessKeys.update(key('Alice')), false);
        assert.equal(await store.accessKeys.delete(k.accessKeyId), true);
        assert.equal(await store.accessKeys.delete(k.accessKeyId), false);
        assert.equal(await store.accessKeys.get(k.accessKeyId), undefined);
      });

      it('renames the owner of every key of a user, in one account only', async () => {
        const k1 = key('Alice');
        const k2 = key('Alice', { createDate: T0 + 1 });
        const kb = key('Alice', { accountId: B });
        const root = key(null);
        for (const k of [k1, k2, kb, root]) await store.accessKeys.create(k);
        await store.accessKeys.renameOwner(A, 'ALICE', 'Alicia');
        assert.deepEqual(await store.accessKeys.listForOwner(A, 'Alicia'), [
          { ...k1, userName: 'Alicia' },
          { ...k2, userName: 'Alicia' },
        ]);
        assert.deepEqual(await store.accessKeys.listForOwner(A, 'Alice'), []);
        assert.deepEqual(await store.accessKeys.listForOwner(B, 'Alice'), [kb]);
        assert.deepEqual(await store.accessKeys.listForOwner(A, null), [root]);
      });
    });

    describe('groups', () => {
      it('creates, finds ignoring case, counts, updates and deletes', async () => {
        const devs = group('Devs', { path: '/eng/' });
        await store.groups.create(devs);
        assert.deepEqual(await store.groups.getByName(A, 'DEVS'), devs);
        assert.deepEqual(await store.groups.getById(devs.groupId), devs);
        assert.equal(await store.groups.getById('AGPANOPE'), undefined);
        await assert.rejects(store.groups.create(group('devs')), DuplicateError);
        await assert.rejects(store.groups.create(group('Other', { groupId: devs.groupId })), DuplicateError);
        await store.groups.create(group('devs', { accountId: B }));
        assert.equal(await store.groups.count(A), 1);

        const renamed = { ...devs, groupName: 'Developers', path: '/', arn: 'arn:aws:iam::123456789012:group/Developers' };
        assert.equal(await store.groups.update(renamed), true);
        assert.deepEqual(await store.groups.getByName(A, 'developers'), renamed);
        assert.equal(await store.groups.getByName(A, 'devs'), undefined);
        assert.equal(await store.groups.update(group('Ghost')), false);
        await store.groups.create(group('ops'));
        await assert.rejects(store.groups.update({ ...renamed, groupName: 'OPS' }), DuplicateError);

        assert.equal(await store.groups.delete(B, devs.groupId), false);
        assert.equal(await store.groups.delete(A, devs.groupId), true);
        assert.equal(await store.groups.delete(A, devs.groupId), false);
        assert.equal(await store.groups.count(A), 1);
      });

      it('lists groups in name order with markers and path prefix', async () => {
        for (const n of TRICKY_NAMES) await store.groups.create(group(n, { path: n < 'b' ? '/x/' : '/y/' }));
        const all = await collect((after) => store.groups.list(A, { limit: 4, after }), 4);
        assert.deepEqual(
          all.map((g) => g.groupName),
          expectedOrder(TRICKY_NAMES),
        );
        const xs = await collect((after) => store.groups.list(A, { limit: 2, after, pathPrefix: '/x/' }), 2);
        assert.deepEqual(
          xs.map((g) => g.groupName),
          expectedOrder(TRICKY_NAMES.filter((n) => n < 'b')),
        );
      });

      it('manages members idempotently and lists both directions in name order', async () => {
        const users = ['carol', 'Alice', 'bob', 'dave'].map((n) => user(n, { path: n === 'dave' ? '/ops/' : '/' }));
        for (const u of users) await store.users.create(u);
        const [carol, alice, bob, dave] = users as [User, User, User, User];
        const devs = group('devs');
        const ops = group('Ops', { path: '/ops/' });
        const all = group('all');
        for (const g of [devs, ops, all]) await store.groups.create(g);
        for (const u of users) await store.groups.addMember(all.groupId, u.userId);
        await store.groups.addMember(devs.groupId, carol.userId);
        await store.groups.addMember(devs.groupId, alice.userId);
        await store.groups.addMember(devs.groupId, alice.userId); // idempotent
        await store.groups.addMember(ops.groupId, alice.userId);

        const members = await collect((after) => store.groups.listMembers(all.groupId, { limit: 3, after }), 3);
        assert.deepEqual(
          members.map((u) => u.userName),
          ['Alice', 'bob', 'carol', 'dave'],
        );
        assert.deepEqual(members[0], alice, 'members are whole users');
        assert.deepEqual(
          (await store.groups.listMembers(devs.groupId, { limit: 10 })).items.map((u) => u.userName),
          ['Alice', 'carol'],
        );
        assert.deepEqual(
          (await store.groups.listMembers(all.groupId, { limit: 10, pathPrefix: '/ops/' })).items.map((u) => u.userName),
          ['dave'],
        );

        const aliceGroups = await collect((after) => store.groups.listGroupsForUser(alice.userId, { limit: 1, after }), 1);
        assert.deepEqual(
          aliceGroups.map((g) => g.groupName),
          ['all', 'devs', 'Ops'],
        );
        assert.deepEqual(aliceGroups[2], ops);
        assert.deepEqual((await store.groups.listGroupsForUser(bob.userId, { limit: 10 })).items, [all]);
        assert.deepEqual((await store.groups.listGroupsForUser(dave.userId, { limit: 10, pathPrefix: '/ops/' })).items, []);

        assert.equal(await store.groups.removeMember(devs.groupId, alice.userId), true);
        assert.equal(await store.groups.removeMember(devs.groupId, alice.userId), false);
        assert.deepEqual((await store.groups.listMembers(devs.groupId, { limit: 10 })).items, [carol]);
      });

      it('deleting a group removes its memberships, inline policies and attachments', async () => {
        const alice = user('Alice');
        const devs = group('devs');
        await store.users.create(alice);
        await store.groups.create(devs);
        await store.groups.addMember(devs.groupId, alice.userId);
        await store.inlinePolicies.put(inline('group', devs.groupId, 'p'));
        await store.attachments.attach({ accountId: A, ownerKind: 'group', ownerId: devs.groupId, policyArn: 'arn:aws:iam::aws:policy/X' });
        assert.equal(await store.groups.delete(A, devs.groupId), true);
        assert.deepEqual((await store.groups.listGroupsForUser(alice.userId, { limit: 10 })).items, []);
        assert.equal(await store.inlinePolicies.get('group', devs.groupId, 'p'), undefined);
        assert.deepEqual(await store.attachments.listForOwner('group', devs.groupId), []);
        assert.deepEqual(await store.users.getById(alice.userId), alice, 'members themselves stay');
      });
    });

    describe('roles', () => {
      it('round-trips every field, finds ignoring case, updates, counts and deletes', async () => {
        const full = role('Deployer', {
          path: '/svc/',
          description: 'deploys things — ünïcode',
          maxSessionDuration: 43200,
          permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/b',
          tags: [{ Key: 'a', Value: 'b' }],
          lastUsedDate: T0 + 5,
          lastUsedRegion: 'us-west-2',
        });
        const bare = role('reader');
        await store.roles.create(full);
        await store.roles.create(bare);
        assert.deepEqual(await store.roles.getById(full.roleId), full);
        assert.deepEqual(await store.roles.getByName(A, 'DEPLOYER'), full);
        assert.deepEqual(await store.roles.getByName(A, 'Reader'), bare);
        assert.equal(await store.roles.getById('AROANOPE'), undefined);
        await assert.rejects(store.roles.create(role('deployer')), DuplicateError);
        await assert.rejects(store.roles.create(role('x', { roleId: bare.roleId })), DuplicateError);
        assert.equal(await store.roles.count(A), 2);
        assert.equal(await store.roles.count(B), 0);

        const { description: _d, lastUsedDate: _l, lastUsedRegion: _r, ...rest } = full;
        const changed: Role = { ...rest, roleName: 'Shipper', assumeRolePolicyDocument: '{ "changed": true }', maxSessionDuration: 3600 };
        assert.equal(await store.roles.update(changed), true);
        assert.deepEqual(await store.roles.getById(full.roleId), changed);
        assert.equal(await store.roles.getByName(A, 'Deployer'), undefined);
        assert.equal(await store.roles.update(role('Ghost')), false);
        await assert.rejects(store.roles.update({ ...changed, roleName: 'READER' }), DuplicateError);

        assert.equal(await store.roles.delete(B, full.roleId), false);
        assert.equal(await store.roles.delete(A, full.roleId), true);
        assert.equal(await store.roles.delete(A, full.roleId), false);
        assert.equal(await store.roles.count(A), 1);
      });

      it('lists roles in name order with markers and path prefix', async () => {
        for (const n of TRICKY_NAMES) await store.roles.create(role(n, { path: n.length > 2 ? '/long/' : '/' }));
        const all = await collect((after) => store.roles.list(A, { limit: 5, after }), 5);
        assert.deepEqual(
          all.map((r) => r.roleName),
          expectedOrder(TRICKY_NAMES),
        );
        const long = await collect((after) => store.roles.list(A, { limit: 2, after, pathPrefix: '/long/' }), 2);
        assert.deepEqual(
          long.map((r) => r.roleName),
          expectedOrder(TRICKY_NAMES.filter((n) => n.length > 2)),
        );
      });

      it('deleting a role removes its inline policies and attachments', async () => {
        const r = role('r');
        await store.roles.create(r);
        await store.inlinePolicies.put(inline('role', r.roleId, 'p'));
        await store.attachments.attach({ accountId: A, ownerKind: 'role', ownerId: r.roleId, policyArn: 'arn:aws:iam::aws:policy/X' });
        assert.equal(await store.roles.delete(A, r.roleId), true);
        assert.equal(await store.inlinePolicies.get('role', r.roleId, 'p'), undefined);
        assert.equal(await store.attachments.countForPolicy(A, 'arn:aws:iam::aws:policy/X'), 0);
      });
    });

    describe('renames keep what hangs off the unique id', () => {
      it('user, group and role renames keep memberships, inline policies and attachments', async () => {
        const alice = user('Alice');
        const devs = group('devs');
        const r = role('r');
        await store.users.create(alice);
        await store.groups.create(devs);
        await store.roles.create(r);
        await store.groups.addMember(devs.groupId, alice.userId);
        const arn = 'arn:aws:iam::123456789012:policy/P';
        for (const [kind, id] of [
          ['user', alice.userId],
          ['group', devs.groupId],
          ['role', r.roleId],
        ] as const) {
          await store.inlinePolicies.put(inline(kind, id, `${kind}-inline`));
          await store.attachments.attach({ accountId: A, ownerKind: kind, ownerId: id, policyArn: arn });
        }

        await store.users.update({ ...alice, userName: 'Alicia' });
        await store.groups.update({ ...devs, groupName: 'developers' });
        await store.roles.update({ ...r, roleName: 'role2' });

        assert.deepEqual(
          (await store.groups.listMembers(devs.groupId, { limit: 10 })).items.map((u) => u.userName),
          ['Alicia'],
        );
        assert.deepEqual(
          (await store.groups.listGroupsForUser(alice.userId, { limit: 10 })).items.map((g) => g.groupName),
          ['developers'],
        );
        for (const [kind, id] of [
          ['user', alice.userId],
          ['group', devs.groupId],
          ['role', r.roleId],
        ] as const) {
          assert.equal((await store.inlinePolicies.get(kind, id, `${kind}-inline`))?.document, DOC);
          assert.deepEqual(await store.attachments.listForOwner(kind, id), [arn]);
        }
        assert.equal(await store.attachments.countForPolicy(A, arn), 3);
      });
    });

    describe('inline policies', () => {
      it('puts, gets ignoring case, replaces, lists and deletes', async () => {
        const u = user('u');
        await store.users.create(u);
        const verbatim = '{\n  "Version": "2012-10-17",\t"Statement": []  , "Sid": "é\\u00e9 ✓" }\n';
        await store.inlinePolicies.put(inline('user', u.userId, 'ReadOnly', verbatim));
        assert.deepEqual(await store.inlinePolicies.get('user', u.userId, 'readonly'), inline('user', u.userId, 'ReadOnly', verbatim));
        assert.equal(await store.inlinePolicies.get('role', u.userId, 'ReadOnly'), undefined, 'owner kind is part of the key');
        assert.equal(await store.inlinePolicies.get('user', 'AIDAOTHER', 'ReadOnly'), undefined);

        await store.inlinePolicies.put(inline('user', u.userId, 'READONLY', DOC));
        assert.deepEqual(await store.inlinePolicies.get('user', u.userId, 'ReadOnly'), inline('user', u.userId, 'READONLY', DOC));

        for (const n of TRICKY_NAMES) await store.inlinePolicies.put(inline('user', u.userId, n));
        await store.inlinePolicies.put(inline('group', u.userId, 'not-mine'));
        const expected = expectedOrder([...TRICKY_NAMES, 'READONLY']);
        const listed = await collect((after) => store.inlinePolicies.list('user', u.userId, { limit: 4, after }), 4);
        assert.deepEqual(
          listed.map((p) => p.policyName),
          expected,
        );
        assert.deepEqual(listed[0], inline('user', u.userId, expected[0]!));

        assert.equal(await store.inlinePolicies.delete('user', u.userId, 'readonly'), true);
        assert.equal(await store.inlinePolicies.delete('user', u.userId, 'readonly'), false);
        assert.equal(await store.inlinePolicies.get('user', u.userId, 'ReadOnly'), undefined);
        assert.ok(await store.inlinePolicies.get('group', u.userId, 'not-mine'));
      });
    });

    describe('managed policies', () => {
      it('creates with a first version; gets by ARN and id; counts', async () => {
        const p = policy('S3Full', { path: '/team/', description: 'all of S3', tags: [{ Key: 'x', Value: 'y' }] });
        await store.managedPolicies.create(p, version(p.arn, 'v1'));
        assert.deepEqual(await store.managedPolicies.get(p.arn), p);
        assert.deepEqual(await store.managedPolicies.getById(p.policyId), p);
        assert.equal(await store.managedPolicies.get(`${p.arn}x`), undefined);
        assert.deepEqual(await store.managedPolicies.getVersion(p.arn, 'v1'), version(p.arn, 'v1'));
        assert.equal(await store.managedPolicies.count(A), 1);
        assert.equal(await store.managedPolicies.count(B), 0);
      });

      it('rejects duplicates by name ignoring case, by ARN and by id, leaving no stray version', async () => {
        const p = policy('S3Full');
        await store.managedPolicies.create(p, version(p.arn, 'v1'));
        const sameName = policy('s3full', { path: '/other/' });
        await assert.rejects(store.managedPolicies.create(sameName, version(sameName.arn, 'v1')), DuplicateError);
        assert.equal(await store.managedPolicies.getVersion(sameName.arn, 'v1'), undefined);
        await assert.rejects(store.managedPolicies.create({ ...policy('Other'), arn: p.arn }, version(p.arn, 'v9')), DuplicateError);
        assert.equal(await store.managedPolicies.getVersion(p.arn, 'v9'), undefined);
        await assert.rejects(
          store.managedPolicies.create(policy('Third', { policyId: p.policyId }), version('arn:x', 'v1')),
          DuplicateError,
        );
        await store.managedPolicies.create(policy('S3Full', { accountId: B }), version(policy('S3Full', { accountId: B }).arn, 'v1'));
        assert.equal(await store.managedPolicies.count(A), 1);
      });

      it('create is atomic: a failing first version leaves no policy', async () => {
        const p = policy('First');
        await store.managedPolicies.create(p, version(p.arn, 'v1'));
        const q = policy('Second');
        // The version collides with an existing one, so the policy row must go too.
        await assert.rejects(store.managedPolicies.create(q, version(p.arn, 'v1')), DuplicateError);
        assert.equal(await store.managedPolicies.get(q.arn), undefined);
        assert.equal(await store.managedPolicies.count(A), 1);
      });

      it('adds, gets, lists newest first, and deletes versions', async () => {
        const p = policy('P');
        await store.managedPolicies.create(p, version(p.arn, 'v1', T0));
        await store.managedPolicies.addVersion(version(p.arn, 'v2', T0 + 10, '{"v":2}'));
        for (let n = 3; n <= 10; n += 1) await store.managedPolicies.addVersion(version(p.arn, `v${n}`, T0 + 20));
        await assert.rejects(store.managedPolicies.addVersion(version(p.arn, 'v2', T0 + 30)), DuplicateError);
        assert.deepEqual(await store.managedPolicies.getVersion(p.arn, 'v2'), version(p.arn, 'v2', T0 + 10, '{"v":2}'));
        assert.equal(await store.managedPolicies.getVersion(p.arn, 'v99'), undefined);
        assert.deepEqual(
          (await store.managedPolicies.listVersions(p.arn)).map((v) => v.versionId),
          ['v10', 'v9', 'v8', 'v7', 'v6', 'v5', 'v4', 'v3', 'v2', 'v1'],
        );
        assert.equal(await store.managedPolicies.deleteVersion(p.arn, 'v2'), true);
        assert.equal(await store.managedPolicies.deleteVersion(p.arn, 'v2'), false);
        assert.equal((await store.managedPolicies.listVersions(p.arn)).length, 9);
        assert.deepEqual(await store.managedPolicies.listVersions('arn:aws:iam::123456789012:policy/none'), []);
      });

      it('updates the policy; a missing policy returns false', async () => {
        const p = policy('P', { description: 'old' });
        await store.managedPolicies.create(p, version(p.arn, 'v1'));
        const { description: _gone, ...rest } = p;
        const changed: ManagedPolicy = { ...rest, defaultVersionId: 'v2', updateDate: T0 + 99, tags: [{ Key: 'k', Value: 'v' }] };
        assert.equal(await store.managedPolicies.update(changed), true);
        assert.deepEqual(await store.managedPolicies.get(p.arn), changed);
        assert.equal(await store.managedPolicies.update(policy('Ghost')), false);
      });

      it('delete removes the policy with all of its versions', async () => {
        const p = policy('P');
        const keep = policy('Keep');
        await store.managedPolicies.create(p, version(p.arn, 'v1'));
        await store.managedPolicies.addVersion(version(p.arn, 'v2', T0 + 1));
        await store.managedPolicies.create(keep, version(keep.arn, 'v1'));
        assert.equal(await store.managedPolicies.delete(p.arn), true);
        assert.equal(await store.managedPolicies.delete(p.arn), false);
        assert.equal(await store.managedPolicies.get(p.arn), undefined);
        assert.equal(await store.managedPolicies.getById(p.policyId), undefined);
        assert.deepEqual(await store.managedPolicies.listVersions(p.arn), []);
        assert.equal((await store.managedPolicies.listVersions(keep.arn)).length, 1);
        // The name is free again, and a new policy does not inherit old versions.
        const again = policy('P');
        await store.managedPolicies.create(again, version(again.arn, 'v1', T0 + 50));
        assert.deepEqual(await store.managedPolicies.listVersions(again.arn), [version(again.arn, 'v1', T0 + 50)]);
      });

      it('lists in name order with markers and path prefix', async () => {
        for (const n of TRICKY_NAMES) {
          const p = policy(n, { path: n.startsWith('a') ? '/a/' : '/' });
          await store.managedPolicies.create(p, version(p.arn, 'v1'));
        }
        const all = await collect((after) => store.managedPolicies.list(A, { limit: 3, after }), 3);
        assert.deepEqual(
          all.map((p) => p.policyName),
          expectedOrder(TRICKY_NAMES),
        );
        const as = await collect((after) => store.managedPolicies.list(A, { limit: 2, after, pathPrefix: '/a/' }), 2);
        assert.deepEqual(
          as.map((p) => p.policyName),
          expectedOrder(TRICKY_NAMES.filter((n) => n.startsWith('a'))),
        );
        assert.deepEqual((await store.managedPolicies.list(B, { limit: 3 })).items, []);
      });
    });

    describe('attachments', () => {
      const P1 = 'arn:aws:iam::123456789012:policy/b-policy';
      const P2 = 'arn:aws:iam::123456789012:policy/a-policy';
      const AWS = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

      it('attaches idempotently, checks, lists by owner (ARN order) and by policy (per account)', async () => {
        await store.attachments.attach({ accountId: A, ownerKind: 'user', ownerId: 'AIDA1', policyArn: P1 });
        await store.attachments.attach({ accountId: A, ownerKind: 'user', ownerId: 'AIDA1', policyArn: P1 });
        await store.attachments.attach({ accountId: A, ownerKind: 'user', ownerId: 'AIDA1', policyArn: P2 });
        await store.attachments.attach({ accountId: A, ownerKind: 'user', ownerId: 'AIDA1', policyArn: AWS });
        await store.attachments.attach({ accountId: A, ownerKind: 'role', ownerId: 'AROA1', policyArn: AWS });
        await store.attachments.attach({ accountId: A, ownerKind: 'group', ownerId: 'AGPA1', policyArn: AWS });
        await store.attachments.attach({ accountId: B, ownerKind: 'role', ownerId: 'AROA2', policyArn: AWS });

        assert.equal(await store.attachments.isAttached('user', 'AIDA1', P1), true);
        assert.equal(await store.attachments.isAttached('role', 'AIDA1', P1), false);
        assert.equal(await store.attachments.isAttached('user', 'AIDA2', P1), false);
        assert.deepEqual(await store.attachments.listForOwner('user', 'AIDA1'), [P2, P1, AWS].sort());
        assert.deepEqual(await store.attachments.listForOwner('user', 'AIDA9'), []);

        const forAws = await store.attachments.listForPolicy(A, AWS);
        assert.deepEqual(forAws.map((a) => `${a.ownerKind}:${a.ownerId}`).sort(), ['group:AGPA1', 'role:AROA1', 'user:AIDA1']);
        assert.deepEqual(
          forAws.find((a) => a.ownerKind === 'role'),
          { accountId: A, ownerKind: 'role', ownerId: 'AROA1', policyArn: AWS },
        );
        assert.equal(await store.attachments.countForPolicy(A, AWS), 3);
        assert.equal(await store.attachments.countForPolicy(B, AWS), 1);
        assert.equal(await store.attachments.countForPolicy(A, P1), 1);
        assert.equal(await store.attachments.countForPolicy(A, 'arn:none'), 0);
      });

      it('detaches one, or all of an owner', async () => {
        for (const arn of [P1, P2, AWS])
          await store.attachments.attach({ accountId: A, ownerKind: 'role', ownerId: 'AROA1', policyArn: arn });
        await store.attachments.attach({ accountId: A, ownerKind: 'user', ownerId: 'AROA1', policyArn: P1 });
        assert.equal(await store.attachments.detach('role', 'AROA1', P1), true);
        assert.equal(await store.attachments.detach('role', 'AROA1', P1), false);
        assert.deepEqual(await store.attachments.listForOwner('role', 'AROA1'), [P2, AWS].sort());
        await store.attachments.detachAll('role', 'AROA1');
        assert.deepEqual(await store.attachments.listForOwner('role', 'AROA1'), []);
        assert.deepEqual(await store.attachments.listForOwner('user', 'AROA1'), [P1], 'owner kind is part of the key');
      });

      it('deleting a managed policy removes its attachments', async () => {
        const p = policy('Attached');
        await store.managedPolicies.create(p, version(p.arn, 'v1'));
        await store.attachments.attach({ accountId: A, ownerKind: 'user', ownerId: 'AIDA1', policyArn: p.arn });
        await store.managedPolicies.delete(p.arn);
        assert.equal(await store.attachments.countForPolicy(A, p.arn), 0);
      });
    });

    describe('IAM records', () => {
      const rec = (kind: string, name: string, extra: Partial<IamRecord> = {}): IamRecord => ({
        kind,
        accountId: A,
        name,
        path: '/',
        createDate: T0,
        body: JSON.stringify({ name }),
        ...extra,
      });

      it('creates, reads, updates and deletes by kind, account and name ignoring case', async () => {
        const full = rec('thing', 'Alpha', { path: '/p/', ownerId: 'AROAOWNER', body: '{"x":1}' });
        await store.records.create(full);
        await store.records.create(rec('other-kind', 'alpha'));
        await store.records.create(rec('thing', 'alpha', { accountId: B }));
        assert.deepEqual(await store.records.get('thing', A, 'ALPHA'), full);
        assert.equal(await store.records.get('thing', A, 'beta'), undefined);
        await assert.rejects(store.records.create(rec('thing', 'aLpHa')), DuplicateError);
        const changed = { ...full, path: '/q/', ownerId: undefined, body: '{"x":2}' };
        delete changed.ownerId;
        assert.equal(await store.records.update(changed), true);
        assert.deepEqual(await store.records.get('thing', A, 'alpha'), changed);
        assert.equal(await store.records.update(rec('thing', 'ghost')), false);
        assert.equal(await store.records.count('thing', A), 1);
        assert.equal(await store.records.delete('thing', B, 'ALPHA'), true);
        assert.equal(await store.records.delete('thing', B, 'alpha'), false);
        assert.ok(await store.records.get('other-kind', A, 'Alpha'), 'another kind keeps its own names');
      });

      it('lists in name order with markers, by path prefix and by owner; counts by owner', async () => {
        for (const [i, n] of TRICKY_NAMES.entries()) {
          await store.records.create(rec('k', n, { path: i % 3 === 0 ? '/deep/' : '/', ...(i % 2 === 0 ? { ownerId: 'OWNER' } : {}) }));
        }
        await store.records.create(rec('k', 'elsewhere', { accountId: B, ownerId: 'OWNER' }));
        await store.records.create(rec('j', 'same-owner-other-kind', { ownerId: 'OWNER' }));
        const all = await collect((after) => store.records.list('k', A, { limit: 4, after }), 4);
        assert.deepEqual(
          all.map((r) => r.name),
          expectedOrder(TRICKY_NAMES),
        );
        const deep = await collect((after) => store.records.list('k', A, { limit: 2, after, pathPrefix: '/deep' }), 2);
        assert.deepEqual(
          deep.map((r) => r.name),
          expectedOrder(TRICKY_NAMES.filter((_n, i) => i % 3 === 0)),
        );
        const owned = TRICKY_NAMES.filter((_n, i) => i % 2 === 0);
        const byOwner = await collect((after) => store.records.list('k', A, { limit: 3, after, ownerId: 'OWNER' }), 3);
        assert.deepEqual(
          byOwner.map((r) => r.name),
          expectedOrder(owned),
        );
        assert.deepEqual(
          (await store.records.listForOwner('k', 'OWNER')).map((r) => r.name),
          expectedOrder([...owned, 'elsewhere']),
          'every account',
        );
        assert.equal(await store.records.count('k', A, 'OWNER'), owned.length);
        assert.equal(await store.records.count('k', A), TRICKY_NAMES.length);
        assert.equal(await store.records.count('k', B, 'nobody'), 0);
      });

      it('rolls back with the transaction, and reset() empties it', async () => {
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.records.create(rec('k', 'gone'));
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal(await store.records.get('k', A, 'gone'), undefined);
        await store.records.create(rec('k', 'kept'));
        await store.reset();
        assert.equal(await store.records.count('k', A), 0);
      });
    });

    describe('MFA devices', () => {
      it('round-trips every field, optional ones included; names are unique per account ignoring case', async () => {
        const full = mfa('Phone', {
          path: '/team/',
          tags: [{ Key: 'owner', Value: 'ünïcode ✓' }],
          userId: 'AIDA1',
          enableDate: T0 + 5,
          lastUsedStep: 58_000_123,
        });
        const bare = mfa('spare');
        await store.mfaDevices.create(full);
        await store.mfaDevices.create(bare);
        await store.mfaDevices.create(mfa('Phone', { accountId: B }));
        assert.deepEqual(await store.mfaDevices.get(full.serialNumber), full);
        assert.deepEqual(await store.mfaDevices.get(bare.serialNumber), bare);
        assert.equal(await store.mfaDevices.get(`arn:aws:iam::${A}:mfa/nope`), undefined);
        await assert.rejects(store.mfaDevices.create(mfa('PHONE')), DuplicateError);
        await assert.rejects(store.mfaDevices.create({ ...mfa('other'), serialNumber: bare.serialNumber }), DuplicateError);
        assert.equal(await store.mfaDevices.count(A), 2);
        assert.equal(await store.mfaDevices.count(A, 'Assigned'), 1);
        assert.equal(await store.mfaDevices.count(A, 'Unassigned'), 1);
        assert.equal(await store.mfaDevices.count(A, 'Any'), 2);
        assert.equal(await store.mfaDevices.count(B), 1);
      });

      it("updates the assignment and last used step, lists a user's devices, deletes per account", async () => {
        const one = mfa('one');
        const two = mfa('two');
        for (const d of [one, two]) await store.mfaDevices.create(d);
        const enabledTwo: MfaDevice = { ...two, userId: 'AIDAUSER', enableDate: T0 + 1, lastUsedStep: 7 };
        const enabledOne: MfaDevice = { ...one, userId: 'AIDAUSER', enableDate: T0 + 2, tags: [{ Key: 'k', Value: '' }] };
        assert.equal(await store.mfaDevices.update(enabledTwo), true);
        assert.equal(await store.mfaDevices.update(enabledOne), true);
        assert.deepEqual(await store.mfaDevices.listForUser('AIDAUSER'), [enabledTwo, enabledOne], 'by enable date');
        assert.deepEqual(await store.mfaDevices.listForUser('AIDAOTHER'), []);
        const { userId: _u, enableDate: _e, ...deactivated } = enabledTwo;
        assert.equal(await store.mfaDevices.update(deactivated), true);
        assert.deepEqual(await store.mfaDevices.get(two.serialNumber), deactivated);
        assert.deepEqual(await store.mfaDevices.listForUser('AIDAUSER'), [enabledOne]);
        assert.equal(await store.mfaDevices.update(mfa('ghost')), false);
        assert.equal(await store.mfaDevices.update({ ...one, accountId: B }), false, 'another account cannot touch it');
        assert.equal(await store.mfaDevices.delete(B, one.serialNumber), false);
        assert.equal(await store.mfaDevices.delete(A, one.serialNumber), true);
        assert.equal(await store.mfaDevices.delete(A, one.serialNumber), false);
        assert.equal(await store.mfaDevices.get(one.serialNumber), undefined);
      });

      it('lists in name order with markers, filtered by assignment', async () => {
        for (const [i, n] of TRICKY_NAMES.entries()) {
          await store.mfaDevices.create(
            mfa(n, { path: i % 3 === 0 ? '/deep/' : '/', ...(i % 2 === 0 ? { userId: `AIDA${i}`, enableDate: T0 } : {}) }),
          );
        }
        await store.mfaDevices.create(mfa('elsewhere', { accountId: B }));
        const all = await collect((after) => store.mfaDevices.list(A, { limit: 4, after }), 4);
        assert.deepEqual(
          all.map((d) => d.deviceName),
          expectedOrder(TRICKY_NAMES),
        );
        const any = await collect((after) => store.mfaDevices.list(A, { limit: 3, after, assignment: 'Any' }), 3);
        assert.deepEqual(
          any.map((d) => d.deviceName),
          expectedOrder(TRICKY_NAMES),
        );
        const assigned = await collect((after) => store.mfaDevices.list(A, { limit: 2, after, assignment: 'Assigned' }), 2);
        assert.deepEqual(
          assigned.map((d) => d.deviceName),
          expectedOrder(TRICKY_NAMES.filter((_, i) => i % 2 === 0)),
        );
        const unassigned = await collect((after) => store.mfaDevices.list(A, { limit: 2, after, assignment: 'Unassigned' }), 2);
        assert.deepEqual(
          unassigned.map((d) => d.deviceName),
          expectedOrder(TRICKY_NAMES.filter((_, i) => i % 2 === 1)),
        );
        await assert.rejects(store.mfaDevices.list(A, { limit: 1, after: 'not a marker!' }), Error);
      });
    });

    describe('audit events', () => {
      it('round-trips every field, optional ones included, per account, newest first', async () => {
        const full = auditEvent('e-full', T0 + 5, {
          eventName: 'AssumeRole',
          readOnly: false,
          username: 'Alice',
          accessKeyId: 'AKIAEXAMPLE',
          resources: [
            { type: 'AWS::IAM::Role', name: `arn:aws:iam::${A}:role/r` },
            { type: 'AWS::IAM::AccessKey', name: 'ASIAEXAMPLE' },
          ],
          body: JSON.stringify({ eventName: 'AssumeRole', text: 'ünïcode ✓ "quoted" ?' }),
        });
        const bare = auditEvent('e-bare', T0);
        const other = auditEvent('e-other', T0 + 9, { accountId: B });
        await store.auditEvents.append([bare, full, other]);
        await store.auditEvents.append([]);
        assert.deepEqual((await store.auditEvents.query({ accountId: A, limit: 10 })).items, [full, bare]);
        assert.deepEqual((await store.auditEvents.query({ accountId: B, limit: 10 })).items, [other]);
        assert.deepEqual((await store.auditEvents.query({ accountId: '000000000000', limit: 10 })).items, []);
      });

      it('filters by inclusive time bounds and by each lookup attribute', async () => {
        const events = [
          auditEvent('a', T0, {
            eventName: 'CreateUser',
            eventSource: 'iam.amazonaws.com',
            readOnly: false,
            username: 'bob',
            accessKeyId: 'AKIA1',
            resources: [{ type: 'AWS::IAM::User', name: 'carol' }],
          }),
          auditEvent('b', T0 + 1000, {
            eventName: 'AssumeRole',
            username: 'alice',
            accessKeyId: 'AKIA2',
            resources: [
              { type: 'AWS::IAM::Role', name: 'arn:r' },
              { type: 'AWS::IAM::AccessKey', name: 'ASIA9' },
            ],
          }),
          auditEvent('c', T0 + 2000, { username: 'alice', accessKeyId: 'ASIA9' }),
          auditEvent('d', T0 + 3000, {
            accountId: B,
            eventName: 'CreateUser',
            username: 'bob',
            resources: [{ type: 'AWS::IAM::User', name: 'carol' }],
          }),
        ];
        await store.auditEvents.append(events);
        const ids = async (q: Omit<Parameters<Store['auditEvents']['query']>[0], 'accountId' | 'limit'>) =>
          (await store.auditEvents.query({ accountId: A, limit: 50, ...q })).items.map((e) => e.eventId);
        assert.deepEqual(await ids({}), ['c', 'b', 'a']);
        assert.deepEqual(await ids({ from: T0 + 1000 }), ['c', 'b'], 'from is inclusive');
        assert.deepEqual(await ids({ to: T0 + 1000 }), ['b', 'a'], 'to is inclusive');
        assert.deepEqual(await ids({ from: T0 + 1, to: T0 + 1999 }), ['b']);
        assert.deepEqual(await ids({ attribute: { key: 'EventName', value: 'CreateUser' } }), ['a']);
        assert.deepEqual(await ids({ attribute: { key: 'EventName', value: 'createuser' } }), [], 'values match exactly');
        assert.deepEqual(await ids({ attribute: { key: 'EventId', value: 'b' } }), ['b']);
        assert.deepEqual(await ids({ attribute: { key: 'EventId', value: 'd' } }), [], "another account's event");
        assert.deepEqual(await ids({ attribute: { key: 'Username', value: 'alice' } }), ['c', 'b']);
        assert.deepEqual(await ids({ attribute: { key: 'AccessKeyId', value: 'ASIA9' } }), ['c']);
        assert.deepEqual(await ids({ attribute: { key: 'EventSource', value: 'iam.amazonaws.com' } }), ['a']);
        assert.deepEqual(await ids({ attribute: { key: 'ReadOnly', value: 'true' } }), ['c', 'b']);
        assert.deepEqual(await ids({ attribute: { key: 'ReadOnly', value: 'false' } }), ['a']);
        assert.deepEqual(await ids({ attribute: { key: 'ResourceType', value: 'AWS::IAM::User' } }), ['a']);
        assert.deepEqual(await ids({ attribute: { key: 'ResourceName', value: 'ASIA9' } }), ['b']);
        assert.deepEqual(await ids({ attribute: { key: 'ResourceName', value: 'carol' }, to: T0 - 1 }), []);
      });

      it('pages newest first with markers, ties broken by event id, stable while events arrive', async () => {
        const events: AuditEventRecord[] = [];
        for (let i = 0; i < 23; i += 1)
          events.push(
            auditEvent(`ev-${String(i).padStart(2, '0')}-${i % 3}`, T0 + Math.floor(i / 4) * 1000, { username: i % 2 ? 'odd' : 'even' }),
          );
        await store.auditEvents.append(events.slice(0, 12));
        await store.auditEvents.append(events.slice(12));
        const all = await collect((after) => store.auditEvents.query({ accountId: A, limit: 5, after }), 5);
        assert.deepEqual(
          all.map((e) => e.eventId),
          newestFirst(events),
        );
        const odd = await collect(
          (after) => store.auditEvents.query({ accountId: A, limit: 2, after, attribute: { key: 'Username', value: 'odd' } }),
          2,
        );
        assert.deepEqual(
          odd.map((e) => e.eventId),
          newestFirst(events.filter((e) => e.username === 'odd')),
        );

        const first = await store.auditEvents.query({ accountId: A, limit: 10 });
        await store.auditEvents.append([auditEvent('newer', T0 + 99_000)]);
        const second = await store.auditEvents.query({ accountId: A, limit: 10, after: first.nextMarker });
        assert.deepEqual(
          second.items.map((e) => e.eventId),
          newestFirst(events).slice(10, 20),
          'a newer event does not shift later pages',
        );
        await assert.rejects(store.auditEvents.query({ accountId: A, limit: 1, after: 'not a marker!' }), Error);
      });

      it('appends a batch atomically: a duplicate event id stores none of it', async () => {
        await store.auditEvents.append([auditEvent('dup', T0)]);
        await assert.rejects(
          store.auditEvents.append([auditEvent('fresh', T0, { resources: [{ type: 't', name: 'n' }] }), auditEvent('dup', T0 + 1)]),
          DuplicateError,
        );
        assert.deepEqual(
          (await store.auditEvents.query({ accountId: A, limit: 10 })).items.map((e) => e.eventId),
          ['dup'],
        );
        assert.deepEqual(
          (await store.auditEvents.query({ accountId: A, limit: 10, attribute: { key: 'ResourceName', value: 'n' } })).items,
          [],
        );
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.auditEvents.append([auditEvent('rolled-back', T0, { resources: [{ type: 't', name: 'n' }] })]);
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.deepEqual(
          (await store.auditEvents.query({ accountId: A, limit: 10 })).items.map((e) => e.eventId),
          ['dup'],
        );
      });

      it('stores large batches in one call', async () => {
        const many = Array.from({ length: 777 }, (_, i) =>
          auditEvent(`bulk-${String(i).padStart(4, '0')}`, T0 + i, { resources: [{ type: 'AWS::IAM::User', name: `u${i % 7}` }] }),
        );
        await store.auditEvents.append(many);
        const page = await store.auditEvents.query({ accountId: A, limit: 50, attribute: { key: 'ResourceName', value: 'u3' } });
        assert.deepEqual(
          page.items.map((e) => e.eventId),
          newestFirst(many.filter((_, i) => i % 7 === 3)).slice(0, 50),
        );
        assert.ok(page.nextMarker);
      });

      it('finds each attribute value across many batches, newest first, page by page and within a time window', async () => {
        // Batches of varied size with times out of order inside a batch and across batches (a
        // slow request is recorded after quicker later ones); values rare, common and recurring.
        let seed = 7;
        const random = (n: number) => {
          seed = (seed * 1103515245 + 12345) % 2147483648;
          return seed % n;
        };
        const events: AuditEventRecord[] = [];
        for (let batch = 0; batch < 40; batch += 1) {
          const size = 1 + random(batch % 5 === 0 ? 60 : 6);
          const chunk: AuditEventRecord[] = [];
          for (let i = 0; i < size; i += 1) {
            const n = events.length + chunk.length;
            chunk.push(
              auditEvent(`w-${String(n).padStart(4, '0')}`, T0 + batch * 1000 + random(2500), {
                eventName: ['GetRole', 'AssumeRole', 'ListUsers'][random(3)]!,
                username: random(10) === 0 ? 'rare' : random(2) === 0 ? 'alice' : undefined,
                readOnly: random(2) === 0,
                resources: random(4) === 0 ? [{ type: 'AWS::IAM::Role', name: `role-${random(3)}` }] : [],
              }),
            );
          }
          await store.auditEvents.append(chunk);
          events.push(...chunk);
        }
        const lookups: { key: AuditLookupKey; value: string; matches: (e: AuditEventRecord) => boolean }[] = [
          { key: 'EventName', value: 'AssumeRole', matches: (e) => e.eventName === 'AssumeRole' },
          { key: 'Username', value: 'rare', matches: (e) => e.username === 'rare' },
          { key: 'Username', value: 'alice', matches: (e) => e.username === 'alice' },
          { key: 'ReadOnly', value: 'false', matches: (e) => !e.readOnly },
          { key: 'ResourceName', value: 'role-1', matches: (e) => e.resources.some((r) => r.name === 'role-1') },
          { key: 'ResourceType', value: 'AWS::IAM::Role', matches: (e) => e.resources.length > 0 },
          { key: 'Username', value: 'nobody', matches: () => false },
        ];
        const from = T0 + 9_000;
        const to = T0 + 25_000;
        for (const { key, value, matches } of lookups) {
          for (const limit of [1, 4, 50]) {
            const got = await collect((after) => store.auditEvents.query({ accountId: A, limit, after, attribute: { key, value } }), limit);
            assert.deepEqual(
              got.map((e) => e.eventId),
              newestFirst(events.filter(matches)),
              `${key}=${value}, pages of ${limit}`,
            );
          }
          const windowed = await collect(
            (after) => store.auditEvents.query({ accountId: A, limit: 3, after, from, to, attribute: { key, value } }),
            3,
          );
          assert.deepEqual(
            windowed.map((e) => e.eventId),
            newestFirst(events.filter((e) => matches(e) && e.eventTime >= from && e.eventTime <= to)),
            `${key}=${value} within a window`,
          );
        }
        const one = events[17]!;
        assert.deepEqual(
          (await store.auditEvents.query({ accountId: A, limit: 5, attribute: { key: 'EventId', value: one.eventId } })).items,
          [one],
        );
      });
    });

    describe('S3 buckets, objects and uploads', () => {
      const bucket = (name: string, extra: Partial<S3Bucket> = {}): S3Bucket => ({
        name,
        accountId: A,
        region: 'us-east-1',
        createDate: T0,
        ...extra,
      });
      const object = (key: string, extra: Partial<S3Object> = {}): S3Object => ({
        bucket: 'b1',
        key,
        blobId: `blob-${++seq}`,
        size: 3,
        etag: 'acbd18db4cc2f85cedef654fccc4a4d8',
        lastModified: T0,
        headers: {},
        metadata: {},
        tags: [],
        ...extra,
      });
      // UTF-8 byte order differs from UTF-16 order (the last two) and from any locale's collation.
      const KEYS = ['a', 'a/b', 'a/b/c', 'a/c', 'a0', 'A', 'a b', 'a+b', 'a%2F', '_x', 'z', 'é', '日本', '\uFF61', '\u{1F600}'];
      const byteOrder = (keys: string[]) => [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));

      it('buckets: one namespace across accounts, every field round-trips, listed per account by name with markers and prefix', async () => {
        const full = bucket('full', { policy: '{"Version":"2012-10-17"}', tags: [{ Key: 'k', Value: 'ünï ✓' }] });
        await store.s3Buckets.create(full);
        await store.s3Buckets.create(bucket('bare', { region: 'eu-west-1' }));
        await store.s3Buckets.create(bucket('other', { accountId: B }));
        await assert.rejects(store.s3Buckets.create(bucket('other')), DuplicateError, 'names are global');
        assert.deepEqual(await store.s3Buckets.get('full'), full);
        assert.deepEqual(await store.s3Buckets.get('bare'), bucket('bare', { region: 'eu-west-1' }));
        assert.equal(await store.s3Buckets.get('nope'), undefined);
        for (const n of ['b-2', 'b.1', 'b1', 'c', 'ba']) await store.s3Buckets.create(bucket(n));
        const names = (await collect((after) => store.s3Buckets.list(A, { limit: 2, after }), 2)).map((b) => b.name);
        assert.deepEqual(names, ['b-2', 'b.1', 'b1', 'ba', 'bare', 'c', 'full']);
        const bs = (await collect((after) => store.s3Buckets.list(A, { limit: 2, after, prefix: 'b' }), 2)).map((b) => b.name);
        assert.deepEqual(bs, ['b-2', 'b.1', 'b1', 'ba', 'bare']);
        assert.deepEqual(
          (await store.s3Buckets.list(B, { limit: 10 })).items.map((b) => b.name),
          ['other'],
        );
        const { policy: _p, tags: _t, ...cleared } = full;
        assert.equal(await store.s3Buckets.update(cleared), true);
        assert.deepEqual(await store.s3Buckets.get('full'), cleared);
        assert.equal(await store.s3Buckets.update({ ...full, accountId: B }), false, 'another account cannot update it');
        assert.equal(await store.s3Buckets.update({ ...full, tags: [] }), true);
        assert.deepEqual((await store.s3Buckets.get('full'))?.tags, [], 'an empty tag set is not "no tag set"');
        assert.equal(await store.s3Buckets.delete('full'), true);
        assert.equal(await store.s3Buckets.delete('full'), false);
        await store.s3Buckets.create(bucket('full', { accountId: B }));
      });

      it('objects: put replaces and returns what it replaced, create refuses a duplicate, delete returns what it removed', async () => {
        const first = object('k', {
          headers: { 'content-type': 'text/plain' },
          metadata: { color: 'blue ✓' },
          tags: [{ Key: 't', Value: 'v' }],
          checksum: { algorithm: 'CRC32', value: 'AAAAAA==' },
        });
        assert.equal(await store.s3Objects.put(first), undefined);
        assert.deepEqual(await store.s3Objects.get('b1', 'k'), first);
        const second = object('k', { size: 5 });
        assert.deepEqual(await store.s3Objects.put(second), first);
        assert.deepEqual(await store.s3Objects.get('b1', 'k'), second, 'optional fields of the replaced object are gone');
        await assert.rejects(store.s3Objects.create(object('k')), DuplicateError);
        await store.s3Objects.create(object('k', { bucket: 'b2' }));
        assert.equal(await store.s3Objects.setTags('b1', 'k', [{ Key: 'a', Value: '' }]), true);
        assert.deepEqual((await store.s3Objects.get('b1', 'k'))?.tags, [{ Key: 'a', Value: '' }]);
        assert.equal(await store.s3Objects.setTags('b1', 'nope', []), false);
        assert.equal(await store.s3Objects.any('b1'), true);
        assert.deepEqual(await store.s3Objects.delete('b1', 'k'), { ...second, tags: [{ Key: 'a', Value: '' }] });
        assert.equal(await store.s3Objects.delete('b1', 'k'), undefined);
        assert.equal(await store.s3Objects.any('b1'), false);
        assert.equal(await store.s3Objects.any('b2'), true);
      });

      it('objects: getWithBucket reads the bucket and the object under a key in one go', async () => {
        const full = bucket('jb', { policy: '{"Version":"2012-10-17"}', tags: [{ Key: 'k', Value: 'v' }] });
        await store.s3Buckets.create(full);
        assert.equal(await store.s3Objects.getWithBucket('nope', 'k'), undefined, 'no bucket');
        await store.s3Objects.put(object('k', { bucket: 'nope' }));
        assert.equal(await store.s3Objects.getWithBucket('nope', 'k'), undefined, 'an object without its bucket row is no bucket');
        assert.deepEqual(await store.s3Objects.getWithBucket('jb', 'k'), { bucket: full }, 'the bucket without the key');
        const stored = object('k', {
          bucket: 'jb',
          size: 5,
          headers: { 'content-type': 'text/plain' },
          metadata: { color: 'blue ✓' },
          tags: [{ Key: 't', Value: 'v' }],
          checksum: { algorithm: 'CRC32', value: 'AAAAAA==' },
        });
        await store.s3Objects.put(stored);
        await store.s3Objects.put(object('k2', { bucket: 'jb' }));
        assert.deepEqual(await store.s3Objects.getWithBucket('jb', 'k'), { bucket: full, object: stored });
        assert.deepEqual(await store.s3Objects.getWithBucket('jb', 'k'), { bucket: full, object: await store.s3Objects.get('jb', 'k') });
        assert.deepEqual(await store.s3Objects.getWithBucket('jb', 'K'), { bucket: full }, 'keys are exact');
        const bare = bucket('jb2');
        await store.s3Buckets.create(bare);
        await store.s3Objects.put(object('k', { bucket: 'jb2' }));
        assert.deepEqual((await store.s3Objects.getWithBucket('jb2', 'k'))?.bucket, bare, 'optional bucket fields stay absent');
      });

      it('objects list in UTF-8 byte order, by prefix, after a key or after a whole prefix', async () => {
        for (const k of KEYS) await store.s3Objects.put(object(k));
        await store.s3Objects.put(object('a', { bucket: 'other' }));
        const all = byteOrder(KEYS);
        const keys = async (options: Parameters<Store['s3Objects']['list']>[1]) =>
          (await store.s3Objects.list('b1', options)).map((o) => o.key);
        assert.deepEqual(await keys({ limit: 100 }), all);
        assert.deepEqual(await keys({ limit: 3 }), all.slice(0, 3));
        assert.deepEqual(await keys({ limit: 100, after: 'a/b' }), all.slice(all.indexOf('a/b') + 1));
        assert.deepEqual(await keys({ limit: 100, prefix: 'a/' }), ['a/b', 'a/b/c', 'a/c']);
        assert.deepEqual(await keys({ limit: 100, prefix: 'a/', after: 'a/b' }), ['a/b/c', 'a/c']);
        assert.deepEqual(await keys({ limit: 100, prefix: 'a/', after: 'a/b', skipPrefix: true }), ['a/c'], 'skips a/b/c');
        const afterA = all.filter((k) => !k.startsWith('a') && Buffer.compare(Buffer.from(k), Buffer.from('a')) > 0);
        assert.deepEqual(await keys({ limit: 100, after: 'a', skipPrefix: true }), afterA);
        assert.deepEqual(await keys({ limit: 100, prefix: '日' }), ['日本']);
        assert.deepEqual(await keys({ limit: 100, prefix: '\u{1F600}' }), ['\u{1F600}']);
        assert.deepEqual(await keys({ limit: 100, prefix: 'nothing' }), []);
      });

      it('multipart uploads: parts replace by number, list in order, delete returns the parts; deleteForBucket empties a bucket', async () => {
        const upload: S3Upload = {
          uploadId: 'u1',
          bucket: 'b1',
          key: 'big',
          initiated: T0,
          initiatorArn: `arn:aws:iam::${A}:user/x`,
          accountId: A,
          headers: { 'content-type': 'application/zip' },
          metadata: { m: '1' },
          tags: [{ Key: 'k', Value: 'v' }],
          checksumAlgorithm: 'CRC32',
        };
        await store.s3Uploads.create(upload);
        await assert.rejects(store.s3Uploads.create(upload), DuplicateError);
        assert.deepEqual(await store.s3Uploads.get('u1'), upload);
        const part = (n: number, extra: Partial<S3UploadPart> = {}): S3UploadPart => ({
          uploadId: 'u1',
          partNumber: n,
          blobId: `p${n}-${++seq}`,
          size: 10 * n,
          etag: `e${n}`,
          lastModified: T0 + n,
          ...extra,
        });
        const p2 = part(2, { checksum: 'AAAAAA==' });
        for (const p of [p2, part(1), part(10)]) assert.equal(await store.s3Uploads.putPart(p), undefined);
        const p1b = part(1);
        assert.notEqual(await store.s3Uploads.putPart(p1b), undefined, 'returns the replaced part');
        assert.deepEqual(
          (await store.s3Uploads.listParts('u1', { limit: 10 })).map((p) => p.partNumber),
          [1, 2, 10],
        );
        assert.deepEqual(await store.s3Uploads.listParts('u1', { after: 1, limit: 1 }), [p2]);
        for (const [id, key] of [
          ['u3', 'big'],
          ['u2', 'big'],
          ['u0', 'a'],
          ['u9', 'z/z'],
        ] as const) {
          await store.s3Uploads.create({ ...upload, uploadId: id, key, checksumAlgorithm: undefined });
        }
        await store.s3Uploads.create({ ...upload, uploadId: 'elsewhere', bucket: 'b2' });
        const ids = async (o: Parameters<Store['s3Uploads']['list']>[1]) => (await store.s3Uploads.list('b1', o)).map((u) => u.uploadId);
        assert.deepEqual(await ids({ limit: 10 }), ['u0', 'u1', 'u2', 'u3', 'u9']);
        assert.deepEqual(await ids({ limit: 10, afterKey: 'big', afterUploadId: 'u1' }), ['u2', 'u3', 'u9']);
        assert.deepEqual(await ids({ limit: 10, afterKey: 'big' }), ['u9']);
        assert.deepEqual(await ids({ limit: 2, prefix: 'b' }), ['u1', 'u2']);
        const removed = await store.s3Uploads.delete('u1');
        assert.deepEqual(
          removed?.map((p) => p.partNumber),
          [1, 2, 10],
        );
        assert.equal(removed?.[0]?.blobId, p1b.blobId);
        assert.equal(await store.s3Uploads.delete('u1'), undefined);
        assert.deepEqual(await store.s3Uploads.listParts('u1', { limit: 10 }), []);
        await store.s3Uploads.putPart({ ...part(1), uploadId: 'u2' });
        assert.deepEqual(
          (await store.s3Uploads.deleteForBucket('b1')).map((p) => p.uploadId),
          ['u2'],
        );
        assert.deepEqual(await ids({ limit: 10 }), []);
        assert.notEqual(await store.s3Uploads.get('elsewhere'), undefined);
      });

      it('reset removes every S3 row', async () => {
        await store.s3Buckets.create(bucket('bucket'));
        await store.s3Objects.put(object('k', { bucket: 'bucket' }));
        await store.s3Uploads.create({
          uploadId: 'u',
          bucket: 'bucket',
          key: 'k',
          initiated: T0,
          initiatorArn: 'a',
          accountId: A,
          headers: {},
          metadata: {},
          tags: [],
        });
        await store.s3Uploads.putPart({ uploadId: 'u', partNumber: 1, blobId: 'p', size: 0, etag: 'e', lastModified: T0 });
        await store.reset();
        assert.equal(await store.s3Buckets.get('bucket'), undefined);
        assert.equal(await store.s3Objects.any('bucket'), false);
        assert.equal(await store.s3Uploads.get('u'), undefined);
        assert.deepEqual(await store.s3Uploads.listParts('u', { limit: 10 }), []);
      });
    });

    describe('settings', () => {
      it('gets, sets and overwrites', async () => {
        assert.equal(await store.settings.get('k'), undefined);
        await store.settings.set('k', 'v1');
        await store.settings.set('other', '');
        await store.settings.set('k', 'v2 ✓ with "quotes" and \'apostrophes\' and ? marks');
        assert.equal(await store.settings.get('k'), 'v2 ✓ with "quotes" and \'apostrophes\' and ? marks');
        assert.equal(await store.settings.get('other'), '');
        assert.equal(await store.settings.get('K'), undefined, 'setting keys are exact');
      });
    });

    describe('transactions', () => {
      it('commits everything fn wrote and returns its value', async () => {
        const alice = user('Alice');
        const result = await store.transaction(async (tx) => {
          await tx.users.create(alice);
          await tx.settings.set('k', 'v');
          assert.deepEqual(await tx.users.getByName(A, 'alice'), alice, 'a transaction reads its own writes');
          return 42;
        });
        assert.equal(result, 42);
        assert.deepEqual(await store.users.getById(alice.userId), alice);
        assert.equal(await store.settings.get('k'), 'v');
      });

      it('rolls back everything when fn throws, and rethrows the same error', async () => {
        const existing = user('Existing');
        await store.users.create(existing);
        const boom = new Error('boom');
        const alice = user('Alice');
        const devs = group('devs');
        const p = policy('P');
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.users.create(alice);
            await tx.groups.create(devs);
            await tx.groups.addMember(devs.groupId, alice.userId);
            await tx.managedPolicies.create(p, version(p.arn, 'v1'));
            await tx.attachments.attach({ accountId: A, ownerKind: 'user', ownerId: alice.userId, policyArn: p.arn });
            await tx.inlinePolicies.put(inline('user', alice.userId, 'i'));
            await tx.accessKeys.create(key('Alice'));
            await tx.roles.create(role('r'));
            await tx.accounts.create({ accountId: A, createDate: T0 });
            await tx.settings.set('k', 'v');
            await tx.users.update({ ...existing, userName: 'Renamed' });
            await tx.users.delete(A, existing.userId);
            throw boom;
          }),
          (error) => error === boom,
        );
        assert.equal(await store.users.getById(alice.userId), undefined);
        assert.deepEqual(await store.users.getById(existing.userId), existing);
        assert.equal(await store.groups.getById(devs.groupId), undefined);
        assert.equal(await store.managedPolicies.get(p.arn), undefined);
        assert.deepEqual(await store.managedPolicies.listVersions(p.arn), []);
        assert.deepEqual(await store.attachments.listForOwner('user', alice.userId), []);
        assert.equal(await store.inlinePolicies.get('user', alice.userId, 'i'), undefined);
        assert.deepEqual(await store.accessKeys.listForOwner(A, 'Alice'), []);
        assert.equal(await store.roles.count(A), 0);
        assert.deepEqual(await store.accounts.list(), []);
        assert.equal(await store.settings.get('k'), undefined);
      });

      it('a DuplicateError inside a transaction can be caught and the transaction still commits', async () => {
        await store.users.create(user('Taken'));
        const bob = user('Bob');
        await store.transaction(async (tx) => {
          await assert.rejects(tx.users.create(user('taken')), DuplicateError);
          await tx.users.create(bob);
          await assert.rejects(tx.users.update({ ...bob, userName: 'TAKEN' }), DuplicateError);
          const p = policy('P');
          await tx.managedPolicies.create(p, version(p.arn, 'v1'));
          await assert.rejects(tx.managedPolicies.create(policy('p'), version('arn:other', 'v1')), DuplicateError);
          await tx.settings.set('after', 'yes');
        });
        assert.deepEqual(await store.users.getById(bob.userId), bob);
        assert.equal(await store.settings.get('after'), 'yes');
        assert.equal(await store.managedPolicies.count(A), 1);
      });

      it('nested transactions roll back only their own part when they throw', async () => {
        const outer = user('Outer');
        const inner = user('Inner');
        await store.transaction(async (tx) => {
          await tx.users.create(outer);
          await assert.rejects(
            tx.transaction(async (nested) => {
              await nested.users.create(inner);
              throw new Error('inner');
            }),
            /inner/,
          );
          assert.equal(await tx.users.getById(inner.userId), undefined);
          await tx.transaction(async (nested) => nested.settings.set('nested', 'kept'));
        });
        assert.deepEqual(await store.users.getById(outer.userId), outer);
        assert.equal(await store.users.getById(inner.userId), undefined);
        assert.equal(await store.settings.get('nested'), 'kept');
      });

      it('other readers never see uncommitted writes', TIMEOUT, async () => {
        const ghost = user('Ghost');
        let wrote!: () => void;
        const written = new Promise<void>((resolve) => {
          wrote = resolve;
        });
        let release!: () => void;
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        const tx = store.transaction(async (t) => {
          await t.users.create(ghost);
          wrote();
          await held;
          throw new Error('abort');
        });
        await written;
        // May wait for the transaction (SQLite) or read the last committed state (PostgreSQL);
        // either way it must not see the ghost.
        const outside = store.users.getByName(A, 'Ghost');
        await sleep(20);
        release();
        await assert.rejects(tx, /abort/);
        assert.equal(await outside, undefined);
      });

      it('concurrent transactions never interleave (read-modify-write loses nothing)', TIMEOUT, async () => {
        await store.settings.set('counter', '0');
        const log: string[] = [];
        const workers = Array.from({ length: 6 }, (_, i) =>
          store.transaction(async (tx) => {
            log.push(`start ${i}`);
            const n = Number(await tx.settings.get('counter'));
            await sleep(5);
            await tx.settings.set('counter', String(n + 1));
            await tx.users.create(user(`worker${i}`));
            log.push(`end ${i}`);
          }),
        );
        await Promise.all(workers);
        assert.equal(await store.settings.get('counter'), '6');
        for (let i = 0; i < log.length; i += 2) {
          assert.equal(log[i]!.replace('start', 'end'), log[i + 1], `transactions interleaved: ${log.join(', ')}`);
        }
      });

      it('a failing transaction does not disturb one running next to it', TIMEOUT, async () => {
        const kept = user('Kept');
        const results = await Promise.allSettled([
          store.transaction(async (tx) => {
            await tx.users.create(user('Lost'));
            await sleep(5);
            throw new Error('fail');
          }),
          store.transaction(async (tx) => {
            await sleep(2);
            await tx.users.create(kept);
          }),
        ]);
        assert.equal(results[0].status, 'rejected');
        assert.equal(results[1].status, 'fulfilled');
        assert.deepEqual((await store.users.list(A, { limit: 10 })).items, [kept]);
      });

      it('using the store itself inside its own transaction fails instead of deadlocking', TIMEOUT, async () => {
        await assert.rejects(
          store.transaction(async () => {
            await store.users.getByName(A, 'x');
          }),
          /inside its own transaction/,
        );
        await assert.rejects(
          store.transaction(async () => store.transaction(async () => 1)),
          /inside its own transaction/,
        );
        // The store is still usable afterwards.
        await store.users.create(user('after'));
        assert.equal(await store.users.count(A), 1);
      });

      it('a transaction handle stops working once its transaction has ended', async () => {
        let leaked: Store | undefined;
        await store.transaction(async (tx) => {
          leaked = tx;
        });
        await assert.rejects(leaked!.users.create(user('late')), /ended/);
        assert.equal(await store.users.count(A), 0);
      });
    });

    describe('reset and lifecycle', () => {
      it('reset removes every row of every repository and leaves the store usable', async () => {
        const alice = user('Alice');
        const devs = group('devs');
        const p = policy('P');
        await store.accounts.create({ accountId: A, createDate: T0 });
        await store.users.create(alice);
        await store.groups.create(devs);
        await store.groups.addMember(devs.groupId, alice.userId);
        await store.roles.create(role('r'));
        await store.accessKeys.create(key('Alice'));
        await store.accessKeys.create(key(null));
        await store.inlinePolicies.put(inline('user', alice.userId, 'i'));
        await store.managedPolicies.create(p, version(p.arn, 'v1'));
        await store.attachments.attach({ accountId: A, ownerKind: 'user', ownerId: alice.userId, policyArn: p.arn });
        await store.settings.set('k', 'v');
        await store.mfaDevices.create(mfa('phone', { userId: alice.userId, enableDate: T0 }));
        await store.auditEvents.append([auditEvent('e1', T0, { resources: [{ type: 't', name: 'n' }] })]);

        await store.reset();

        assert.deepEqual(await store.accounts.list(), []);
        assert.equal(await store.users.count(A), 0);
        assert.equal(await store.groups.count(A), 0);
        assert.deepEqual((await store.groups.listMembers(devs.groupId, { limit: 10 })).items, []);
        assert.equal(await store.roles.count(A), 0);
        assert.deepEqual(await store.accessKeys.listForOwner(A, 'Alice'), []);
        assert.deepEqual(await store.accessKeys.listForOwner(A, null), []);
        assert.equal(await store.inlinePolicies.get('user', alice.userId, 'i'), undefined);
        assert.equal(await store.managedPolicies.count(A), 0);
        assert.deepEqual(await store.managedPolicies.listVersions(p.arn), []);
        assert.equal(await store.attachments.countForPolicy(A, p.arn), 0);
        assert.equal(await store.settings.get('k'), undefined);
        assert.equal(await store.mfaDevices.count(A), 0);
        assert.deepEqual((await store.auditEvents.query({ accountId: A, limit: 10 })).items, []);
        await store.auditEvents.append([auditEvent('e1', T0, { resources: [{ type: 't', name: 'n' }] })]);
        await store.users.create(alice);
        assert.deepEqual(await store.users.getById(alice.userId), alice);
      });

      it('a closed store rejects calls with an Error', async () => {
        await store.close();
        await assert.rejects(store.users.getById('AIDA1'), Error);
      });

      if (options.persistent) {
        it('keeps data across close and reopen', async () => {
          const alice = user('Alice', { tags: [{ Key: 'k', Value: 'v' }] });
          const p = policy('P');
          await store.users.create(alice);
          await store.managedPolicies.create(p, version(p.arn, 'v1'));
          await store.settings.set('k', 'v');
          const event = auditEvent('kept', T0, { resources: [{ type: 't', name: 'n' }] });
          await store.auditEvents.append([event]);
          await store.close();
          store = await open();
          assert.deepEqual((await store.auditEvents.query({ accountId: A, limit: 10 })).items, [event]);
          assert.deepEqual(await store.users.getByName(A, 'alice'), alice);
          assert.deepEqual(await store.managedPolicies.listVersions(p.arn), [version(p.arn, 'v1')]);
          assert.equal(await store.settings.get('k'), 'v');
        });
      }

      if (options.sharedByNodes) {
        it('transactions from two nodes on one database never interleave', TIMEOUT, async () => {
          const other = await openAnother();
          await store.settings.set('counter', '0');
          const bump = (s: Store): Promise<void> =>
            s.transaction(async (tx) => {
              const n = Number(await tx.settings.get('counter'));
              await sleep(3);
              await tx.settings.set('counter', String(n + 1));
            });
          await Promise.all([bump(store), bump(other), bump(store), bump(other), bump(other), bump(store)]);
          assert.equal(await store.settings.get('counter'), '6');
          assert.equal(await other.settings.get('counter'), '6');
        });

        it('a row written by one node is visible to the other at once (no process-local state)', async () => {
          const other = await openAnother();
          const alice = user('Alice');
          await store.users.create(alice);
          assert.deepEqual(await other.users.getByName(A, 'ALICE'), alice);
          await other.users.update({ ...alice, userName: 'Alicia' });
          assert.equal((await store.users.getById(alice.userId))?.userName, 'Alicia');
          await assert.rejects(other.users.create(user('alicia')), DuplicateError);
        });
      }
    });
  });
}
