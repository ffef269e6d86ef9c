import { emailHash } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, freshEmail, memberSession, signup, type TestApp, testApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('members: refusals', () => {
  it('409 CONFLICT when the address is already a member (any case)', async () => {
    const { key } = await signup(t.app);
    const email = freshEmail('dup');
    const add = (address: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/members',
        headers: bearer(key),
        payload: { email: address, role: 'developer' },
      });
    expect((await add(email)).statusCode).toBe(201);
    const again = await add(email.toUpperCase());
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');
  });

  it('409 CONFLICT on demoting or removing the last admin; fine once another admin exists', async () => {
    const { orgId, key } = await signup(t.app);
    const admin = await memberSession(t, orgId, 'admin');
    await memberSession(t, orgId, 'developer');
    const demote = () =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/members/${admin.memberId}`,
        headers: bearer(key),
        payload: { role: 'billing' },
      });
    const remove = () =>
      t.app.inject({
        method: 'DELETE',
        url: `/api/v1/members/${admin.memberId}`,
        headers: bearer(key),
      });
    for (const res of [await demote(), await remove()]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('last admin'),
      });
    }
    expect((await t.store.members.get(orgId, admin.memberId))?.role).toBe('admin');
    await memberSession(t, orgId, 'admin');
    expect((await demote()).statusCode).toBe(200);
    expect((await remove()).statusCode).toBe(204);
  });

  it('404 for an unknown or malformed member id, and for a member of another org', async () => {
    const { key } = await signup(t.app);
    const other = await signup(t.app);
    const foreign = await memberSession(t, other.orgId, 'developer');
    for (const id of [emailHash('nobody@example.test'), 'not-an-id', foreign.memberId]) {
      for (const method of ['PATCH', 'DELETE'] as const) {
        const res = await t.app.inject({
          method,
          url: `/api/v1/members/${id}`,
          headers: bearer(key),
          ...(method === 'PATCH' ? { payload: { role: 'billing' } } : {}),
        });
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
      }
    }
    expect((await t.store.members.get(other.orgId, foreign.memberId))?.role).toBe('developer');
  });

  it('400 VALIDATION_FAILED for an unknown role or a malformed address', async () => {
    const { key } = await signup(t.app);
    for (const payload of [
      { email: freshEmail('x'), role: 'owner' },
      { email: 'not-an-address', role: 'admin' },
      { email: freshEmail('y') },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/members',
        headers: bearer(key),
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});
