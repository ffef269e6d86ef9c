import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createServer, memberSession, signup, type TestApp, testApp } from './helpers.js';

// OAuth clients an org pre-registers for one of its servers (a bespoke app, a test harness).
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('/servers/{slug}/oauth-clients', () => {
  it('registers a public client bound to the server, lists it, deletes it', async () => {
    const { orgId, key } = await signup(t.app);
    const server = await createServer(t.app, key, { access: 'end_user' });
    const developer = await memberSession(t, orgId, 'developer');
    const redirectUris = [
      'https://app.example/callback',
      'http://127.0.0.1/callback',
      'http://[::1]:8080/cb',
      'http://localhost:3000/cb',
      'com.example.app:/oauth2redirect',
    ];
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/servers/${server.slug}/oauth-clients`,
      headers: bearer(developer.token),
      payload: { clientName: 'Bespoke app', redirectUris },
    });
    expect(created.statusCode).toBe(201);
    const client = created.json().oauthClient;
    expect(client).toEqual({
      clientId: expect.stringMatching(/^cli_/),
      clientName: 'Bespoke app',
      redirectUris,
      grantTypes: ['authorization_code', 'refresh_token'],
      responseTypes: ['code'],
      tokenEndpointAuthMethod: 'none',
      createdAt: expect.any(String),
    });
    // What the auth service reads: the global client, bound to this org and server.
    expect(await t.store.oauthClients.get(client.clientId)).toMatchObject({
      source: 'org',
      orgId,
      serverId: server.serverId,
      redirectUris,
    });

    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${server.slug}/oauth-clients`,
      headers: bearer(key),
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().oauthClients).toEqual([client]);

    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/servers/${server.slug}/oauth-clients/${client.clientId}`,
      headers: bearer(key),
    });
    expect(deleted.statusCode).toBe(204);
    expect(await t.store.oauthClients.get(client.clientId)).toBeUndefined();
    const empty = await t.app.inject({
      method: 'GET',
      url: `/api/v1/servers/${server.slug}/oauth-clients`,
      headers: bearer(key),
    });
    expect(empty.json().oauthClients).toEqual([]);
  });
});
