import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, signup, type TestApp, testApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('server errors', () => {
  it('answers 409 CONFLICT for a slug taken by another org', async () => {
    const a = await signup(t.app);
    const b = await signup(t.app);
    const server = await createServer(t.app, a.key);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/servers',
      headers: bearer(b.key),
      payload: { slug: server.slug, name: 'Mine now' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CONFLICT');
  });

  it('validates slug, name, access and unknown patch fields', async () => {
    const { key } = await signup(t.app);
    for (const payload of [
      { slug: 'Not_A_Slug', name: 'x' },
      { slug: 'ok-slug', name: '' },
      { slug: 'ok-slug', name: 'x', access: 'everyone' },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/servers',
        headers: bearer(key),
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    const server = await createServer(t.app, key);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/servers/${server.slug}`,
      headers: bearer(key),
      payload: { slug: 'renamed' },
    });
    expect(res.statusCode).toBe(400);
  });

  it('answers 404 for an unknown slug', async () => {
    const { key } = await signup(t.app);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/servers/no-such-server',
      headers: bearer(key),
    });
    expect(res.statusCode).toBe(404);
  });
});
