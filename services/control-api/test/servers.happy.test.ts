import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, signup, type TestApp, testApp, uniqueSlug } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('servers', () => {
  it('creates (access defaults to api_key), lists, gets and updates a server', async () => {
    const { key } = await signup(t.app);
    const slug = uniqueSlug();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/servers',
      headers: bearer(key),
      payload: { slug, name: 'Pets' },
    });
    expect(created.statusCode).toBe(201);
    const server = created.json().server;
    expect(server).toMatchObject({
      slug,
      name: 'Pets',
      access: 'api_key',
      activeVersionId: null,
      mcpPath: `/s/${slug}/mcp`,
    });

    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/servers',
      headers: bearer(key),
    });
    expect(list.json().servers).toEqual([server]);
    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${slug}`,
      headers: bearer(key),
    });
    expect(got.json().server).toEqual(server);

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/servers/${slug}`,
      headers: bearer(key),
      payload: { name: 'Pet store', access: 'public' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().server).toMatchObject({ slug, name: 'Pet store', access: 'public' });
  });
});
