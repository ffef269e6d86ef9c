import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { emailHash } from '../src/index.js';
import { freshOrg, T0, testStore } from './helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

describe('end users', () => {
  it('records logins: first seen kept, last seen moved, count incremented', async () => {
    const { orgId } = await freshOrg(store);
    const first = await store.endUsers.recordLogin(orgId, 'srv_a', 'Ann@Example.com', T0);
    expect(first).toMatchObject({
      endUserId: emailHash('ann@example.com'),
      email: 'ann@example.com',
      loginCount: 1,
      firstSeenAt: T0.toISOString(),
      lastSeenAt: T0.toISOString(),
    });
    const second = await store.endUsers.recordLogin(orgId, 'srv_a', 'ann@example.com', at(100));
    expect(second).toMatchObject({
      loginCount: 2,
      firstSeenAt: T0.toISOString(),
      lastSeenAt: at(100).toISOString(),
    });
    expect(await store.endUsers.get(orgId, 'srv_a', first.endUserId)).toEqual(second);
    expect(await store.endUsers.get(orgId, 'srv_b', first.endUserId)).toBeUndefined();
  });

  it('touch writes lastSeenAt at most once a minute, tells recent from missing, never creates', async () => {
    const { orgId } = await freshOrg(store);
    const ghost = emailHash('ghost@example.com');
    expect(await store.endUsers.touch(orgId, 'srv_a', ghost, T0)).toBe('missing');
    expect(await store.endUsers.get(orgId, 'srv_a', ghost)).toBeUndefined();
    const { endUserId: bo } = await store.endUsers.recordLogin(
      orgId,
      'srv_a',
      'bo@example.com',
      T0,
    );
    expect(await store.endUsers.touch(orgId, 'srv_a', bo, at(30))).toBe('recent');
    expect(await store.endUsers.touch(orgId, 'srv_a', bo, at(59))).toBe('recent');
    expect(await store.endUsers.touch(orgId, 'srv_a', bo, at(61))).toBe('touched');
    expect(await store.endUsers.touch(orgId, 'srv_a', bo, at(90))).toBe('recent');
    expect(await store.endUsers.touch(orgId, 'srv_b', bo, at(200))).toBe('missing');
    expect((await store.endUsers.get(orgId, 'srv_a', bo))?.lastSeenAt).toBe(at(61).toISOString());
  });

  it('lists per server with pagination and email-prefix search; deletes', async () => {
    const { orgId } = await freshOrg(store);
    const emails = Array.from({ length: 7 }, (_, i) => `${i % 2 ? 'odd' : 'even'}${i}@example.com`);
    for (const e of emails) await store.endUsers.recordLogin(orgId, 'srv_a', e, T0);
    await store.endUsers.recordLogin(orgId, 'srv_b', 'odd99@example.com', T0);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.endUsers.list(orgId, 'srv_a', {
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((u) => u.email));
      cursor = page.cursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...emails].sort());

    const odd = await store.endUsers.list(orgId, 'srv_a', { emailPrefix: 'ODD' });
    expect(odd.items.map((u) => u.email).sort()).toEqual([
      'odd1@example.com',
      'odd3@example.com',
      'odd5@example.com',
    ]);

    const odd1 = emailHash('odd1@example.com');
    expect(await store.endUsers.delete(orgId, 'srv_a', odd1)).toBe(true);
    expect(await store.endUsers.delete(orgId, 'srv_a', odd1)).toBe(false);
    expect((await store.endUsers.list(orgId, 'srv_a')).items).toHaveLength(6);
  });

  it('refuses a cursor from another server', async () => {
    const { orgId } = await freshOrg(store);
    for (let i = 0; i < 3; i++) await store.endUsers.recordLogin(orgId, 'srv_a', `u${i}@x.io`, T0);
    const page = await store.endUsers.list(orgId, 'srv_a', { limit: 1 });
    expect(page.cursor).toBeDefined();
    await expect(
      store.endUsers.list(orgId, 'srv_b', { cursor: page.cursor ?? '' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('end users (race)', () => {
  it('20 parallel logins count exactly 20', async () => {
    const { orgId } = await freshOrg(store);
    const addr = `p${randomBytes(3).toString('hex')}@example.com`;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.endUsers.recordLogin(orgId, 'srv_a', addr, at(i))),
    );
    expect((await store.endUsers.get(orgId, 'srv_a', emailHash(addr)))?.loginCount).toBe(20);
  });

  it('10 parallel touches write once', async () => {
    const { orgId } = await freshOrg(store);
    const { endUserId } = await store.endUsers.recordLogin(orgId, 'srv_a', 'c@example.com', T0);
    const wrote = await Promise.all(
      Array.from({ length: 10 }, () => store.endUsers.touch(orgId, 'srv_a', endUserId, at(120))),
    );
    expect(wrote.filter((w) => w === 'touched')).toHaveLength(1);
    expect(wrote.filter((w) => w === 'recent')).toHaveLength(9);
  });
});
