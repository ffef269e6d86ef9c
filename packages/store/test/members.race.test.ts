import { afterAll, describe, expect, it } from 'vitest';
import { freshOrg, testStore } from './helpers.js';

const t = testStore();
const { store } = t;
afterAll(() => t.client.destroy());

const T0 = new Date('2030-01-01T00:00:00.000Z');

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
});
