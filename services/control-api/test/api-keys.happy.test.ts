import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, signup, type TestApp, testApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('API keys', () => {
  it('creates a key shown once, lists hints only, and revokes it', async () => {
    const { key } = await signup(t.app);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer(key),
      payload: { name: 'ci' },
    });
    expect(created.statusCode).toBe(201);
    const minted = created.json();
    expect(minted).toMatchObject({ name: 'ci', serverId: null, revokedAt: null });
    expect(minted.key).toMatch(/^ptk_/);

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/api-keys',
      headers: bearer(key),
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().apiKeys).toHaveLength(2);
    expect(list.body).not.toContain(minted.key);
    expect(list.body).not.toContain('hash');

    // The new key works, then stops working once revoked.
    const org = await t.app.inject({
      method: 'GET',
      url: '/api/v1/org',
      headers: bearer(minted.key),
    });
    expect(org.statusCode).toBe(200);
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${minted.keyId}`,
      headers: bearer(key),
    });
    expect(revoked.statusCode).toBe(204);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/v1/org',
      headers: bearer(minted.key),
    });
    expect(after.statusCode).toBe(401);
    const listed = (
      await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: bearer(key) })
    ).json();
    expect(
      listed.apiKeys.find((k: { keyId: string }) => k.keyId === minted.keyId).revokedAt,
    ).not.toBeNull();
  });

  it('mints a server-scoped key, which the control API refuses (it is for the gateway)', async () => {
    const { key } = await signup(t.app);
    const server = await createServer(t.app, key);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer(key),
      payload: { serverSlug: server.slug },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().serverId).toBe(server.serverId);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/org',
      headers: bearer(created.json().key),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });
});
