import { createHash, randomBytes } from 'node:crypto';
import { emailHash } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, freshEmail, memberSession, signup, type TestApp, testApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const randomHash = () => createHash('sha256').update(randomBytes(32)).digest('hex');

describe('members', () => {
  it('signup makes the contact email the first admin member', async () => {
    const email = freshEmail('Founder');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      payload: { name: 'Acme', email },
    });
    expect(res.statusCode).toBe(201);
    const { org, apiKey } = res.json();
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/members',
      headers: bearer(apiKey.key),
    });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({
      items: [
        {
          memberId: emailHash(email),
          email: email.toLowerCase(),
          role: 'admin',
          createdAt: org.createdAt,
          lastLoginAt: null,
          loginCount: 0,
        },
      ],
    });
  });

  it('adds, lists page by page, changes the role of and removes members', async () => {
    const { key } = await signup(t.app);
    const headers = bearer(key);
    const emails = [freshEmail('a'), freshEmail('b'), freshEmail('c')];
    for (const [i, email] of emails.entries()) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/members',
        headers,
        payload: { email, role: i === 0 ? 'admin' : 'developer' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().member).toMatchObject({ email, memberId: emailHash(email), loginCount: 0 });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.app.inject({
        method: 'GET',
        url: `/api/v1/members?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        headers,
      });
      expect(page.statusCode).toBe(200);
      const body = page.json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((m: { email: string }) => m.email));
      cursor = body.cursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...emails].sort());

    const target = emailHash(emails[1] as string);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${target}`,
      headers,
      payload: { role: 'billing' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().member.role).toBe('billing');

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/members/${target}`,
      headers,
    });
    expect(removed.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/members', headers });
    expect(after.json().items.map((m: { memberId: string }) => m.memberId)).not.toContain(target);
  });

  it("removing a member revokes every session refresh family of theirs, and no one else's", async () => {
    const { orgId, key } = await signup(t.app);
    const doomed = await memberSession(t, orgId, 'developer');
    const kept = await memberSession(t, orgId, 'developer');
    const issue = (sub: string) =>
      t.store.refreshTokens.issue(
        { kind: 'member', tokenHash: randomHash(), orgId, sub },
        { now: new Date(), ttlSeconds: 600, maxLifetimeSeconds: 3600 },
      );
    const families = [await issue(doomed.memberId), await issue(doomed.memberId)];
    const other = await issue(kept.memberId);

    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/members/${doomed.memberId}`,
      headers: bearer(key),
    });
    expect(res.statusCode).toBe(204);
    for (const family of families) {
      const stored = await t.store.refreshTokens.getFamily(family.familyId);
      expect(stored?.revokedAt).toEqual(expect.any(String));
      const use = await t.store.refreshTokens.use(family.tokenHash, randomHash(), {
        now: new Date(),
        ttlSeconds: 600,
      });
      expect(use).toMatchObject({ ok: false, reason: 'revoked' });
    }
    expect((await t.store.refreshTokens.getFamily(other.familyId))?.revokedAt).toBeUndefined();
  });

  it('an admin member manages members with a session token', async () => {
    const { orgId } = await signup(t.app);
    const admin = await memberSession(t, orgId, 'admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/members',
      headers: bearer(admin.token),
      payload: { email: freshEmail('invited'), role: 'admin' },
    });
    expect(res.statusCode).toBe(201);
    // With a second admin, the first may step down.
    const demoted = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/members/${admin.memberId}`,
      headers: bearer(admin.token),
      payload: { role: 'developer' },
    });
    expect(demoted.statusCode).toBe(200);
    const now = await t.app.inject({
      method: 'GET',
      url: '/api/v1/members',
      headers: bearer(admin.token),
    });
    expect(now.statusCode).toBe(403);
  });
});
