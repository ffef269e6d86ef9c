import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, fixture, signup, type TestApp, testApp, upload } from './helpers.js';

let t: TestApp;
let key: string;
let slug: string;
beforeAll(async () => {
  t = await testApp();
  ({ key } = await signup(t.app));
  ({ slug } = await createServer(t.app, key));
  await upload(t.app, key, slug, fixture('v3.0__petstore-expanded.json'));
});
afterAll(() => t.close());

function put(payload: unknown, target = slug) {
  return t.app.inject({
    method: 'PUT',
    url: `/api/v1/servers/${target}/tool-config`,
    headers: bearer(key),
    payload: payload as object,
  });
}

describe('tool configuration errors', () => {
  it('rejects a rename that is not a valid tool name, naming the field', async () => {
    const res = await put({ overrides: { findPets: { name: 'find pets!' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().error.details)).toContain('overrides/findPets/name');
  });

  it('rejects a rename onto another tool name, naming the offending tool', async () => {
    const res = await put({ overrides: { findPets: { name: 'addPet' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('overrides.findPets');
    expect(res.json().error.details.issues).toEqual([
      { tool: 'findPets', message: 'cannot rename to "addPet": the name is taken' },
    ]);
  });

  it('rejects two renames onto one name and overrides of unknown tools', async () => {
    const res = await put({
      overrides: { findPets: { name: 'pets' }, deletePet: { name: 'pets' }, nope: {} },
    });
    expect(res.statusCode).toBe(400);
    const tools = res
      .json()
      .error.details.issues.map((i: { tool: string }) => i.tool)
      .sort();
    expect(tools).toEqual(['deletePet', 'nope']);
  });

  it('rejects empty selectors, unknown fields and unknown modes', async () => {
    for (const body of [
      { selection: { exclude: [{}] } },
      { selection: { include: [{ verb: 'get' }] } },
      { selection: { include: [{ method: 'fetch' }] } },
      { mode: 'some' },
      { extra: true },
    ]) {
      const res = await put(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it('changes nothing when rejected', async () => {
    await put({ overrides: { findPets: { name: 'addPet' } } });
    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${slug}/tool-config`,
      headers: bearer(key),
    });
    expect(got.json().toolConfig.version).toBe(0);
  });

  it('404s for an unknown server', async () => {
    const res = await put({}, 'no-such-server-here');
    expect(res.statusCode).toBe(404);
  });
});
