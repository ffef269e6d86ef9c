import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, signup, type TestApp, testApp, upload } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

function doc(paths: Record<string, unknown>): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'Pets', version: '1' },
    servers: [{ url: 'https://api.example.com' }],
    paths,
  });
}
const ok = { responses: { '200': { description: 'ok' } } };

/** Uploads and returns `METHOD /path` -> tool name from the conversion report. */
async function uploadNames(
  key: string,
  slug: string,
  document: string,
  query?: string,
): Promise<Record<string, string | undefined>> {
  const res = await upload(t.app, key, slug, document, query ? { query } : {});
  if (res.statusCode !== 201) throw new Error(res.body);
  const names: Record<string, string | undefined> = {};
  for (const op of res.json().report.operations as {
    method: string;
    path: string;
    tool?: string;
  }[]) {
    names[`${op.method.toUpperCase()} ${op.path}`] = op.tool;
  }
  return names;
}

describe('tool names across re-uploads', () => {
  it('keeps a tool its name when a new operation takes its operationId', async () => {
    const { key } = await signup(t.app);
    const { slug } = await createServer(t.app, key);
    const v1 = doc({ '/pets': { get: { operationId: 'listPets', ...ok } } });
    expect(await uploadNames(key, slug, v1)).toEqual({ 'GET /pets': 'listPets' });

    // v2: the old operation is renamed upstream, and a new one claims the old operationId.
    const v2 = doc({
      '/pets': { get: { operationId: 'findAllPets', ...ok } },
      '/pets/search': { get: { operationId: 'listPets', ...ok } },
    });
    const names = await uploadNames(key, slug, v2);
    expect(names['GET /pets']).toBe('listPets');
    expect(names['GET /pets/search']).toBeDefined();
    expect(names['GET /pets/search']).not.toBe('listPets');
  });

  it('keeps names through an upload that was not activated', async () => {
    const { key } = await signup(t.app);
    const { slug } = await createServer(t.app, key);
    const named = (operationId: string) => doc({ '/a': { get: { operationId, ...ok } } });
    await uploadNames(key, slug, named('alpha'));
    expect(await uploadNames(key, slug, named('beta'), 'activate=false')).toEqual({
      'GET /a': 'alpha',
    });
    expect(await uploadNames(key, slug, named('gamma'))).toEqual({ 'GET /a': 'alpha' });
    const tools = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${slug}/tools`,
      headers: bearer(key),
    });
    expect(tools.json().tools.map((x: { name: string }) => x.name)).toEqual(['alpha']);
  });
});
