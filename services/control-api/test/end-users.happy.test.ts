import { createHash, randomBytes } from 'node:crypto';
import { emailHash } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, memberSession, signup, type TestApp, testApp } from './helpers.js';

// Issue 4 item 6: an org lists and searches its end users, and deletes one (record and tokens).
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const randomHash = () => createHash('sha256').update(randomBytes(32)).digest('hex');
const T0 = new Date('2026-11-01T09:00:00.000Z');

async function seed(count: number, domain = 'example.test') {
  const { orgId, key } = await signup(t.app);
  const server = await createServer(t.app, key, { access: 'end_user' });
  const emails: string[] = [];
  for (let i = 0; i < count; i++) {
    const email = `${i % 2 === 0 ? 'alice' : 'bob'}${i}@${domain}`;
    emails.push(email);
    await t.store.endUsers.recordLogin(orgId, server.serverId, email, T0);
  }
  return { orgId, key, server, emails };
}

describe('GET /servers/{slug}/end-users', () => {
  it('lists every end user across pages, and searches by address prefix (any case)', async () => {
    const { key, server, emails } = await seed(5);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/servers/${server.slug}/end-users?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        headers: bearer(key),
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      pages++;
      for (const item of body.items) {
        expect(item).toEqual({
          endUserId: emailHash(item.email),
          email: item.email,
          firstSeenAt: T0.toISOString(),
          lastSeenAt: T0.toISOString(),
          loginCount: 1,
        });
        seen.push(item.email);
      }
      cursor = body.cursor;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual([...emails].sort());

    const search = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${server.slug}/end-users?email=ALICE`,
      headers: bearer(key),
    });
    expect(search.statusCode).toBe(200);
    expect(
      search
        .json()
        .items.map((u: { email: string }) => u.email)
        .sort(),
    ).toEqual(['alice0@example.test', 'alice2@example.test', 'alice4@example.test']);
    expect(search.json().cursor).toBeUndefined();
  });

  it('pages through a search too', async () => {
    const { key, server } = await seed(6);
    const found: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/servers/${server.slug}/end-users?email=bob&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        headers: bearer(key),
      });
      expect(res.statusCode).toBe(200);
      found.push(...res.json().items.map((u: { email: string }) => u.email));
      cursor = res.json().cursor;
    } while (cursor);
    expect(found.sort()).toEqual(['bob1@example.test', 'bob3@example.test', 'bob5@example.test']);
  });

  it('a billing member can read end users', async () => {
    const { orgId, server } = await seed(1);
    const billing = await memberSession(t, orgId, 'billing');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${server.slug}/end-users/${emailHash('alice0@example.test')}`,
      headers: bearer(billing.token),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().endUser.email).toBe('alice0@example.test');
  });
});

describe('DELETE /servers/{slug}/end-users/{endUserId}', () => {
  it('deletes the record and revokes every refresh family of that end user at that server', async () => {
    const { orgId, key, server } = await seed(2);
    const otherServer = await createServer(t.app, key, { access: 'end_user' });
    const doomed = emailHash('alice0@example.test');
    const grant = (serverId: string, sub: string) =>
      t.store.refreshTokens.issue(
        {
          kind: 'enduser',
          tokenHash: randomHash(),
          clientId: 'cli_test',
          resource: `https://portico.test/s/${server.slug}/mcp`,
          orgId,
          serverId,
          sub,
          scope: 'tools:read tools:call',
        },
        { now: new Date(), ttlSeconds: 600, maxLifetimeSeconds: 3600 },
      );
    const revoked = [await grant(server.serverId, doomed), await grant(server.serverId, doomed)];
    const kept = [
      await grant(server.serverId, emailHash('bob1@example.test')),
      await grant(otherServer.serverId, doomed),
    ];

    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/servers/${server.slug}/end-users/${doomed}`,
      headers: bearer(key),
    });
    expect(res.statusCode).toBe(204);
    expect(await t.store.endUsers.get(orgId, server.serverId, doomed)).toBeUndefined();
    // What POST /auth/token does with a refresh token: `use` it. A revoked family refuses.
    for (const family of revoked) {
      expect((await t.store.refreshTokens.getFamily(family.familyId))?.revokedAt).toEqual(
        expect.any(String),
      );
      const use = await t.store.refreshTokens.use(family.tokenHash, randomHash(), {
        now: new Date(),
        ttlSeconds: 600,
      });
      expect(use).toMatchObject({ ok: false, reason: 'revoked' });
    }
    for (const family of kept) {
      expect((await t.store.refreshTokens.getFamily(family.familyId))?.revokedAt).toBeUndefined();
    }
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/servers/${server.slug}/end-users/${doomed}`,
      headers: bearer(key),
    });
    expect(again.statusCode).toBe(404);
  });
});
