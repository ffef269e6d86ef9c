import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, signup, type TestApp, testApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const SECRET = 'sk_live_ABCDEFGHIJKLMNOP1234';

describe('upstream configuration', () => {
  it('stores the credential for the gateway and only ever shows it redacted', async () => {
    const { orgId, key } = await signup(t.app);
    const server = await createServer(t.app, key);
    const url = `/api/v1/servers/${server.slug}/upstream`;

    const empty = await t.app.inject({ method: 'GET', url, headers: bearer(key) });
    expect(empty.json().upstream).toEqual({ baseUrl: null, credential: null, updatedAt: null });

    const put = await t.app.inject({
      method: 'PUT',
      url,
      headers: bearer(key),
      payload: {
        baseUrl: 'https://api.example.com/v1',
        credential: { type: 'header', name: 'X-Api-Key', value: SECRET },
      },
    });
    expect(put.statusCode).toBe(200);
    expect(put.body).not.toContain(SECRET);
    expect(put.json().upstream).toMatchObject({
      baseUrl: 'https://api.example.com/v1',
      credential: { type: 'header', name: 'X-Api-Key', hint: '…1234' },
    });

    const got = await t.app.inject({ method: 'GET', url, headers: bearer(key) });
    expect(got.body).not.toContain(SECRET);
    expect(got.json().upstream.credential.hint).toBe('…1234');
    // The gateway reads the decrypted credential from the store.
    const config = await t.store.upstreams.get(orgId, server.serverId);
    expect(config?.credential).toEqual({ type: 'header', name: 'X-Api-Key', value: SECRET });

    // Absent keeps, null clears.
    const bearerOnly = await t.app.inject({
      method: 'PUT',
      url,
      headers: bearer(key),
      payload: { credential: { type: 'bearer', value: 'short' } },
    });
    expect(bearerOnly.json().upstream).toMatchObject({
      baseUrl: 'https://api.example.com/v1',
      credential: { type: 'bearer', name: null, hint: '…' },
    });
    const cleared = await t.app.inject({
      method: 'PUT',
      url,
      headers: bearer(key),
      payload: { baseUrl: null, credential: null },
    });
    expect(cleared.json().upstream).toMatchObject({ baseUrl: null, credential: null });
  });
});
