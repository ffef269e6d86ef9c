import { afterAll, describe, expect, it } from 'vitest';
import { emailHash, type MemberRole } from '../src/index.js';
import { freshOrg, T0, testStore } from './helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

describe('members (errors)', () => {
  it('refuses the same address twice, in any case, with CONFLICT', async () => {
    const { orgId } = await freshOrg(store);
    await store.members.add(orgId, { email: 'ann@example.com', role: 'admin', now: T0 });
    await expect(
      store.members.add(orgId, { email: 'ANN@example.com', role: 'billing', now: T0 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await store.members.get(orgId, emailHash('ann@example.com')))?.role).toBe('admin');
  });

  it('refuses unknown roles with VALIDATION_FAILED', async () => {
    const { orgId } = await freshOrg(store);
    const owner = 'owner' as MemberRole;
    await expect(
      store.members.add(orgId, { email: 'x@example.com', role: owner, now: T0 }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const { memberId } = await store.members.add(orgId, {
      email: 'y@example.com',
      role: 'developer',
      now: T0,
    });
    await expect(store.members.setRole(orgId, memberId, owner)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('never creates a member by setRole or recordLogin', async () => {
    const { orgId } = await freshOrg(store);
    const ghost = emailHash('ghost@example.com');
    expect(await store.members.setRole(orgId, ghost, 'admin')).toBeUndefined();
    expect(await store.members.recordLogin(orgId, ghost, T0)).toBeUndefined();
    expect(await store.members.get(orgId, ghost)).toBeUndefined();
  });

  it('keeps orgs apart: another org neither reads nor lists nor removes a member', async () => {
    const a = await freshOrg(store);
    const b = await freshOrg(store);
    const { memberId } = await store.members.add(a.orgId, {
      email: 'ann@example.com',
      role: 'admin',
      now: T0,
    });
    await store.members.add(a.orgId, { email: 'bo@example.com', role: 'admin', now: T0 });
    expect(await store.members.get(b.orgId, memberId)).toBeUndefined();
    expect(await store.members.remove(b.orgId, memberId)).toBe(false);
    expect((await store.members.list(b.orgId)).items).toEqual([]);
    const page = await store.members.list(a.orgId, { limit: 1 });
    await expect(store.members.list(b.orgId, { cursor: page.cursor ?? '' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await store.members.get(a.orgId, memberId)).toBeDefined();
  });
});
