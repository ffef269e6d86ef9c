import type { Store } from '@portico/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, fixture, signup, type TestApp, testApp, upload } from './helpers.js';

let t: TestApp;
let lookups = 0;
/** Owner org with a server, a version and an upstream credential; an attacker org with a key. */
let owner: { key: string; keyId: string; slug: string; serverId: string; versionId: string };
let attacker: { key: string; keyId: string };
const SECRET = 'sk_live_OWNER_SECRET_VALUE_42';

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
  const server = await createServer(t.app, o.key);
  const up = await upload(t.app, o.key, server.slug, fixture('v3.0__petstore-expanded.json'));
  await t.app.inject({
    method: 'PUT',
    url: `/api/v1/servers/${server.slug}/upstream`,
    headers: bearer(o.key),
    payload: { credential: { type: 'bearer', value: SECRET } },
  });
  owner = {
    key: o.key,
    keyId: o.keyId,
    slug: server.slug,
    serverId: server.serverId,
    versionId: up.json().version.versionId,
  };
  const a = await signup(t.app);
  attacker = { key: a.key, keyId: a.keyId };
});
afterAll(() => t.close());

interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: () => string;
  payload?: () => unknown;
  contentType?: string;
  /** Scoped to one of the owner's resources: another org must get 404. */
  scoped: boolean;
}

/** Every authenticated route of the control API. */
const routes: RouteCase[] = [
  { name: 'GET /api/v1/org', method: 'GET', url: () => '/api/v1/org', scoped: false },
  {
    name: 'POST /api/v1/api-keys',
    method: 'POST',
    url: () => '/api/v1/api-keys',
    payload: () => ({ name: 'x' }),
    scoped: false,
  },
  { name: 'GET /api/v1/api-keys', method: 'GET', url: () => '/api/v1/api-keys', scoped: false },
  {
    name: 'DELETE /api/v1/api-keys/:keyId',
    method: 'DELETE',
    url: () => `/api/v1/api-keys/${owner.keyId}`,
    scoped: true,
  },
  {
    name: 'POST /api/v1/servers',
    method: 'POST',
    url: () => '/api/v1/servers',
    payload: () => ({ slug: 'x-sec', name: 'x' }),
    scoped: false,
  },
  { name: 'GET /api/v1/servers', method: 'GET', url: () => '/api/v1/servers', scoped: false },
  {
    name: 'GET /api/v1/servers/:slug',
    method: 'GET',
    url: () => `/api/v1/servers/${owner.slug}`,
    scoped: true,
  },
  {
    name: 'PATCH /api/v1/servers/:slug',
    method: 'PATCH',
    url: () => `/api/v1/servers/${owner.slug}`,
    payload: () => ({ name: 'pwned' }),
    scoped: true,
  },
  {
    name: 'POST /api/v1/servers/:slug/versions',
    method: 'POST',
    url: () => `/api/v1/servers/${owner.slug}/versions`,
    payload: () => fixture('v3.0__petstore-expanded.json'),
    contentType: 'application/json',
    scoped: true,
  },
  {
    name: 'GET /api/v1/servers/:slug/versions',
    method: 'GET',
    url: () => `/api/v1/servers/${owner.slug}/versions`,
    scoped: true,
  },
  {
    name: 'GET /api/v1/servers/:slug/versions/:versionId',
    method: 'GET',
    url: () => `/api/v1/servers/${owner.slug}/versions/${owner.versionId}`,
    scoped: true,
  },
  {
    name: 'POST /api/v1/servers/:slug/versions/:versionId/activate',
    method: 'POST',
    url: () => `/api/v1/servers/${owner.slug}/versions/${owner.versionId}/activate`,
    scoped: true,
  },
  {
    name: 'GET /api/v1/servers/:slug/tools',
    method: 'GET',
    url: () => `/api/v1/servers/${owner.slug}/tools`,
    scoped: true,
  },
  {
    name: 'GET /api/v1/servers/:slug/tool-config',
    method: 'GET',
    url: () => `/api/v1/servers/${owner.slug}/tool-config`,
    scoped: true,
  },
  {
    name: 'PUT /api/v1/servers/:slug/tool-config',
    method: 'PUT',
    url: () => `/api/v1/servers/${owner.slug}/tool-config`,
    payload: () => ({ mode: 'dynamic', selection: { exclude: [{ method: 'get' }] } }),
    scoped: true,
  },
  {
    name: 'PUT /api/v1/servers/:slug/upstream',
    method: 'PUT',
    url: () => `/api/v1/servers/${owner.slug}/upstream`,
    payload: () => ({ baseUrl: 'https://attacker.example.com' }),
    scoped: true,
  },
  {
    name: 'GET /api/v1/servers/:slug/upstream',
    method: 'GET',
    url: () => `/api/v1/servers/${owner.slug}/upstream`,
    scoped: true,
  },
];

function call(route: RouteCase, headers: Record<string, string>) {
  const payload = route.payload?.();
  return t.app.inject({
    method: route.method,
    url: route.url(),
    headers: {
      ...headers,
      ...(route.contentType ? { 'content-type': route.contentType } : {}),
    },
    ...(payload !== undefined ? { payload: payload as string } : {}),
  });
}

describe.each(routes)('$name', (route) => {
  it('401 without a key', async () => {
    const res = await call(route, {});
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
      const res = await call(route, headers);
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
    const res = await call(route, bearer(doomed));
    expect(res.statusCode).toBe(401);
  });

  it("another org's key gets 404 on the owner's resources and never their data", async () => {
    const res = await call(route, bearer(attacker.key));
    if (route.scoped) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    } else {
      expect(res.statusCode).toBeLessThan(300);
    }
    // The 404 message may echo the slug the caller sent, nothing of the owner's data.
    expect(res.body).not.toContain(owner.serverId);
    expect(res.body).not.toContain('Test server');
    if (!route.url().includes(owner.keyId)) expect(res.body).not.toContain(owner.keyId);
    if (!route.url().includes(owner.versionId)) expect(res.body).not.toContain(owner.versionId);
    expect(res.body).not.toContain(SECRET);
  });
});

describe('after all attacks', () => {
  it("the owner's server, key and upstream are unchanged", async () => {
    const server = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${owner.slug}`,
      headers: bearer(owner.key),
    });
    expect(server.statusCode).toBe(200);
    expect(server.json().server.name).toBe('Test server');
    const versions = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${owner.slug}/versions`,
      headers: bearer(owner.key),
    });
    expect(versions.json().versions).toHaveLength(1);
    const upstream = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${owner.slug}/upstream`,
      headers: bearer(owner.key),
    });
    expect(upstream.json().upstream.baseUrl).toBeNull();
    const toolConfig = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${owner.slug}/tool-config`,
      headers: bearer(owner.key),
    });
    expect(toolConfig.json().toolConfig.version).toBe(0);
  });
});
