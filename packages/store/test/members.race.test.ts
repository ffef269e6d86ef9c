import { afterAll, describe, expect, it } from 'vitest';
import { keys } from '../src/index.js';
import { freshOrg, rawItem, T0, testStore } from './helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

/** A fresh org with two admins (and a developer); their ids. */
async function twoAdmins(): Promise<{ orgId: string; admins: string[] }> {
  const { orgId } = await freshOrg(store);
  const admins: string[] = [];
  for (const email of ['a1@example.com', 'a2@example.com']) {
    admins.push((await store.members.add(orgId, { email, role: 'admin', now: T0 })).memberId);
  }
  await store.members.add(orgId, { email: 'dev@example.com', role: 'developer', now: T0 });
  return { orgId, admins };
}

async function expectOneOfTwo(
  results: PromiseSettledResult<unknown>[],
  change: 'demote' | 'remove',
): Promise<void> {
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  const refused = results.filter((r) => r.status === 'rejected');
  expect(refused).toHaveLength(1);
  expect(refused[0]?.reason).toMatchObject({
    code: 'CONFLICT',
    message: `cannot ${change} the last admin of the organization`,
  });
}

describe('members (race)', () => {
  it('10 parallel adds of one address: exactly one member, nine CONFLICTs', async () => {
    const { orgId } = await freshOrg(store);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        store.members.add(orgId, { email: 'ann@example.com', role: 'developer', now: T0 }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(9);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'CONFLICT' });
    expect((await store.members.list(orgId)).items).toHaveLength(1);
  });

  it('20 parallel logins count exactly 20', async () => {
    const { orgId } = await freshOrg(store);
    const { memberId } = await store.members.add(orgId, {
      email: 'bo@example.com',
      role: 'admin',
      now: T0,
    });
    await Promise.all(
      Array.from({ length: 20 }, () => store.members.recordLogin(orgId, memberId, T0)),
    );
    expect((await store.members.get(orgId, memberId))?.loginCount).toBe(20);
  });

  it('two admins demoted concurrently: exactly one succeeds, one CONFLICT, one admin left', async () => {
    for (let round = 0; round < 3; round++) {
      const { orgId, admins } = await twoAdmins();
      const results = await Promise.allSettled(
        admins.map((id) => store.members.setRole(orgId, id, 'developer')),
      );
      await expectOneOfTwo(results, 'demote');
      const members = (await store.members.list(orgId)).items;
      expect(members.filter((m) => m.role === 'admin')).toHaveLength(1);
      expect((await rawItem(t, keys.adminCount(orgId)))?.admins).toBe(1);
    }
  });

  it('two admins removed concurrently: exactly one succeeds, one CONFLICT, one admin left', async () => {
    for (let round = 0; round < 3; round++) {
      const { orgId, admins } = await twoAdmins();
      const results = await Promise.allSettled(admins.map((id) => store.members.remove(orgId, id)));
      await expectOneOfTwo(results, 'remove');
      const members = (await store.members.list(orgId)).items;
      expect(members).toHaveLength(2);
      expect(members.filter((m) => m.role === 'admin')).toHaveLength(1);
      expect((await rawItem(t, keys.adminCount(orgId)))?.admins).toBe(1);
    }
  });

  it('one admin demoted and removed concurrently: the count stays exact', async () => {
    const { orgId, admins } = await twoAdmins();
    const [id] = admins as [string];
    await Promise.allSettled([
      store.members.setRole(orgId, id, 'billing'),
      store.members.remove(orgId, id),
    ]);
    const members = (await store.members.list(orgId)).items;
    const count = members.filter((m) => m.role === 'admin').length;
    expect(count).toBe(1);
    expect((await rawItem(t, keys.adminCount(orgId)))?.admins).toBe(count);
  });
});
