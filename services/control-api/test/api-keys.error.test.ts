import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, signup, type TestApp, testApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('API key errors', () => {
  it('revoking an unknown or malformed key id is NOT_FOUND', async () => {
    const { key } = await signup(t.app);
    for (const id of ['key_0000000000000000000000000', 'nope']) {
      const res = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/api-keys/${id}`,
        headers: bearer(key),
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
  });

  it("cannot revoke another org's key", async () => {
    const a = await signup(t.app);
    const b = await signup(t.app);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${a.keyId}`,
      headers: bearer(b.key),
    });
    expect(res.statusCode).toBe(404);
    const still = await t.app.inject({ method: 'GET', url: '/api/v1/org', headers: bearer(a.key) });
    expect(still.statusCode).toBe(200);
  });

  it("cannot scope a key to another org's server", async () => {
    const a = await signup(t.app);
    const b = await signup(t.app);
    const server = await createServer(t.app, a.key);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer(b.key),
      payload: { serverSlug: server.slug },
    });
    expect(res.statusCode).toBe(404);
  });
});
