import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mintApiKey } from '@portico/tokens';
import { afterAll, describe, expect, it } from 'vitest';
import { emailHash, keys } from '../src/index.js';
import { freshOrg, rawItem, T0, testStore, uniqueSlug } from './helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

describe('members (happy)', () => {
  it('adds a member by normalized address with memberId = emailHash, and reads it back', async () => {
    const { orgId } = await freshOrg(store);
    const added = await store.members.add(orgId, {
      email: ' Ann@Example.com ',
      role: 'admin',
      now: T0,
    });
    expect(added).toEqual({
      orgId,
      memberId: emailHash('ann@example.com'),
      email: 'ann@example.com',
      role: 'admin',
      createdAt: T0.toISOString(),
      loginCount: 0,
    });
    expect(await store.members.get(orgId, added.memberId)).toEqual(added);
  });

  it('records logins, changes the role and removes', async () => {
    const { orgId } = await freshOrg(store);
    const { memberId } = await store.members.add(orgId, {
      email: 'bo@example.com',
      role: 'developer',
      now: T0,
    });
    await store.members.recordLogin(orgId, memberId, at(10));
    const second = await store.members.recordLogin(orgId, memberId, at(20));
    expect(second).toMatchObject({ loginCount: 2, lastLoginAt: at(20).toISOString() });

    const billing = await store.members.setRole(orgId, memberId, 'billing');
    expect(billing).toMatchObject({ role: 'billing', loginCount: 2, email: 'bo@example.com' });

    expect(await store.members.remove(orgId, memberId)).toBe(true);
    expect(await store.members.get(orgId, memberId)).toBeUndefined();
    expect(await store.members.remove(orgId, memberId)).toBe(false);
  });

  it('lists only members, paginated, though keys, servers and member sessions share the partition', async () => {
    const { orgId } = await freshOrg(store);
    const emails = Array.from({ length: 5 }, (_, i) => `m${i}@example.com`);
    for (const email of emails)
      await store.members.add(orgId, { email, role: 'developer', now: T0 });
    const { hash, hint } = mintApiKey();
    await store.apiKeys.create(orgId, { name: 'ci', hash, hint });
    await store.servers.create(orgId, { slug: uniqueSlug(), name: 'S', access: 'public' });
    await store.refreshTokens.issue(
      { kind: 'member', tokenHash: `h-${orgId}`, orgId, sub: emailHash('m0@example.com') },
      { now: T0, ttlSeconds: 60, maxLifetimeSeconds: 600 },
    );

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.members.list(orgId, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((m) => m.email));
      cursor = page.cursor;
    } while (cursor);
    expect(seen.sort()).toEqual(emails);
    expect((await store.apiKeys.list(orgId)).map((k) => k.name)).toEqual(['ci']);
    expect(await store.servers.list(orgId)).toHaveLength(1);
  });

  it('keeps the admin count at ORG#<orgId> / ADMINS through add, setRole and remove', async () => {
    const { orgId } = await freshOrg(store);
    const count = async () => (await rawItem(t, keys.adminCount(orgId)))?.admins;
    expect(await count()).toBeUndefined();
    const add = (email: string, role: 'admin' | 'developer') =>
      store.members.add(orgId, { email, role, now: T0 });
    const a = await add('a@example.com', 'admin');
    expect(await count()).toBe(1);
    const b = await add('b@example.com', 'developer');
    expect(await count()).toBe(1);
    expect(await store.members.setRole(orgId, b.memberId, 'admin')).toMatchObject({
      role: 'admin',
    });
    expect(await count()).toBe(2);
    // Same role: no change.
    expect(await store.members.setRole(orgId, b.memberId, 'admin')).toMatchObject({
      role: 'admin',
    });
    expect(await count()).toBe(2);
    expect(await store.members.setRole(orgId, a.memberId, 'billing')).toMatchObject({
      role: 'billing',
    });
    expect(await count()).toBe(1);
    expect(await store.members.setRole(orgId, a.memberId, 'developer')).toMatchObject({
      role: 'developer',
    });
    expect(await count()).toBe(1);
    expect(await store.members.remove(orgId, a.memberId)).toBe(true);
    expect(await count()).toBe(1);
    await add('c@example.com', 'admin');
    expect(await count()).toBe(2);
    expect(await store.members.remove(orgId, b.memberId)).toBe(true);
    expect(await count()).toBe(1);
    expect(await store.members.remove(orgId, b.memberId)).toBe(false);
    expect(await store.members.setRole(orgId, b.memberId, 'admin')).toBeUndefined();
    expect(await count()).toBe(1);
  });

  it('refuses to demote or remove the last admin (CONFLICT)', async () => {
    const { orgId } = await freshOrg(store);
    const a = await store.members.add(orgId, { email: 'a@example.com', role: 'admin', now: T0 });
    await expect(store.members.setRole(orgId, a.memberId, 'developer')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'cannot demote the last admin of the organization',
    });
    await expect(store.members.remove(orgId, a.memberId)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'cannot remove the last admin of the organization',
    });
    expect((await store.members.get(orgId, a.memberId))?.role).toBe('admin');
    expect((await rawItem(t, keys.adminCount(orgId)))?.admins).toBe(1);
  });

  it('refuses to demote or remove an admin written before the counter existed (no counter)', async () => {
    const { orgId } = await freshOrg(store);
    const memberId = emailHash('old@example.com');
    await DynamoDBDocumentClient.from(t.client).send(
      new PutCommand({
        TableName: t.tableName,
        Item: {
          ...keys.member(orgId, memberId),
          type: 'member',
          orgId,
          memberId,
          email: 'old@example.com',
          role: 'admin',
          createdAt: T0.toISOString(),
          loginCount: 0,
        },
      }),
    );
    await expect(store.members.setRole(orgId, memberId, 'developer')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(store.members.remove(orgId, memberId)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await rawItem(t, keys.adminCount(orgId))).toBeUndefined();
  });
});
