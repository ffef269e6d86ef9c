import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, fixture, signup, type TestApp, testApp, upload } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function petServer(): Promise<{ key: string; slug: string }> {
  const { key } = await signup(t.app);
  const { slug } = await createServer(t.app, key);
  const res = await upload(t.app, key, slug, fixture('v3.0__petstore-expanded.json'));
  if (res.statusCode !== 201) throw new Error(res.body);
  return { key, slug };
}

function getTools(key: string, slug: string) {
  return t.app.inject({
    method: 'GET',
    url: `/api/v1/servers/${slug}/tools`,
    headers: bearer(key),
  });
}

describe('tool configuration', () => {
  it('shows the defaults before anything is written', async () => {
    const { key, slug } = await petServer();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${slug}/tool-config`,
      headers: bearer(key),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().toolConfig).toEqual({
      mode: 'all',
      selection: {},
      overrides: {},
      version: 0,
      updatedAt: null,
    });
  });

  it('stores selection and overrides, and GET /tools shows the effective tools and why others are out', async () => {
    const { key, slug } = await petServer();
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/servers/${slug}/tool-config`,
      headers: bearer(key),
      payload: {
        mode: 'dynamic',
        selection: { exclude: [{ method: 'delete', path: '/pets/*' }] },
        overrides: { findPets: { name: 'search_pets', description: 'Search pets by tag.' } },
      },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().toolConfig).toMatchObject({ mode: 'dynamic', version: 1 });

    const tools = await getTools(key, slug);
    expect(tools.statusCode).toBe(200);
    const body = tools.json();
    expect(body.mode).toBe('dynamic');
    expect(body.toolConfigVersion).toBe(1);
    expect(body.tools.map((x: { name: string }) => x.name)).toEqual([
      'search_pets',
      'addPet',
      'find_pet_by_id',
    ]);
    expect(body.tools[0]).toMatchObject({
      originalName: 'findPets',
      description: 'Search pets by tag.',
    });
    expect(body.excluded).toEqual([
      { name: 'deletePet', reason: 'excluded by selection.exclude[0]' },
    ]);
    expect(body.issues).toEqual([]);
    expect(body.toolCount).toBe(3);
    expect(body.toolListTokens).toBeGreaterThan(0);
    expect(body.recommendation.dynamicMode).toBe(false);

    const again = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${slug}/tool-config`,
      headers: bearer(key),
    });
    expect(again.json().toolConfig.overrides.findPets.name).toBe('search_pets');
  });

  it('replaces the whole configuration on PUT: absent fields go back to their defaults', async () => {
    const { key, slug } = await petServer();
    const url = `/api/v1/servers/${slug}/tool-config`;
    await t.app.inject({
      method: 'PUT',
      url,
      headers: bearer(key),
      payload: { selection: { include: [{ name: 'addPet' }] } },
    });
    expect((await getTools(key, slug)).json().tools).toHaveLength(1);
    const reset = await t.app.inject({ method: 'PUT', url, headers: bearer(key), payload: {} });
    expect(reset.json().toolConfig).toMatchObject({ mode: 'all', selection: {}, version: 2 });
    expect((await getTools(key, slug)).json().tools).toHaveLength(4);
  });
});
