import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createServer,
  memberSession,
  signup,
  type TestApp,
  testApp,
  upload,
} from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const SECRET = 'sk_live_PINNED_0123456789';
const credential = { type: 'bearer', value: SECRET };

function documentAt(server: string): string {
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: 'pinned', version: '1' },
    servers: [{ url: server }],
    paths: {
      '/items': { get: { operationId: 'listItems', responses: { 200: { description: 'ok' } } } },
    },
  });
}

async function put(key: string, slug: string, payload: unknown) {
  return t.app.inject({
    method: 'PUT',
    url: `/api/v1/servers/${slug}/upstream`,
    headers: bearer(key),
    payload: payload as Record<string, unknown>,
  });
}

describe('upstream credentials are pinned to the origin they were configured for', () => {
  it('pins a credential given without a base URL to the active version server origin', async () => {
    const { orgId, key } = await signup(t.app);
    const server = await createServer(t.app, key);
    expect(
      (await upload(t.app, key, server.slug, documentAt('https://API.example.com/v1'))).statusCode,
    ).toBe(201);
    const res = await put(key, server.slug, { credential });
    expect(res.statusCode).toBe(200);
    const config = await t.store.upstreams.get(orgId, server.serverId);
    expect(config?.credentialOrigin).toBe('https://api.example.com');
  });

  it('refuses a credential with nothing absolute to pin it to, storing nothing', async () => {
    const { orgId, key } = await signup(t.app);
    const none = await createServer(t.app, key);
    const relative = await createServer(t.app, key);
    await upload(t.app, key, relative.slug, documentAt('/v1'));
    for (const slug of [none.slug, relative.slug]) {
      const res = await put(key, slug, { credential });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect(await t.store.upstreams.get(orgId, none.serverId)).toBeUndefined();
  });

  it('refuses to move a kept credential to a base URL of another origin', async () => {
    const { orgId, key } = await signup(t.app);
    const server = await createServer(t.app, key);
    expect(
      (await put(key, server.slug, { baseUrl: 'https://api.example.com', credential })).statusCode,
    ).toBe(200);
    for (const baseUrl of [
      'https://api.example.com.attacker.test',
      'https://attacker.test/https://api.example.com',
      'http://api.example.com',
      'https://api.example.com:444',
    ]) {
      const res = await put(key, server.slug, { baseUrl });
      expect(res.statusCode, baseUrl).toBe(409);
      expect(res.json().error.code).toBe('CONFLICT');
      expect(res.body).not.toContain(SECRET);
    }
    const config = await t.store.upstreams.get(orgId, server.serverId);
    expect(config).toMatchObject({
      baseUrl: 'https://api.example.com',
      credentialOrigin: 'https://api.example.com',
    });
    // Moving it is deliberate: the credential sent again with the new base URL.
    const moved = await put(key, server.slug, { baseUrl: 'https://new.example.com', credential });
    expect(moved.statusCode).toBe(200);
    expect((await t.store.upstreams.get(orgId, server.serverId))?.credentialOrigin).toBe(
      'https://new.example.com',
    );
  });

  it('a developer who may deploy but does not hold the secret cannot carry it elsewhere', async () => {
    const { orgId, key } = await signup(t.app);
    const server = await createServer(t.app, key);
    await upload(t.app, key, server.slug, documentAt('https://api.example.com'));
    expect((await put(key, server.slug, { credential })).statusCode).toBe(200);
    const developer = await memberSession(t, orgId, 'developer');
    const moved = await put(developer.token, server.slug, { baseUrl: 'https://attacker.test' });
    expect(moved.statusCode).toBe(409);
    const deployed = await upload(
      t.app,
      developer.token,
      server.slug,
      documentAt('https://attacker.test'),
    );
    expect(deployed.statusCode).toBe(201);
    expect((await t.store.upstreams.get(orgId, server.serverId))?.credentialOrigin).toBe(
      'https://api.example.com',
    );
  });

  it('a new version whose servers point elsewhere does not move the pin', async () => {
    const { orgId, key } = await signup(t.app);
    const server = await createServer(t.app, key);
    await upload(t.app, key, server.slug, documentAt('https://api.example.com'));
    expect((await put(key, server.slug, { credential })).statusCode).toBe(200);
    expect(
      (await upload(t.app, key, server.slug, documentAt('https://attacker.test'))).statusCode,
    ).toBe(201);
    const config = await t.store.upstreams.get(orgId, server.serverId);
    expect(config?.credentialOrigin).toBe('https://api.example.com');
  });

  it('accepts a public IPv6 literal base URL', async () => {
    const { key } = await signup(t.app);
    const server = await createServer(t.app, key);
    const res = await put(key, server.slug, { baseUrl: 'http://[2606:4700::1111]/v1' });
    expect(res.statusCode).toBe(200);
    expect(res.json().upstream.baseUrl).toBe('http://[2606:4700::1111]/v1');
  });
});
