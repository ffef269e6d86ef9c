import { afterAll, describe, expect, it } from 'vitest';
import { emailHash } from '../src/index.js';
import { freshOrg, testStore, uniqueSlug } from './helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

const T0 = new Date('2030-01-01T00:00:00.000Z');
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
    await store.apiKeys.create(orgId, { name: 'ci' });
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
});
