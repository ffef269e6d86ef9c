import type { Store } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, signup, type TestApp, testApp } from './helpers.js';
import {
  callRoute,
  ROUTES,
  type RouteFixture,
  seedRouteFixture,
  UPSTREAM_SECRET,
} from './routes.js';

let t: TestApp;
let lookups = 0;
/** Owner org with every kind of resource; an attacker org with a key. */
let owner: RouteFixture & { key: string };
let attacker: { key: string; keyId: string };

beforeAll(async () => {
  t = await testApp({
    wrapStore: (s: Store) => ({
      ...s,
      apiKeys: {
        ...s.apiKeys,
        findByHash: (hash: string) => {
          lookups++;
          return s.apiKeys.findByHash(hash);
        },
      },
    }),
  });
  const o = await signup(t.app);
  owner = { ...(await seedRouteFixture(t, o.orgId, o.key)), key: o.key };
  const a = await signup(t.app);
  attacker = { key: a.key, keyId: a.keyId };
});
afterAll(() => t.close());

describe.each(ROUTES)('$name', (route) => {
  it('401 without a key', async () => {
    const res = await callRoute(t, route, owner, {});
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
    expect(res.headers['www-authenticate']).toContain('Bearer');
  });

  it('401 for malformed keys, without a database read', async () => {
    const before = lookups;
    const forged = `${owner.key.slice(0, -1)}${owner.key.endsWith('A') ? 'B' : 'A'}`;
    for (const headers of [
      bearer('ptk_short'),
      bearer(forged),
      { 'x-api-key': 'not-a-key' },
      { authorization: `Basic ${owner.key}` },
    ]) {
      const res = await callRoute(t, route, owner, headers);
      expect(res.statusCode).toBe(401);
    }
    expect(lookups).toBe(before);
  });

  it('401 for a revoked key', async () => {
    const { key } = await signup(t.app);
    const minted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer(key),
      payload: {},
    });
    const { keyId, key: doomed } = minted.json();
    await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${keyId}`,
      headers: bearer(key),
    });
    const res = await callRoute(t, route, owner, bearer(doomed));
    expect(res.statusCode).toBe(401);
  });

  it("another org's key gets 404 on the owner's resources and never their data", async () => {
    const res = await callRoute(t, route, owner, bearer(attacker.key));
    if (route.scoped) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    } else {
      expect(res.statusCode).toBeLessThan(300);
    }
    // The 404 message may echo the id the caller sent, nothing else of the owner's data.
    const sent = route.url(owner);
    for (const id of [
      owner.serverId,
      owner.keyId,
      owner.versionId,
      owner.memberId,
      owner.endUserId,
      owner.clientId,
    ]) {
      if (!sent.includes(id)) expect(res.body).not.toContain(id);
    }
    expect(res.body).not.toContain('Test server');
    expect(res.body).not.toContain(owner.memberEmail);
    expect(res.body).not.toContain(owner.endUserEmail);
    expect(res.body).not.toContain(UPSTREAM_SECRET);
  });
});

describe('after all attacks', () => {
  it("the owner's resources are unchanged", async () => {
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: bearer(owner.key) });
    const server = await get(`/api/v1/servers/${owner.slug}`);
    expect(server.statusCode).toBe(200);
    expect(server.json().server.name).toBe('Test server');
    expect((await get(`/api/v1/servers/${owner.slug}/versions`)).json().versions).toHaveLength(1);
    expect((await get(`/api/v1/servers/${owner.slug}/upstream`)).json().upstream.baseUrl).toBe(
      null,
    );
    expect((await get(`/api/v1/servers/${owner.slug}/tool-config`)).json().toolConfig.version).toBe(
      0,
    );
    const keys = (await get('/api/v1/api-keys')).json().apiKeys;
    expect(keys.find((k: { keyId: string }) => k.keyId === owner.keyId).revokedAt).toBeNull();
    const members = (await get('/api/v1/members')).json().items;
    expect(members.find((m: { memberId: string }) => m.memberId === owner.memberId).role).toBe(
      'developer',
    );
    expect(
      (await get(`/api/v1/servers/${owner.slug}/end-users/${owner.endUserId}`)).statusCode,
    ).toBe(200);
    const clients = (await get(`/api/v1/servers/${owner.slug}/oauth-clients`)).json().oauthClients;
    expect(clients.map((c: { clientId: string }) => c.clientId)).toEqual([owner.clientId]);
  });
});
